import { describe, expect, it } from "vitest";
import { verifyAuditChain } from "~/modules/audit/verify-audit-chain.server";
import { findTargets, setTargets } from "./targets.server";
import { progressWorld } from "./test-world.server";

const input = { year: 2031, trainedMin: 600, highSkilledMin: 150, highSkilledSharePct: 30, budget: 200_000_000 };

describe("yearly targets", () => {
  it("default to the policy's for a year the bureau has not set", async () => {
    const w = await progressWorld();
    expect(await findTargets(w.db, 2031)).toMatchObject({ trainedMin: 500, highSkilledMin: 100, highSkilledSharePct: 25, budgetFen: null, isDefault: true });
  });

  it("are set by a bureau admin, with the change in the audit log", async () => {
    const w = await progressWorld();
    expect(await setTargets(w.db, w.admin, input)).toEqual({ ok: true, value: { changed: true } });
    expect(await findTargets(w.db, 2031)).toMatchObject({ trainedMin: 600, highSkilledMin: 150, highSkilledSharePct: 30, budgetFen: 200_000_000, isDefault: false });
    expect(await setTargets(w.db, w.admin, { ...input, trainedMin: 650 })).toEqual({ ok: true, value: { changed: true } });
    const log = await w.db.selectFrom("audit_log").select(["action", "record_type", "record_id", "before_json", "after_json", "actor_user_id"]).where("action", "=", "targets.update").orderBy("seq").execute();
    expect(log).toHaveLength(2);
    expect(log[0]).toMatchObject({ record_type: "yearly_target", record_id: "2031", before_json: null, actor_user_id: w.admin.userId });
    expect(JSON.parse(log[1]!.before_json!)).toMatchObject({ trainedMin: 600 });
    expect(JSON.parse(log[1]!.after_json!)).toMatchObject({ trainedMin: 650, budgetFen: 200_000_000 });
    expect((await verifyAuditChain(w.db)).ok).toBe(true);
  });

  it("change nothing and log nothing when saved unchanged", async () => {
    const w = await progressWorld();
    await setTargets(w.db, w.admin, input);
    expect(await setTargets(w.db, w.admin, input)).toEqual({ ok: true, value: { changed: false } });
    const n = await w.db.selectFrom("audit_log").select((eb) => eb.fn.countAll<number>().as("n")).where("action", "=", "targets.update").executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
  });

  it("are not for officers, finance or evaluators to set", async () => {
    const w = await progressWorld();
    for (const who of [w.officer, w.finance, w.evaluator]) expect(await setTargets(w.db, who, input)).toEqual({ ok: false, kind: "forbidden" });
    expect((await findTargets(w.db, 2031)).isDefault).toBe(true);
  });
});
