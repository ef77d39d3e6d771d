/**
 * Issue 8, test 7: the add-a-session form accepts exactly a real Shanghai start, planned hours in
 * quarter hours up to 24 and a topic of up to 100 characters, and refuses the rest on the field;
 * a start and hours as the page shows them, typed back, are the same instant and minutes.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toShanghaiLocal } from "~/modules/tender/deadline";
import { addSessionSchema, minutesToHours, sessionFormSchema, TOPIC_MAX } from "./sessions";

const instant = fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true }).map((d) => new Date(Math.floor(d.getTime() / 60_000) * 60_000));
const quarters = fc.integer({ min: 1, max: 96 }).map((q) => q * 15);
const topic = fc.stringMatching(/^[\u4e00-\u9fa5A-Za-z0-9][\u4e00-\u9fa5A-Za-z0-9 ]{0,98}[\u4e00-\u9fa5A-Za-z0-9]$/).filter((t) => !/ {2}/.test(t));
const issuesOf = (f: Record<string, string>) => sessionFormSchema.safeParse(f).error?.issues.map((i) => [i.path.join("."), i.message.split("|")[0]]);
const ok = { startsAt: "2027-04-06T09:00", plannedHours: "3.5", topic: "安全规范" };

describe("the add-a-session form", () => {
  it("accepts a Shanghai start, quarter hours and a topic as the same instant, minutes and text; what the page shows reads back the same", () => {
    fc.assert(
      fc.property(instant, quarters, topic, (at, minutes, t) => {
        const r = addSessionSchema.safeParse({ intent: "addSession", startsAt: toShanghaiLocal(at), plannedHours: minutesToHours(minutes), topic: `  ${t} ` });
        expect(r).toEqual({ success: true, data: { intent: "addSession", startsAt: at, plannedHours: minutes, topic: t } });
      }),
    );
  });

  it("refuses hours that are not a positive multiple of a quarter hour up to 24, on the hours", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: 1, max: 24 * 60 }).filter((m) => m % 15 !== 0).map((m) => String(Math.round((m / 60) * 100) / 100)),
          fc.integer({ min: 25, max: 99 }).map(String),
          fc.constantFrom("0", "-1", "3,5", "abc", "1e1", "0.1", "24.25"),
        ),
        (hours) => {
          fc.pre(Number(hours) * 60 % 15 !== 0 || Number(hours) > 24 || !/^\d{1,2}(\.\d{1,2})?$/.test(hours) || Number(hours) <= 0);
          expect(issuesOf({ ...ok, plannedHours: hours })).toEqual([["plannedHours", "delivery.sessions.errors.hoursInvalid"]]);
        },
      ),
    );
  });

  it("refuses a start that is no real time, and a topic that is empty or over 100 characters, on that field", () => {
    fc.assert(
      fc.property(fc.constantFrom("2027-02-29T09:00", "2027-04-06T24:00", "2027-04-06T09:60", "2027-04-06", "1999-12-31T09:00", "09:00", "2027-4-6T9:00"), (start) => {
        expect(issuesOf({ ...ok, startsAt: start })).toEqual([["startsAt", "delivery.sessions.errors.startInvalid"]]);
      }),
    );
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom("", "   ", "\u3000"), fc.stringMatching(new RegExp(`^[A-Za-z\u4e00-\u9fa5]{${TOPIC_MAX + 1},${TOPIC_MAX + 40}}$`))), (t) => {
        const expected = t.trim() === "" ? "delivery.sessions.errors.topicRequired" : "common.form.tooLong";
        expect(issuesOf({ ...ok, topic: t })).toEqual([["topic", expected]]);
      }),
    );
  });
});
