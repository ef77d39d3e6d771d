import { expect, it } from "vitest";
import { applyEvent, type LifecycleTable } from "~/utils/lifecycle";

/**
 * Checks a lifecycle table against the list of its allowed transitions: every status × event
 * pair is one test, and any pair not listed must be refused.
 */
export function checkLifecycle<S extends string, E extends string>(
  table: LifecycleTable<S, E>,
  events: readonly E[],
  allowed: readonly (readonly [S, E, S])[],
): void {
  const statuses = Object.keys(table) as S[];
  it("is total", () => {
    for (const s of statuses) expect(Object.keys(table[s]).sort()).toEqual([...events].sort());
  });
  it.each(statuses.flatMap((s) => events.map((e) => [s, e] as const)))("%s + %s", (s, e) => {
    const to = allowed.find(([from, ev]) => from === s && ev === e)?.[2];
    expect(applyEvent(table, s, e)).toEqual(to ? { ok: true, to } : { ok: false, reason: "invalidTransition" });
  });
}
