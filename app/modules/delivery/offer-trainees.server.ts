import type { Transaction } from "kysely";
import type { DB as Schema } from "#db/schema";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { notify } from "~/modules/notification/notify.server";
import { newId } from "~/utils/id.server";
import { REMOVED_FROM_ROSTER } from "./enrolment";

type Trx = Transaction<Schema>;

/** Who caused the offers: the user who activated the contract or completed the roster. */
export interface OfferedBy {
  userId: string | null;
  orgId: string | null;
}

/** Rows per INSERT: well under SQLite's and PostgreSQL's limits on bound parameters. */
const BATCH = 200;

/**
 * Takes a demand's row lock (a no-op update), so that a roster change and an activation that
 * reads the roster queue instead of each missing the other's trainees.
 */
export async function lockDemandRow(trx: Trx, demandId: string): Promise<void> {
  await trx
    .updateTable("demands")
    .set((eb) => ({ status: eb.ref("status") }))
    .where("id", "=", demandId)
    .execute();
}

/**
 * Offers trainees to a contract's cohort inside the caller's transaction: every given roster
 * trainee of a covered demand that has no live (offered or confirmed) enrolment in the contract
 * yet becomes `offered`. One audit entry per contract; the institution is told. Returns the count.
 */
async function offer(
  trx: Trx,
  contract: { id: string; reference: string; institution_id: string },
  candidates: readonly { demandId: string; traineeId: string }[],
  o: { by: OfferedBy; at: string; cause: "activation" | "roster" },
): Promise<number> {
  if (candidates.length === 0) return 0;
  const live = await trx
    .selectFrom("enrolments")
    .select(["trainee_id", "demand_id"])
    .where("contract_id", "=", contract.id)
    .where("status", "in", ["offered", "confirmed"])
    .execute();
  const taken = new Set(live.map((l) => l.trainee_id));
  const fresh: Schema["enrolments"][] = [];
  for (const c of candidates) {
    if (taken.has(c.traineeId)) continue;
    taken.add(c.traineeId);
    fresh.push({
      id: newId(),
      contract_id: contract.id,
      demand_id: c.demandId,
      trainee_id: c.traineeId,
      status: "offered",
      status_reason: null,
      replaces_enrolment_id: null,
      confirmed_at: null,
      confirmed_by: null,
      progress: null,
      progress_reason: null,
      assessment_passed: null,
      certificate_number: null,
      level_reached: null,
      certified_on: null,
      result_recorded_at: null,
      result_recorded_by: null,
      created_at: o.at,
      updated_at: o.at,
    });
  }
  if (fresh.length === 0) return 0;
  for (let i = 0; i < fresh.length; i += BATCH) await trx.insertInto("enrolments").values(fresh.slice(i, i + BATCH)).execute();
  const perDemand = new Map<string, number>();
  for (const f of fresh) perDemand.set(f.demand_id, (perDemand.get(f.demand_id) ?? 0) + 1);
  await appendAudit(trx, {
    actorUserId: o.by.userId,
    actorOrgId: o.by.orgId,
    action: "enrolment.offer",
    recordType: "contract",
    recordId: contract.id,
    after: { cause: o.cause, count: fresh.length, demands: [...perDemand].map(([demandId, count]) => ({ demandId, count })) },
  });
  await notify(trx, {
    organisationId: contract.institution_id,
    kind: "traineesOffered",
    params: { contract: contract.reference },
    link: `/contracts/${contract.id}/trainees`,
    at: o.at,
  });
  return fresh.length;
}

/**
 * Takes the row locks of the demands a contract covers. An activating signature takes them
 * before it writes its first audit entry (which holds the audit chain's head until commit), so
 * that it never waits for a demand while a roster change holding that demand waits for the head.
 */
export async function lockCoveredDemands(trx: Trx, contractId: string): Promise<void> {
  const covered = await trx
    .selectFrom("contracts as c")
    .innerJoin("award_demands as ad", "ad.award_id", "c.award_id")
    .select("ad.demand_id")
    .where("c.id", "=", contractId)
    .orderBy("ad.demand_id")
    .execute();
  for (const d of covered) await lockDemandRow(trx, d.demand_id);
}

/**
 * When a contract becomes active (inside the activating transaction), every roster trainee of
 * the demands it covers is offered to its cohort (DESIGN.md "Contract and delivery"). A covered
 * demand whose roster cannot fill the award's headcount for it (counting only trainees not
 * already confirmed in another cohort) makes its enterprise be asked to complete it
 * (`rosterIncomplete`, with how many are missing).
 */
export async function offerContractTrainees(trx: Trx, contractId: string, o: { by: OfferedBy; at: string }): Promise<{ offered: number; incomplete: { demandId: string; missing: number }[] }> {
  const contract = await trx.selectFrom("contracts").select(["id", "reference", "institution_id", "award_id"]).where("id", "=", contractId).executeTakeFirstOrThrow();
  const covered = await trx
    .selectFrom("award_demands as ad")
    .innerJoin("demands as d", "d.id", "ad.demand_id")
    .select(["d.id", "d.enterprise_id", "ad.headcount"])
    .where("ad.award_id", "=", contract.award_id)
    .orderBy("d.id")
    .execute();
  const candidates: { demandId: string; traineeId: string }[] = [];
  const incomplete: { demandId: string; missing: number }[] = [];
  for (const d of covered) {
    await lockDemandRow(trx, d.id);
    const roster = await trx
      .selectFrom("demand_trainees as dt")
      .innerJoin("trainees as tr", "tr.id", "dt.trainee_id")
      .select((eb) => [
        "dt.trainee_id",
        eb
          .exists(
            eb
              .selectFrom("enrolments as e")
              .innerJoin("trainees as t2", "t2.id", "e.trainee_id")
              .select("e.id")
              .whereRef("t2.id_number", "=", "tr.id_number")
              .where("e.status", "=", "confirmed"),
          )
          .as("elsewhere"),
      ])
      .where("dt.demand_id", "=", d.id)
      .orderBy("dt.added_at")
      .orderBy("dt.trainee_id")
      .execute();
    for (const r of roster) candidates.push({ demandId: d.id, traineeId: r.trainee_id });
    const available = roster.filter((r) => !Number(r.elsewhere)).length;
    const missing = Number(d.headcount) - available;
    if (missing > 0) {
      incomplete.push({ demandId: d.id, missing });
      await notify(trx, {
        organisationId: d.enterprise_id,
        kind: "rosterIncomplete",
        params: { contract: contract.reference, missing },
        link: `/demands/${d.id}/roster`,
        at: o.at,
      });
    }
  }
  const offered = await offer(trx, contract, candidates, { ...o, cause: "activation" });
  return { offered, incomplete };
}

/**
 * Trainees the enterprise added to a demand's roster (inside the adding transaction) are offered
 * to every active contract covering that demand, so that a roster completed after signing reaches
 * the cohort. Returns how many offers were made.
 */
export async function offerAddedTrainees(trx: Trx, demandId: string, traineeIds: readonly string[], o: { by: OfferedBy; at: string }): Promise<number> {
  if (traineeIds.length === 0) return 0;
  const contracts = await trx
    .selectFrom("contracts as c")
    .innerJoin("award_demands as ad", "ad.award_id", "c.award_id")
    .select(["c.id", "c.reference", "c.institution_id"])
    .where("ad.demand_id", "=", demandId)
    .where("c.status", "=", "active")
    .orderBy("c.reference")
    .execute();
  let count = 0;
  for (const c of contracts) {
    count += await offer(
      trx,
      c,
      traineeIds.map((traineeId) => ({ demandId, traineeId })),
      { ...o, cause: "roster" },
    );
  }
  return count;
}

/**
 * Before a trainee leaves a demand's roster (inside the removing transaction): refused (false)
 * while they are confirmed in a cohort from that demand; otherwise any open offer of them from
 * that demand lapses (declined, reason `removedFromRoster`), audited.
 */
export async function withdrawOffersOfRemovedTrainee(trx: Trx, demandId: string, traineeId: string, o: { by: OfferedBy; at: string }): Promise<boolean> {
  const live = await trx
    .selectFrom("enrolments")
    .select(["id", "status", "contract_id"])
    .where("demand_id", "=", demandId)
    .where("trainee_id", "=", traineeId)
    .where("status", "in", ["offered", "confirmed"])
    .execute();
  if (live.some((e) => e.status === "confirmed")) return false;
  for (const e of live) {
    const r = await trx
      .updateTable("enrolments")
      .set({ status: "declined", status_reason: REMOVED_FROM_ROSTER, updated_at: o.at })
      .where("id", "=", e.id)
      .where("status", "=", "offered")
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return false;
    await appendAudit(trx, {
      actorUserId: o.by.userId,
      actorOrgId: o.by.orgId,
      action: "enrolment.decline",
      recordType: "enrolment",
      recordId: e.id,
      before: { status: "offered" },
      after: { status: "declined", contractId: e.contract_id, reason: REMOVED_FROM_ROSTER },
    });
  }
  return true;
}

