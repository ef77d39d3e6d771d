import type { DB } from "#db/client";
import type { WorkingDayCalendar } from "./working-days";

/**
 * The working-day calendar as the bureau keeps it in calendar_days: statutory holidays and
 * make-up working days (DESIGN "Reference data"). Every period in working days, and every check
 * that a deadline falls on a working day, reads it from here, never from code.
 */
export async function loadWorkingDayCalendar(db: DB): Promise<WorkingDayCalendar> {
  const rows = await db.selectFrom("calendar_days").select(["date", "kind"]).execute();
  return {
    holidays: new Set(rows.filter((r) => r.kind === "holiday").map((r) => r.date)),
    makeupWorkdays: new Set(rows.filter((r) => r.kind === "workday").map((r) => r.date)),
  };
}
