import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { verifyAuditChain } from "~/modules/audit/verify-audit-chain.server";
import { attendanceTemplateCsv, attendanceTemplateXlsx, parseAttendanceFile } from "./attendance-file.server";
import { dropTrainee } from "./drop-trainee.server";
import { importAttendance } from "./import-attendance.server";
import { readSignInSheet } from "./read-delivery.server";
import { confirmedCohort, freshIdNumber, scheduleSessions, setShanghaiNow } from "./test-fixtures.server";

const encode = (text: string) => new TextEncoder().encode(text);

async function started() {
  const dw = await confirmedCohort({ roster: [10, 15] });
  const [first] = await scheduleSessions(dw);
  setShanghaiNow("2027-04-06T18:00");
  const people = dw.demands.flatMap((d) => d.trainees);
  return { dw, sessionId: first!, people };
}

async function recorded(db: Awaited<ReturnType<typeof started>>["dw"]["db"], sessionId: string) {
  return db.selectFrom("attendance").select(["enrolment_id", "attended_minutes"]).where("session_id", "=", sessionId).execute();
}

describe("importing a sign-in sheet", () => {
  it("records a whole CSV sheet made from the template in one go, audited with counts", async () => {
    const { dw, sessionId, people } = await started();
    const sheet = await readSignInSheet(dw.db, dw.institution, { contractId: dw.contractId, sessionId });
    if (!sheet.ok) throw new Error("no sheet");
    expect(sheet.value.people).toHaveLength(25);
    // Fill the template's hours column: everyone 8 h but the first, who came for 3.5.
    const filled = attendanceTemplateCsv(sheet.value.people)
      .split("\r\n")
      .map((line, i) => (i === 0 || line === "" ? line : `${line}${i === 1 ? "3.5" : "8"}`))
      .join("\r\n");
    const r = await importAttendance(dw.db, dw.institution, { contractId: dw.contractId, sessionId, bytes: encode(filled) });
    expect(r).toEqual({ ok: true, value: { kind: "imported", count: 25 } });
    const rows = await recorded(dw.db, sessionId);
    expect(rows.map((x) => Number(x.attended_minutes)).sort((a, b) => a - b)).toEqual([210, ...Array<number>(24).fill(480)]);
    const audit = await dw.db.selectFrom("audit_log").select(["record_id", "after_json"]).where("action", "=", "attendance.import").execute();
    expect(audit.map((a) => [a.record_id, JSON.parse(a.after_json!)])).toEqual([
      [sessionId, { contractId: dw.contractId, format: "csv", rows: 25, plannedMinutes: 480, count: 25, full: 24, partial: 1, absent: 0, minutes: 24 * 480 + 210 }],
    ]);
    for (const p of people) expect(audit[0]!.after_json).not.toContain(p.idNumber);
    // Reading the sheet with full identity numbers was audited too.
    expect(await dw.db.selectFrom("audit_log").select("action").where("action", "=", "trainee.read").execute()).toHaveLength(1);
    expect((await verifyAuditChain(dw.db)).ok).toBe(true);
  });

  it("accepts the English headers, in any order", async () => {
    const { dw, sessionId, people } = await started();
    const csv = ["Hours, Identity number ,Name", `8,${people[0]!.idNumber},${people[0]!.name}`, `"7,5",${people[1]!.idNumber.toLowerCase()},`].join("\n");
    expect(await importAttendance(dw.db, dw.institution, { contractId: dw.contractId, sessionId, bytes: encode(csv) })).toEqual({ ok: true, value: { kind: "imported", count: 2 } });
    expect((await recorded(dw.db, sessionId)).map((x) => Number(x.attended_minutes)).sort()).toEqual([450, 480]);
  });

  it("reports every kind of bad row by its row number and records nothing", async () => {
    const { dw, sessionId, people } = await started();
    const [a, b, c, d, e] = people;
    // One trainee has left the cohort: their row is "not in this cohort".
    await dropTrainee(dw.db, dw.institution, { contractId: dw.contractId, enrolmentId: e!.enrolmentId!, reason: "离职" });
    const wrongCheck = a!.idNumber.slice(0, 17) + (a!.idNumber.endsWith("0") ? "1" : "0");
    const lines = [
      "身份证号,姓名,出勤学时",
      `${a!.idNumber},${a!.name},8`, // 2: good
      `${wrongCheck},${a!.name},8`, // 3: check character
      `${freshIdNumber()},陌生人,8`, // 4: nobody of this contract
      `${e!.idNumber},${e!.name},8`, // 5: dropped out: not in the cohort
      `${b!.idNumber},${b!.name},八`, // 6: not a number
      `${c!.idNumber},${c!.name},9`, // 7: over the planned 8 h
      `${a!.idNumber},${a!.name},8`, // 8: the same person as row 2
      `${d!.idNumber},别人,8`, // 9: the name does not match
      `${d!.idNumber},${d!.name},`, // 10: no hours (and a duplicate of 9)
    ];
    const r = await importAttendance(dw.db, dw.institution, { contractId: dw.contractId, sessionId, bytes: encode(lines.join("\r\n")) });
    expect(r.ok).toBe(true);
    if (!r.ok || r.value.kind !== "report") throw new Error("expected a report");
    expect(r.value).toMatchObject({ total: 9, badCount: 8 });
    expect(r.value.bad.map((x) => [x.line, x.reasons.map((y) => `${y.column}:${y.message.split("|")[0]}`)])).toEqual([
      [3, ["idNumber:demand.idNumber.checkChar"]],
      [4, ["idNumber:delivery.import.errors.unknownIdNumber"]],
      [5, ["idNumber:delivery.import.errors.notInCohort"]],
      [6, ["hours:delivery.attendance.errors.hoursNotNumber"]],
      [7, ["hours:delivery.attendance.errors.overPlanned"]],
      [8, ["idNumber:delivery.import.errors.duplicate"]],
      [9, ["name:delivery.import.errors.nameMismatch"]],
      [10, ["idNumber:delivery.import.errors.duplicate", "hours:delivery.attendance.errors.hoursRequired"]],
    ]);
    expect(r.value.bad.find((x) => x.line === 8)!.reasons[0]!.message).toBe('delivery.import.errors.duplicate|{"line":2}');
    expect(await recorded(dw.db, sessionId)).toEqual([]);
    expect(await dw.db.selectFrom("audit_log").select("action").where("action", "=", "attendance.import").execute()).toEqual([]);
  });

  it("reads back its own XLSX template, filled in a spreadsheet, identity numbers kept as text", async () => {
    const { dw, sessionId } = await started();
    const sheet = await readSignInSheet(dw.db, dw.institution, { contractId: dw.contractId, sessionId });
    if (!sheet.ok) throw new Error("no sheet");
    const template = await attendanceTemplateXlsx(sheet.value.people, { label: "2027-04-06 09:00 安全规程与焊接基础", plannedHours: "8" });
    // Unfilled, every row lacks its hours.
    const blank = await parseAttendanceFile(new Uint8Array(template));
    expect(blank).toMatchObject({ ok: true, format: "xlsx" });
    expect(blank.ok && blank.rows.map((x) => x.idNumber)).toEqual(sheet.value.people.map((p) => p.idNumber));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(template);
    const ws = book.getWorksheet("签到表")!;
    ws.eachRow((row, n) => {
      if (n > 1) row.getCell(3).value = n % 2 === 0 ? 8 : 6.5;
    });
    const filled = new Uint8Array((await book.xlsx.writeBuffer()) as ArrayBuffer);
    expect(await importAttendance(dw.db, dw.institution, { contractId: dw.contractId, sessionId, bytes: filled })).toEqual({ ok: true, value: { kind: "imported", count: 25 } });
    const minutes = (await recorded(dw.db, sessionId)).map((x) => Number(x.attended_minutes));
    expect(minutes.filter((m) => m === 480)).toHaveLength(13);
    expect(minutes.filter((m) => m === 390)).toHaveLength(12);
    const audit = await dw.db.selectFrom("audit_log").select("after_json").where("action", "=", "attendance.import").executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json!)).toMatchObject({ format: "xlsx", count: 25 });
  });

  it("says why a file cannot be read, and refuses a session not yet started and readers who may not record", async () => {
    const { dw, sessionId, people } = await started();
    const ok = encode(`身份证号,姓名,出勤学时\n${people[0]!.idNumber},,8\n`);
    expect(await importAttendance(dw.db, dw.institution, { contractId: dw.contractId, sessionId, bytes: encode("身份证号,姓名\n1,2\n") })).toEqual({
      ok: false,
      kind: "validation",
      fieldErrors: { file: ['demand.import.missingColumns|{"columns":"出勤学时"}'] },
    });
    expect(await importAttendance(dw.db, dw.institution, { contractId: dw.contractId, sessionId, bytes: new Uint8Array() })).toMatchObject({ fieldErrors: { file: ["demand.import.emptyFile"] } });
    expect(await importAttendance(dw.db, dw.officer, { contractId: dw.contractId, sessionId, bytes: ok })).toEqual({ ok: false, kind: "forbidden" });
    expect(await importAttendance(dw.db, dw.bidders[0]!, { contractId: dw.contractId, sessionId, bytes: ok })).toEqual({ ok: false, kind: "notFound" });
    expect(await readSignInSheet(dw.db, dw.officer, { contractId: dw.contractId, sessionId })).toEqual({ ok: false, kind: "forbidden" });
    const later = (await dw.db.selectFrom("course_sessions").select("id").where("contract_id", "=", dw.contractId).orderBy("starts_at", "desc").executeTakeFirstOrThrow()).id;
    expect(await importAttendance(dw.db, dw.institution, { contractId: dw.contractId, sessionId: later, bytes: ok })).toEqual({
      ok: false,
      kind: "conflict",
      message: "delivery.attendance.errors.notStarted",
    });
    expect(await recorded(dw.db, sessionId)).toEqual([]);
  });
});
