import { describe } from "vitest";
import { checkLifecycle } from "#tests/lifecycle-table";
import { BID_LIFECYCLE } from "./lifecycle";

describe("bid lifecycle", () => {
  checkLifecycle(BID_LIFECYCLE, ["submit", "replace", "withdraw", "discard", "accept", "reject", "award", "passOver"], [
    ["draft", "submit", "submitted"],
    ["draft", "replace", "draft"],
    ["draft", "withdraw", "withdrawn"],
    ["draft", "discard", "discarded"],
    ["submitted", "replace", "submitted"],
    ["submitted", "withdraw", "withdrawn"],
    ["submitted", "accept", "valid"],
    ["submitted", "reject", "rejected"],
    // Compliance may be revised until scoring starts.
    ["valid", "reject", "rejected"],
    ["rejected", "accept", "valid"],
    ["valid", "award", "awarded"],
    ["valid", "passOver", "not_awarded"],
    // A lapsed contract or an upheld objection takes an award back; the next-ranked bid takes it.
    ["awarded", "passOver", "not_awarded"],
    ["not_awarded", "award", "awarded"],
  ]);
});
