import { describe, expect, it } from "vitest";
import { checkLifecycle } from "#tests/lifecycle-table";
import { LOT_LIFECYCLE, tenderStatusOfLots, type LotEvent } from "./lifecycle";

const EVENTS: LotEvent[] = ["open", "fail", "startEvaluation", "confirmRanking", "publishResult", "reassign", "closeObjections", "complete", "cancel"];

describe("lot lifecycle", () => {
  checkLifecycle(LOT_LIFECYCLE, EVENTS, [
    ["open", "open", "opened"],
    ["open", "fail", "unsuccessful"],
    ["open", "cancel", "cancelled"],
    ["opened", "fail", "unsuccessful"],
    ["opened", "startEvaluation", "evaluating"],
    ["opened", "cancel", "cancelled"],
    ["evaluating", "fail", "unsuccessful"],
    ["evaluating", "confirmRanking", "award_pending"],
    ["evaluating", "cancel", "cancelled"],
    ["award_pending", "publishResult", "award_published"],
    ["award_pending", "cancel", "cancelled"],
    ["award_published", "fail", "unsuccessful"],
    ["award_published", "startEvaluation", "evaluating"],
    ["award_published", "reassign", "award_pending"],
    ["award_published", "closeObjections", "awarded"],
    ["awarded", "complete", "complete"],
  ]);
});

describe("a tender's status follows its lots", () => {
  it.each([
    ["all lots open", "published", ["open", "open"], "published"],
    ["one opened, one still open", "published", ["opened", "open"], "published"],
    ["the least advanced lot sets it", "evaluating", ["award_published", "evaluating"], "evaluating"],
    ["unsuccessful lots do not hold it back", "opened", ["unsuccessful", "award_pending"], "award_pending"],
    ["every lot unsuccessful ends it", "opened", ["unsuccessful", "unsuccessful"], "complete"],
    ["all awarded", "award_published", ["awarded", "awarded"], "awarded"],
    ["a draft keeps its status", "draft", ["open"], "draft"],
    ["a cancelled tender stays cancelled", "cancelled", ["cancelled"], "cancelled"],
  ] as const)("%s", (_, current, lots, expected) => {
    expect(tenderStatusOfLots(current, lots)).toBe(expected);
  });
});
