import type { DB } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { REPORT_MAX_ROWS } from "~/modules/demand/roster";
import { shanghaiDate } from "~/modules/reference/working-days";
import { now } from "~/utils/clock.server";
import { invalid, ok, type Result } from "~/utils/result";
import { parseAttendanceFile } from "./attendance-file.server";
import { checkSheetRows, type BadSheetRow } from "./attendance-sheet";
import { enrolmentTransaction } from "./cohort-store.server";
import { attendanceCounts, loadSessionToRecord, writeAttendance } from "./record-attendance.server";

export type AttendanceImportOutcome =
  | { kind: "imported"; count: number }
  | { kind: "report"; total: number; badCount: number; bad: BadSheetRow[] };

/**
 * The institution imports one started session's sign-in sheet (CSV or XLSX): every row is
 * checked against the cohort and the session's planned hours, and only a sheet without a single
 * bad row is recorded, all of it in one transaction (issue "Delivery": per-row errors; all or
 * nothing). A cohort member missing from the sheet keeps what was recorded for them. Audited
 * (`attendance.import`) with counts, not personal data.
 */
export async function importAttendance(
  db: DB,
  actor: Actor,
  input: { contractId: string; sessionId: string; bytes: Uint8Array },
): Promise<Result<AttendanceImportOutcome>> {
  const loaded = await loadSessionToRecord(db, actor, input);
  if (!loaded.ok) return loaded;
  const { contract, session } = loaded;
  const parsed = await parseAttendanceFile(input.bytes);
  if (!parsed.ok) return invalid({ file: [parsed.message] });
  const known = await db
    .selectFrom("enrolments as e")
    .innerJoin("trainees as tr", "tr.id", "e.trainee_id")
    .select(["e.id", "e.status", "tr.name", "tr.id_number"])
    .where("e.contract_id", "=", contract.id)
    .execute();
  const cohort = new Map(known.filter((k) => k.status === "confirmed").map((k) => [k.id_number, { enrolmentId: k.id, name: k.name }]));
  const others = new Set(known.filter((k) => !cohort.has(k.id_number)).map((k) => k.id_number));
  const check = checkSheetRows(parsed.rows, { today: shanghaiDate(now()), plannedMinutes: session.plannedMinutes, cohort, others });
  if (check.bad.length > 0) {
    return ok<AttendanceImportOutcome>({ kind: "report", total: check.total, badCount: check.bad.length, bad: check.bad.slice(0, REPORT_MAX_ROWS) });
  }
  const entries = check.good.map((g) => ({ enrolmentId: g.enrolmentId, minutes: g.minutes }));
  return enrolmentTransaction(db, async (trx) => {
    const { before } = await writeAttendance(trx, contract.id, session, entries, actor.userId);
    await appendAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: "attendance.import",
      recordType: "course_session",
      recordId: session.id,
      before: { recorded: before },
      after: { contractId: contract.id, format: parsed.format, rows: check.total, plannedMinutes: session.plannedMinutes, ...attendanceCounts(entries, session.plannedMinutes) },
    });
    return ok<AttendanceImportOutcome>({ kind: "imported", count: entries.length });
  });
}
