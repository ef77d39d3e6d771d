import type { DB } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { shanghaiDate } from "~/modules/reference/working-days";
import { formatShanghai } from "~/modules/tender/deadline";
import { now } from "~/utils/clock.server";
import { applyEvent, type Transition } from "~/utils/lifecycle";
import { conflict, invalid, msg, notFoundResult, ok, type Result } from "~/utils/result";
import { notifyIfCohortComplete } from "./cohort-store.server";
import { attendedMinutes, courseSpan } from "./completion-context.server";
import { loadForRecord, lockActiveContract } from "./contract-access.server";
import { PROGRESS_LIFECYCLE, type ProgressStatus, type TraineeProgress } from "./lifecycle";
import { certificationErrors, completionOf, encodeReason, outcomeOf, type Certification } from "./results";

export interface RecordResultInput {
  contractId: string;
  enrolmentId: string;
  assessmentPassed: boolean;
  certification: Certification | null;
}

/**
 * Records a confirmed trainee's final result (DESIGN.md "Contract and delivery"): the final
 * assessment and, for a trainee who completed, the certification. Whether they completed is the
 * rule's (`completionOf`: attendance against the tender's share, then the assessment), never the
 * form's. Only the contract's institution records, only on an active contract and only once the
 * course's last session has started; a result is final (a second one is a conflict). When the
 * last of an enterprise's trainees has a result, that enterprise is asked to rate the training.
 */
export async function recordResult(db: DB, actor: Actor, input: RecordResultInput): Promise<Result<{ progress: TraineeProgress }>> {
  const loaded = await loadForRecord(db, actor, input.contractId);
  if (!loaded.ok) return loaded;
  const contract = loaded.contract;
  return db.transaction().execute(async (trx) => {
    // The contract's row lock: results queue behind enrolment changes, and only while it is active.
    if (!(await lockActiveContract(trx, contract.id))) return conflict("completion.errors.contractNotActive");
    const e = await trx
      .selectFrom("enrolments as en")
      .innerJoin("demands as d", "d.id", "en.demand_id")
      .select(["en.id", "en.status", "en.progress", "d.enterprise_id"])
      .where("en.id", "=", input.enrolmentId)
      .where("en.contract_id", "=", contract.id)
      .executeTakeFirst();
    if (!e) return notFoundResult;
    if (e.status !== "confirmed") return conflict("completion.errors.notConfirmed");
    if (e.progress !== null) return conflict("completion.errors.alreadyRecorded");
    const schedule = await courseSpan(trx, contract.id);
    const t = now();
    if (!schedule.firstStartsAt || !schedule.lastStartsAt) return conflict("completion.errors.noSessions");
    if (Date.parse(schedule.lastStartsAt) > t.getTime()) return conflict(msg("completion.errors.courseNotOver", { time: formatShanghai(schedule.lastStartsAt) }));

    const attended = (await attendedMinutes(trx, [e.id])).get(e.id) ?? 0;
    const completion = completionOf({ attendedMinutes: attended, plannedMinutes: schedule.plannedMinutes, completionPct: contract.tender.completionPct, assessmentPassed: input.assessmentPassed });
    const firstSessionDate = shanghaiDate(new Date(schedule.firstStartsAt));
    const faults = certificationErrors(completion, input.certification, { today: shanghaiDate(t), firstSessionDate });
    if (faults.length > 0) {
      const fieldErrors: Record<string, string[]> = {};
      for (const f of faults) {
        const text = f.error === "dateBeforeCourse" ? msg("completion.errors.dateBeforeCourse", { date: firstSessionDate }) : `completion.errors.${f.error}`;
        (fieldErrors[f.field] ??= []).push(text);
      }
      return invalid(fieldErrors);
    }
    const outcome = outcomeOf(completion, input.certification);
    if (!outcome) return invalid({ certification: ["completion.errors.certificationRequired"] });

    // The lifecycle decides: in training → (complete | fail) → (certify | failCertification).
    let progress: ProgressStatus = "in_training";
    for (const event of outcome.events) {
      const step: Transition<ProgressStatus> = applyEvent(PROGRESS_LIFECYCLE, progress, event);
      if (!step.ok) return conflict("completion.errors.alreadyRecorded");
      progress = step.to;
    }
    if (progress === "in_training") return conflict("completion.errors.alreadyRecorded");
    const at = t.toISOString();
    const cert = outcome.progress === "certified" ? outcome.certification : null;
    const written = await trx
      .updateTable("enrolments")
      .set({
        progress,
        progress_reason: outcome.progress === "not_completed" ? encodeReason(outcome.reason) : null,
        assessment_passed: input.assessmentPassed ? 1 : 0,
        certificate_number: cert?.certificateNumber ?? null,
        level_reached: cert?.levelReached ?? null,
        certified_on: cert?.certifiedOn ?? null,
        result_recorded_at: at,
        result_recorded_by: actor.userId,
        updated_at: at,
      })
      .where("id", "=", e.id)
      .where("status", "=", "confirmed")
      .where("progress", "is", null)
      .executeTakeFirst();
    if (Number(written.numUpdatedRows) !== 1) return conflict("completion.errors.alreadyRecorded");
    // No personal data in the audit: the outcome, the reason's kind, the level; not the certificate number.
    await appendAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: "result.record",
      recordType: "enrolment",
      recordId: e.id,
      before: { progress: "in_training" },
      after: {
        contractId: contract.id,
        progress,
        assessmentPassed: input.assessmentPassed,
        reason: outcome.progress === "not_completed" ? outcome.reason : null,
        levelReached: cert?.levelReached ?? null,
        certifiedOn: cert?.certifiedOn ?? null,
      },
    });
    await notifyIfCohortComplete(trx, contract.id, e.enterprise_id, at);
    return ok({ progress });
  });
}
