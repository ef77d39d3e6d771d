import { describe, expect, it } from "vitest";
import { allowedEvents, applyEvent } from "~/utils/lifecycle";
import { DEMAND_LIFECYCLE, isEditable, type DemandEvent, type DemandStatus } from "./lifecycle";

const STATUSES = Object.keys(DEMAND_LIFECYCLE) as DemandStatus[];
const EVENTS: DemandEvent[] = ["submit", "accept", "return", "reject", "withdraw", "tender", "release", "contract", "fulfil"];

// Every allowed move of DESIGN.md "Demand"; everything else is refused.
const ALLOWED: [DemandStatus, DemandEvent, DemandStatus][] = [
  ["draft", "submit", "submitted"],
  ["draft", "withdraw", "withdrawn"],
  ["submitted", "accept", "pooled"],
  ["submitted", "return", "returned"],
  ["submitted", "reject", "rejected"],
  ["submitted", "withdraw", "withdrawn"],
  ["returned", "submit", "submitted"],
  ["returned", "withdraw", "withdrawn"],
  ["pooled", "withdraw", "withdrawn"],
  ["pooled", "tender", "tendered"],
  ["tendered", "release", "pooled"],
  ["tendered", "contract", "contracted"],
  ["contracted", "fulfil", "fulfilled"],
  // A lapsed contract with no next-ranked bid to take its demand puts it back in the pool.
  ["contracted", "release", "pooled"],
];

describe("demand lifecycle", () => {
  it("is total: every status answers every event", () => {
    for (const s of STATUSES) expect(Object.keys(DEMAND_LIFECYCLE[s]).sort()).toEqual([...EVENTS].sort());
  });

  it.each(STATUSES.flatMap((s) => EVENTS.map((e) => [s, e] as const)))("%s + %s", (s, e) => {
    const expected = ALLOWED.find(([from, ev]) => from === s && ev === e)?.[2];
    const r = applyEvent(DEMAND_LIFECYCLE, s, e);
    expect(r).toEqual(expected ? { ok: true, to: expected } : { ok: false, reason: "invalidTransition" });
  });

  it("never lets the enterprise withdraw once tendered", () => {
    for (const s of ["tendered", "contracted", "fulfilled"] as const) expect(allowedEvents(DEMAND_LIFECYCLE, s)).not.toContain("withdraw");
  });

  it("lets content change only in draft or returned", () => {
    expect(STATUSES.filter(isEditable).sort()).toEqual(["draft", "returned"]);
  });
});
