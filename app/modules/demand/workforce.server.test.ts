import { describe, expect, it } from "vitest";
import { makeActor } from "#tests/factories";
import { listWorkforceReports } from "./queries.server";
import { reportWorkforce } from "./report-workforce.server";
import { auditRows, world } from "./test-fixtures.server";

describe("reportWorkforce", () => {
  it("records a year's report, then a correction, each audited with before and after", async () => {
    const { db, enterprise } = await world();
    expect(await reportWorkforce(db, enterprise, { year: 2026, skilledWorkers: 120, highSkilledWorkers: 25 })).toEqual({ ok: true, value: { changed: true } });
    expect(await reportWorkforce(db, enterprise, { year: 2026, skilledWorkers: 120, highSkilledWorkers: 31 })).toEqual({ ok: true, value: { changed: true } });
    expect(await listWorkforceReports(db, enterprise.orgId)).toMatchObject([{ year: 2026, skilledWorkers: 120, highSkilledWorkers: 31 }]);
    const rows = await auditRows(db);
    expect(rows.map((e) => [e.action, e.record_type, e.record_id])).toEqual([
      ["workforce.report", "workforce_report", `${enterprise.orgId}:2026`],
      ["workforce.report", "workforce_report", `${enterprise.orgId}:2026`],
    ]);
    expect(JSON.parse(rows[0]?.before_json ?? "null")).toBeNull();
    expect(JSON.parse(rows[1]?.before_json ?? "null")).toEqual({ year: 2026, skilledWorkers: 120, highSkilledWorkers: 25 });
    expect(JSON.parse(rows[1]?.after_json ?? "null")).toEqual({ year: 2026, skilledWorkers: 120, highSkilledWorkers: 31 });
  });

  it("writes nothing when the figures did not change", async () => {
    const { db, enterprise } = await world();
    await reportWorkforce(db, enterprise, { year: 2025, skilledWorkers: 10, highSkilledWorkers: 3 });
    expect(await reportWorkforce(db, enterprise, { year: 2025, skilledWorkers: 10, highSkilledWorkers: 3 })).toEqual({ ok: true, value: { changed: false } });
    expect(await auditRows(db)).toHaveLength(1);
  });

  it("keeps years before last year closed, and refuses more high-skilled than skilled", async () => {
    const { db, enterprise } = await world();
    expect(await reportWorkforce(db, enterprise, { year: 2024, skilledWorkers: 1, highSkilledWorkers: 0 })).toMatchObject({
      ok: false,
      fieldErrors: { year: ['demand.workforce.yearClosed|{"from":2025,"to":2026}'] },
    });
    expect(await reportWorkforce(db, enterprise, { year: 2026, skilledWorkers: 1, highSkilledWorkers: 2 })).toMatchObject({
      ok: false,
      fieldErrors: { highSkilledWorkers: ["demand.workforce.highAboveSkilled"] },
    });
    expect(await auditRows(db)).toEqual([]);
  });

  it("keeps each enterprise's reports its own, and forbids those who may not report", async () => {
    const { db, enterprise, other, officer } = await world();
    await reportWorkforce(db, enterprise, { year: 2026, skilledWorkers: 10, highSkilledWorkers: 3 });
    expect(await listWorkforceReports(db, other.orgId)).toEqual([]);
    const pending = await makeActor(db, { kind: "enterprise", status: "pending" });
    for (const someone of [pending, officer]) {
      expect(await reportWorkforce(db, someone, { year: 2026, skilledWorkers: 1, highSkilledWorkers: 0 })).toEqual({ ok: false, kind: "forbidden" });
    }
  });
});
