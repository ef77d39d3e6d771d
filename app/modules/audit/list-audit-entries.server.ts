import type { DB } from "#db/client";
import { endOfShanghaiDay, startOfShanghaiDay, type IsoDate } from "~/modules/reference/working-days";

/** Entries a page of the audit log page shows. */
export const AUDIT_PAGE_SIZE = 50;

export interface AuditFilter {
  action?: string;
  recordType?: string;
  /** First Asia/Shanghai date included (valid 'YYYY-MM-DD'). */
  from?: IsoDate;
  /** Last Asia/Shanghai date included, to its end (valid 'YYYY-MM-DD'). */
  to?: IsoDate;
  page?: number;
  /** Entries a page instead of AUDIT_PAGE_SIZE (an export takes every match in one page). */
  limit?: number;
}

/** One audit entry as the bureau reads it: who (by name), what, which record, before/after. */
export interface AuditEntryView {
  seq: number;
  at: string;
  actorUserId: string | null;
  actorName: string | null;
  actorOrgName: string | null;
  action: string;
  recordType: string;
  recordId: string | null;
  before: unknown;
  after: unknown;
}

export interface AuditPage {
  items: AuditEntryView[];
  total: number;
  page: number;
  pages: number;
}

/**
 * Secrets never enter the log (use cases write names, roles and statuses, never a password, hash
 * or session token). Should one ever slip in, it is still not shown: keys naming a password, a
 * token or a secret are masked on the way out.
 */
const SECRET_KEY = /password|token|secret/i;

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, SECRET_KEY.test(k) ? "[redacted]" : redact(v)]),
    );
  }
  return value;
}

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return redact(JSON.parse(text) as unknown);
  } catch {
    return text;
  }
}

/**
 * The audit log newest first, filtered by action, record type and a range of Shanghai dates
 * (DESIGN.md "Audit log": who, organisation, what, which record, before/after, when), 50 a page.
 */
export async function listAuditEntries(db: DB, filter: AuditFilter = {}): Promise<AuditPage> {
  let q = db.selectFrom("audit_log as a");
  if (filter.action) q = q.where("a.action", "=", filter.action);
  if (filter.recordType) q = q.where("a.record_type", "=", filter.recordType);
  // `at` is ISO-8601 UTC text of one fixed width, so text order is time order.
  if (filter.from) q = q.where("a.at", ">=", startOfShanghaiDay(filter.from).toISOString());
  if (filter.to) q = q.where("a.at", "<=", endOfShanghaiDay(filter.to).toISOString());

  const { total } = await q.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow();
  const size = filter.limit ?? AUDIT_PAGE_SIZE;
  const pages = Math.max(1, Math.ceil(Number(total) / size));
  const page = Math.min(Math.max(1, Math.trunc(filter.page ?? 1) || 1), pages);
  const rows = await q
    .leftJoin("users as u", "u.id", "a.actor_user_id")
    .leftJoin("organisations as o", "o.id", "a.actor_org_id")
    .select([
      "a.seq",
      "a.at",
      "a.actor_user_id",
      "u.name as actor_name",
      "o.name as actor_org_name",
      "a.action",
      "a.record_type",
      "a.record_id",
      "a.before_json",
      "a.after_json",
    ])
    .orderBy("a.seq", "desc")
    .limit(size)
    .offset((page - 1) * size)
    .execute();
  return {
    items: rows.map((r) => ({
      seq: Number(r.seq),
      at: r.at,
      actorUserId: r.actor_user_id,
      actorName: r.actor_name,
      actorOrgName: r.actor_org_name,
      action: r.action,
      recordType: r.record_type,
      recordId: r.record_id,
      before: parseJson(r.before_json),
      after: parseJson(r.after_json),
    })),
    total: Number(total),
    page,
    pages,
  };
}

/** The actions and record types present in the log, for the filter's choices. */
export async function listAuditFacets(db: DB): Promise<{ actions: string[]; recordTypes: string[] }> {
  const [actions, recordTypes] = await Promise.all([
    db.selectFrom("audit_log").select("action").distinct().orderBy("action").execute(),
    db.selectFrom("audit_log").select("record_type").distinct().orderBy("record_type").execute(),
  ]);
  return { actions: actions.map((r) => r.action), recordTypes: recordTypes.map((r) => r.record_type) };
}

/** The chain's current head as stored (the hash to record outside the system). */
export async function findAuditHead(db: DB): Promise<{ seq: number; hash: string } | undefined> {
  const r = await db.selectFrom("audit_head").select(["seq", "hash"]).where("id", "=", 1).executeTakeFirst();
  return r ? { seq: Number(r.seq), hash: r.hash } : undefined;
}
