import { describe, expect, it } from "vitest";
import { formatTenderReference, isTenderReference, referenceScope } from "./reference-number";

describe("tender references ZJ-<year>-<4 digits>", () => {
  it.each([
    [2026, 1, "ZJ-2026-0001"],
    [2026, 42, "ZJ-2026-0042"],
    [2027, 9999, "ZJ-2027-9999"],
  ])("%i #%i → %s", (year, n, ref) => {
    expect(formatTenderReference(year, n)).toBe(ref);
    expect(isTenderReference(ref)).toBe(true);
  });

  it.each([0, 10_000, 1.5])("refuses number %s", (n) => {
    expect(() => formatTenderReference(2026, n)).toThrow(RangeError);
  });

  it.each(["ZJ-2026-1", "zj-2026-0001", "ZJ-2026-00001", "ZJ-26-0001", "../etc"])("%s is not a reference", (text) => {
    expect(isTenderReference(text)).toBe(false);
  });

  it("draws each year's numbers from its own counter", () => {
    expect(referenceScope(2026)).toBe("tender:2026");
  });
});
