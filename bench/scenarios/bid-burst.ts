/**
 * Scenario bid-burst (issue "Benchmarks"): N institutions submit sealed bids to one lot in the
 * last S seconds before its deadline, at a fixed rate, through the app's real bid form. Every
 * accepted bid must be persisted with its receipt; no errors, no SQLITE_BUSY.
 */
import { createDb } from "#db/client";
import { newId } from "~/utils/id.server";
import { printFigures, signIn, startServer, type Figures } from "../run";

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function burst(dbUrl: string, o: { bidders: number; seconds: number }): Promise<number> {
  const h = createDb(dbUrl);
  let lot: { id: string; tender_id: string; occupation_code: string; max_price_fen: number; window_start: string; window_end: string; headcount: number };
  let bidders: { orgId: string; email: string }[];
  try {
    // Bench set-up, straight in the database: one lot open for bids, cleared of bids, and
    // the institutions accredited for it.
    lot = await h.db
      .selectFrom("lots as l")
      .innerJoin("tenders as t", "t.id", "l.tender_id")
      .select(["l.id", "l.tender_id", "l.occupation_code", "l.max_price_fen", "l.window_start", "l.window_end", "l.headcount"])
      .where("t.status", "=", "published")
      .where("l.status", "=", "open")
      .orderBy("l.headcount", "desc")
      .executeTakeFirstOrThrow();
    await h.db.deleteFrom("bids").where("lot_id", "=", lot.id).execute();
    const institutions = await h.db
      .selectFrom("organisations as o")
      .innerJoin("users as u", "u.organisation_id", "o.id")
      .select(["o.id", "u.email"])
      .where("o.kind", "=", "institution")
      .orderBy("o.created_at")
      .orderBy("o.id")
      .limit(o.bidders)
      .execute();
    bidders = institutions.map((i) => ({ orgId: i.id, email: i.email }));
    const t = new Date().toISOString();
    for (const b of bidders) {
      await h.db
        .insertInto("accreditations")
        .values({
          id: newId(),
          institution_id: b.orgId,
          occupation_code: lot.occupation_code,
          highest_level: 1,
          licence_number: `BURST-${b.orgId.slice(0, 8)}`,
          valid_from: "2000-01-01",
          valid_to: "2099-12-31",
          status: "approved",
          status_reason: null,
          decided_by: null,
          decided_at: null,
          created_by: (await h.db.selectFrom("users").select("id").where("email", "=", b.email).executeTakeFirstOrThrow()).id,
          created_at: t,
          updated_at: t,
        })
        .execute();
    }
  } finally {
    await h.destroy();
  }
  if (bidders.length < o.bidders) process.stdout.write(`note: this scale has ${bidders.length} institutions; all of them bid\n`);

  const app = await startServer("server/index.ts", { DATABASE_URL: dbUrl }, 3401);
  try {
    process.stderr.write(`bench: signing in ${bidders.length} institutions…\n`);
    const cookies: string[] = [];
    for (let i = 0; i < bidders.length; i += 4) {
      cookies.push(...(await Promise.all(bidders.slice(i, i + 4).map((b) => signIn(app.url, b.email)))));
    }
    // The deadline: the burst's window from now, plus a margin for the last request.
    const deadline = new Date(Date.now() + o.seconds * 1000 + 5000);
    const h2 = createDb(dbUrl);
    try {
      await h2.db.updateTable("tenders").set({ bid_deadline: deadline.toISOString(), last_material_amendment_at: null }).where("id", "=", lot.tender_id).execute();
    } finally {
      await h2.destroy();
    }
    const interval = (o.seconds * 1000) / bidders.length;
    const latencies: number[] = [];
    let errors = 0;
    let non2xx = 0;
    const statuses = new Map<number, number>();
    const started = Date.now();
    await Promise.all(
      bidders.map(async (_, i) => {
        await new Promise((r) => setTimeout(r, i * interval));
        const price = Math.max(100, lot.max_price_fen - 100 * (i % 50));
        const body = new URLSearchParams({
          intent: "submit",
          price: (price / 100).toFixed(2),
          capacity: String(Math.max(1, Math.min(lot.headcount, 10 + (i % 40)))),
          plannedStart: lot.window_start,
          plannedEnd: lot.window_end,
          theoryHours: "40",
          practiceHours: "80",
          trainerName: `讲师${i}`,
          trainerCertificate: `CERT-${i}`,
          venue: "基准实训基地",
          plan: `基准投标方案 ${i}`,
        }).toString();
        const t0 = performance.now();
        try {
          const r = await fetch(`${app.url}/bids/lots/${lot.id}`, {
            method: "POST",
            redirect: "manual",
            headers: { "content-type": "application/x-www-form-urlencoded", origin: app.url, cookie: cookies[i]! },
            body,
          });
          await r.arrayBuffer();
          statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
          if (r.status !== 302) non2xx++;
        } catch {
          errors++;
        }
        latencies.push(performance.now() - t0);
      }),
    );
    const elapsed = (Date.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const h3 = createDb(dbUrl);
    let persisted = 0;
    try {
      const row = await h3.db
        .selectFrom("bids")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("lot_id", "=", lot.id)
        .where("status", "=", "submitted")
        .where("receipt_hash", "is not", null)
        .executeTakeFirstOrThrow();
      persisted = Number(row.n);
    } finally {
      await h3.destroy();
    }
    const accepted = statuses.get(302) ?? 0;
    const busy = (app.stderr().match(/SQLITE_BUSY/g) ?? []).length;
    const f: Figures = {
      label: "bid-burst",
      requestsPerSecond: bidders.length / elapsed,
      p50: Math.round(percentile(latencies, 50)),
      p975: Math.round(percentile(latencies, 97.5)),
      p99: Math.round(percentile(latencies, 99)),
      errors,
      non2xx,
      requests: bidders.length,
    };
    process.stdout.write(`scenario bid-burst — ${bidders.length} bids to one lot over ${o.seconds} s (one every ${Math.round(interval)} ms)\n`);
    printFigures(f);
    process.stdout.write(`accepted ${accepted}, persisted with receipt ${persisted}, SQLITE_BUSY ${busy}, statuses ${JSON.stringify(Object.fromEntries(statuses))}\n`);
    const ok = errors === 0 && non2xx === 0 && busy === 0 && persisted === accepted && accepted === bidders.length;
    process.stdout.write(ok ? "bid-burst: every bid accepted and persisted\n" : "bid-burst: FAILED — see the figures above\n");
    return ok ? 0 : 1;
  } finally {
    await app.stop();
  }
}
