/**
 * Canonical JSON of a bid's content: object keys sorted at every depth, no white space, so that
 * the same content always gives the same bytes and so the same receipt (DESIGN.md "Bid — sealed").
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") {
    if (typeof value === "number" && !Number.isFinite(value)) throw new Error("non-finite number in canonical JSON");
    if (value === undefined) return "null";
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/** What the receipt's hash covers: the canonical content and the submission instant. */
export function receiptPreimage(content: unknown, submittedAtIso: string): string {
  return `${canonicalJson(content)}\n${submittedAtIso}`;
}
