import { describe } from "vitest";
import { checkLifecycle } from "#tests/lifecycle-table";
import { CONTRACT_LIFECYCLE } from "./lifecycle";

describe("contract lifecycle", () => {
  checkLifecycle(CONTRACT_LIFECYCLE, ["activate", "lapse", "complete", "terminate"], [
    ["pending_signature", "activate", "active"],
    ["pending_signature", "lapse", "lapsed"],
    ["pending_signature", "terminate", "terminated"],
    ["active", "complete", "completed"],
    ["active", "terminate", "terminated"],
  ]);
});
