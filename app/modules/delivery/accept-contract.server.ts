import type { DB } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { can } from "~/modules/access/policy";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { CONTRACT_LIFECYCLE } from "~/modules/contract/lifecycle";
import { notify } from "~/modules/notification/notify.server";
import { now } from "~/utils/clock.server";
import { applyEvent } from "~/utils/lifecycle";
import { conflict, forbiddenResult, msg, ok, type Result } from "~/utils/result";
import { acceptanceRefusal, acceptanceSnapshot, acceptanceSummary, parseAcceptanceSnapshot, type AcceptanceSnapshot, type AcceptanceSummary } from "./acceptance";
import { listCohort } from "./cohort-queries.server";
import { courseSpan, coveredEnterprises, findAcceptanceFields } from "./completion-context.server";
import { loadForView, type DeliveryContract } from "./contract-access.server";

export interface MilestoneLine {
  id: string;
  number: number;
  kind: "advance" | "balance";
  traineeCount: number;
  amountFen: number;
  status: string;
  requestedAt: string;
  decidedAt: string | null;
  payments: { attempt: number; amountFen: number; status: string; mode: string; settledAt: string | null }[];
}

export interface EnterpriseRating {
  enterpriseId: string;
  enterpriseName: string;
  headcount: number;
  rating: { score: number; comment: string; ratedAt: string } | null;
}

export interface AcceptanceView {
  contract: DeliveryContract;
  summary: AcceptanceSummary;
  enterprises: EnterpriseRating[];
  milestones: MilestoneLine[];
  accepted: { at: string; byName: string | null; snapshot: AcceptanceSnapshot | null } | null;
  /** Why it cannot be accepted now (a dictionary message), or null when it can. */
  refusal: string | null;
  /** This reader may sign off (a bureau officer) — whether or not the contract is ready. */
  mayAccept: boolean;
}

/** The live figures of a contract's delivery, and the ratings and milestones they come with. */
async function gather(db: DB, contract: { id: string; awardId: string; completionPct: number }) {
  const cohort = await listCohort(db, contract.id);
  const dropped = await db
    .selectFrom("enrolments")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("contract_id", "=", contract.id)
    .where("status", "=", "dropped")
    .executeTakeFirstOrThrow();
  const span = await courseSpan(db, contract.id);
  const covered = await coveredEnterprises(db, contract.awardId);
  const ratings = await db.selectFrom("ratings").select(["enterprise_id", "score", "comment", "rated_at"]).where("contract_id", "=", contract.id).execute();
  const enterprises: EnterpriseRating[] = covered.map((e) => {
    const r = ratings.find((x) => x.enterprise_id === e.id);
    return { enterpriseId: e.id, enterpriseName: e.name, headcount: e.headcount, rating: r ? { score: Number(r.score), comment: r.comment, ratedAt: r.rated_at } : null };
  });
  // Milestones and payments are the payment context's; acceptance only reads their status and amounts.
  const ms = await db
    .selectFrom("milestones")
    .select(["id", "number", "kind", "trainee_count", "amount_fen", "status", "requested_at", "decided_at"])
    .where("contract_id", "=", contract.id)
    .orderBy("number")
    .execute();
  const pays = ms.length
    ? await db
        .selectFrom("payments")
        .select(["milestone_id", "attempt", "amount_fen", "status", "mode", "settled_at"])
        .where(
          "milestone_id",
          "in",
          ms.map((m) => m.id),
        )
        .orderBy("attempt")
        .execute()
    : [];
  const milestones: MilestoneLine[] = ms.map((m) => ({
    id: m.id,
    number: Number(m.number),
    kind: m.kind,
    traineeCount: Number(m.trainee_count),
    amountFen: Number(m.amount_fen),
    status: m.status,
    requestedAt: m.requested_at,
    decidedAt: m.decided_at,
    payments: pays
      .filter((p) => p.milestone_id === m.id)
      .map((p) => ({ attempt: Number(p.attempt), amountFen: Number(p.amount_fen), status: p.status, mode: p.mode, settledAt: p.settled_at })),
  }));
  const summary = acceptanceSummary({
    confirmed: cohort.members.map((m) => ({ progress: m.progress, attendedMinutes: m.attendedMinutes })),
    dropped: Number(dropped.n),
    sessions: span.sessions,
    plannedMinutes: span.plannedMinutes,
    completionPct: contract.completionPct,
    enterprises: enterprises.map((e) => ({ name: e.enterpriseName, score: e.rating?.score ?? null })),
    milestones: milestones.map((m) => ({ status: m.status, amountFen: m.amountFen })),
  });
  return { summary, enterprises, milestones };
}

function refusalText(r: ReturnType<typeof acceptanceRefusal>): string | null {
  return r ? msg(r.key, r.params) : null;
}

/**
 * A contract's acceptance checklist (DESIGN.md "Contract and delivery"), for the bureau and the
 * contract's institution: results, ratings (missing ones marked), attendance, milestones and
 * payments; once accepted, the stored snapshot. Counts only: no trainee is named here.
 */
export async function findAcceptance(db: DB, actor: Actor, contractId: string): Promise<Result<AcceptanceView>> {
  const loaded = await loadForView(db, actor, contractId);
  if (!loaded.ok) return loaded;
  const contract = loaded.value;
  const { summary, enterprises, milestones } = await gather(db, { id: contract.id, awardId: contract.awardId, completionPct: contract.tender.completionPct });
  const fields = await findAcceptanceFields(db, contract.id);
  return ok({
    contract,
    summary,
    enterprises,
    milestones,
    accepted: fields?.acceptedAt ? { at: fields.acceptedAt, byName: fields.acceptedByName, snapshot: parseAcceptanceSnapshot(fields.acceptanceJson) } : null,
    refusal: refusalText(acceptanceRefusal(contract.status, summary)),
    mayAccept: can(actor, "contract.accept"),
  });
}

/**
 * The bureau signs off a contract (验收): an officer, on an active contract whose every confirmed
 * trainee has a result. The contract completes (CONTRACT_LIFECYCLE `complete`) with the snapshot
 * of its results, ratings and figures; the institution and each covered enterprise are told.
 * A missing rating does not block: it is marked in the snapshot.
 */
export async function acceptContract(db: DB, actor: Actor, input: { contractId: string }): Promise<Result<{ acceptedAt: string }>> {
  const loaded = await loadForView(db, actor, input.contractId);
  if (!loaded.ok) return loaded;
  if (!can(actor, "contract.accept")) return forbiddenResult;
  const contract = loaded.value;
  return db.transaction().execute(async (trx) => {
    // Take the contract's row first, so results and enrolment changes queue behind the sign-off.
    await trx.updateTable("contracts").set((eb) => ({ status: eb.ref("status") })).where("id", "=", contract.id).execute();
    const c = await trx.selectFrom("contracts").select(["status", "reference", "institution_id"]).where("id", "=", contract.id).executeTakeFirstOrThrow();
    const { summary, enterprises } = await gather(trx, { id: contract.id, awardId: contract.awardId, completionPct: contract.tender.completionPct });
    const refusal = acceptanceRefusal(c.status, summary);
    if (refusal) return conflict(msg(refusal.key, refusal.params));
    const step = applyEvent(CONTRACT_LIFECYCLE, c.status, "complete");
    if (!step.ok) return conflict("completion.acceptance.errors.notActive");
    const at = now().toISOString();
    const snapshot = acceptanceSnapshot(summary, at);
    const written = await trx
      .updateTable("contracts")
      .set({ status: step.to, accepted_at: at, accepted_by: actor.userId, acceptance_json: JSON.stringify(snapshot), completed_at: at, updated_at: at })
      .where("id", "=", contract.id)
      .where("status", "=", c.status)
      .executeTakeFirst();
    if (Number(written.numUpdatedRows) !== 1) return conflict("completion.acceptance.errors.notActive");
    await appendAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: "contract.accept",
      recordType: "contract",
      recordId: contract.id,
      before: { accepted: false },
      after: {
        acceptedAt: at,
        trainees: summary.trainees,
        ratings: summary.ratings,
        meanRating: summary.meanRating,
      },
    });
    await appendAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: "contract.complete",
      recordType: "contract",
      recordId: contract.id,
      before: { status: c.status },
      after: { status: step.to },
    });
    await notify(trx, { organisationId: c.institution_id, kind: "contractAccepted", params: { contract: c.reference }, link: `/contracts/${contract.id}/acceptance`, at });
    for (const e of enterprises) {
      await notify(trx, { organisationId: e.enterpriseId, kind: "contractAccepted", params: { contract: c.reference }, link: `/training/${contract.id}`, at });
    }
    return ok({ acceptedAt: at });
  });
}
