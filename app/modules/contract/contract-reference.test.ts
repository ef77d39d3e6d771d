import { describe, expect, it } from "vitest";
import { contractReferenceScope, formatContractReference, isContractReference } from "./contract-reference";

describe("contract references", () => {
  it("numbers contracts per year with their own counter", () => {
    expect(formatContractReference(2027, 1)).toBe("HT-2027-0001");
    expect(formatContractReference(2027, 9999)).toBe("HT-2027-9999");
    expect(contractReferenceScope(2027)).toBe("contract:2027");
    expect(contractReferenceScope(2027)).not.toBe("tender:2027");
  });

  it.each([[2027, 0], [2027, 10_000], [999, 1], [2027, 1.5]])("refuses year %i, number %d", (y, n) => {
    expect(() => formatContractReference(y, n)).toThrow(RangeError);
  });

  it.each([
    ["HT-2027-0001", true],
    ["ZJ-2027-0001", false],
    ["HT-27-0001", false],
    ["HT-2027-00001", false],
  ])("%s is a reference: %s", (text, yes) => {
    expect(isContractReference(text)).toBe(yes);
  });
});
