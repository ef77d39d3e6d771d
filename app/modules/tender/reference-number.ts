/**
 * Tender reference numbers (招标编号): `ZJ-<year>-<4 digits>`, numbered per year from 0001 in the
 * order of publication (DESIGN.md "Interfaces": `GET /tenders/{reference}`).
 */
const REFERENCE = /^ZJ-(\d{4})-(\d{4})$/;

/** The counter row a year's references are drawn from (reference_counters.scope). */
export function referenceScope(year: number): string {
  return `tender:${year}`;
}

/** The reference of the nth tender published in a year: ZJ-2026-0007; a year has at most 9 999. */
export function formatTenderReference(year: number, n: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`not a year: ${year}`);
  if (!Number.isInteger(n) || n < 1 || n > 9999) throw new RangeError(`tender number out of range: ${n}`);
  return `ZJ-${year}-${String(n).padStart(4, "0")}`;
}

/** Whether text has the shape of a tender reference (so a URL never reaches the database otherwise). */
export function isTenderReference(text: string): boolean {
  return REFERENCE.test(text);
}
