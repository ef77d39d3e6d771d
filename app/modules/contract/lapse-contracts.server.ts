import type { DB } from "#db/client";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { AWARD_LIFECYCLE } from "~/modules/award/lifecycle";
import {
  insertAwards,
  LIVE_AWARD_STATUSES,
  lockLot,
  lotParams,
  moveBid,
  readLatestConfirmedReport,
  rulesAndCalendar,
  type By,
  type Trx,
} from "~/modules/award/lot-context.server";
import { proposeAwards } from "~/modules/award/proposal";
import { DEMAND_LIFECYCLE } from "~/modules/demand/lifecycle";
import { bureauOrganisationId, notify } from "~/modules/notification/notify.server";
import { now } from "~/utils/clock.server";
import { applyEvent } from "~/utils/lifecycle";
import { conflict, notFoundResult, ok, type Result } from "~/utils/result";
import { createContract } from "./create-contract.server";
import { CONTRACT_LIFECYCLE } from "./lifecycle";

export interface LapseOutcome {
  /** Awards made to next-ranked bids, with their new contracts. */
  replacements: { awardId: string; bidId: string; contractId: string; headcount: number }[];
  /** Demand that no bid could take and that went back to the pool. */
  releasedDemandIds: string[];
  /** Demand left without an institution that its lifecycle does not let go back to the pool. */
  strandedDemandIds: string[];
}

const SYSTEM: By = { userId: null, orgId: null };

/**
 * A contract left unsigned past its signing deadline lapses (DESIGN.md "Contract and delivery";
 * 政府采购法 art. 46): the contract and its award lapse, the bid is taken out of the running, and
 * the award's demand goes down the ranking to the next bids still available (not awarded, not
 * taken out, no live award), split over their capacities; each gets a confirmed award and a new
 * contract with a fresh signing deadline. Demand no bid can take goes back to the pool. Under the
 * lot's lock and a compare-and-set on the contract: a lapse happens once.
 */
export async function lapseContract(db: DB, contractId: string): Promise<Result<LapseOutcome>> {
  const head = await db.selectFrom("contracts").select("lot_id").where("id", "=", contractId).executeTakeFirst();
  if (!head) return notFoundResult;
  return db.transaction().execute(async (trx) => {
    const lot = await lockLot(trx, head.lot_id);
    if (!lot) return notFoundResult;
    const c = await trx.selectFrom("contracts").selectAll().where("id", "=", contractId).executeTakeFirstOrThrow();
    const t = now();
    if (c.status !== "pending_signature") return conflict("award.contracts.errors.notPending");
    if (t.getTime() <= Date.parse(c.sign_due_at)) return conflict("award.contracts.errors.notOverdue");
    const at = t.toISOString();

    const step = applyEvent(CONTRACT_LIFECYCLE, c.status, "lapse");
    if (!step.ok) return conflict("award.contracts.errors.notPending");
    const lapsed = await trx
      .updateTable("contracts")
      .set({ status: step.to, status_reason: "notSignedInTime", updated_at: at })
      .where("id", "=", c.id)
      .where("status", "=", c.status)
      .executeTakeFirst();
    if (Number(lapsed.numUpdatedRows) !== 1) return conflict("award.contracts.errors.notPending");
    await appendAudit(trx, {
      actorUserId: null,
      actorOrgId: null,
      action: "contract.lapse",
      recordType: "contract",
      recordId: c.id,
      before: { status: c.status, signDueAt: c.sign_due_at, bureauSigned: c.bureau_signed_at !== null, institutionSigned: c.institution_signed_at !== null },
      after: { status: step.to, reason: "notSignedInTime" },
    });

    const award = await trx.selectFrom("awards").select(["id", "bid_id", "status", "round"]).where("id", "=", c.award_id).executeTakeFirstOrThrow();
    const a = applyEvent(AWARD_LIFECYCLE, award.status, "lapse");
    if (a.ok) {
      await trx.updateTable("awards").set({ status: a.to, updated_at: at }).where("id", "=", award.id).where("status", "=", award.status).execute();
    }
    const bidStatus = await moveBid(trx, award.bid_id, "passOver", at, { excludedReason: "lapsed" });
    await appendAudit(trx, {
      actorUserId: null,
      actorOrgId: null,
      action: "award.lapse",
      recordType: "award",
      recordId: award.id,
      before: { status: award.status },
      after: { status: a.ok ? a.to : award.status, bidId: award.bid_id, bidStatus, excludedReason: "lapsed" },
    });
    const bureau = await bureauOrganisationId(trx);
    for (const organisationId of [c.institution_id, bureau]) {
      await notify(trx, { organisationId, kind: "contractLapsed", params: { ...lotParams(lot), contract: c.reference }, link: `/contracts/${c.id}`, at });
    }

    const parts = (await trx.selectFrom("award_demands").select(["demand_id", "headcount"]).where("award_id", "=", award.id).orderBy("demand_id").execute()).map(
      (p) => ({ demandId: p.demand_id, headcount: Number(p.headcount) }),
    );
    const available = await availableBidIds(trx, lot.id);
    const report = await readLatestConfirmedReport(trx, lot.id);
    const ranking = report?.ranking ?? [];
    const proposal = proposeAwards(ranking, parts, new Set(ranking.map((r) => r.bidId).filter((id) => !available.has(id))));

    const { rules, calendar } = await rulesAndCalendar(trx, lot.regime);
    const replacements: LapseOutcome["replacements"] = [];
    const awardIds = await insertAwards(trx, lot.id, proposal, { status: "confirmed", round: Number(award.round), at, by: SYSTEM, replacesAwardId: award.id, publishedAt: at });
    for (const [i, p] of proposal.entries()) {
      await moveBid(trx, p.bidId, "award", at);
      const created = await createContract(
        trx,
        { awardId: awardIds[i]!, tenderId: lot.tenderId, lotId: lot.id, institutionId: p.institutionId, headcount: p.headcount, priceFen: p.priceFen, valueFen: p.valueFen },
        { at: t, rules, calendar, by: SYSTEM, kind: "awardedAfterLapse", params: lotParams(lot) },
      );
      replacements.push({ awardId: awardIds[i]!, bidId: p.bidId, contractId: created.contractId, headcount: p.headcount });
    }

    const released: string[] = [];
    const stranded: string[] = [];
    for (const demandId of [...new Set(parts.map((p) => p.demandId))]) {
      if (await isCoveredByLiveAward(trx, demandId)) continue;
      if (await releaseDemand(trx, demandId, lot.id, at)) released.push(demandId);
      else stranded.push(demandId);
    }
    return ok({ replacements, releasedDemandIds: released, strandedDemandIds: stranded });
  });
}

/** Lapses every contract past its signing deadline (on access, like the opening at the deadline); returns how many lapsed. */
export async function lapseOverdueContracts(db: DB, scope: { tenderId?: string } = {}): Promise<number> {
  const t = now().toISOString();
  let q = db.selectFrom("contracts").select("id").where("status", "=", "pending_signature").where("sign_due_at", "<", t);
  if (scope.tenderId) q = q.where("tender_id", "=", scope.tenderId);
  const due = await q.orderBy("sign_due_at").limit(100).execute();
  let n = 0;
  for (const { id } of due) if ((await lapseContract(db, id)).ok) n += 1;
  return n;
}

/** Bids of the lot that may take over: not awarded, never taken out of the running, and holding no live award. */
async function availableBidIds(trx: Trx, lotId: string): Promise<Set<string>> {
  const rows = await trx
    .selectFrom("bids as b")
    .select("b.id")
    .where("b.lot_id", "=", lotId)
    .where("b.status", "=", "not_awarded")
    .where("b.excluded_reason", "is", null)
    .where((eb) => eb.not(eb.exists(eb.selectFrom("awards as a").select("a.id").whereRef("a.bid_id", "=", "b.id").where("a.status", "in", [...LIVE_AWARD_STATUSES]))))
    .execute();
  return new Set(rows.map((r) => r.id));
}

async function isCoveredByLiveAward(trx: Trx, demandId: string): Promise<boolean> {
  const row = await trx
    .selectFrom("award_demands as ad")
    .innerJoin("awards as a", "a.id", "ad.award_id")
    .select("a.id")
    .where("ad.demand_id", "=", demandId)
    .where("a.status", "in", [...LIVE_AWARD_STATUSES])
    .executeTakeFirst();
  return row !== undefined;
}

/** Puts one demand back in the pool when its lifecycle allows it (DEMAND_LIFECYCLE release), audited. */
async function releaseDemand(trx: Trx, demandId: string, lotId: string, at: string): Promise<boolean> {
  const d = await trx.selectFrom("demands").select(["id", "status"]).where("id", "=", demandId).executeTakeFirstOrThrow();
  const step = applyEvent(DEMAND_LIFECYCLE, d.status, "release");
  if (!step.ok) return false;
  const r = await trx
    .updateTable("demands")
    .set({ status: step.to, lot_id: null, tender_id: null, updated_at: at })
    .where("id", "=", d.id)
    .where("status", "=", d.status)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return false;
  await appendAudit(trx, {
    actorUserId: null,
    actorOrgId: null,
    action: "demand.release",
    recordType: "demand",
    recordId: d.id,
    before: { status: d.status, lotId },
    after: { status: step.to, reason: "contractLapsed" },
  });
  return true;
}
