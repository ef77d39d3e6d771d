import { describe, expect, it } from "vitest";
import { applyEvent } from "~/utils/lifecycle";
import { TENDER_LIFECYCLE, type TenderEvent, type TenderStatus } from "./lifecycle";

const STATUSES = Object.keys(TENDER_LIFECYCLE) as TenderStatus[];
const EVENTS: TenderEvent[] = ["publish", "open", "startEvaluation", "confirmRanking", "publishResult", "closeObjections", "complete", "cancel"];

const ALLOWED: [TenderStatus, TenderEvent, TenderStatus][] = [
  ["draft", "publish", "published"],
  ["draft", "cancel", "cancelled"],
  ["published", "open", "opened"],
  ["published", "cancel", "cancelled"],
  ["opened", "startEvaluation", "evaluating"],
  ["opened", "cancel", "cancelled"],
  ["evaluating", "confirmRanking", "award_pending"],
  ["evaluating", "cancel", "cancelled"],
  ["award_pending", "publishResult", "award_published"],
  ["award_pending", "cancel", "cancelled"],
  // An upheld objection sends the lot back to evaluation.
  ["award_published", "startEvaluation", "evaluating"],
  ["award_published", "closeObjections", "awarded"],
  ["awarded", "complete", "complete"],
];

describe("tender lifecycle", () => {
  it("is total", () => {
    for (const s of STATUSES) expect(Object.keys(TENDER_LIFECYCLE[s]).sort()).toEqual([...EVENTS].sort());
  });

  it.each(STATUSES.flatMap((s) => EVENTS.map((e) => [s, e] as const)))("%s + %s", (s, e) => {
    const expected = ALLOWED.find(([from, ev]) => from === s && ev === e)?.[2];
    expect(applyEvent(TENDER_LIFECYCLE, s, e)).toEqual(expected ? { ok: true, to: expected } : { ok: false, reason: "invalidTransition" });
  });
});
