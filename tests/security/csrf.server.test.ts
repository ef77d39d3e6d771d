/**
 * Cross-site requests (issue 8, test 3; docs/security.md "Cross-site requests and the browser"):
 * every route that has an action refuses a POST from another origin, from `Origin: null` and
 * without an Origin, with 403, and nothing in the database changes. The check lives in the
 * express app (server/app.ts), so the posts go through it, in front of the real route modules
 * served by Vite as the development server serves them. And no GET changes state.
 */
import type { ServerBuild } from "@remix-run/node";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { createServer, type ViteDevServer } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_DB_KIND } from "#tests/db";
import { createApp } from "../../server/app";
import {
  changedTables,
  contextFor,
  fingerprint,
  getRequest,
  importRoute,
  routeFiles,
  routePath,
  routeWorld,
  VISITORS,
  type RouteWorld,
} from "./route-world.server";

let vite: ViteDevServer;

beforeAll(async () => {
  vite = await createServer({ configFile: "vite.config.ts", server: { middlewareMode: true, hmr: false, watch: null }, appType: "custom", logLevel: "silent" });
}, 120_000);

afterAll(async () => {
  await vite?.close();
});

/** Parameters that make every route's path concrete (any value: the refusal comes first). */
function anyParams(file: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const m of file.matchAll(/\$([A-Za-z]*)/g)) params[m[1] === "" ? "*" : m[1]!] = "x1";
  return params;
}

async function listen(w: RouteWorld): Promise<{ origin: string; server: Server }> {
  const app = createApp({
    handle: { db: w.db, kind: TEST_DB_KIND, destroy: async () => {} } as never,
    build: () => vite.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>,
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe("a post from another site", () => {
  it("is refused with 403 by every route that has an action, whatever the Origin, and changes nothing", { timeout: 300_000 }, async () => {
    const w = await routeWorld();
    const { origin, server } = await listen(w);
    try {
      const withAction: string[] = [];
      for (const file of routeFiles()) if ((await importRoute(file)).action) withAction.push(file);
      // The routes other servers call, authenticated by their own signature, are the only exception.
      const exempt = withAction.filter((f) => f.startsWith("webhooks."));
      expect(exempt).toEqual(["webhooks.stripe.ts"]);
      const guarded = withAction.filter((f) => !exempt.includes(f));
      expect(guarded.length).toBeGreaterThan(40);

      // The positive control: the same post from this site reaches the app (it is not the Origin check that answers).
      const own = await fetch(`${origin}/login`, {
        method: "POST",
        redirect: "manual",
        headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ email: "", password: "" }),
      });
      expect(own.status).toBe(400);

      const before = await fingerprint(w.db);
      const wrong: string[] = [];
      for (const file of guarded) {
        const path = routePath(file, anyParams(file));
        for (const who of ["officer", "institution", "enterprise"] as const) {
          for (const from of ["https://evil.example", "null", undefined]) {
            const headers: Record<string, string> = { Cookie: `st_session=${w.tokens[who]}`, "Content-Type": "application/x-www-form-urlencoded" };
            if (from !== undefined) headers.Origin = from;
            const res = await fetch(`${origin}${path}`, { method: "POST", redirect: "manual", headers, body: new URLSearchParams({ intent: "sign" }) });
            const body = await res.text();
            if (res.status !== 403 || !body.includes("请求来源不可信") || !body.includes("came from another site")) {
              wrong.push(`POST ${path} as ${who} from ${from ?? "no Origin"}: ${res.status}`);
            }
          }
        }
      }
      expect(wrong).toEqual([]);
      expect(changedTables(before, await fingerprint(w.db))).toEqual([]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

/**
 * The writes a GET makes on purpose, by route file: the audit entries of reading trainee personal
 * data (`trainee.read`) and of a stranger's refused attempt (`access.denied`), which every such
 * page writes; and the payout return page, which stores the account status Stripe reports.
 * Anything else a GET writes is a defect.
 */
const GET_AUDITS = new Set(["trainee.read", "access.denied"]);
const GET_WRITES: Record<string, { tables: string[]; why: string }> = {
  "payouts.return.tsx": { tables: ["payout_accounts"], why: "Stripe's onboarding returns here; the account's status is read from Stripe and stored" },
};

describe("a GET", () => {
  it("of every route, as every visitor, changes nothing but the deliberate read audits", { timeout: 300_000 }, async () => {
    const w = await routeWorld();
    const unexpected: string[] = [];
    // Sessions are touched on use (last_active_at, at most once a minute): that is the session working.
    const ignore = { sessions: ["last_active_at"] };
    for (const file of routeFiles()) {
      const m = await importRoute(file);
      if (!m.loader) continue;
      const params = anyParamsFromWorld(file, w);
      const path = routePath(file, params);
      const before = await fingerprint(w.db, ignore);
      const lastSeq = Number((await w.db.selectFrom("audit_log").select((eb) => eb.fn.max("seq").as("seq")).executeTakeFirstOrThrow()).seq ?? 0);
      for (const visitor of VISITORS) {
        try {
          await m.loader({ request: getRequest(w, visitor, path), params, context: contextFor(w) });
        } catch {
          // Refusals are thrown; what matters here is what the database holds afterwards.
        }
      }
      const allowed = new Set(["audit_log", "audit_head", ...(GET_WRITES[file]?.tables ?? [])]);
      for (const table of changedTables(before, await fingerprint(w.db, ignore))) {
        if (!allowed.has(table)) unexpected.push(`GET ${path} changed ${table}`);
      }
      const audits = await w.db.selectFrom("audit_log").select("action").where("seq", ">", lastSeq).execute();
      for (const a of audits) if (!GET_AUDITS.has(a.action)) unexpected.push(`GET ${path} wrote the audit entry ${a.action}`);
    }
    expect(unexpected).toEqual([]);
  });
});

/** Real records for the parameterised routes, so that each GET reaches its use case. */
function anyParamsFromWorld(file: string, w: RouteWorld): Record<string, string> {
  if (file.startsWith("contracts.$id")) return { id: w.ids.contract };
  if (file.startsWith("demands.$id") || file.startsWith("bureau.demands.$id")) return { id: w.ids.demand };
  if (file.startsWith("bureau.lots.$lotId")) return { lotId: w.ids.awardedLot };
  const byFile: Record<string, Record<string, string>> = {
    "$.tsx": { "*": "no-such-page" },
    "bids.$bidId.receipt.ts": { bidId: w.ids.bid },
    "bids.lots.$lotId.tsx": { lotId: w.ids.openLot },
    "bureau.organisations.$id.tsx": { id: w.ids.organisation },
    "bureau.tenders.$id.tsx": { id: w.ids.tender },
    "bureau.users.$id.tsx": { id: w.ids.bureauUser },
    "export.$.tsx": { "*": "bureau/organisations" },
    "finance.milestones.$id.tsx": { id: w.ids.milestone },
    "i18n.$lng[.]json.ts": { lng: "en" },
    "ocds.records.$ocid[.]json.ts": { ocid: w.ids.ocid },
    "panel.lots.$lotId.tsx": { lotId: w.ids.evaluatingLot },
    "tenders.$reference.tsx": { reference: w.ids.tenderReference },
    "training.$contractId.tsx": { contractId: w.ids.trainingContract },
  };
  return byFile[file] ?? anyParams(file);
}
