/**
 * Contract reference numbers (合同编号): `HT-<year>-<4 digits>`, numbered per year from 0001 in
 * the order the contracts are created, drawn from their own counter scope (reference_counters).
 */
const REFERENCE = /^HT-(\d{4})-(\d{4})$/;

/** The counter row a year's contract references are drawn from. */
export function contractReferenceScope(year: number): string {
  return `contract:${year}`;
}

/** The reference of the nth contract created in a year: HT-2026-0007; a year has at most 9 999. */
export function formatContractReference(year: number, n: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`not a year: ${year}`);
  if (!Number.isInteger(n) || n < 1 || n > 9999) throw new RangeError(`contract number out of range: ${n}`);
  return `HT-${year}-${String(n).padStart(4, "0")}`;
}

/** Whether text has the shape of a contract reference. */
export function isContractReference(text: string): boolean {
  return REFERENCE.test(text);
}
