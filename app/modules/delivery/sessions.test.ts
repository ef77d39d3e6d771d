import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { isWithinWindow, minutesToHours, overlappingSession, sessionFormSchema } from "./sessions";

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
};

describe("the add-a-session form", () => {
  it("reads a Shanghai start, quarter hours and a topic", () => {
    const s = parseWithZod(form({ startsAt: "2027-04-06T09:00", plannedHours: "3.5", topic: "  焊接  基础 " }), { schema: sessionFormSchema });
    expect(s.status).toBe("success");
    expect(s.status === "success" && s.value).toEqual({ startsAt: new Date("2027-04-06T01:00:00.000Z"), plannedHours: 210, topic: "焊接 基础" });
  });

  it("puts each fault on its field", () => {
    const s = parseWithZod(form({ startsAt: "2027-02-30T09:00", plannedHours: "3.3", topic: "   " }), { schema: sessionFormSchema });
    expect(s.status === "error" && s.error).toEqual({
      startsAt: ["delivery.sessions.errors.startInvalid"],
      plannedHours: ["delivery.sessions.errors.hoursInvalid"],
      topic: ["delivery.sessions.errors.topicRequired"],
    });
    const empty = parseWithZod(form({}), { schema: sessionFormSchema });
    expect(empty.status === "error" && empty.error).toEqual({
      startsAt: ["delivery.sessions.errors.startRequired"],
      plannedHours: ["delivery.sessions.errors.hoursRequired"],
      topic: ["delivery.sessions.errors.topicRequired"],
    });
    for (const bad of ["0", "24.25", "1e1", "-2", "abc"]) {
      const r = parseWithZod(form({ startsAt: "2027-04-06T09:00", plannedHours: bad, topic: "x" }), { schema: sessionFormSchema });
      expect(r.status === "error" && r.error).toEqual({ plannedHours: ["delivery.sessions.errors.hoursInvalid"] });
    }
  });
});

describe("the delivery window and overlaps", () => {
  const window = { start: "2027-04-01", end: "2027-06-30" };
  it.each([
    ["2027-03-31T16:00:00.000Z", 60, true], // 00:00 on 1 April in Shanghai
    ["2027-03-31T15:59:00.000Z", 60, false], // 23:59 on 31 March
    ["2027-06-30T12:00:00.000Z", 240, true], // 20:00 until midnight ending 30 June
    ["2027-06-30T12:00:00.000Z", 241, false], // a minute into 1 July
  ])("a session from %s for %i minutes inside: %s", (start, minutes, inside) => {
    expect(isWithinWindow(new Date(start), minutes, window)).toBe(inside);
  });

  it("finds the session sharing a minute, not one that ends as the new one starts", () => {
    const existing = [{ startsAt: "2027-04-06T01:00:00.000Z", plannedMinutes: 240 }];
    expect(overlappingSession(existing, new Date("2027-04-06T04:59:00.000Z"), 60)).toBe(existing[0]);
    expect(overlappingSession(existing, new Date("2027-04-06T05:00:00.000Z"), 60)).toBeUndefined();
    expect(overlappingSession(existing, new Date("2027-04-06T00:00:00.000Z"), 60)).toBeUndefined();
    expect(overlappingSession(existing, new Date("2027-04-06T00:00:00.000Z"), 61)).toBe(existing[0]);
  });

  it("shows minutes as hours", () => {
    expect([minutesToHours(210), minutesToHours(195), minutesToHours(480), minutesToHours(0)]).toEqual(["3.5", "3.25", "8", "0"]);
  });
});
