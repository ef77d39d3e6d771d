/**
 * Attendance arithmetic (DESIGN.md "Contract and delivery": completion needs attendance of at
 * least the configured share of planned hours, default 80 %). Minutes are integers; shares are
 * whole per-mille so they compare and display without floating-point surprises.
 */

/** Attended over planned, in per-mille (0–1000), rounded down; 0 when nothing is planned yet. */
export function attendancePermille(attendedMinutes: number, plannedMinutes: number): number {
  if (plannedMinutes <= 0) return 0;
  return Math.min(1000, Math.floor((attendedMinutes * 1000) / plannedMinutes));
}

/** Does attendance meet the tender's completion share (a whole percent)? Exact, no rounding up. */
export function meetsCompletionShare(attendedMinutes: number, plannedMinutes: number, completionPct: number): boolean {
  if (plannedMinutes <= 0) return false;
  return attendedMinutes * 100 >= completionPct * plannedMinutes;
}

/**
 * Can a trainee still reach the completion share? They can if attending every remaining planned
 * minute would get them there; otherwise the page warns that they have fallen below for good.
 */
export function canStillComplete(attendedMinutes: number, heldMinutes: number, totalPlannedMinutes: number, completionPct: number): boolean {
  const remaining = Math.max(0, totalPlannedMinutes - heldMinutes);
  return meetsCompletionShare(attendedMinutes + remaining, totalPlannedMinutes, completionPct);
}

/** Planned hours as typed (e.g. "3.5") to whole minutes; null unless a positive multiple of 0.25 h up to 24 h. */
export function hoursToMinutes(hours: number): number | null {
  if (!Number.isFinite(hours) || hours <= 0 || hours > 24) return null;
  const minutes = hours * 60;
  return Number.isInteger(minutes) && minutes % 15 === 0 ? minutes : null;
}
