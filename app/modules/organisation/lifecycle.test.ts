import { describe, expect, it } from "vitest";
import { allowedEvents, applyEvent } from "~/utils/lifecycle";
import { EVENTS_NEEDING_REASON, ORGANISATION_LIFECYCLE, type OrganisationEvent, type OrganisationStatus } from "./lifecycle";

const STATUSES: OrganisationStatus[] = ["pending", "verified", "rejected", "suspended"];
const EVENTS: OrganisationEvent[] = ["verify", "reject", "suspend", "reinstate"];

/**
 * DESIGN.md "Users and roles": enterprises and institutions register as pending and stay so until
 * a bureau officer verifies them (or rejects them, with a reason); a rejected organisation may be
 * verified once it has put its papers right; a verified one may be suspended (with a reason) and
 * reinstated. Everything else is refused.
 */
const EXPECTED: [OrganisationStatus, OrganisationEvent, OrganisationStatus | null][] = [
  ["pending", "verify", "verified"],
  ["pending", "reject", "rejected"],
  ["pending", "suspend", null],
  ["pending", "reinstate", null],
  ["verified", "verify", null],
  ["verified", "reject", null],
  ["verified", "suspend", "suspended"],
  ["verified", "reinstate", null],
  ["rejected", "verify", "verified"],
  ["rejected", "reject", null],
  ["rejected", "suspend", null],
  ["rejected", "reinstate", null],
  ["suspended", "verify", null],
  ["suspended", "reject", null],
  ["suspended", "suspend", null],
  ["suspended", "reinstate", "verified"],
];

describe("organisation lifecycle", () => {
  it("is total: every status has exactly every event, and every target is a status", () => {
    expect(Object.keys(ORGANISATION_LIFECYCLE).sort()).toEqual([...STATUSES].sort());
    for (const s of STATUSES) {
      expect(Object.keys(ORGANISATION_LIFECYCLE[s]).sort()).toEqual([...EVENTS].sort());
      for (const e of EVENTS) {
        const to = ORGANISATION_LIFECYCLE[s][e];
        expect(to === null || STATUSES.includes(to)).toBe(true);
      }
    }
  });

  it("covers every status × event pair exactly once in this test's table", () => {
    expect(new Set(EXPECTED.map(([s, e]) => `${s}/${e}`)).size).toBe(STATUSES.length * EVENTS.length);
  });

  it.each(EXPECTED)("%s + %s → %s", (status, event, to) => {
    expect(ORGANISATION_LIFECYCLE[status][event]).toBe(to);
    expect(applyEvent(ORGANISATION_LIFECYCLE, status, event)).toEqual(
      to === null ? { ok: false, reason: "invalidTransition" } : { ok: true, to },
    );
  });

  it.each(STATUSES)("offers from %s exactly the events that move", (status) => {
    const moving = EXPECTED.filter(([s, , to]) => s === status && to !== null).map(([, e]) => e);
    expect(allowedEvents(ORGANISATION_LIFECYCLE, status).sort()).toEqual(moving.sort());
  });

  it("leaves no status a dead end and reaches every status from pending", () => {
    for (const s of STATUSES) expect(allowedEvents(ORGANISATION_LIFECYCLE, s).length).toBeGreaterThan(0);
    const reached = new Set<OrganisationStatus>(["pending"]);
    for (let changed = true; changed; ) {
      changed = false;
      for (const s of [...reached]) {
        for (const e of EVENTS) {
          const to = ORGANISATION_LIFECYCLE[s][e];
          if (to && !reached.has(to)) {
            reached.add(to);
            changed = true;
          }
        }
      }
    }
    expect([...reached].sort()).toEqual([...STATUSES].sort());
  });

  it("asks a reason exactly for rejecting and suspending", () => {
    expect([...EVENTS_NEEDING_REASON].sort()).toEqual(["reject", "suspend"]);
  });
});
