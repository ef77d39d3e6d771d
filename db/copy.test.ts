import { describe, expect, it } from "vitest";
import { compareCopy, foreignKeyOrder, redactUrl, selfReferences, toTargetValue, type ForeignKey } from "./copy";

const fk = (column: string, refTable: string, refColumn = "id"): ForeignKey => ({ column, refTable, refColumn });

describe("db:copy rules", () => {
  it("fills every table after the tables it references, whatever order they are listed in", () => {
    const keys = new Map<string, ForeignKey[]>([
      ["payments", [fk("milestone_id", "milestones")]],
      ["milestones", [fk("contract_id", "contracts")]],
      ["contracts", [fk("award_id", "awards"), fk("institution_id", "organisations")]],
      ["awards", [fk("replaces_award_id", "awards"), fk("institution_id", "organisations")]],
      ["organisations", []],
    ]);
    const order = foreignKeyOrder(["payments", "milestones", "contracts", "awards", "organisations", "calendar_days"], keys);
    expect(order).toHaveLength(6);
    for (const [table, refs] of keys) {
      for (const r of refs) if (r.refTable !== table) expect(order.indexOf(r.refTable)).toBeLessThan(order.indexOf(table));
    }
    expect(selfReferences("awards", keys.get("awards")!)).toEqual([fk("replaces_award_id", "awards")]);
  });

  it("refuses a cycle between tables instead of looping", () => {
    const keys = new Map([
      ["a", [fk("b_id", "b")]],
      ["b", [fk("a_id", "a")]],
    ]);
    expect(() => foreignKeyOrder(["a", "b"], keys)).toThrow(/cycle between: a, b/);
  });

  it.each([
    [null, "text", null],
    ["培训", "text", "培训"],
    [42, "integer", 42n],
    [42n, "bigint", 42n],
    [9_007_199_254_740_993n, "bigint", 9_007_199_254_740_993n],
  ] as const)("keeps %s as %s", (value, type, expected) => {
    expect(toTargetValue(value, type)).toEqual({ ok: true, value: expected });
  });

  it.each([
    [1.5, "integer", /fraction/],
    ["12", "integer", /text in an integer column/],
    [12, "text", /number in a text column/],
    [new Uint8Array([1]), "text", /blob/],
    ["a\u0000b", "text", /NUL/],
    [2_147_483_648n, "integer", /out of range/],
  ] as const)("refuses %s in a %s column rather than coercing it", (value, type, reason) => {
    const r = toTargetValue(value, type);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it("verifies a copy only when every table's rows and the audit head match", () => {
    const head = { seq: 3, hash: "c".repeat(64) };
    const same = { counts: { users: 2, audit_log: 3 }, head };
    expect(compareCopy(same, { ...same })).toEqual([]);
    expect(compareCopy(same, { counts: { users: 1, audit_log: 3 }, head })).toEqual(["users: 2 rows in the source, 1 in the target"]);
    expect(compareCopy(same, { counts: { audit_log: 3 }, head })).toEqual(["users: missing in the target"]);
    expect(compareCopy(same, { counts: same.counts, head: { seq: 3, hash: "d".repeat(64) } })).toEqual([
      `audit head: source 3 ${"c".repeat(64)}, target 3 ${"d".repeat(64)}`,
    ]);
  });

  it("never prints a database password", () => {
    expect(redactUrl("postgres://app:s3cret@db.example:5432/skilltender")).toBe("postgres://app:***@db.example:5432/skilltender");
    expect(redactUrl("postgres://app@db.example/skilltender")).toBe("postgres://app@db.example/skilltender");
  });
});
