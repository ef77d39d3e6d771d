import type { DB } from "#db/client";
import { hashPassword, verifyPassword } from "~/auth/password.server";
import { invalidateUserSessions } from "~/auth/session.server";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { nowIso } from "~/utils/clock.server";
import { invalid, notFoundResult, ok, type Result } from "~/utils/result";
import type { Actor } from "./actor";

/** Changes the actor's password and ends every other session of theirs (ASVS 3.3.3). */
export async function changePassword(
  db: DB,
  actor: Actor,
  input: { current: string; next: string; sessionId: string },
): Promise<Result<null>> {
  const user = await db.selectFrom("users").select(["id", "password_hash"]).where("id", "=", actor.userId).executeTakeFirst();
  if (!user) return notFoundResult;
  if (!(await verifyPassword(user.password_hash, input.current))) return invalid({ current: ["auth.password.wrongCurrent"] });
  if (input.current === input.next) return invalid({ next: ["auth.password.sameAsOld"] });
  const hash = await hashPassword(input.next);
  await db.transaction().execute(async (trx) => {
    const t = nowIso();
    await trx.updateTable("users").set({ password_hash: hash, password_changed_at: t }).where("id", "=", user.id).execute();
    await invalidateUserSessions(trx, user.id, input.sessionId);
    await appendAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: "user.changePassword",
      recordType: "user",
      recordId: user.id,
    });
  });
  return ok(null);
}
