import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { makeIdNumber } from "~/modules/reference/id-number";
import {
  checkRosterRows,
  checkTrainee,
  isRosterEditable,
  mapHeaders,
  maskPhone,
  parseLevel,
  traineeFormSchema,
  validatePhone,
  validateTraineeName,
  type RawRosterRow,
} from "./roster";
import type { DemandStatus } from "./lifecycle";

const TODAY = "2026-11-28";
const ID1 = makeIdNumber("330106", "19900307", "451");
const ID2 = makeIdNumber("110101", "19880101", "123");
const ID3 = makeIdNumber("440524", "20000229", "002");
/** ID2 with a wrong check character. */
const ID2_WRONG = ID2.slice(0, 17) + (ID2.charAt(17) === "0" ? "1" : "0");

describe("validatePhone", () => {
  it.each([
    ["13800138000", "13800138000"],
    ["138 0013 8000", "13800138000"],
    ["+86 138 0013 8000", "13800138000"],
    ["8613800138000", "13800138000"],
    ["１３８００１３８０００", "13800138000"],
    ["19912345678", "19912345678"],
    ["0571-88001234", "0571-88001234"],
    ["057188001234", "0571-88001234"],
    ["(0571) 88001234", "0571-88001234"],
    ["010-1234567", "010-1234567"],
    ["0571-88001234-8021", "0571-88001234-8021"],
    ["0571-88001234转8021", "0571-88001234-8021"],
  ])("accepts %j as %j", (input, value) => {
    expect(validatePhone(input)).toEqual({ ok: true, value });
  });

  it.each([["12345"], ["12800138000"], ["1380013800"], ["138001380001"], ["88001234"], ["abc"], ["=1+1"], ["0571-123"]])("refuses %j", (input) => {
    expect(validatePhone(input)).toEqual({ ok: false, message: "demand.roster.phoneInvalid" });
  });

  it("asks for a phone when there is none", () => {
    expect(validatePhone("  ")).toEqual({ ok: false, message: "demand.roster.phoneRequired" });
  });
});

describe("validateTraineeName", () => {
  it.each([["张三"], ["  张三 "], ["买买提·艾力"], ["O'Brien Li"]])("accepts %j", (input) => {
    expect(validateTraineeName(input).ok).toBe(true);
  });

  it.each([
    ["=cmd|' /C calc'!A0", "demand.roster.nameFormula"],
    ["+SUM(A1)", "demand.roster.nameFormula"],
    ["-2+3", "demand.roster.nameFormula"],
    ["@SUM(1)", "demand.roster.nameFormula"],
    ["", "demand.roster.nameRequired"],
    ["12345", "demand.roster.nameInvalid"],
    ["张\u0007三", "demand.roster.nameInvalid"],
    ["张".repeat(51), 'common.form.tooLong|{"max":50}'],
  ])("refuses %j: %s", (input, message) => {
    expect(validateTraineeName(input)).toEqual({ ok: false, message });
  });
});

describe("parseLevel", () => {
  it.each<[string, number | null]>([
    ["", null],
    ["  ", null],
    ["3", 3],
    ["3级", 3],
    ["三级", 3],
    ["三级/高级工", 3],
    ["高级工", 3],
    ["高级技师", 1],
    ["五级", 5],
    ["５", 5],
  ])("%j → %j", (input, value) => {
    expect(parseLevel(input)).toEqual({ ok: true, value });
  });

  it.each([["0"], ["6"], ["六级"], ["2.5"], ["senior"], ["=1+2"]])("refuses %j", (input) => {
    expect(parseLevel(input)).toEqual({ ok: false, message: "demand.roster.levelInvalid" });
  });
});

describe("checkTrainee", () => {
  it("normalises a good row", () => {
    expect(checkTrainee({ name: " 张三 ", idNumber: ID1.toLowerCase(), phone: "138 0013 8000", currentLevel: "4级" }, TODAY)).toEqual({
      ok: true,
      value: { name: "张三", idNumber: ID1, phone: "13800138000", currentLevel: 4 },
    });
  });

  it("gives the precise reason for each wrong field", () => {
    const r = checkTrainee({ name: "", idNumber: ID2_WRONG, phone: "12345", currentLevel: "9" }, TODAY);
    expect(r).toEqual({
      ok: false,
      errors: {
        name: "demand.roster.nameRequired",
        idNumber: `demand.idNumber.checkChar|${JSON.stringify({ expected: ID2.charAt(17), actual: ID2_WRONG.charAt(17) })}`,
        phone: "demand.roster.phoneInvalid",
        currentLevel: "demand.roster.levelInvalid",
      },
    });
  });

  it.each([
    ["1101011988", 'demand.idNumber.length|{"expected":"18","actual":"10"}'],
    ["11010119880101123A", 'demand.idNumber.charset|{"position":18,"actual":"A"}'],
    ["=cmd|' /C calc'!A0", 'demand.idNumber.length|{"expected":"18","actual":"18"}'],
    [makeIdNumber("110101", "20300101", "001"), 'demand.idNumber.birthDateInFuture|{"actual":"20300101"}'],
    ["110101" + "18991231" + "0011", 'demand.idNumber.birthDateTooEarly|{"actual":"18991231"}'],
    ["110101" + "19990230" + "0011", 'demand.idNumber.birthDateInvalid|{"actual":"19990230"}'],
  ])("identity number %j → %s", (idNumber, message) => {
    const r = checkTrainee({ name: "张三", idNumber, phone: "13800138000", currentLevel: "" }, TODAY);
    expect(r.ok ? undefined : r.errors.idNumber).toBe(
      // "=cmd|' /C calc'!A0" happens to be 18 characters: it fails on its first character instead.
      idNumber.startsWith("=") ? 'demand.idNumber.charset|{"position":1,"actual":"="}' : message,
    );
  });

  it("says the spreadsheet lost the digits when the identity number was a number cell", () => {
    const r = checkTrainee({ name: "张三", idNumber: "110101198801011000", phone: "13800138000", currentLevel: "", idNumberWasNumber: true }, TODAY);
    expect(r.ok ? undefined : r.errors.idNumber).toBe("demand.idNumber.storedAsNumber");
  });
});

describe("checkRosterRows", () => {
  const row = (line: number, name: string, idNumber: string, phone = "13800138000", currentLevel = ""): RawRosterRow => ({
    line,
    name,
    idNumber,
    phone,
    currentLevel,
  });

  it("reports bad rows by line with every reason, and keeps the good ones", () => {
    const r = checkRosterRows([row(2, "张三", ID1), row(3, "李四", ID2_WRONG), row(4, "王五", ID3, "12345"), row(5, "赵六", ID2)], {
      today: TODAY,
      rosterIdNumbers: new Set(),
      placesLeft: 10,
      headcount: 10,
    });
    expect(r.total).toBe(4);
    expect(r.good.map((g) => g.line)).toEqual([2, 5]);
    expect(r.bad.map((b) => [b.line, b.name, b.reasons.map((x) => x.column)])).toEqual([
      [3, "李四", ["idNumber"]],
      [4, "王五", ["phone"]],
    ]);
  });

  it("refuses the second row with the same identity number, naming the first line", () => {
    const r = checkRosterRows([row(2, "张三", ID1), row(3, "张三", ID1.toLowerCase())], {
      today: TODAY,
      rosterIdNumbers: new Set(),
      placesLeft: 10,
      headcount: 10,
    });
    expect(r.good.map((g) => g.line)).toEqual([2]);
    expect(r.bad).toEqual([{ line: 3, name: "张三", reasons: [{ column: "idNumber", message: 'demand.roster.duplicateInFile|{"line":2}' }] }]);
  });

  it("refuses a trainee already on the roster", () => {
    const r = checkRosterRows([row(2, "张三", ID1)], { today: TODAY, rosterIdNumbers: new Set([ID1]), placesLeft: 5, headcount: 6 });
    expect(r.bad).toEqual([{ line: 2, name: "张三", reasons: [{ column: "idNumber", message: "demand.roster.alreadyOnRoster" }] }]);
  });

  it("refuses, in file order, the rows beyond the places left", () => {
    const r = checkRosterRows([row(2, "张三", ID1), row(3, "李四", ID2), row(4, "王五", ID3)], {
      today: TODAY,
      rosterIdNumbers: new Set(),
      placesLeft: 2,
      headcount: 8,
    });
    expect(r.good.map((g) => g.line)).toEqual([2, 3]);
    expect(r.bad).toEqual([{ line: 4, name: "王五", reasons: [{ message: 'demand.roster.overHeadcount|{"headcount":8}' }] }]);
  });

  it("treats a formula as text: a name that is a formula is a bad row, never evaluated", () => {
    const r = checkRosterRows([row(2, "=cmd|' /C calc'!A0", ID1)], { today: TODAY, rosterIdNumbers: new Set(), placesLeft: 5, headcount: 5 });
    expect(r.bad).toEqual([{ line: 2, name: "=cmd|' /C calc'!A0", reasons: [{ column: "name", message: "demand.roster.nameFormula" }] }]);
  });
});

describe("headers", () => {
  it("finds the template's columns in any order, and English ones too", () => {
    expect(mapHeaders(["现有等级", "手机号", "姓名", "身份证号"])).toEqual({
      columns: { currentLevel: 0, phone: 1, name: 2, idNumber: 3 },
      missing: [],
    });
    expect(mapHeaders(["Name", "ID number", "Phone"]).missing).toEqual([]);
    expect(mapHeaders(["*姓名", "身份证号码", "手机号码（必填）"]).missing).toEqual([]);
  });

  it("names the missing required columns; the level is optional", () => {
    expect(mapHeaders(["姓名", "电话号"]).missing).toEqual(["idNumber", "phone"]);
  });
});

describe("masking and editability", () => {
  it.each([
    ["13800138000", "138****8000"],
    ["0571-88001234", "0571-****1234"],
    ["0571-88001234-8021", "0571-****8021"],
  ])("masks %s as %s", (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  it("lets the roster change until the demand is closed (a contracted demand's roster is completed for its cohort)", () => {
    const all: DemandStatus[] = ["draft", "submitted", "returned", "rejected", "pooled", "tendered", "contracted", "fulfilled", "withdrawn"];
    expect(all.filter(isRosterEditable)).toEqual(["draft", "submitted", "returned", "pooled", "tendered", "contracted"]);
  });
});

describe("the add-one-trainee form", () => {
  it("puts each reason on its field", () => {
    const form = new FormData();
    form.append("name", "=1+1");
    form.append("idNumber", ID2_WRONG);
    form.append("phone", "123");
    const s = parseWithZod(form, { schema: traineeFormSchema(TODAY) });
    expect(s.status === "error" && Object.keys(s.reply().error ?? {}).sort()).toEqual(["idNumber", "name", "phone"]);
  });

  it("gives the normalised trainee", () => {
    const form = new FormData();
    form.append("name", "张三");
    form.append("idNumber", ID1);
    form.append("phone", "13800138000");
    form.append("currentLevel", "3");
    const s = parseWithZod(form, { schema: traineeFormSchema(TODAY) });
    expect(s.status === "success" && s.value).toEqual({ name: "张三", idNumber: ID1, phone: "13800138000", currentLevel: 3 });
  });
});
