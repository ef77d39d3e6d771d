/**
 * `npm run bench:weight` — bytes of JavaScript and CSS each main route makes a browser download
 * (gzip), from the built app's asset manifest: the entry, the root and the route's own module
 * with everything they import, and their stylesheets. Builds first when build/ is missing.
 * Every one of these routes also works with JavaScript disabled: the `nojs` browser journeys
 * (tests/e2e) run every flow without it.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import type { ServerBuild } from "@remix-run/node";
import { ensureBuild } from "./run";

export const MAIN_ROUTES: Record<string, string> = {
  "/": "routes/_index",
  "/login": "routes/login",
  "/home": "routes/home",
  "/tenders": "routes/tenders._index",
  "/tenders/:reference": "routes/tenders.$reference",
  "/institutions": "routes/institutions",
  "/demands": "routes/demands._index",
  "/demands/:id/roster": "routes/demands.$id_.roster",
  "/bids": "routes/bids._index",
  "/bids/lots/:lotId": "routes/bids.lots.$lotId",
  "/bureau/tenders/:id": "routes/bureau.tenders.$id",
  "/bureau/lots/:lotId": "routes/bureau.lots.$lotId._index",
  "/panel/lots/:lotId": "routes/panel.lots.$lotId",
  "/contracts/:id": "routes/contracts.$id",
};

export interface Weight {
  path: string;
  jsFiles: number;
  jsGzip: number;
  cssGzip: number;
}

export async function clientWeights(clientDir = resolve("build/client")): Promise<Weight[]> {
  const build = (await import(pathToFileURL(resolve("build/server/index.js")).href)) as ServerBuild;
  const gz = new Map<string, number>();
  const size = (url: string) => {
    let n = gz.get(url);
    if (n === undefined) {
      n = gzipSync(readFileSync(join(clientDir, url))).length;
      gz.set(url, n);
    }
    return n;
  };
  const out: Weight[] = [];
  for (const [path, id] of Object.entries(MAIN_ROUTES)) {
    const chain: string[] = [];
    for (let r: string | undefined = id; r; r = build.assets.routes[r]?.parentId) chain.push(r);
    if (!build.assets.routes[id]) throw new Error(`no route ${id} in the build`);
    const js = new Set<string>([build.assets.entry.module, ...build.assets.entry.imports]);
    const css = new Set<string>();
    for (const r of chain) {
      const m = build.assets.routes[r]!;
      js.add(m.module);
      for (const i of m.imports ?? []) js.add(i);
      for (const c of m.css ?? []) css.add(c);
    }
    // The global stylesheet the root links on every page (links()), which the manifest does not list.
    for (const f of readdirSync(join(clientDir, "assets")).filter((n) => /^styles-.*\.css$/.test(n))) css.add(`/assets/${f}`);
    out.push({ path, jsFiles: js.size, jsGzip: [...js].reduce((s, u) => s + size(u), 0), cssGzip: [...css].reduce((s, u) => s + size(u), 0) });
  }
  return out;
}

if (process.argv[1]?.endsWith("client-weight.ts")) {
  ensureBuild();
  const rows = await clientWeights();
  process.stdout.write(`${"route".padEnd(24)} ${"JS files".padStart(8)} ${"JS gzip".padStart(10)} ${"CSS gzip".padStart(10)}\n`);
  for (const r of rows) {
    process.stdout.write(`${r.path.padEnd(24)} ${String(r.jsFiles).padStart(8)} ${`${(r.jsGzip / 1024).toFixed(1)} KB`.padStart(10)} ${`${(r.cssGzip / 1024).toFixed(1)} KB`.padStart(10)}\n`);
  }
  // The page's dictionary, fetched once per language and cached (entry.client.tsx), is not JavaScript.
  const { languagePack } = await import("~/ui/i18n/packs.server");
  for (const lng of ["zh-CN", "en"] as const) {
    process.stdout.write(`dictionary /i18n/${lng}.json: ${(gzipSync(languagePack(lng).json).length / 1024).toFixed(1)} KB gzip, fetched once and cached\n`);
  }
  const worst = Math.max(...rows.map((r) => r.jsGzip));
  process.stdout.write(`largest JS per route: ${(worst / 1024).toFixed(1)} KB gzip (target ≤ 150 KB)\n`);
}
