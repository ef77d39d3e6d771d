/**
 * Structured logs, one JSON object a line, never personal data: ids, routes, statuses and
 * durations only (the query string is never logged).
 */
function write(entry: Record<string, unknown>) {
  if (process.env.LOG_LEVEL === "silent") return;
  process.stdout.write(JSON.stringify({ t: new Date().toISOString(), ...entry }) + "\n");
}

export function logRequest(entry: {
  requestId: string;
  method: string;
  route: string;
  status: number;
  durationMs: number;
  userId?: string;
}) {
  write({ level: "info", msg: "request", ...entry });
}

export function logError(error: unknown, context: Record<string, unknown> = {}) {
  const e = error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : { value: String(error) };
  write({ level: "error", msg: "error", ...context, error: e });
}

export function logInfo(msg: string, context: Record<string, unknown> = {}) {
  write({ level: "info", msg, ...context });
}
