import { describe, expect, it } from "vitest";
import { makeIdNumber } from "~/modules/reference/id-number";
import { checkSheetRows, mapSheetHeaders, parseAttendedHours } from "./attendance-sheet";

const A = makeIdNumber("330106", "19900101", "001");
const B = makeIdNumber("330106", "19900102", "002");
const GONE = makeIdNumber("330106", "19900103", "003");
const STRANGER = makeIdNumber("330106", "19900104", "004");

const ctx = {
  today: "2027-04-06",
  plannedMinutes: 480,
  cohort: new Map([
    [A, { enrolmentId: "ea", name: "张 三" }],
    [B, { enrolmentId: "eb", name: "李四" }],
  ]),
  others: new Set([GONE]),
};

describe("a sign-in sheet's headers", () => {
  it.each([
    [["身份证号", "姓名", "出勤学时"], { idNumber: 0, name: 1, hours: 2 }],
    [["Identity number", "Name", "Hours"], { idNumber: 0, name: 1, hours: 2 }],
    [["出勤学时（小时）", "公民身份号码*"], { hours: 0, idNumber: 1 }],
    [["hours_attended", "ID number"], { hours: 0, idNumber: 1 }],
  ])("reads %j", (headers, columns) => {
    expect(mapSheetHeaders(headers)).toEqual({ columns, missing: [] });
  });

  it("names what is missing; the name is optional", () => {
    expect(mapSheetHeaders(["姓名", "备注"]).missing).toEqual(["idNumber", "hours"]);
  });
});

describe("hours attended", () => {
  it.each([
    ["8", 480],
    ["0", 0],
    ["3.5", 210],
    ["3,75", 225],
    ["８", 480],
    [" 0.25 ", 15],
  ])("reads %j as %i minutes", (text, minutes) => {
    expect(parseAttendedHours(text, 480)).toEqual({ ok: true, minutes });
  });

  it.each([
    ["", "delivery.attendance.errors.hoursRequired"],
    ["abc", "delivery.attendance.errors.hoursNotNumber"],
    ["-1", "delivery.attendance.errors.hoursNotNumber"],
    ["1e1", "delivery.attendance.errors.hoursNotNumber"],
    ["=8", "delivery.attendance.errors.hoursNotNumber"],
    ["3.1", "delivery.attendance.errors.quarterHours"],
    ["8.25", 'delivery.attendance.errors.overPlanned|{"planned":"8"}'],
  ])("refuses %j", (text, message) => {
    expect(parseAttendedHours(text, 480)).toEqual({ ok: false, message });
  });
});

describe("checking a sheet against the cohort", () => {
  it("keeps good rows and names every fault of every bad row", () => {
    const r = checkSheetRows(
      [
        { line: 2, idNumber: A, name: "张三", hours: "8" },
        { line: 3, idNumber: `${B.slice(0, 17)}${B.endsWith("0") ? "1" : "0"}`, name: "李四", hours: "8" },
        { line: 4, idNumber: GONE, name: "", hours: "8" },
        { line: 5, idNumber: STRANGER, name: "", hours: "x" },
        { line: 6, idNumber: A.toLowerCase(), name: "", hours: "4" },
        { line: 7, idNumber: B.replace(/^33/, "３３"), name: "", hours: "7.5" },
        { line: 8, idNumber: B, name: "王五", hours: "9" },
      ],
      ctx,
    );
    expect(r.good).toEqual([
      { line: 2, enrolmentId: "ea", minutes: 480 },
      { line: 7, enrolmentId: "eb", minutes: 450 },
    ]);
    expect(r.bad.map((b) => [b.line, b.reasons.map((x) => x.message.split("|")[0])])).toEqual([
      [3, ["demand.idNumber.checkChar"]],
      [4, ["delivery.import.errors.notInCohort"]],
      [5, ["delivery.import.errors.unknownIdNumber", "delivery.attendance.errors.hoursNotNumber"]],
      [6, ["delivery.import.errors.duplicate"]],
      [8, ["delivery.import.errors.duplicate", "delivery.import.errors.nameMismatch", "delivery.attendance.errors.overPlanned"]],
    ]);
    expect(r.total).toBe(7);
    expect(r.bad.find((b) => b.line === 8)!.reasons[0]!.message).toBe('delivery.import.errors.duplicate|{"line":7}');
  });
});
