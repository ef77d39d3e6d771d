import { describe, expect, it } from "vitest";
import { applyEvent } from "~/utils/lifecycle";
import { ACCREDITATION_LIFECYCLE, eligibility, type AccreditationEvent, type AccreditationFacts, type AccreditationStatus } from "./lifecycle";

const STATUSES = Object.keys(ACCREDITATION_LIFECYCLE) as AccreditationStatus[];
const EVENTS: AccreditationEvent[] = ["approve", "refuse", "suspend", "reinstate", "revoke", "withdraw"];
const ALLOWED: [AccreditationStatus, AccreditationEvent, AccreditationStatus][] = [
  ["applied", "approve", "approved"],
  ["applied", "refuse", "refused"],
  ["applied", "withdraw", "withdrawn"],
  ["approved", "suspend", "suspended"],
  ["approved", "revoke", "revoked"],
  ["suspended", "reinstate", "approved"],
  ["suspended", "revoke", "revoked"],
];

describe("accreditation lifecycle", () => {
  it.each(STATUSES.flatMap((s) => EVENTS.map((e) => [s, e] as const)))("%s + %s", (s, e) => {
    const to = ALLOWED.find(([a, b]) => a === s && b === e)?.[2];
    expect(applyEvent(ACCREDITATION_LIFECYCLE, s, e)).toEqual(to ? { ok: true, to } : { ok: false, reason: "invalidTransition" });
  });
});

describe("eligibility to bid", () => {
  const lot = { occupationCode: "6-18-02-04", level: 4, windowStart: "2026-03-01", windowEnd: "2026-06-30" };
  const acc = (o: Partial<AccreditationFacts> = {}): AccreditationFacts => ({
    status: "approved",
    occupationCode: "6-18-02-04",
    highestLevel: 3,
    validFrom: "2026-01-01",
    validTo: "2027-12-31",
    ...o,
  });

  it.each([
    ["an approved accreditation above the level, valid throughout", [acc()], { ok: true }],
    ["exactly the lot's level", [acc({ highestLevel: 4 })], { ok: true }],
    ["none for the occupation", [acc({ occupationCode: "6-31-01-03" })], { ok: false, reason: "noAccreditation" }],
    ["only below the lot's level", [acc({ highestLevel: 5 })], { ok: false, reason: "levelTooLow" }],
    ["lapsing before the window ends", [acc({ validTo: "2026-06-29" })], { ok: false, reason: "notValidOverWindow" }],
    ["starting after the window starts", [acc({ validFrom: "2026-03-02" })], { ok: false, reason: "notValidOverWindow" }],
    ["only suspended", [acc({ status: "suspended" })], { ok: false, reason: "notApproved" }],
    ["one suspended and one good", [acc({ status: "suspended" }), acc({ highestLevel: 2 })], { ok: true }],
  ] as const)("%s", (_, accs, expected) => {
    expect(eligibility(accs, lot)).toEqual(expected);
  });
});
