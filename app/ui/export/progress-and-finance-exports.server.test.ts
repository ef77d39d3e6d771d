import { describe, expect, it } from "vitest";
import { makeActor } from "#tests/factories";
import { contractWith, ELECTRICIAN, enrol, payment, progressWorld, WELDER } from "~/modules/targets/test-world.server";
import { newId } from "~/utils/id.server";
import { download, recordsOf, rowsOf } from "./export-testing.server";

/**
 * 2026: contract A of I1 (welder, level 4), demand of E1 for 10 from 1 March: 6 certified and
 * 1 not certified (results recorded in 2026), 3 in training; its advance approved but the transfer
 * failed, and its balance for 6 certified requested on 20 November 16:30 Beijing time (¥7,140).
 * Contract B of I2 (electrician, level 3), demand of E2 for 4: all in training.
 */
async function year() {
  const w = await progressWorld();
  const e1 = await makeActor(w.db, { kind: "enterprise", orgName: "甲精工有限公司" });
  const e2 = await makeActor(w.db, { kind: "enterprise", orgName: "乙电气有限公司" });
  const i1 = await makeActor(w.db, { kind: "institution", orgName: "一号职业培训学校" });
  const i2 = await makeActor(w.db, { kind: "institution", orgName: "二号高级技工学校" });
  const a = await contractWith(w, { year: 2026, institution: i1, status: "active", priceFen: 170_000, demands: [{ enterprise: e1, headcount: 10, status: "contracted" }] });
  const [dA] = a.demands;
  await enrol(w, a, dA!.demandId, dA!.traineeIds.slice(0, 6), { progress: "certified", resultAt: "2026-06-30T02:00:00.000Z", certifiedOn: "2026-06-30" });
  await enrol(w, a, dA!.demandId, dA!.traineeIds.slice(6, 7), { progress: "not_certified", resultAt: "2026-07-10T02:00:00.000Z" });
  await enrol(w, a, dA!.demandId, dA!.traineeIds.slice(7));
  const b = await contractWith(w, { year: 2026, institution: i2, status: "active", occupationCode: ELECTRICIAN, level: 3, demands: [{ enterprise: e2, headcount: 4, status: "contracted" }] });
  await enrol(w, b, b.demands[0]!.demandId, b.demands[0]!.traineeIds);

  await payment(w, a, i1, 510_000, "failed", 1);
  await w.db
    .insertInto("milestones")
    .values({
      id: newId(),
      contract_id: a.contractId,
      kind: "balance",
      number: 2,
      trainee_count: 6,
      amount_fen: 714_000,
      basis_json: "{}",
      status: "requested",
      requested_at: "2026-11-20T08:30:00.000Z",
      requested_by: i1.userId,
      decided_at: null,
      decided_by: null,
      refusal_reason: null,
      updated_at: "2026-11-20T08:30:00.000Z",
    })
    .execute();
  return { w, e1, i1, a };
}

describe("the progress page's breakdown exports", () => {
  it("give each breakdown of the chosen year with Chinese headers, as the page shows it", async () => {
    const { w } = await year();
    const occupations = await recordsOf(await download(w.db, w.officer, "/bureau/progress?year=2026&table=occupation&format=xlsx"));
    expect(occupations).toEqual([
      // Welder: 10 demanded … enrolled, 7 completed (6 + 1 not certified), 6 certified, 7 trained in 2026.
      { 职业代码: WELDER, 职业: "焊工", 企业需求: 10, 纳入需求池: 10, 已招标: 10, 已签约: 10, 已入班: 10, 已结业: 7, 已取证: 6, 当年培训: 7 },
      { 职业代码: ELECTRICIAN, 职业: expect.any(String), 企业需求: 4, 纳入需求池: 4, 已招标: 4, 已签约: 4, 已入班: 4, 已结业: 0, 已取证: 0, 当年培训: 0 },
    ]);

    const levels = await recordsOf(await download(w.db, w.officer, "/bureau/progress?year=2026&table=level&format=csv"));
    expect(levels.map((r) => [r["等级"], r["企业需求"], r["当年培训"]])).toEqual([
      ["四级/中级工", "10", "7"],
      ["三级/高级工", "4", "0"],
    ]);

    const institutions = await rowsOf(await download(w.db, w.finance, "/bureau/progress?year=2026&table=institution&format=xlsx"));
    expect(institutions).toEqual([
      ["培训机构", "已签约", "已入班", "已结业", "已取证", "当年培训"],
      ["一号职业培训学校", 10, 10, 7, 6, 7],
      ["二号高级技工学校", 4, 4, 0, 0, 0],
    ]);

    const enterprises = await recordsOf(await download(w.db, w.admin, "/bureau/progress?year=2026&table=enterprise&format=xlsx"));
    expect(enterprises.map((r) => [r["企业"], r["企业需求"], r["已结业"]])).toEqual([
      ["甲精工有限公司", 10, 7],
      ["乙电气有限公司", 4, 0],
    ]);
    expect(Object.keys(enterprises[0]!)).not.toContain("当年培训");

    // Another year is another file: nothing in 2025.
    expect(await rowsOf(await download(w.db, w.officer, "/bureau/progress?year=2025&table=occupation&format=csv"))).toEqual([
      ["职业代码", "职业", "企业需求", "纳入需求池", "已招标", "已签约", "已入班", "已结业", "已取证", "当年培训"],
    ]);
  });

  it("names no trainee, and is refused to whoever may not see the progress page, or for a table it does not have", async () => {
    const { w, e1, i1 } = await year();
    const res = await download(w.db, w.officer, "/bureau/progress?year=2026&table=institution&format=csv");
    const text = new TextDecoder().decode(await res.arrayBuffer());
    const trainees = await w.db.selectFrom("trainees").select(["name", "id_number", "phone"]).execute();
    for (const t of trainees) for (const v of [t.name, t.id_number, t.phone]) expect(text).not.toContain(v);

    expect((await download(w.db, e1, "/bureau/progress?year=2026&table=occupation&format=csv")).status).toBe(403);
    expect((await download(w.db, i1, "/bureau/progress?year=2026&table=institution&format=xlsx")).status).toBe(403);
    expect((await download(w.db, w.evaluator, "/bureau/progress?year=2026&table=institution&format=xlsx")).status).toBe(403);
    expect(await rowsOf(await download(w.db, w.officer, "/bureau/progress?year=2026&format=csv"))).toEqual(
      await rowsOf(await download(w.db, w.officer, "/bureau/progress?year=2026&table=occupation&format=csv")),
    );
    const unknown = await download(w.db, w.officer, "/bureau/progress?year=2026&table=trainees&format=csv");
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("Content-Type")).toMatch(/^text\/plain/);
  });
});

describe("the finance page's exports", () => {
  it("give the requested milestones and the transfers to follow up, in yuan and Beijing time, to finance only", async () => {
    const { w, a } = await year();
    const reference = (await w.db.selectFrom("contracts").select("reference").where("id", "=", a.contractId).executeTakeFirstOrThrow()).reference;
    const requested = await recordsOf(await download(w.db, w.finance, "/finance?table=requested&format=xlsx"));
    expect(requested).toEqual([
      {
        合同: reference,
        序号: "第 2 笔",
        培训机构: "一号职业培训学校",
        类型: "尾款",
        学员人数: 6,
        "金额（元）": 7140,
        "申请时间（北京时间）": "2026-11-20 16:30",
        收款账户: "培训机构尚未开通收款账户，不能付款。",
      },
    ]);

    const attention = await recordsOf(await download(w.db, w.finance, "/finance?table=attention&format=csv"));
    expect(attention).toEqual([
      {
        合同: reference,
        序号: "第 1 笔",
        培训机构: "一号职业培训学校",
        转账: "第 1 次",
        状态: "转账失败",
        "金额（元）": "5100.00",
        "发起时间（北京时间）": "2026-01-05 10:00",
        原因: "",
      },
    ]);

    // Officers and admins see progress, not payments.
    expect((await download(w.db, w.officer, "/finance?table=requested&format=csv")).status).toBe(403);
    expect((await download(w.db, w.admin, "/finance?table=attention&format=xlsx")).status).toBe(403);
    // Without a table named, the first; a table the page does not have is not found.
    expect(await recordsOf(await download(w.db, w.finance, "/finance?format=xlsx"))).toEqual(requested);
    expect((await download(w.db, w.finance, "/finance?table=payouts&format=csv")).status).toBe(404);
  });
});
