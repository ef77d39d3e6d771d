/**
 * Scenario progress (issue 6 "Speed": the progress page stays fast on a city-scale history of a
 * million enrolments, aiming under 100 ms at the server for a year's page).
 *
 * On the generated history (bench/run.ts gives this scenario eleven years of the city scale:
 * about a million enrolments) it measures, for the current year and a past one:
 * 1. the figures alone, in process: `getBureauProgress` and `getPublicStatistics` called
 *    directly on the database, one at a time — what the queries cost;
 * 2. the whole page at the server, one request at a time: the signed-in officer's
 *    `GET /bureau/progress?year=…` and the public `GET /statistics?year=…` (p50 / p95 / max);
 * 3. the page under load: autocannon with the given connections and duration.
 */
import { createDb } from "#db/client";
import { getBureauProgress, getPublicStatistics } from "~/modules/targets/progress.server";
import { BENCH_OFFICER } from "../data/generate";
import { load, printFigures, signIn, startServer } from "../run";

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

function summary(label: string, ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  return `${label.padEnd(44)} p50 ${quantile(s, 0.5).toFixed(1)} ms  p95 ${quantile(s, 0.95).toFixed(1)} ms  max ${s[s.length - 1]!.toFixed(1)} ms  (${s.length} runs)`;
}

async function timeIt(runs: number, f: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f();
    out.push(performance.now() - t);
  }
  return out;
}

export async function progress(dbUrl: string, o: { duration: number; connections: number; runs: number }): Promise<number> {
  const now = new Date();
  const current = new Date(now.getTime() + 8 * 3_600_000).getUTCFullYear();
  const years = [current, current - 2];

  // 1. The figures alone, in this process.
  const h = createDb(dbUrl);
  try {
    const counts = await h.db
      .selectFrom("enrolments")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    process.stdout.write(`scenario progress — ${Number(counts.n).toLocaleString("en")} enrolments in the history\n`);
    for (const year of years) {
      await getBureauProgress(h.db, year, now); // warm the page cache
      process.stdout.write(`${summary(`in process: getBureauProgress(${year})`, await timeIt(o.runs, () => getBureauProgress(h.db, year, now)))}\n`);
      process.stdout.write(`${summary(`in process: getPublicStatistics(${year})`, await timeIt(o.runs, () => getPublicStatistics(h.db, year, now)))}\n`);
    }
    const p = await getBureauProgress(h.db, current, now);
    process.stdout.write(
      `  ${current}: trained ${p.trained.actual} (projected ${p.trained.projected}) of ${p.trained.target}; high-skilled ${p.highSkilled.actual} (projected ${p.highSkilled.projected}); funnel ${p.funnel.map((s) => s.count).join(" → ")}\n`,
    );
  } finally {
    await h.destroy();
  }

  // 2 and 3. The pages at the server.
  const app = await startServer("server/index.ts", { DATABASE_URL: dbUrl }, 3401);
  try {
    const cookie = await signIn(app.url, BENCH_OFFICER);
    for (const year of years) {
      for (const [label, path, headers] of [
        ["bureau", `/bureau/progress?year=${year}`, { cookie }],
        ["public", `/statistics?year=${year}`, {}],
      ] as const) {
        const first = await fetch(`${app.url}${path}`, { headers });
        if (first.status !== 200) throw new Error(`${path} answered ${first.status}`);
        await first.text();
        const ms = await timeIt(o.runs, async () => {
          const r = await fetch(`${app.url}${path}`, { headers });
          await r.text();
        });
        process.stdout.write(`${summary(`one at a time: GET ${path} (${label})`, ms)}\n`);
      }
    }
    const path = `/bureau/progress?year=${current}`;
    const f = await load("progress", `${app.url}${path}`, { duration: o.duration, connections: o.connections, headers: { cookie } });
    process.stdout.write(`under load: GET ${path}, ${o.connections} connections, ${o.duration} s\n`);
    printFigures(f);
    return f.errors === 0 && f.non2xx === 0 ? 0 : 1;
  } finally {
    await app.stop();
  }
}
