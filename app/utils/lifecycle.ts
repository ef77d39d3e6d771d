/**
 * A lifecycle is data: a total table NEXT[status][event] → next status or null (not allowed).
 * `apply` is the only way a status changes (STYLE.md "Rules, use cases, routes").
 */
export type LifecycleTable<S extends string, E extends string> = Record<S, Record<E, S | null>>;

export type Transition<S extends string> = { ok: true; to: S } | { ok: false; reason: "invalidTransition" };

export function applyEvent<S extends string, E extends string>(
  table: LifecycleTable<S, E>,
  status: S,
  event: E,
): Transition<S> {
  const to = table[status][event];
  return to === null ? { ok: false, reason: "invalidTransition" } : { ok: true, to };
}

/** The events allowed from a status, for the UI to show only what can be done. */
export function allowedEvents<S extends string, E extends string>(table: LifecycleTable<S, E>, status: S): E[] {
  return (Object.keys(table[status]) as E[]).filter((e) => table[status][e] !== null);
}
