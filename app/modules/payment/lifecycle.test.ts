import { describe } from "vitest";
import { checkLifecycle } from "#tests/lifecycle-table";
import { MILESTONE_LIFECYCLE, PAYMENT_LIFECYCLE } from "./lifecycle";

describe("milestone lifecycle", () => {
  checkLifecycle(MILESTONE_LIFECYCLE, ["approve", "refuse", "settle", "reverse"], [
    ["requested", "approve", "approved"],
    ["requested", "refuse", "refused"],
    ["approved", "settle", "paid"],
    ["paid", "reverse", "approved"],
  ]);
});

describe("payment lifecycle", () => {
  checkLifecycle(PAYMENT_LIFECYCLE, ["send", "settle", "fail", "reverse"], [
    ["pending", "send", "sent"],
    ["pending", "settle", "paid"],
    ["pending", "fail", "failed"],
    ["pending", "reverse", "reversed"],
    ["sent", "settle", "paid"],
    ["sent", "reverse", "reversed"],
    ["paid", "reverse", "reversed"],
  ]);
});
