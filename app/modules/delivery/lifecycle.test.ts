import { describe } from "vitest";
import { checkLifecycle } from "#tests/lifecycle-table";
import { ENROLMENT_LIFECYCLE, PROGRESS_LIFECYCLE } from "./lifecycle";

describe("enrolment lifecycle", () => {
  checkLifecycle(ENROLMENT_LIFECYCLE, ["confirm", "decline", "replace", "drop"], [
    ["offered", "confirm", "confirmed"],
    ["offered", "decline", "declined"],
    ["confirmed", "replace", "replaced"],
    ["confirmed", "drop", "dropped"],
  ]);
});

describe("trainee progress lifecycle", () => {
  checkLifecycle(PROGRESS_LIFECYCLE, ["complete", "fail", "certify", "failCertification"], [
    ["in_training", "complete", "completed"],
    ["in_training", "fail", "not_completed"],
    ["completed", "certify", "certified"],
    ["completed", "failCertification", "not_certified"],
  ]);
});
