/**
 * Issue 8, test 7: Shanghai wall-clock formatting never throws, shows an instant at UTC+8 (China
 * has kept no summer time since 1991), and its date part is the Shanghai calendar date.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { shanghaiDate } from "~/modules/reference/working-days";
import { formatInstant, formatShanghaiDate } from "./format";

const instant = fc.date({ min: new Date("1992-01-01T00:00:00Z"), max: new Date("2100-12-31T23:59:59Z"), noInvalidDate: true });

describe("Shanghai times", () => {
  it("shows any instant since 1992 as UTC+8 wall-clock time, to the minute", () => {
    fc.assert(
      fc.property(instant, (d) => {
        const shifted = new Date(d.getTime() + 8 * 3600_000).toISOString();
        expect(formatInstant(d.toISOString())).toBe(`${shifted.slice(0, 10)} ${shifted.slice(11, 16)}`);
      }),
    );
  });

  it("gives the same Shanghai date as the working-day rules", () => {
    fc.assert(
      fc.property(instant, (d) => {
        expect(formatShanghaiDate(d.toISOString())).toBe(shanghaiDate(d));
      }),
    );
  });

  it("never throws on any stored text, and shows nothing for what is not an instant", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom("", "2026-02-30T00:00:00Z", "not a time", "9999999-01-01")), (text) => {
        const shown = formatInstant(text);
        expect(shown === "" || /^[+-]?\d{4,}-\d{2}-\d{2} \d{2}:\d{2}$/.test(shown)).toBe(true);
        if (Number.isNaN(Date.parse(text))) expect(shown).toBe("");
      }),
    );
  });
});
