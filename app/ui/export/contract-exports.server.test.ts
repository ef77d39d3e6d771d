import { describe, expect, it } from "vitest";
import { attend, confirmedCohort, scheduleSessions, setShanghaiNow } from "~/modules/delivery/test-fixtures.server";
import { recordResult } from "~/modules/delivery/record-result.server";
import { refuseMilestone } from "~/modules/payment/decide-milestone.server";
import { requestMilestone } from "~/modules/payment/request-milestone.server";
import { ADVANCE_FEN, confirmTrainees, paymentWorld } from "~/modules/payment/test-fixtures.server";
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

  it("the attendance tab: each confirmed trainee's hours and share with the identity number masked, the read audited; the sessions in Beijing time; a stranger gets nothing", async () => {
    const dw = await confirmedCohort();
    const [first, second] = await scheduleSessions(dw);
    setShanghaiNow("2027-04-14T12:00");
    const trainees = dw.demands.flatMap((d) => d.trainees.filter((t) => t.enrolmentId));
    const absent = trainees[0]!;
    await attend(dw, first!);
    await attend(dw, second!, { [absent.enrolmentId!]: 0 });
    const path = `/contracts/${dw.contractId}/attendance`;
    const audits = () => dw.db.selectFrom("audit_log").select(["action", "actor_user_id"]).where("action", "=", "trainee.read").where("record_id", "=", dw.contractId).execute();
    const before = (await audits()).length;

    for (const format of ["xlsx", "csv"] as const) {
      const rows = await recordsOf(await download(dw.db, dw.officer, `${path}?format=${format}&table=summary`));
      expect(rows).toHaveLength(trainees.length);
      for (const t of trainees) {
        const row = rows.find((r) => r["姓名"] === t.name)!;
        const full = t !== absent;
        expect(row).toMatchObject({ 身份证号: maskIdNumber(t.idNumber), 企业: expect.any(String), 出勤率: full ? "100.0%" : "50.0%" });
        expect(Number(row["已出勤学时"])).toBe(full ? 16 : 8);
        expect(Number(row["已登记课次的计划学时"])).toBe(16);
      }
      expect(JSON.stringify(rows)).not.toContain(absent.idNumber);

      // The sessions: start in Beijing time as the page shows it, planned hours, recorded or not started.
      const sessions = await recordsOf(await download(dw.db, dw.officer, `${path}?format=${format}&table=sessions`));
      expect(sessions.map((r) => r["开始时间（北京时间）"])).toEqual(["2027-04-06 09:00", "2027-04-13 09:00", "2027-04-20 09:00", "2027-04-27 09:00"]);
      expect(sessions.map((r) => Number(r["计划学时"]))).toEqual([8, 8, 8, 8]);
      expect(sessions[0]).toMatchObject({ 课程内容: "安全规程与焊接基础", 已登记考勤: `${trainees.length} 人` });
      expect(sessions[3]!["已登记考勤"]).toBe("未开始");

      // The second session's grid: each trainee's hours in it, the absent one at 0, identity numbers masked.
      const grid = await recordsOf(await download(dw.db, dw.officer, `${path}?format=${format}&table=grid&session=${second}`));
      expect(grid).toHaveLength(trainees.length);
      expect(grid.find((r) => r["姓名"] === absent.name)).toMatchObject({ 身份证号: maskIdNumber(absent.idNumber) });
      expect(grid.map((r) => Number(r["出勤学时"])).sort()).toEqual(trainees.map((t) => (t === absent ? 0 : 8)).sort());
      expect(JSON.stringify(grid)).not.toContain(absent.idNumber);
    }
    // Each download of the trainees' attendance (and each of the sessions, as the page) is audited as a read, by the officer.
    const after = await audits();
    expect(after.length - before).toBe(6);
    expect(after.slice(-6).every((a) => a.actor_user_id === dw.officer.userId)).toBe(true);

    // A table the page does not have is not found; strangers get what the page gives them.
    expect((await download(dw.db, dw.officer, `${path}?format=csv&table=payments`)).status).toBe(404);
    expect((await download(dw.db, dw.officer, `${path}?format=csv&table=grid`)).status).toBe(404);
    expect((await download(dw.db, dw.bidders[0]!, `${path}?format=csv`)).status).toBe(404);
    expect((await download(dw.db, dw.otherEnterprise, `${path}?format=xlsx`)).status).toBe(404);
    expect((await download(dw.db, null, `${path}?format=csv`)).status).toBe(302);
  });

  it("the results tab: each trainee's share, outcome, reason and certificate with the identity number masked, the read audited; a stranger gets nothing", async () => {
    const dw = await confirmedCohort({ roster: [2, 1], secondEnterprise: true });
    const sessions = await scheduleSessions(dw);
    setShanghaiNow("2027-04-28T10:00");
    const [certified, short, failed] = dw.confirmedIds;
    // The second trainee misses two sessions of four: 50 %, below the completion share.
    for (const [i, s] of sessions.entries()) await attend(dw, s, i < 2 ? {} : { [short!]: 0 });
    const record = (enrolmentId: string, passed: boolean, certified = passed) =>
      recordResult(dw.db, dw.institution, {
        contractId: dw.contractId,
        enrolmentId,
        assessmentPassed: passed,
        certification: certified ? { passed: true, certificateNumber: "S000033000001234", levelReached: 4, certifiedOn: "2027-04-28" } : null,
      });
    expect((await record(certified!, true)).ok).toBe(true);
    expect((await record(short!, true, false)).ok).toBe(true);
    expect((await record(failed!, false)).ok).toBe(true);
    const ids = await dw.db.selectFrom("enrolments").innerJoin("trainees", "trainees.id", "enrolments.trainee_id").select(["enrolments.id", "trainees.id_number"]).where("enrolments.contract_id", "=", dw.contractId).execute();
    const idOf = (enrolmentId: string) => ids.find((x) => x.id === enrolmentId)!.id_number;
    const path = `/contracts/${dw.contractId}/results`;
    const audits = () => dw.db.selectFrom("audit_log").select(["actor_user_id"]).where("action", "=", "trainee.read").where("record_id", "=", dw.contractId).execute();
    const before = (await audits()).length;

    for (const format of ["xlsx", "csv"] as const) {
      const rows = await recordsOf(await download(dw.db, dw.officer, `${path}?format=${format}`));
      expect(rows).toHaveLength(3);
      const row = (enrolmentId: string) => rows.find((r) => r["身份证号"] === maskIdNumber(idOf(enrolmentId)))!;
      expect(row(certified!)).toMatchObject({ 出勤: "100.0%", 结果: "已结业，已取证", 未结业原因: "", 证书编号: "S000033000001234", 取得等级: "四级/中级工", 发证日期: "2027-04-28" });
      expect(row(short!)).toMatchObject({ 出勤: "50.0%", 结果: "未结业", 未结业原因: "出勤 50.0%，低于结业要求的 80%", 证书编号: "" });
      expect(row(failed!)).toMatchObject({ 出勤: "100.0%", 结果: "未结业", 未结业原因: "结业考核未通过" });
      for (const id of dw.confirmedIds) expect(JSON.stringify(rows)).not.toContain(idOf(id));
    }
    const after = await audits();
    expect(after.length - before).toBe(2);
    expect(after.slice(-2).every((a) => a.actor_user_id === dw.officer.userId)).toBe(true);

    expect((await download(dw.db, dw.bidders[0]!, `${path}?format=csv`)).status).toBe(404);
    expect((await download(dw.db, dw.otherEnterprise, `${path}?format=xlsx`)).status).toBe(404);
    expect((await download(dw.db, null, `${path}?format=csv`)).status).toBe(302);
  });

  it("the payments tab: each milestone with its amount in yuan, status, refusal and times in Beijing time, and no trainee; a stranger gets nothing", async () => {
    const pw = await paymentWorld();
    await confirmTrainees(pw, 10);
    const first = await requestMilestone(pw.db, pw.member, { contractId: pw.contract.id, kind: "advance" });
    if (!first.ok) throw new Error(JSON.stringify(first));
    expect((await refuseMilestone(pw.db, pw.finance, { milestoneId: first.value.milestoneId, reason: "入班名单与签到不符" })).ok).toBe(true);
    expect((await requestMilestone(pw.db, pw.member, { contractId: pw.contract.id, kind: "advance" })).ok).toBe(true);
    const path = `/contracts/${pw.contract.id}/payments`;

    for (const format of ["xlsx", "csv"] as const) {
      const rows = await recordsOf(await download(pw.db, pw.officer, `${path}?format=${format}`));
      expect(rows).toHaveLength(2);
      const refused = rows.find((r) => r["状态"] === "已驳回")!;
      expect(refused).toMatchObject({ 类型: "预付款", 驳回理由: "入班名单与签到不符" });
      // Yuan, not fen: ¥450.02 a trainee for ten (a number in the workbook, "4500.20" in the CSV).
      expect(Number(refused["金额（元）"])).toBe((10 * ADVANCE_FEN) / 100);
      expect(Number(refused["学员人数"])).toBe(10);
      expect(String(refused["申请时间（北京时间）"])).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
      expect(String(refused["审核时间（北京时间）"])).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
      expect(rows.find((r) => r["状态"] === "待审核")).toMatchObject({ "审核时间（北京时间）": "" });
      // The history names no trainee.
      expect(Object.keys(rows[0]!)).not.toContain("身份证号");
    }

    // The other bidder and the enterprise: not found, as the page; signed out: sign in.
    expect((await download(pw.db, pw.stranger, `${path}?format=csv`)).status).toBe(404);
    expect((await download(pw.db, pw.enterprise, `${path}?format=xlsx`)).status).toBe(404);
    expect((await download(pw.db, null, `${path}?format=csv`)).status).toBe(302);
  });
});
