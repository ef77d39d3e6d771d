import type { DB } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { applyEvent } from "~/utils/lifecycle";
import { conflict, notFoundResult, type Result } from "~/utils/result";
import { endEnrolment, findEnrolment } from "./cohort-store.server";
import { loadForRecord } from "./contract-access.server";
import { ENROLMENT_LIFECYCLE } from "./lifecycle";

/** The institution declines an offered trainee, with its reason (kept on the enrolment, audited). */
export async function declineTrainee(db: DB, actor: Actor, input: { contractId: string; enrolmentId: string; reason: string }): Promise<Result<{ enrolmentId: string }>> {
  const loaded = await loadForRecord(db, actor, input.contractId);
  if (!loaded.ok) return loaded;
  const contract = loaded.contract;
  const e = await findEnrolment(db, contract.id, input.enrolmentId);
  if (!e) return notFoundResult;
  const step = applyEvent(ENROLMENT_LIFECYCLE, e.status, "decline");
  if (!step.ok) return conflict("delivery.enrolment.errors.notOffered");
  return endEnrolment(db, actor, contract.id, e, {
    to: step.to,
    reason: input.reason,
    audit: {
      action: "enrolment.decline",
    },
    conflictKey: "delivery.enrolment.errors.notOffered",
  });
}
