/**
 * Deadlines as people see them: entered and shown in Asia/Shanghai wall-clock time, stored as UTC
 * instants (DESIGN "Reference data": deadlines are exact instants). China has kept UTC+8 without
 * daylight saving since 1991, so the offset is fixed.
 */
const OFFSET_MS = 8 * 3_600_000;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** The instant of a `datetime-local` value ("2026-12-21T10:00") read as Asia/Shanghai time; undefined when it is not a real time. */
export function parseShanghaiLocal(text: string): Date | undefined {
  const m = LOCAL.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number, number, number];
  if (y < 2000 || y > 9999 || h > 23 || mi > 59 || s > 59) return undefined;
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(utc);
  // Date.UTC rolls 2026-02-30 over into March; a real date comes back unchanged.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return new Date(utc - OFFSET_MS);
}

/** An instant as a `datetime-local` value in Asia/Shanghai ("2026-12-21T10:00"), for form fields. */
export function toShanghaiLocal(instant: Date | string): string {
  const t = typeof instant === "string" ? Date.parse(instant) : instant.getTime();
  return new Date(t + OFFSET_MS).toISOString().slice(0, 16);
}

/** An instant as Beijing wall-clock time, "2026-12-21 10:00", for display. */
export function formatShanghai(instant: Date | string): string {
  return toShanghaiLocal(instant).replace("T", " ");
}

/** The Shanghai year of an instant (the budget year of a tender created then). */
export function shanghaiYear(instant: Date): number {
  return new Date(instant.getTime() + OFFSET_MS).getUTCFullYear();
}

/** What is left before a deadline, in whole days, hours and minutes; null once it has passed. */
export function timeLeft(now: Date, deadline: Date): { days: number; hours: number; minutes: number } | null {
  const ms = deadline.getTime() - now.getTime();
  if (ms <= 0) return null;
  const minutes = Math.floor(ms / 60_000);
  return { days: Math.floor(minutes / 1440), hours: Math.floor((minutes % 1440) / 60), minutes: minutes % 60 };
}
