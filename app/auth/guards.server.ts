import { data, redirect, type AppLoadContext } from "@remix-run/node";
import type { DB } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { can, type Action, type Resource } from "~/modules/access/policy";
import { recordDeniedAccess } from "~/modules/audit/record-denied-access.server";
import { readSessionToken } from "./cookies.server";
import { validateSessionToken } from "./session.server";

/** The signed-in actor, or null; validated once per request and shared by its loaders. */
export async function findActor(request: Request, context: AppLoadContext): Promise<Actor | null> {
  context.actorMemo ??= (async () => {
    const token = readSessionToken(request);
    if (!token) return null;
    const found = await validateSessionToken(context.db, token);
    if (!found) return null;
    context.log.userId = found.actor.userId;
    return { actor: found.actor, sessionId: found.session.id };
  })();
  return (await context.actorMemo)?.actor ?? null;
}

export async function findSessionId(request: Request, context: AppLoadContext): Promise<string | null> {
  await findActor(request, context);
  return (await context.actorMemo)?.sessionId ?? null;
}

function safeRedirectTarget(request: Request): string {
  const url = new URL(request.url);
  return url.pathname + url.search;
}

/** A signed-out visitor asking for a private page is sent to sign in, and back afterwards. */
export async function requireActor(request: Request, context: AppLoadContext): Promise<Actor> {
  const actor = await findActor(request, context);
  if (!actor) {
    const params = new URLSearchParams({ redirectTo: safeRedirectTarget(request) });
    throw redirect(`/login?${params.toString()}`);
  }
  return actor;
}

/** Role-level check: a page this kind of user may never use → 403. */
export async function requireCan(
  request: Request,
  context: AppLoadContext,
  action: Action,
  resource: Resource = {},
): Promise<Actor> {
  const actor = await requireActor(request, context);
  if (!can(actor, action, resource)) throw forbidden();
  return actor;
}

export function notFound(): never {
  throw data({ error: "notFound" }, { status: 404 });
}

export function forbidden() {
  return data({ error: "forbidden" }, { status: 403 });
}

/**
 * Object-level check: a record of another organisation is answered "not found" so that its
 * existence is not revealed, and the attempt is written to the audit log.
 */
export async function requireRecordAccess(
  context: AppLoadContext,
  actor: Actor,
  action: Action,
  resource: Resource,
  record: { type: string; id: string },
): Promise<void> {
  if (can(actor, action, resource)) return;
  await recordDeniedAccess(context.db, actor, action, record);
  notFound();
}

/**
 * The record types a stranger may ask for by id: for each, whether the record exists and is not
 * the actor's (another organisation's, or a lot on whose panel the actor does not sit).
 */
const IS_STRANGER = {
  contract: async (db: DB, actor: Actor, id: string) =>
    Boolean(await db.selectFrom("contracts").select("id").where("id", "=", id).where("institution_id", "!=", actor.orgId).executeTakeFirst()),
  bid: async (db: DB, actor: Actor, id: string) =>
    Boolean(await db.selectFrom("bids").select("id").where("id", "=", id).where("institution_id", "!=", actor.orgId).executeTakeFirst()),
  notification: async (db: DB, actor: Actor, id: string) =>
    Boolean(await db.selectFrom("notifications").select("id").where("id", "=", id).where("organisation_id", "!=", actor.orgId).executeTakeFirst()),
  lot: async (db: DB, actor: Actor, id: string) =>
    Boolean(await db.selectFrom("lots").select("id").where("id", "=", id).executeTakeFirst()) &&
    !(await db.selectFrom("lot_panel_members").select("lot_id").where("lot_id", "=", id).where("user_id", "=", actor.userId).executeTakeFirst()),
} as const;

/**
 * A use case answered "not found" for a record asked for by id: when the record exists and is
 * not the actor's, the attempt is written to the audit log (`access.denied`); either way the
 * answer is 404, so that the record's existence is not revealed.
 */
export async function notFoundForStranger(
  context: AppLoadContext,
  actor: Actor,
  action: Action,
  record: { type: keyof typeof IS_STRANGER; id: string },
): Promise<never> {
  if (await IS_STRANGER[record.type](context.db, actor, record.id)) await recordDeniedAccess(context.db, actor, action, record);
  notFound();
}
