import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import type { ServerBuild } from "@remix-run/node";
import { afterEach, describe, expect, it } from "vitest";
import { createTestDb } from "#tests/db";
import { makeActor, makeDemand } from "#tests/factories";
import * as entryServer from "~/entry.server";
import * as root from "~/root";
import * as notFoundRoute from "~/routes/$";
import * as exportRoute from "~/routes/export.$";
import * as releasesRoute from "~/routes/ocds.releases[.]json";
import * as tendersPage from "~/routes/bureau.tenders._index";
import * as rosterCsv from "~/routes/demands.$id_.roster_.template[.]csv";
import * as rosterXlsx from "~/routes/demands.$id_.roster_.template[.]xlsx";
import { createSession } from "~/auth/session.server";
import { createApp } from "./app";

/**
 * Issue 8, test 6 (DESIGN.md "Security headers"): the HTTP server puts the CSP with a fresh nonce
 * and the other headers on every kind of answer — a page, JSON, a file download and an error page,
 * a 500 in production included, which shows no stack trace. The app's own route modules are served
 * by the production request handler, plus two routes that fail the way a bug would.
 */

const SECRET = "connection to 10.0.0.7 refused at /srv/skilltender/app/db.ts:42:7";

function route(id: string, path: string | undefined, module: ServerBuild["routes"][string]["module"], o: { parentId?: string; index?: boolean } = { parentId: "root" }) {
  return { id, path: o.index ? undefined : path, parentId: o.parentId, index: o.index, caseSensitive: undefined, module };
}

/** A production build of the real root, error page, export route, open data and one list page, and two failing routes. */
function build(): ServerBuild {
  const failingPage = { loader: () => Promise.reject(new Error(SECRET)), default: () => null };
  const failingResource = { loader: () => Promise.reject(new Error(SECRET)) };
  const routes: ServerBuild["routes"] = {
    root: route("root", "", root as never, {}),
    "routes/$": route("routes/$", "*", notFoundRoute as never),
    "routes/export.$": route("routes/export.$", "export/*", exportRoute as never),
    "routes/ocds.releases[.]json": route("routes/ocds.releases[.]json", "ocds/releases.json", releasesRoute as never),
    "routes/bureau.tenders._index": route("routes/bureau.tenders._index", "bureau/tenders", tendersPage as never),
    "routes/demands.$id_.roster_.template[.]csv": route("routes/demands.$id_.roster_.template[.]csv", "demands/:id/roster/template.csv", rosterCsv as never),
    "routes/demands.$id_.roster_.template[.]xlsx": route("routes/demands.$id_.roster_.template[.]xlsx", "demands/:id/roster/template.xlsx", rosterXlsx as never),
    "routes/failing-page": route("routes/failing-page", "failing-page", failingPage as never),
    "routes/failing[.]json": route("routes/failing[.]json", "failing.json", failingResource as never),
  };
  const manifestRoutes = Object.fromEntries(
    Object.values(routes).map((r) => {
      const m = r!.module as unknown as Record<string, unknown>;
      return [
        r!.id,
        {
          id: r!.id,
          parentId: r!.parentId,
          path: r!.path,
          index: r!.index,
          caseSensitive: undefined,
          hasAction: "action" in m,
          hasLoader: "loader" in m,
          hasClientAction: false,
          hasClientLoader: false,
          hasErrorBoundary: "ErrorBoundary" in m,
          module: `/assets/${r!.id.replace(/\W/g, "_")}.js`,
          imports: [],
          css: [],
        },
      ];
    }),
  );
  return {
    mode: "production",
    entry: { module: entryServer as never },
    routes,
    assets: { entry: { module: "/assets/entry.client.js", imports: [] }, routes: manifestRoutes, url: "/assets/manifest-test.js", version: "test" } as never,
    basename: undefined,
    publicPath: "/",
    assetsBuildDirectory: "build/client",
    future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true, v3_routeConfig: false, v3_singleFetch: true, v3_lazyRouteDiscovery: true, unstable_optimizeDeps: false },
    isSpaMode: false,
  } as unknown as ServerBuild;
}

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function serve(): Promise<{ base: string; cookie: string; enterpriseCookie: string; demandId: string }> {
  const handle = await createTestDb();
  const officer = await makeActor(handle.db, { kind: "bureau", roles: ["officer"] });
  const { token } = await createSession(handle.db, officer.userId, "bureau");
  const enterprise = await makeActor(handle.db, { kind: "enterprise" });
  const demandId = await makeDemand(handle.db, enterprise, { status: "draft" });
  const { token: enterpriseToken } = await createSession(handle.db, enterprise.userId, "enterprise");
  const app = createApp({ handle, build: build() });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, cookie: `st_session=${token}`, enterpriseCookie: `st_session=${enterpriseToken}`, demandId };
}

/** The headers of DESIGN.md "Security headers"; returns the nonce of the CSP. */
function expectSecurityHeaders(res: Response, what: string): string {
  const csp = res.headers.get("Content-Security-Policy") ?? "";
  const directives = new Map(csp.split(";").map((d) => d.trim().split(/\s+/)).filter((p) => p[0]).map(([n, ...v]) => [n!, v]));
  expect(directives.get("default-src"), `${what}: default-src`).toBeDefined();
  expect(directives.get("object-src"), `${what}: object-src`).toEqual(["'none'"]);
  expect(directives.get("base-uri"), `${what}: base-uri`).toEqual(["'none'"]);
  expect(directives.get("frame-ancestors"), `${what}: frame-ancestors`).toEqual(["'none'"]);
  const scriptSrc = directives.get("script-src") ?? [];
  expect(scriptSrc, `${what}: no inline script`).not.toContain("'unsafe-inline'");
  const nonce = scriptSrc.map((s) => /^'nonce-([^']+)'$/.exec(s)?.[1]).find(Boolean);
  expect(nonce, `${what}: a nonce`).toBeTruthy();
  expect(res.headers.get("X-Content-Type-Options"), `${what}: nosniff`).toBe("nosniff");
  expect(res.headers.get("Referrer-Policy"), `${what}: Referrer-Policy`).toBeTruthy();
  expect(res.headers.get("X-Powered-By"), `${what}: no X-Powered-By`).toBeNull();
  return nonce!;
}

const STACK_TRACE = /\n\s+at \S+|node_modules\/|\.(ts|tsx|js):\d+:\d+/;

describe("security headers on every kind of answer (production mode)", () => {
  it("CSV and XLSX downloads: the headers, nosniff, an attachment with a safe file name, never cached", async () => {
    const { base, cookie } = await serve();
    const nonces = new Set<string>();
    for (const format of ["csv", "xlsx"] as const) {
      const res = await fetch(`${base}/export/bureau/tenders?format=${format}`, { headers: { Cookie: cookie } });
      expect(res.status).toBe(200);
      expect(res.headers.get("Content-Type")).toMatch(format === "csv" ? /^text\/csv; charset=utf-8$/ : /^application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet$/);
      nonces.add(expectSecurityHeaders(res, `${format} download`));
      const disposition = res.headers.get("Content-Disposition") ?? "";
      // An ASCII fallback name and the Chinese name percent-encoded: no quote, slash, CR or LF a header could be split on.
      expect(disposition).toMatch(new RegExp(`^attachment; filename="export\\.${format}"; filename\\*=UTF-8''[A-Za-z0-9%._-]+\\.${format}$`));
      expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(disposition)![1]!)).toMatch(new RegExp(`^招标管理-\\d{4}-\\d{2}-\\d{2}\\.${format}$`));
      expect(res.headers.get("Cache-Control")).toBe("private, no-store");
      await res.arrayBuffer();
    }
    expect(nonces.size, "a fresh nonce per response").toBe(2);
  });

  it("the roster templates: the headers, nosniff, an attachment with a safe file name, never cached", async () => {
    const { base, enterpriseCookie, demandId } = await serve();
    for (const format of ["csv", "xlsx"] as const) {
      const res = await fetch(`${base}/demands/${demandId}/roster/template.${format}`, { headers: { Cookie: enterpriseCookie } });
      expect(res.status).toBe(200);
      expectSecurityHeaders(res, `roster template ${format}`);
      expect(res.headers.get("Content-Disposition")).toMatch(new RegExp(`^attachment; filename="[a-z-]+\\.${format}"; filename\\*=UTF-8''[A-Za-z0-9%._-]+\\.${format}$`));
      expect(res.headers.get("Cache-Control")).toBe("private, no-store");
      await res.arrayBuffer();
    }
  });

  it("JSON of the open data, and a page: the headers; the page's scripts carry the response's nonce", async () => {
    const { base } = await serve();
    const json = await fetch(`${base}/ocds/releases.json`);
    expect(json.status).toBe(200);
    expect(json.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expectSecurityHeaders(json, "open data JSON");
    await json.json();

    const page = await fetch(`${base}/no-such-page`);
    expect(page.status).toBe(404);
    const nonce = expectSecurityHeaders(page, "404 page");
    const html = await page.text();
    expect(html).toContain("页面不存在");
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(` nonce="${nonce}"`);
  });

  it("a 500 from a failing page and from a failing JSON route: the headers, a plain message, no stack trace, no detail of the error", async () => {
    const { base } = await serve();
    // The control: the same server answers a working route.
    expect((await fetch(`${base}/ocds/releases.json`)).status).toBe(200);
    // The error is logged for the operator (never shown).
    const page = await fetch(`${base}/failing-page`);
    expect(page.status).toBe(500);
    const nonce = expectSecurityHeaders(page, "500 page");
    const html = await page.text();
    // The site's own error page (the root's error boundary), its scripts under the response's nonce.
    expect(html).toContain('<html lang="zh-CN"');
    for (const tag of html.match(/<script\b[^>]*>/g) ?? []) expect(tag).toContain(` nonce="${nonce}"`);
    expect(html).toMatch(/系统出现问题|出错/);
    expect(html).not.toContain(SECRET);
    expect(html).not.toContain("10.0.0.7");
    expect(html).not.toMatch(STACK_TRACE);

    const resource = await fetch(`${base}/failing.json`);
    expect(resource.status).toBe(500);
    expectSecurityHeaders(resource, "500 from a resource route");
    const body = await resource.text();
    expect(body).not.toContain(SECRET);
    expect(body).not.toMatch(STACK_TRACE);
  });
});
