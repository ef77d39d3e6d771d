/**
 * What the access matrix and the CSRF tests share: the list of route modules read from
 * app/routes (so that a new route cannot be forgotten), the demo world with one signed-in visitor
 * of each kind, requests as a browser makes them, and what a loader or action answered.
 */
import type { AppLoadContext } from "@remix-run/node";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createHash } from "node:crypto";
import type { DB } from "#db/client";
import { seedDemo } from "#db/seed/demo";
import { createTestDb, TEST_DB_KIND } from "#tests/db";
import { createSession } from "~/auth/session.server";
import type { OrgKind } from "~/modules/access/actor";

const ROUTES_DIR = fileURLToPath(new URL("../../app/routes/", import.meta.url));

/** Every route module of the app, by file name (tests beside the routes are not routes). */
export function routeFiles(): string[] {
  return readdirSync(ROUTES_DIR)
    .filter((f) => /\.(ts|tsx)$/.test(f) && !/\.test\.(ts|tsx)$/.test(f))
    .sort();
}

export interface RouteModule {
  loader?: (args: { request: Request; params: Record<string, string>; context: AppLoadContext }) => Promise<unknown>;
  action?: (args: { request: Request; params: Record<string, string>; context: AppLoadContext }) => Promise<unknown>;
}

/** Loads a route module by its file name, as Remix does. */
export async function importRoute(file: string): Promise<RouteModule> {
  return (await import(/* @vite-ignore */ `${ROUTES_DIR}${file}`)) as RouteModule;
}

/**
 * The URL path of a route file under Remix's flat-routes convention: dots are slashes, `$name`
 * is a parameter, `_index` and pathless `_layout` segments add nothing, a trailing `_` only
 * un-nests, `[.]` is a literal dot.
 */
export function routePath(file: string, params: Record<string, string>): string {
  const base = file.replace(/\.(ts|tsx)$/, "").replaceAll("[.]", "\u0000");
  const parts: string[] = [];
  for (const raw of base.split(".")) {
    const seg = raw.replaceAll("\u0000", ".");
    if (seg === "_index" || (seg.startsWith("_") && !seg.startsWith("_index"))) continue;
    const name = seg.endsWith("_") ? seg.slice(0, -1) : seg;
    parts.push(
      name.replace(/\$([A-Za-z]*)/g, (_m, p: string) => {
        const key = p === "" ? "*" : p;
        const value = params[key];
        if (value === undefined) throw new Error(`${file}: no value for the parameter ${key}`);
        return p === "" ? value : encodeURIComponent(value);
      }),
    );
  }
  return `/${parts.join("/")}`;
}

/** The kinds of visitor, signed out first; each signed-in one is a demo account. */
export const VISITORS = ["public", "enterprise", "institution", "officer", "admin", "finance", "evaluator"] as const;
export type Visitor = (typeof VISITORS)[number];

/** The demo accounts that play each visitor, and the strangers used for object-level checks. */
const ACCOUNTS = {
  enterprise: "hr@enterprise1.demo",
  institution: "office@institution1.demo",
  officer: "officer@bureau.demo",
  admin: "admin@bureau.demo",
  finance: "finance@bureau.demo",
  evaluator: "expert1@bureau.demo",
  otherEnterprise: "hr@enterprise2.demo",
  thirdEnterprise: "hr@enterprise3.demo",
  otherInstitution: "office@institution2.demo",
} as const;
export type Account = keyof typeof ACCOUNTS;

export interface RouteWorld {
  db: DB;
  /** A session token (the cookie's value) per account. */
  tokens: Record<Account, string>;
  userIds: Record<Account, string>;
  orgIds: Record<Account, string>;
  /** Records of the demo world, each owned by the account the matrix plays. */
  ids: {
    /** The enterprise's demand under contract (roster, trainees). */
    demand: string;
    /** The enterprise's demand still editable (submitted). */
    draftDemand: string;
    /** The institution's active contract. */
    contract: string;
    /** The contract that trains the enterprise's trainees (another institution's). */
    trainingContract: string;
    /** The institution's submitted bid, on a lot still open for bids. */
    bid: string;
    openLot: string;
    /** A lot the evaluator sits on, under evaluation. */
    evaluatingLot: string;
    /** A lot whose award is published. */
    awardedLot: string;
    tender: string;
    tenderReference: string;
    organisation: string;
    bureauUser: string;
    milestone: string;
    /** A milestone of the institution's active contract. */
    institutionMilestone: string;
    ocid: string;
    notification: string;
  };
}

async function one<T>(q: Promise<T | undefined>, what: string): Promise<T> {
  const r = await q;
  if (r === undefined) throw new Error(`the demo world has no ${what}`);
  return r;
}

/** A fresh database with the demo world and a live session for each account. */
export async function routeWorld(): Promise<RouteWorld> {
  const { db } = await createTestDb();
  if (!(await seedDemo(db))) throw new Error("the demo world was not loaded");
  const tokens = {} as Record<Account, string>;
  const userIds = {} as Record<Account, string>;
  const orgIds = {} as Record<Account, string>;
  for (const [key, email] of Object.entries(ACCOUNTS) as [Account, string][]) {
    const u = await one(
      db.selectFrom("users as u").innerJoin("organisations as o", "o.id", "u.organisation_id").select(["u.id", "o.id as orgId", "o.kind"]).where("u.email", "=", email).executeTakeFirst(),
      email,
    );
    tokens[key] = (await createSession(db, u.id, u.kind as OrgKind)).token;
    userIds[key] = u.id;
    orgIds[key] = u.orgId;
  }
  const enterprise = orgIds.enterprise;
  const institution = orgIds.institution;
  const demand = await one(db.selectFrom("demands").select("id").where("enterprise_id", "=", enterprise).where("status", "=", "contracted").executeTakeFirst(), "contracted demand");
  const draftDemand = await one(db.selectFrom("demands").select("id").where("enterprise_id", "=", enterprise).where("status", "=", "submitted").executeTakeFirst(), "submitted demand");
  const contract = await one(db.selectFrom("contracts").select("id").where("institution_id", "=", institution).where("status", "=", "active").executeTakeFirst(), "active contract");
  const trainingContract = await one(
    db
      .selectFrom("contracts as c")
      .innerJoin("award_demands as ad", "ad.award_id", "c.award_id")
      .select("c.id")
      .where("ad.demand_id", "=", demand.id)
      .executeTakeFirst(),
    "contract training the enterprise's trainees",
  );
  const bid = await one(db.selectFrom("bids").select(["id", "lot_id"]).where("institution_id", "=", institution).where("status", "=", "submitted").executeTakeFirst(), "submitted bid");
  const evaluatingLot = await one(
    db
      .selectFrom("lots as l")
      .innerJoin("lot_panel_members as p", "p.lot_id", "l.id")
      .select("l.id")
      .where("l.status", "=", "evaluating")
      .where("p.user_id", "=", userIds.evaluator)
      .executeTakeFirst(),
    "lot under evaluation with the evaluator on its panel",
  );
  const awardedLot = await one(db.selectFrom("lots").select("id").where("status", "=", "award_published").executeTakeFirst(), "lot with a published award");
  const tender = await one(db.selectFrom("tenders").select(["id", "reference"]).where("status", "=", "published").executeTakeFirst(), "published tender");
  const milestone = await one(db.selectFrom("milestones").select("id").where("contract_id", "=", contract.id).executeTakeFirst(), "milestone of the active contract");
  const notification = await one(
    db.selectFrom("notifications").select("id").where("organisation_id", "=", enterprise).executeTakeFirst(),
    "notification of the enterprise",
  );
  return {
    db,
    tokens,
    userIds,
    orgIds,
    ids: {
      demand: demand.id,
      draftDemand: draftDemand.id,
      contract: contract.id,
      trainingContract: trainingContract.id,
      bid: bid.id,
      openLot: bid.lot_id,
      evaluatingLot: evaluatingLot.id,
      awardedLot: awardedLot.id,
      tender: tender.id,
      tenderReference: tender.reference ?? "",
      organisation: enterprise,
      bureauUser: userIds.finance,
      milestone: milestone.id,
      institutionMilestone: milestone.id,
      ocid: `ocds-skilltender-${tender.reference ?? ""}`,
      notification: notification.id,
    },
  };
}

/** New sessions for every account (after a post that may have signed one out). */
export async function renewSessions(w: RouteWorld): Promise<void> {
  for (const key of Object.keys(w.tokens) as Account[]) {
    const kind = key === "officer" || key === "admin" || key === "finance" || key === "evaluator" ? "bureau" : key.toLowerCase().includes("enterprise") ? "enterprise" : "institution";
    w.tokens[key] = (await createSession(w.db, w.userIds[key], kind)).token;
  }
}

export const HOST = "http://localhost";

export function contextFor(w: RouteWorld): AppLoadContext {
  return { db: w.db, dbKind: TEST_DB_KIND, nonce: "test", clientAddress: "127.0.0.1", log: { requestId: "test" } } as AppLoadContext;
}

function cookieOf(w: RouteWorld, who: Visitor | Account): Record<string, string> {
  return who === "public" ? {} : { Cookie: `st_session=${w.tokens[who]}` };
}

export function getRequest(w: RouteWorld, who: Visitor | Account, path: string): Request {
  return new Request(`${HOST}${path}`, { headers: cookieOf(w, who) });
}

/** A same-origin form post, as the browser sends it. */
export function postRequest(w: RouteWorld, who: Visitor | Account, path: string, fields: Record<string, string> = {}): Request {
  return new Request(`${HOST}${path}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { ...cookieOf(w, who), "Content-Type": "application/x-www-form-urlencoded", Origin: HOST },
  });
}

/**
 * What a loader or action answered, as one word: the status ("200", "400", "403", "404"…),
 * "login" for the redirect to sign in, or "→/path" for any other redirect.
 */
export async function answer(run: () => Promise<unknown>): Promise<string> {
  let r: unknown;
  try {
    r = await run();
  } catch (thrown) {
    r = thrown;
    if (!(thrown instanceof Response) && !(thrown && typeof thrown === "object" && "init" in thrown)) throw thrown;
  }
  let status = 200;
  let location: string | null = null;
  if (r instanceof Response) {
    status = r.status;
    location = r.headers.get("Location");
  } else if (r && typeof r === "object" && "init" in r && "data" in r) {
    const init = (r as { init: { status?: number; headers?: HeadersInit } | null }).init;
    status = init?.status ?? 200;
    location = init?.headers ? new Headers(init.headers).get("Location") : null;
  }
  if (status >= 300 && status < 400) {
    const path = (location ?? "").split("?")[0] ?? "";
    return path === "/login" ? "login" : `→${path}`;
  }
  return String(status);
}

/** Every table's rows, hashed, by table: what "nothing changed" is checked against. */
export async function fingerprint(db: DB, ignore: Record<string, string[]> = {}): Promise<Record<string, string>> {
  const tables = (await db.introspection.getTables()).map((t) => t.name).filter((n) => !n.startsWith("kysely_")).sort();
  const out: Record<string, string> = {};
  for (const table of tables) {
    const rows = (await db.selectFrom(table as never).selectAll().execute()) as Record<string, unknown>[];
    const skip = new Set(ignore[table] ?? []);
    const lines = rows.map((r) => JSON.stringify(Object.entries(r).filter(([k]) => !skip.has(k)))).sort();
    out[table] = `${rows.length}:${createHash("sha256").update(lines.join("\n")).digest("hex").slice(0, 16)}`;
  }
  return out;
}

/** The tables whose fingerprints differ. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t]);
}
