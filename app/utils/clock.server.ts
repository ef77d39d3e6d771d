/**
 * The server's clock, injectable so that tests can move time (session expiry, deadlines).
 * Every use case asks this module for "now" instead of calling Date.now() itself.
 */
let override: (() => Date) | undefined;

/**
 * The browser journeys' server (tests/e2e/server.ts, never the production entry) may install a
 * clock under this global symbol before loading the app, to let a journey pass a bid deadline.
 */
const E2E_CLOCK = Symbol.for("skilltender.e2eClock");

export function now(): Date {
  if (override) return override();
  const e2e = (globalThis as Record<symbol, unknown>)[E2E_CLOCK];
  return typeof e2e === "function" ? (e2e as () => Date)() : new Date();
}

export function nowIso(): string {
  return now().toISOString();
}

/** Tests only: fix or move the clock; call with undefined to restore the real one. */
export function setClock(fn: (() => Date) | undefined): void {
  override = fn;
}
