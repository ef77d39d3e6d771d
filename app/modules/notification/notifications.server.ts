import type { DB } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { can } from "~/modules/access/policy";
import { now } from "~/utils/clock.server";
import { forbiddenResult, notFoundResult, ok, type Result } from "~/utils/result";

export const NOTIFICATIONS_PAGE_SIZE = 50;

export interface NotificationView {
  id: string;
  kind: string;
  params: Record<string, string | number>;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

function parseParams(json: string): Record<string, string | number> {
  try {
    const v = JSON.parse(json) as unknown;
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, string | number>) : {};
  } catch {
    return {};
  }
}

/** Only paths inside the app are followed from a notification. */
function safeLink(link: string | null): string | null {
  return link && link.startsWith("/") && !link.startsWith("//") ? link : null;
}

/** The notifications of the actor's organisation, newest first, in pages. */
export async function listNotifications(
  db: DB,
  actor: Actor,
  o: { page?: number } = {},
): Promise<Result<{ rows: NotificationView[]; total: number; unread: number; page: number; pages: number }>> {
  if (!can(actor, "notification.view")) return forbiddenResult;
  const base = db.selectFrom("notifications").where("organisation_id", "=", actor.orgId);
  const total = Number((await base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
  const pages = Math.max(1, Math.ceil(total / NOTIFICATIONS_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(o.page ?? 1)), pages);
  const rows = await base
    .select(["id", "kind", "params_json", "link", "created_at", "read_at"])
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(NOTIFICATIONS_PAGE_SIZE)
    .offset((page - 1) * NOTIFICATIONS_PAGE_SIZE)
    .execute();
  return ok({
    total,
    page,
    pages,
    unread: await countUnread(db, actor),
    rows: rows.map((r) => ({ id: r.id, kind: r.kind, params: parseParams(r.params_json), link: safeLink(r.link), createdAt: r.created_at, readAt: r.read_at })),
  });
}

/** How many of the organisation's notifications nobody has read yet (shown in the page frame). */
export async function countUnread(db: DB, actor: Actor): Promise<number> {
  const r = await db
    .selectFrom("notifications")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("organisation_id", "=", actor.orgId)
    .where("read_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * Marks one notification read. It must belong to the actor's organisation: another
 * organisation's notification does not exist for this actor.
 */
export async function markNotificationRead(db: DB, actor: Actor, input: { id: string }): Promise<Result<{ changed: boolean }>> {
  if (!can(actor, "notification.view")) return forbiddenResult;
  const own = await db.selectFrom("notifications").select(["id", "read_at"]).where("id", "=", input.id).where("organisation_id", "=", actor.orgId).executeTakeFirst();
  if (!own) return notFoundResult;
  const r = await db
    .updateTable("notifications")
    .set({ read_at: now().toISOString() })
    .where("id", "=", input.id)
    .where("organisation_id", "=", actor.orgId)
    .where("read_at", "is", null)
    .executeTakeFirst();
  return ok({ changed: Number(r.numUpdatedRows) === 1 });
}

/** Marks every unread notification of the actor's organisation read; returns how many. */
export async function markAllNotificationsRead(db: DB, actor: Actor): Promise<Result<{ count: number }>> {
  if (!can(actor, "notification.view")) return forbiddenResult;
  const r = await db
    .updateTable("notifications")
    .set({ read_at: now().toISOString() })
    .where("organisation_id", "=", actor.orgId)
    .where("read_at", "is", null)
    .executeTakeFirst();
  return ok({ count: Number(r.numUpdatedRows) });
}
