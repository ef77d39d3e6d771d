import { describe, expect, it } from "vitest";
import { confirmedCohort } from "~/modules/delivery/test-fixtures.server";
import { maskIdNumber } from "~/modules/reference/id-number";
import { download, recordsOf } from "./export-testing.server";

/** Issue "Reports": a contract's tabs export as the bureau sees them — identity numbers masked, the read audited like the page's. */
describe("the contract tabs' exports", () => {
  it("the trainees tab: each enrolment with its enterprise, the identity number masked for the bureau, the read audited; a stranger gets nothing", async () => {
    const dw = await confirmedCohort();
    const path = `/contracts/${dw.contractId}/trainees`;
    const audits = () => dw.db.selectFrom("audit_log").select(["action", "actor_user_id"]).where("action", "=", "trainee.read").where("record_id", "=", dw.contractId).execute();
    const before = (await audits()).length;

    for (const format of ["xlsx", "csv"] as const) {
      const rows = await recordsOf(await download(dw.db, dw.officer, `${path}?format=${format}`));
      const trainees = dw.demands.flatMap((d) => d.trainees.filter((t) => t.enrolmentId));
      expect(rows).toHaveLength(trainees.length);
      for (const t of trainees) {
        const row = rows.find((r) => r["姓名"] === t.name)!;
        expect(row).toMatchObject({ 企业: expect.any(String), 身份证号: maskIdNumber(t.idNumber), 状态: "已入班" });
        expect(String(row["确认时间（北京时间）"])).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
      }
      // No full identity number anywhere in the bureau's file.
      expect(JSON.stringify(rows)).not.toContain(trainees[0]!.idNumber);
    }
    // Each download read the trainees' personal data as the page does: audited, by the officer.
    const after = await audits();
    expect(after.length - before).toBe(2);
    expect(after.slice(-2).every((a) => a.actor_user_id === dw.officer.userId)).toBe(true);

    // The contract's institution sees full identity numbers on its page, and so in its file (allowed exactly as the page allows).
    const own = await recordsOf(await download(dw.db, dw.institution, `${path}?format=csv`));
    expect(own.map((r) => r["身份证号"])).toContain(dw.demands[0]!.trainees[0]!.idNumber);
    // Another institution, the other enterprise and the signed out: as the page, not found or sign in.
    expect((await download(dw.db, dw.bidders[0]!, `${path}?format=csv`)).status).toBe(404);
    expect((await download(dw.db, dw.otherEnterprise, `${path}?format=xlsx`)).status).toBe(404);
    expect((await download(dw.db, null, `${path}?format=csv`)).status).toBe(302);
  });
});
