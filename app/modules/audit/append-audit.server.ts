import type { Transaction } from "kysely";
import type { DB as Schema } from "#db/schema";
import { nowIso } from "~/utils/clock.server";
import { hashEntry } from "./chain";

export interface AuditInput {
  actorUserId: string | null;
  actorOrgId: string | null;
  action: string;
  recordType: string;
  recordId: string | null;
  before?: unknown;
  after?: unknown;
}

function toJson(v: unknown): string | null {
  return v === undefined || v === null ? null : JSON.stringify(v);
}

/**
 * Appends one entry to the hash-chained audit log inside the caller's transaction. Updating the
 * head row first takes its lock, so concurrent appenders are serialised on PostgreSQL as well as
 * on SQLite and the chain never forks.
 */
export async function appendAudit(trx: Transaction<Schema>, input: AuditInput): Promise<number> {
  const head = await trx
    .updateTable("audit_head")
    .set((eb) => ({ seq: eb("seq", "+", 1) }))
    .where("id", "=", 1)
    .returning(["seq", "hash"])
    .executeTakeFirstOrThrow();
  const seq = Number(head.seq);
  const entry = {
    seq,
    at: nowIso(),
    actor_user_id: input.actorUserId,
    actor_org_id: input.actorOrgId,
    action: input.action,
    record_type: input.recordType,
    record_id: input.recordId,
    before_json: toJson(input.before),
    after_json: toJson(input.after),
  };
  const hash = hashEntry(head.hash, entry);
  await trx.insertInto("audit_log").values({ ...entry, prev_hash: head.hash, hash }).execute();
  await trx.updateTable("audit_head").set({ hash }).where("id", "=", 1).execute();
  return seq;
}
