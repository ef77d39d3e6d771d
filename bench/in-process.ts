/**
 * `npx tsx bench/in-process.ts [--scale district] [--path /tenders] [--runs 300] [--lang zh-CN|en] [--build dir]`
 *
 * The cost of one public page without HTTP or load: the built app's Remix request handler
 * (build/server/index.js, production mode, the same load context the server gives) answers the
 * page N times one after the other (`--build` another build's directory, to compare a change
 * with a copy of the build before it in the same conditions), and the raw baseline's render of the same data
 * (bench/baseline/pages.tsx, the same queries) runs N times; both print ms per page (mean and
 * p50). Run under `node --cpu-prof --import tsx bench/in-process.ts` to see where the app's time
 * goes. Uses the scale's cached SQLite file, or DATABASE_URL's postgres.
 */
import "./production-env";
import { resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { createDb } from "#db/client";
import { listOccupations, listPublicTenders } from "~/modules/tender/queries.server";
import { TenderListPage } from "./baseline/pages";
import { ensureBuild, ensureData } from "./run";
import { isScale } from "./data/world";

function arg(flag: string): string | undefined {
  const args = process.argv.slice(2);
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}

function summary(label: string, times: number[], bytes: number): string {
  const sorted = [...times].sort((a, b) => a - b);
  const mean = times.reduce((s, x) => s + x, 0) / times.length;
  const p50 = sorted[Math.floor(sorted.length / 2)]!;
  return `${label.padEnd(9)} ${mean.toFixed(2).padStart(7)} ms a page (mean), p50 ${p50.toFixed(2)} ms, ${times.length} runs, ${(bytes / 1024).toFixed(1)} KB`;
}

async function timeIt(runs: number, once: () => Promise<number>): Promise<{ times: number[]; bytes: number }> {
  let bytes = 0;
  // Warm-up: JIT, the i18next instances, the occupation list.
  for (let i = 0; i < Math.min(50, runs); i++) bytes = await once();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    bytes = await once();
    times.push(performance.now() - t0);
  }
  return { times, bytes };
}

async function main(): Promise<number> {
  const scale = arg("--scale") ?? "district";
  if (!isScale(scale)) throw new Error(`unknown scale ${scale}`);
  const path = arg("--path") ?? "/tenders";
  const runs = Number(arg("--runs") ?? 300);
  const lang = arg("--lang") ?? "zh-CN";
  const buildDir = arg("--build");
  if (!buildDir) ensureBuild();
  const url = await ensureData(scale);
  const handle = createDb(url);
  try {
    const build = (await import(pathToFileURL(resolve(buildDir ?? "build", "server/index.js")).href)) as ServerBuild;
    const handler = createRequestHandler(build, "production");
    const app = await timeIt(runs, async () => {
      const response = await handler(new Request(`http://127.0.0.1${path}`, { headers: { "accept-language": lang } }), {
        clientAddress: "127.0.0.1",
        db: handle.db,
        dbKind: handle.kind,
        nonce: "bench",
        log: { requestId: "bench" },
      });
      if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
      return (await response.text()).length;
    });
    const baseline = await timeIt(runs, async () => {
      const list = await listPublicTenders(handle.db, { page: 1 });
      const occupations = await listOccupations(handle.db);
      return `<!DOCTYPE html>${renderToString(createElement(TenderListPage, { ...list, occupations }))}`.length;
    });
    process.stdout.write(`in process — GET ${path} (${lang}), scale ${scale}, ${handle.kind}, ${buildDir ?? "build"}, node ${process.version}\n`);
    process.stdout.write(`${summary("app", app.times, app.bytes)}\n`);
    process.stdout.write(`${summary("baseline", baseline.times, baseline.bytes)}\n`);
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    process.stdout.write(`ratio of cost app/baseline: ${(mean(app.times) / mean(baseline.times)).toFixed(1)}\n`);
    return 0;
  } finally {
    await handle.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
