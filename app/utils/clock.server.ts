/**
 * The server's clock, injectable so that tests can move time (session expiry, deadlines).
 * Every use case asks this module for "now" instead of calling Date.now() itself.
 */
let override: (() => Date) | undefined;

export function now(): Date {
  return override ? override() : new Date();
}

export function nowIso(): string {
  return now().toISOString();
}

/** Tests only: fix or move the clock; call with undefined to restore the real one. */
export function setClock(fn: (() => Date) | undefined): void {
  override = fn;
}
