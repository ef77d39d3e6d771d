/**
 * How a trainee stands against the completion share while the course runs (DESIGN.md "Contract
 * and delivery": completion needs attendance of at least the tender's share of planned hours).
 */
import { attendancePermille, canStillComplete, meetsCompletionShare } from "./attendance";

/**
 * - `notYet`: no session has been held, so there is nothing to measure;
 * - `onTrack`: the share of the hours held so far meets the completion share;
 * - `below`: it does not, but attending everything still to come would reach it;
 * - `cannotComplete`: even attending every remaining planned hour would not reach it.
 */
export type AttendanceStanding = "notYet" | "onTrack" | "below" | "cannotComplete";

/** A trainee's standing from minutes attended, minutes held so far, minutes planned in all, and the share (%). */
export function attendanceStanding(attendedMinutes: number, heldMinutes: number, totalPlannedMinutes: number, completionPct: number): AttendanceStanding {
  if (heldMinutes <= 0) return "notYet";
  if (!canStillComplete(attendedMinutes, heldMinutes, totalPlannedMinutes, completionPct)) return "cannotComplete";
  return meetsCompletionShare(attendedMinutes, heldMinutes, completionPct) ? "onTrack" : "below";
}

/** One line of the attendance summary. */
export interface SummaryLine {
  attendedMinutes: number;
  heldMinutes: number;
  permille: number;
  standing: AttendanceStanding;
}

/**
 * The summary line of one trainee: attended, planned so far, running share (per mille) and
 * standing. "So far" is the sessions whose attendance is recorded: a session held but not yet
 * recorded is neither attended nor missed until it is.
 */
export function summaryLine(attendedMinutes: number, cohort: { recordedMinutes: number; totalPlannedMinutes: number }, completionPct: number): SummaryLine {
  return {
    attendedMinutes,
    heldMinutes: cohort.recordedMinutes,
    permille: attendancePermille(attendedMinutes, cohort.recordedMinutes),
    standing: attendanceStanding(attendedMinutes, cohort.recordedMinutes, cohort.totalPlannedMinutes, completionPct),
  };
}
