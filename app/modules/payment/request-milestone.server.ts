import type { DB } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { can } from "~/modules/access/policy";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { bureauOrganisationId, notify } from "~/modules/notification/notify.server";
import { nowIso } from "~/utils/clock.server";
import { newId } from "~/utils/id.server";
import { conflict, forbiddenResult, notFoundResult, ok, type Result } from "~/utils/result";
import type { MilestoneKind } from "./lifecycle";
import { traineeCountOf } from "./milestones";
import { computeNextMilestones, isUniqueViolation, loadContractTerms, lockContract, moneyParam } from "./payment-records.server";

/**
 * The institution requests its contract's next milestone of a kind (DESIGN.md "Contract and
 * delivery"; issue 5 "Payment"): the amount is computed from the delivery data at this moment and
 * frozen with its basis (basis_json; a balance's trainees in milestone_trainees, one live
 * milestone per trainee), and bureau finance is asked to review it. Only while the contract is in
 * force (active, or completed and awaiting its last balance).
 */
export async function requestMilestone(
  db: DB,
  actor: Actor,
  input: { contractId: string; kind: MilestoneKind },
): Promise<Result<{ milestoneId: string; number: number; amountFen: number }>> {
  const terms = await loadContractTerms(db, input.contractId);
  // A stranger to the contract learns nothing of it.
  if (!terms || !can(actor, "payment.view", { organisationId: terms.institutionId })) return notFoundResult;
  if (!can(actor, "milestone.request", { organisationId: terms.institutionId })) return forbiddenResult;
  if (terms.status !== "active" && terms.status !== "completed") return conflict("payment.errors.contractNotInForce");
  try {
    return await db.transaction().execute(async (trx) => {
      if (!(await lockContract(trx, terms.id))) return notFoundResult;
      const next = await computeNextMilestones(trx, terms);
      const basis = input.kind === "advance" ? next.advance : next.balance;
      if (!basis) return conflict(input.kind === "advance" ? "payment.errors.noAdvanceDue" : "payment.errors.noBalanceDue");
      const last = await trx
        .selectFrom("milestones")
        .select((eb) => eb.fn.max<number>("number").as("n"))
        .where("contract_id", "=", terms.id)
        .executeTakeFirst();
      const number = Number(last?.n ?? 0) + 1;
      const id = newId();
      const at = nowIso();
      const traineeCount = traineeCountOf(basis);
      await trx
        .insertInto("milestones")
        .values({
          id,
          contract_id: terms.id,
          kind: basis.kind,
          number,
          trainee_count: traineeCount,
          amount_fen: basis.amountFen,
          basis_json: JSON.stringify(basis),
          status: "requested",
          requested_at: at,
          requested_by: actor.userId,
          decided_at: null,
          decided_by: null,
          refusal_reason: null,
          updated_at: at,
        })
        .execute();
      if (basis.kind === "balance") {
        await trx
          .insertInto("milestone_trainees")
          .values(basis.trainees.map((t) => ({ enrolment_id: t.enrolmentId, milestone_id: id, amount_fen: basis.perTraineeFen })))
          .execute();
      }
      await appendAudit(trx, {
        actorUserId: actor.userId,
        actorOrgId: actor.orgId,
        action: "milestone.request",
        recordType: "milestone",
        recordId: id,
        after: { contractId: terms.id, kind: basis.kind, number, traineeCount, amountFen: basis.amountFen, status: "requested" },
      });
      await notify(trx, {
        organisationId: await bureauOrganisationId(trx),
        kind: "milestoneRequested",
        params: { contract: terms.reference, amount: moneyParam(basis.amountFen), number },
        link: `/finance/milestones/${id}`,
        at,
      });
      return ok({ milestoneId: id, number, amountFen: basis.amountFen });
    });
  } catch (e) {
    // Two requests computed the same milestone number or the same trainee at once: one stands.
    if (isUniqueViolation(e)) return conflict("payment.errors.changedMeanwhile");
    throw e;
  }
}
