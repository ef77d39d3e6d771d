import type { DB } from "#db/client";
import { hashPassword } from "~/auth/password.server";
import { createSession } from "~/auth/session.server";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { newId } from "~/utils/id.server";
import { nowIso } from "~/utils/clock.server";
import { invalid, ok, type Result } from "~/utils/result";
import type { Registration } from "./schemas";

/**
 * Registers an enterprise or institution with its first member, pending the bureau's
 * verification, and signs the member in. One transaction: organisation, user, role, session and
 * the audit entry, or nothing.
 */
export async function registerOrganisation(
  db: DB,
  input: Registration,
): Promise<Result<{ organisationId: string; userId: string; token: string }>> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const [codeTaken, emailTaken] = await Promise.all([
      trx.selectFrom("organisations").select("id").where("credit_code", "=", input.creditCode).executeTakeFirst(),
      trx.selectFrom("users").select("id").where("email", "=", input.email).executeTakeFirst(),
    ]);
    const errors: Record<string, string[]> = {};
    if (codeTaken) errors.creditCode = ["auth.creditCode.taken"];
    if (emailTaken) errors.email = ["auth.email.taken"];
    if (Object.keys(errors).length > 0) return invalid(errors);

    const t = nowIso();
    const organisationId = newId();
    const userId = newId();
    const org = {
      id: organisationId,
      kind: input.kind,
      name: input.orgName,
      credit_code: input.creditCode,
      status: "pending" as const,
      contact_name: input.name,
      contact_phone: input.contactPhone || null,
      address: input.address || null,
      status_reason: null,
      created_at: t,
      updated_at: t,
    };
    await trx.insertInto("organisations").values(org).execute();
    await trx
      .insertInto("users")
      .values({
        id: userId,
        organisation_id: organisationId,
        email: input.email,
        name: input.name,
        password_hash: passwordHash,
        status: "active",
        created_at: t,
        password_changed_at: t,
      })
      .execute();
    await trx.insertInto("user_roles").values({ user_id: userId, role: "member" }).execute();
    await appendAudit(trx, {
      actorUserId: userId,
      actorOrgId: organisationId,
      action: "organisation.register",
      recordType: "organisation",
      recordId: organisationId,
      after: { kind: org.kind, name: org.name, creditCode: org.credit_code, status: org.status, firstMember: userId },
    });
    const { token } = await createSession(trx, userId, input.kind);
    return ok({ organisationId, userId, token });
  });
}
