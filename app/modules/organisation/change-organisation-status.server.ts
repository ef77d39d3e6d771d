import type { DB } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { can } from "~/modules/access/policy";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { applyEvent } from "~/utils/lifecycle";
import { nowIso } from "~/utils/clock.server";
import { conflict, forbiddenResult, notFoundResult, ok, type Result } from "~/utils/result";
import { ORGANISATION_LIFECYCLE, type OrganisationEvent, type OrganisationStatus } from "./lifecycle";

const ACTION_OF = {
  verify: "organisation.verify",
  reject: "organisation.reject",
  suspend: "organisation.suspend",
  reinstate: "organisation.reinstate",
} as const;

/**
 * A bureau officer verifies, rejects, suspends or reinstates an organisation: load, authorise,
 * apply the lifecycle, compare-and-set on the status the officer saw, audit, one transaction.
 */
export async function changeOrganisationStatus(
  db: DB,
  actor: Actor,
  input: { organisationId: string; event: OrganisationEvent; reason?: string; expectedStatus: OrganisationStatus },
): Promise<Result<{ status: OrganisationStatus }>> {
  if (!can(actor, ACTION_OF[input.event], { organisationId: input.organisationId })) return forbiddenResult;
  return db.transaction().execute(async (trx) => {
    const org = await trx
      .selectFrom("organisations")
      .select(["id", "status", "kind", "status_reason"])
      .where("id", "=", input.organisationId)
      .executeTakeFirst();
    if (!org || org.kind === "bureau") return notFoundResult;
    if (org.status !== input.expectedStatus) return conflict("common.errors.body409");
    const step = applyEvent(ORGANISATION_LIFECYCLE, org.status, input.event);
    if (!step.ok) return conflict("common.errors.body409");
    const reason = input.event === "reject" || input.event === "suspend" ? (input.reason ?? null) : null;
    const updated = await trx
      .updateTable("organisations")
      .set({ status: step.to, status_reason: reason, updated_at: nowIso() })
      .where("id", "=", org.id)
      .where("status", "=", org.status)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return conflict("common.errors.body409");
    await appendAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: `organisation.${input.event}`,
      recordType: "organisation",
      recordId: org.id,
      before: { status: org.status, reason: org.status_reason },
      after: { status: step.to, reason },
    });
    return ok({ status: step.to });
  });
}
