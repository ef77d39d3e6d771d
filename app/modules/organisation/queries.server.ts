import { sql } from "kysely";
import type { DB } from "#db/client";
import { likePattern } from "~/utils/like";
import type { OrgKind } from "~/modules/access/actor";
import type { OrganisationStatus } from "./lifecycle";

export interface OrganisationSummary {
  id: string;
  kind: OrgKind;
  name: string;
  creditCode: string | null;
  status: OrganisationStatus;
  statusReason: string | null;
  createdAt: string;
}

const PAGE_SIZE = 50;

/**
 * Registered enterprises and institutions, newest first, filtered by kind and status, 50 a page;
 * `limit` asks for pages of that many instead (an export takes every match in one).
 */
export async function listOrganisations(
  db: DB,
  filter: { kind?: "enterprise" | "institution"; status?: OrganisationStatus; q?: string; page?: number; limit?: number },
): Promise<{ items: OrganisationSummary[]; total: number; page: number; pages: number }> {
  let q = db.selectFrom("organisations").where("kind", "!=", "bureau");
  if (filter.kind) q = q.where("kind", "=", filter.kind);
  if (filter.status) q = q.where("status", "=", filter.status);
  if (filter.q) {
    const like = likePattern(filter.q.trim());
    // Case-insensitive on both databases; the escape character is declared for both.
    q = q.where(({ or }) =>
      or([
        sql<boolean>`lower(${sql.ref("name")}) like ${like.toLowerCase()} escape '\\'`,
        sql<boolean>`${sql.ref("credit_code")} like ${like.toUpperCase()} escape '\\'`,
      ]),
    );
  }
  const { total } = await q.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow();
  const size = filter.limit ?? PAGE_SIZE;
  const pages = Math.max(1, Math.ceil(Number(total) / size));
  const page = Math.min(Math.max(1, filter.page ?? 1), pages);
  const rows = await q
    .select(["id", "kind", "name", "credit_code", "status", "status_reason", "created_at"])
    .orderBy("created_at", "desc")
    .orderBy("id")
    .limit(size)
    .offset((page - 1) * size)
    .execute();
  return { items: rows.map(toSummary), total: Number(total), page, pages };
}

function toSummary(r: {
  id: string;
  kind: OrgKind;
  name: string;
  credit_code: string | null;
  status: OrganisationStatus;
  status_reason: string | null;
  created_at: string;
}): OrganisationSummary {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    creditCode: r.credit_code,
    status: r.status,
    statusReason: r.status_reason,
    createdAt: r.created_at,
  };
}

export async function countPendingOrganisations(db: DB): Promise<number> {
  const r = await db
    .selectFrom("organisations")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("status", "=", "pending")
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export interface OrganisationDetail extends OrganisationSummary {
  contactName: string | null;
  contactPhone: string | null;
  address: string | null;
  members: { id: string; name: string; email: string; status: string }[];
  history: { seq: number; at: string; action: string; before: unknown; after: unknown }[];
}

/** One organisation with its members and status history, or undefined. */
export async function findOrganisation(db: DB, id: string): Promise<OrganisationDetail | undefined> {
  const r = await db.selectFrom("organisations").selectAll().where("id", "=", id).executeTakeFirst();
  if (!r) return undefined;
  const members = await db
    .selectFrom("users")
    .select(["id", "name", "email", "status"])
    .where("organisation_id", "=", id)
    .orderBy("created_at")
    .execute();
  const history = await db
    .selectFrom("audit_log")
    .select(["seq", "at", "action", "before_json", "after_json"])
    .where("record_type", "=", "organisation")
    .where("record_id", "=", id)
    .orderBy("seq")
    .execute();
  return {
    ...toSummary(r),
    contactName: r.contact_name,
    contactPhone: r.contact_phone,
    address: r.address,
    members,
    history: history.map((h) => ({
      seq: Number(h.seq),
      at: h.at,
      action: h.action,
      before: h.before_json ? (JSON.parse(h.before_json) as unknown) : null,
      after: h.after_json ? (JSON.parse(h.after_json) as unknown) : null,
    })),
  };
}
