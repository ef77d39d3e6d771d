import type { DB } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { applyEvent } from "~/utils/lifecycle";
import { conflict, notFoundResult, type Result } from "~/utils/result";
import { endEnrolment, findEnrolment } from "./cohort-store.server";
import { loadForRecord } from "./contract-access.server";
import { ENROLMENT_LIFECYCLE } from "./lifecycle";

/**
 * A confirmed trainee drops out, with the reason (DESIGN.md "Contract and delivery"): they leave
 * the cohort and its place under the demand's headcount is free again; their attendance so far
 * stays on record. Not once their result is recorded (results are final: payments rest on them).
 */
export async function dropTrainee(db: DB, actor: Actor, input: { contractId: string; enrolmentId: string; reason: string }): Promise<Result<{ enrolmentId: string }>> {
  const loaded = await loadForRecord(db, actor, input.contractId);
  if (!loaded.ok) return loaded;
  const contract = loaded.contract;
  const e = await findEnrolment(db, contract.id, input.enrolmentId);
  if (!e) return notFoundResult;
  const step = applyEvent(ENROLMENT_LIFECYCLE, e.status, "drop");
  if (!step.ok) return conflict("delivery.enrolment.errors.notConfirmed");
  if (e.progress !== "in_training") return conflict("delivery.enrolment.errors.resultRecorded");
  return endEnrolment(db, actor, contract.id, e, {
    to: step.to,
    reason: input.reason,
    audit: {
      action: "enrolment.drop",
    },
    conflictKey: "delivery.enrolment.errors.notConfirmed",
    onlyWithoutResult: true,
    // The last trainee without a result leaving settles the cohort: the enterprise may rate.
    mayCompleteCohort: true,
  });
}
