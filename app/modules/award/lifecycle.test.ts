import { describe } from "vitest";
import { checkLifecycle } from "#tests/lifecycle-table";
import { AWARD_LIFECYCLE, OBJECTION_LIFECYCLE } from "./lifecycle";

describe("award lifecycle", () => {
  checkLifecycle(AWARD_LIFECYCLE, ["publish", "confirm", "cancel", "lapse"], [
    ["proposed", "publish", "published"],
    ["proposed", "cancel", "cancelled"],
    ["published", "confirm", "confirmed"],
    ["published", "cancel", "cancelled"],
    ["confirmed", "lapse", "lapsed"],
  ]);
});

describe("objection lifecycle", () => {
  checkLifecycle(OBJECTION_LIFECYCLE, ["uphold", "dismiss"], [
    ["pending", "uphold", "upheld"],
    ["pending", "dismiss", "dismissed"],
  ]);
});
