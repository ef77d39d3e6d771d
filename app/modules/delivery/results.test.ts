import { describe, expect, it } from "vitest";
import { certificationErrors, completionOf, decodeReason, encodeReason, outcomeOf, type Certification } from "./results";

const passed: Certification = { passed: true, certificateNumber: "S000033000001234", levelReached: 4, certifiedOn: "2027-06-20" };
const dates = { today: "2027-06-30", firstSessionDate: "2027-03-01" };

describe("the completion rule", () => {
  // 40 h planned = 2400 minutes; 80 % of it is 1920 minutes.
  it.each([
    ["exactly 80 % and passed", 1920, 80, true, { completed: true }],
    ["one minute short of 80 %", 1919, 80, true, { completed: false, reason: { kind: "attendance", attendedPermille: 799, completionPct: 80 } }],
    ["all hours, assessment failed", 2400, 80, false, { completed: false, reason: { kind: "assessment" } }],
    // Attendance is checked first: 50 % and failed reads as the attendance shortfall.
    ["half the hours and failed", 1200, 80, false, { completed: false, reason: { kind: "attendance", attendedPermille: 500, completionPct: 80 } }],
    // A tender with a 90 % threshold: 2100 / 2400 = 87.5 % is short.
    ["87.5 % against 90 %", 2100, 90, true, { completed: false, reason: { kind: "attendance", attendedPermille: 875, completionPct: 90 } }],
    ["90 % against 90 %", 2160, 90, true, { completed: true }],
  ] as const)("%s", (_label, attended, pct, assessmentPassed, expected) => {
    expect(completionOf({ attendedMinutes: attended, plannedMinutes: 2400, completionPct: pct, assessmentPassed })).toEqual(expected);
  });

  it("does not complete anyone when no hours were planned", () => {
    expect(completionOf({ attendedMinutes: 0, plannedMinutes: 0, completionPct: 80, assessmentPassed: true })).toMatchObject({ completed: false, reason: { kind: "attendance" } });
  });
});

describe("the outcome", () => {
  it("leads a completed trainee through the lifecycle to certified or not certified", () => {
    expect(outcomeOf({ completed: true }, passed)).toEqual({ progress: "certified", certification: passed, events: ["complete", "certify"] });
    expect(outcomeOf({ completed: true }, { passed: false })).toEqual({ progress: "not_certified", events: ["complete", "failCertification"] });
    expect(outcomeOf({ completed: true }, null)).toBeNull();
  });

  it("stops a trainee who did not complete at not completed, with the reason", () => {
    expect(outcomeOf({ completed: false, reason: { kind: "assessment" } }, null)).toEqual({ progress: "not_completed", reason: { kind: "assessment" }, events: ["fail"] });
  });
});

describe("the certification fields", () => {
  const completed = { completed: true } as const;
  const short = { completed: false, reason: { kind: "assessment" } } as const;
  it.each([
    ["a passed certification in order", completed, passed, []],
    ["a failed certification", completed, { passed: false }, []],
    ["no certification for a completed trainee", completed, null, [{ field: "certification", error: "certificationRequired" }]],
    ["a certificate for someone who did not complete", short, passed, [{ field: "certification", error: "notApplicable" }]],
    ["nothing for someone who did not complete", short, null, []],
    ["a date after today", completed, { ...passed, certifiedOn: "2027-07-01" }, [{ field: "certifiedOn", error: "dateInFuture" }]],
    ["today", completed, { ...passed, certifiedOn: "2027-06-30" }, []],
    ["the first session's day", completed, { ...passed, certifiedOn: "2027-03-01" }, []],
    ["the day before the first session", completed, { ...passed, certifiedOn: "2027-02-28" }, [{ field: "certifiedOn", error: "dateBeforeCourse" }]],
    ["no such day", completed, { ...passed, certifiedOn: "2027-02-30" }, [{ field: "certifiedOn", error: "dateInvalid" }]],
    ["level 0 and level 6", completed, { ...passed, levelReached: 0 }, [{ field: "levelReached", error: "levelInvalid" }]],
    ["a certificate number with spaces", completed, { ...passed, certificateNumber: "S 0001" }, [{ field: "certificateNumber", error: "numberInvalid" }]],
    ["an empty certificate number", completed, { ...passed, certificateNumber: "" }, [{ field: "certificateNumber", error: "numberInvalid" }]],
  ] as const)("%s", (_label, completion, certification, expected) => {
    expect(certificationErrors(completion, certification as Certification | null, dates)).toEqual(expected);
  });
});

describe("the stored reason", () => {
  it("reads back what was written and nothing else", () => {
    const r = { kind: "attendance", attendedPermille: 799, completionPct: 80 } as const;
    expect(decodeReason(encodeReason(r))).toEqual(r);
    expect(decodeReason(encodeReason({ kind: "dropped" }))).toEqual({ kind: "dropped" });
    expect(decodeReason("not json")).toBeNull();
    expect(decodeReason('{"kind":"attendance"}')).toBeNull();
    expect(decodeReason(null)).toBeNull();
  });
});
