import type { DB } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { appendAudit } from "./append-audit.server";

/** Audits an attempt to reach a record the actor may not know of (answered 404). */
export async function recordDeniedAccess(
  db: DB,
  actor: Actor,
  action: string,
  record: { type: string; id: string },
): Promise<void> {
  await db.transaction().execute((trx) =>
    appendAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: "access.denied",
      recordType: record.type,
      recordId: record.id,
      after: { attempted: action },
    }),
  );
}
