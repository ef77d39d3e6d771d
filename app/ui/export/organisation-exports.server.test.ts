import { describe, expect, it } from "vitest";
import { confirmedCohort } from "~/modules/delivery/test-fixtures.server";
import { changeOrganisationStatus } from "~/modules/organisation/change-organisation-status.server";
import { download, recordsOf } from "./export-testing.server";

/** Issue "Reports": the bureau's organisation page exports its members, its status history and an institution's delivery record. */
describe("the organisation page's exports", () => {
  it("members, the status history in Beijing time with its reason, and the institution's contracts; refused as the page refuses", async () => {
    const dw = await confirmedCohort();
    const orgId = dw.institution.orgId;
    const suspended = await changeOrganisationStatus(dw.db, dw.officer, { organisationId: orgId, event: "suspend", reason: "资质材料过期", expectedStatus: "verified" });
    expect(suspended.ok).toBe(true);
    const path = `/bureau/organisations/${orgId}`;
    const member = await dw.db.selectFrom("users").select(["name", "email"]).where("id", "=", dw.institution.userId).executeTakeFirstOrThrow();
    const contract = await dw.db.selectFrom("contracts").select("reference").where("id", "=", dw.contractId).executeTakeFirstOrThrow();

    for (const format of ["xlsx", "csv"] as const) {
      const members = await recordsOf(await download(dw.db, dw.officer, `${path}?format=${format}&table=members`));
      expect(members).toContainEqual({ 姓名: member.name, 电子邮箱: member.email, 账户状态: "正常" });

      const history = await recordsOf(await download(dw.db, dw.officer, `${path}?format=${format}&table=history`));
      const suspension = history.find((h) => h["新状态"] === "已暂停")!;
      expect(suspension).toMatchObject({ 原状态: "已认证", 状态说明: "资质材料过期" });
      expect(String(suspension["时间（北京时间）"])).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);

      const performance = await recordsOf(await download(dw.db, dw.officer, `${path}?format=${format}&table=performance`));
      expect(performance.map((r) => r["合同"])).toEqual([contract.reference]);

      const summary = await recordsOf(await download(dw.db, dw.officer, `${path}?format=${format}&table=performanceSummary`));
      expect(summary).toHaveLength(2);
      expect(summary.map((r) => r["范围"])).toEqual(["全部合同", "已验收合同（评标时显示的往期业绩）"]);
      expect(summary.map((r) => Number(r["有结果的学员"]))).toEqual([0, 0]);
    }
    // An enterprise has no delivery record: that table is not on its page.
    expect((await download(dw.db, dw.officer, `/bureau/organisations/${dw.enterprise.orgId}?format=csv&table=performance`)).status).toBe(404);
    // Not the bureau: refused as the page; signed out: sign in; an unknown organisation: not found.
    expect((await download(dw.db, dw.institution, `${path}?format=csv`)).status).toBe(403);
    expect((await download(dw.db, dw.enterprise, `${path}?format=xlsx&table=history`)).status).toBe(403);
    expect((await download(dw.db, null, `${path}?format=csv`)).status).toBe(302);
    expect((await download(dw.db, dw.officer, `/bureau/organisations/no-such-organisation?format=csv`)).status).toBe(404);
  });
});
