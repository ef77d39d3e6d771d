/**
 * Scenario roster-import (issue "Benchmarks"): an enterprise uploads a roster file of N rows
 * (valid identity numbers and phones) through the app's upload endpoint. A demand holds at most
 * 500 trainees, so every row is checked and the report lists the rows beyond the headcount; the
 * enterprise then imports the good rows. Seconds reported for each step.
 */
import { createDb } from "#db/client";
import { rosterTemplateCsv } from "~/modules/demand/roster-file.server";
import { makeIdNumber } from "~/modules/reference/id-number";
import { newId } from "~/utils/id.server";
import { signIn, startServer } from "../run";

export async function rosterImport(dbUrl: string, o: { rows: number }): Promise<number> {
  const h = createDb(dbUrl);
  const demandId = newId();
  let email: string;
  try {
    // Bench set-up: a draft demand of the first enterprise, large enough for the file.
    const ent = await h.db
      .selectFrom("organisations as o")
      .innerJoin("users as u", "u.organisation_id", "o.id")
      .select(["o.id", "u.id as user_id", "u.email"])
      .where("o.kind", "=", "enterprise")
      .orderBy("o.created_at")
      .orderBy("o.id")
      .executeTakeFirstOrThrow();
    email = ent.email;
    const occupation = await h.db.selectFrom("occupations").select("code").orderBy("code").executeTakeFirstOrThrow();
    const t = new Date().toISOString();
    const year = new Date().getUTCFullYear() + 1;
    await h.db
      .insertInto("demands")
      .values({
        id: demandId,
        enterprise_id: ent.id,
        occupation_code: occupation.code,
        level: 4,
        headcount: Math.min(o.rows, 500),
        earliest_start: `${year}-03-01`,
        latest_end: `${year}-09-30`,
        place: "基准测试区",
        notes: null,
        status: "draft",
        status_reason: null,
        tender_id: null,
        lot_id: null,
        created_by: ent.user_id,
        created_at: t,
        updated_at: t,
        submitted_at: null,
      })
      .execute();
  } finally {
    await h.destroy();
  }
  const lines = Array.from({ length: o.rows }, (_, i) => {
    const birth = `19${70 + (i % 30)}${String((i % 12) + 1).padStart(2, "0")}${String((i % 28) + 1).padStart(2, "0")}`;
    return `基准学员${i},${makeIdNumber("330106", birth, String(i % 1000).padStart(3, "0"))},139${String(i).padStart(8, "0")},${(i % 5) + 1}`;
  });
  const csv = `${rosterTemplateCsv()}${lines.join("\r\n")}\r\n`;
  const app = await startServer("server/index.ts", { DATABASE_URL: dbUrl }, 3401);
  try {
    const cookie = await signIn(app.url, email);
    const form = new FormData();
    form.append("file", new Blob([csv], { type: "text/csv" }), "roster.csv");
    const started = performance.now();
    const r = await fetch(`${app.url}/demands/${demandId}/roster/import`, { method: "POST", headers: { origin: app.url, cookie }, body: form });
    const body = (await r.json()) as { imported?: number; report?: { importId: string | null; goodCount: number; badCount: number }; error?: string };
    const checked = (performance.now() - started) / 1000;
    process.stdout.write(`scenario roster-import — ${o.rows} rows, ${(csv.length / 1024).toFixed(0)} KB CSV, a demand of ${Math.min(o.rows, 500)}\n`);
    let imported = body.imported ?? 0;
    let applied = 0;
    if (body.report?.importId) {
      process.stdout.write(`checked: status ${r.status}, good ${body.report.goodCount}, bad ${body.report.badCount}\n`);
      const t1 = performance.now();
      const a = await fetch(`${app.url}/demands/${demandId}/roster`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded", origin: app.url, cookie },
        body: new URLSearchParams({ intent: "commit", importId: body.report.importId }).toString(),
      });
      await a.arrayBuffer();
      applied = (performance.now() - t1) / 1000;
      if (a.status === 302 || a.status === 200) imported = body.report.goodCount;
    } else if (body.error) {
      process.stdout.write(`refused: ${body.error}\n`);
    }
    process.stdout.write(`roster-import: checked in ${checked.toFixed(2)} s, good rows imported in ${applied.toFixed(2)} s (${imported} trainees)\n`);
    return imported === Math.min(o.rows, 500) ? 0 : 1;
  } finally {
    await app.stop();
  }
}
