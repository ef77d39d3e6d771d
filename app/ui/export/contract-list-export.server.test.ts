import { describe, expect, it } from "vitest";
import { closeObjections } from "~/modules/award/close-objections.server";
import { after, publishedResult } from "~/modules/award/test-fixtures.server";
import { signContract } from "~/modules/contract/sign-contract.server";
import { makeWorld } from "~/modules/tender/test-fixtures.server";
import { download, recordsOf } from "./export-testing.server";

describe("the contracts export", () => {
  it("holds the filtered contracts with values in yuan and the signing deadline in Beijing time; an institution's holds only its own", async () => {
    const w = await makeWorld();
    // Two winners share the lot: one contract each.
    const lot = await publishedResult(w, [{ priceFen: 150_000, capacity: 12 }, 160_000, 170_000]);
    after(lot.objectionDeadline, 1);
    const closed = await closeObjections(w.db, w.officer, lot.lotId);
    expect(closed.ok).toBe(true);
    const contracts = await w.db
      .selectFrom("contracts as c")
      .innerJoin("organisations as o", "o.id", "c.institution_id")
      .select(["c.id", "c.reference", "c.institution_id", "c.value_fen", "c.headcount", "o.name"])
      .orderBy("c.reference")
      .execute();
    expect(contracts).toHaveLength(2);
    const [first, second] = contracts as [(typeof contracts)[number], (typeof contracts)[number]];
    const firstWinner = lot.bidders.find((b) => b.orgId === first.institution_id)!;
    expect((await signContract(w.db, w.officer, { contractId: first.id })).ok).toBe(true);
    expect((await signContract(w.db, firstWinner, { contractId: first.id })).ok).toBe(true);

    const active = await recordsOf(await download(w.db, w.officer, "/contracts?status=active&format=xlsx"));
    expect(active).toEqual([
      {
        合同编号: first.reference,
        培训机构: first.name,
        招标编号: expect.stringMatching(/^ZJ-/),
        标段: "第1包",
        人数: Number(first.headcount),
        "金额（元）": Number(first.value_fen) / 100,
        状态: "已生效",
        人社局签署: "已签署",
        机构签署: "已签署",
        // Signing is due by the end of Monday 1 February 2027 in Shanghai (30 days after the close).
        "签署期限（北京时间）": "2027-02-01 23:59",
      },
    ]);

    const all = await recordsOf(await download(w.db, w.officer, "/contracts?format=csv"));
    expect(all.map((r) => r["合同编号"]).sort()).toEqual([first.reference, second.reference].sort());
    const pending = all.find((r) => r["合同编号"] === second.reference)!;
    expect(pending).toMatchObject({ 状态: "待签署", 人社局签署: "未签署", "金额（元）": (Number(second.value_fen) / 100).toFixed(2) });

    const own = await recordsOf(await download(w.db, firstWinner, "/contracts?format=csv"));
    expect(own.map((r) => r["合同编号"])).toEqual([first.reference]);
  });
});
