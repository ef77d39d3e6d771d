import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { validateCreditCode } from "~/modules/organisation/credit-code";
import { validateIdNumber } from "~/modules/reference/id-number";
import { generate } from "./generate";
import { SCALES } from "./world";

const dir = mkdtempSync(join(tmpdir(), "skilltender-bench-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the benchmark data generator (tiny scale)", () => {
  it("builds a consistent world: valid codes and identity numbers, prices under caps, about 2.4 bids a lot", { timeout: 60_000 }, async () => {
    const file = join(dir, "tiny.db");
    const summary = await generate({ url: `file:${file}`, scale: { ...SCALES.tiny, institutions: 30 }, seed: 7, year: 2026, quiet: true });
    expect(summary).toMatchObject({ enterprises: 40, institutions: 30, trainees: 400 });
    const db = new Database(file, { readonly: true });
    try {
      // Every foreign key holds.
      expect(db.prepare("PRAGMA foreign_key_check").all()).toEqual([]);
      const codes = db.prepare("select credit_code from organisations where kind != 'bureau'").pluck().all() as string[];
      expect(codes).toHaveLength(70);
      for (const c of codes) expect(validateCreditCode(c).ok, c).toBe(true);
      const ids = db.prepare("select id_number from trainees").pluck().all() as string[];
      expect(new Set(ids).size).toBe(400);
      for (const id of ids) expect(validateIdNumber(id, "2026-11-28").ok, id).toBe(true);
      // Each demand's roster is exactly its headcount.
      const mismatched = db
        .prepare("select count(*) from demands d where headcount != (select count(*) from demand_trainees t where t.demand_id = d.id)")
        .pluck()
        .get();
      expect(mismatched).toBe(0);
      // Opened prices never exceed the lot's maximum.
      expect(db.prepare("select count(*) from bids b join lots l on l.id = b.lot_id where b.price_fen > l.max_price_fen").pluck().get()).toBe(0);
      // Sealed bids of open lots carry no readable price.
      expect(db.prepare("select count(*) from bids b join lots l on l.id = b.lot_id where l.status = 'open' and b.price_fen is not null").pluck().get()).toBe(0);
      const perLot = db
        .prepare("select avg(n) from (select count(*) n from bids b join tenders t on t.id = (select tender_id from lots where id = b.lot_id) where t.title not like '基准测试：%' group by b.lot_id)")
        .pluck()
        .get() as number;
      expect(perLot).toBeGreaterThan(1.8);
      expect(perLot).toBeLessThan(3);
      // Every awarded lot of a past year has one completed contract.
      const pastLots = db.prepare("select count(*) from lots l join tenders t on t.id = l.tender_id where t.year = 2025").pluck().get() as number;
      const pastContracts = db.prepare("select count(*) from contracts c join tenders t on t.id = c.tender_id where t.year = 2025 and c.status = 'completed'").pluck().get() as number;
      expect(pastContracts).toBe(pastLots);
    } finally {
      db.close();
    }
  });

  it("keeps foreign keys whole across batch boundaries (more organisations than one insert holds)", { timeout: 60_000 }, async () => {
    const file = join(dir, "wide.db");
    const summary = await generate({ url: `file:${file}`, scale: { enterprises: 3_000, institutions: 10, traineesPerYear: 100, years: 1 }, seed: 3, year: 2026, quiet: true });
    expect(summary.enterprises).toBe(3_000);
    const db = new Database(file, { readonly: true });
    try {
      expect(db.prepare("PRAGMA foreign_key_check").all()).toEqual([]);
      expect(db.prepare("select count(*) from users u join organisations o on o.id = u.organisation_id where o.kind != 'bureau'").pluck().get()).toBe(3_010);
    } finally {
      db.close();
    }
  });

  it("gives the same world for the same seed", { timeout: 60_000 }, async () => {
    const shape = async (name: string) => {
      const file = join(dir, name);
      await generate({ url: `file:${file}`, scale: SCALES.tiny, seed: 11, year: 2026, quiet: true });
      const db = new Database(file, { readonly: true });
      try {
        return db.prepare("select occupation_code, level, headcount from demands order by created_at, occupation_code, level, headcount").all();
      } finally {
        db.close();
      }
    };
    expect(await shape("a.db")).toEqual(await shape("b.db"));
  });
});
