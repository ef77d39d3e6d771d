/** What a use case returns: a value, or a reason the routes map to HTTP at the edge. */
export type Failure =
  | { ok: false; kind: "validation"; fieldErrors: Record<string, string[]>; formErrors?: string[] }
  | { ok: false; kind: "notFound" }
  | { ok: false; kind: "forbidden" }
  | { ok: false; kind: "conflict"; message: string };

export type Result<T> = { ok: true; value: T } | Failure;

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const invalid = (fieldErrors: Record<string, string[]>, formErrors?: string[]): Failure => ({
  ok: false,
  kind: "validation",
  fieldErrors,
  formErrors,
});
export const notFoundResult: Failure = { ok: false, kind: "notFound" };
export const forbiddenResult: Failure = { ok: false, kind: "forbidden" };
export const conflict = (message: string): Failure => ({ ok: false, kind: "conflict", message });

/** HTTP status of a failure (STYLE.md: validation 400, forbidden 403, not found 404, conflict 409). */
export function statusOf(f: Failure): number {
  switch (f.kind) {
    case "validation":
      return 400;
    case "forbidden":
      return 403;
    case "notFound":
      return 404;
    case "conflict":
      return 409;
  }
}

/**
 * An i18n message with parameters, carried as one string through conform's error lists:
 * `key` or `key|{"param":"value"}`.
 */
export function msg(key: string, params?: Record<string, string | number>): string {
  return params ? `${key}|${JSON.stringify(params)}` : key;
}

export function parseMsg(text: string): { key: string; params: Record<string, string | number> } {
  const i = text.indexOf("|");
  if (i < 0) return { key: text, params: {} };
  try {
    return { key: text.slice(0, i), params: JSON.parse(text.slice(i + 1)) as Record<string, string | number> };
  } catch {
    return { key: text, params: {} };
  }
}
