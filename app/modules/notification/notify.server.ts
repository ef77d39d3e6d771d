import type { Transaction } from "kysely";
import type { DB as Schema } from "#db/schema";
import { newId } from "~/utils/id.server";

/**
 * In-app notifications go to an organisation (every member sees them). `kind` names a dictionary
 * entry under `notification.kinds`; `params` fills it (never personal data); `link` is a path in
 * the app. Written inside the caller's transaction, so a notification exists exactly when the
 * change it announces does.
 */
export async function notify(
  trx: Transaction<Schema>,
  n: { organisationId: string; kind: string; params?: Record<string, string | number>; link?: string | null; at: string },
): Promise<void> {
  await trx
    .insertInto("notifications")
    .values({
      id: newId(),
      organisation_id: n.organisationId,
      kind: n.kind,
      params_json: JSON.stringify(n.params ?? {}),
      link: n.link ?? null,
      created_at: n.at,
      read_at: null,
    })
    .execute();
}

/** The bureau's organisation id (notifications for its officers). */
export async function bureauOrganisationId(trx: Transaction<Schema>): Promise<string> {
  const row = await trx.selectFrom("organisations").select("id").where("kind", "=", "bureau").orderBy("created_at").executeTakeFirstOrThrow();
  return row.id;
}
