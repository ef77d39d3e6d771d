import { describe, expect, it } from "vitest";
import { makeActor } from "#tests/factories";
import { verifyAuditChain } from "~/modules/audit/verify-audit-chain.server";
import { listCohort } from "./cohort-queries.server";
import { dropTrainee } from "./drop-trainee.server";
import { readAttendance } from "./read-delivery.server";
import { recordAttendance, recordAttendanceGrid, recordFullAttendance } from "./record-attendance.server";
import { attend, confirmedCohort, scheduleSessions, setShanghaiNow } from "./test-fixtures.server";

async function attendanceRows(db: Awaited<ReturnType<typeof confirmedCohort>>["db"], sessionId: string) {
  return db.selectFrom("attendance").select(["enrolment_id", "attended_minutes"]).where("session_id", "=", sessionId).orderBy("enrolment_id").execute();
}

describe("recording a session's attendance", () => {
  it("only once the session has started", async () => {
    const dw = await confirmedCohort();
    const [first] = await scheduleSessions(dw);
    const input = { contractId: dw.contractId, sessionId: first!, hours: { [dw.confirmedIds[0]!]: "8" } };
    setShanghaiNow("2027-04-06T08:59");
    expect(await recordAttendanceGrid(dw.db, dw.institution, input)).toEqual({ ok: false, kind: "conflict", message: "delivery.attendance.errors.notStarted" });
    setShanghaiNow("2027-04-06T09:00");
    expect(await recordAttendanceGrid(dw.db, dw.institution, input)).toEqual({ ok: true, value: { count: 1 } });
  });

  it("saves the grid in one transaction, and saving again replaces what was recorded", async () => {
    const dw = await confirmedCohort();
    const [first] = await scheduleSessions(dw);
    setShanghaiNow("2027-04-06T18:00");
    const [a, b, c] = dw.confirmedIds;
    expect(await recordAttendanceGrid(dw.db, dw.institution, { contractId: dw.contractId, sessionId: first!, hours: { [a!]: "8", [b!]: "3.5", [c!]: "0" } })).toEqual({ ok: true, value: { count: 3 } });
    expect(await recordAttendanceGrid(dw.db, dw.institution, { contractId: dw.contractId, sessionId: first!, hours: { [b!]: "4.25" } })).toEqual({ ok: true, value: { count: 1 } });
    expect(await attendanceRows(dw.db, first!)).toEqual(
      [
        { enrolment_id: a, attended_minutes: 480 },
        { enrolment_id: b, attended_minutes: 255 },
        { enrolment_id: c, attended_minutes: 0 },
      ].sort((x, y) => x.enrolment_id!.localeCompare(y.enrolment_id!)),
    );
    const audit = await dw.db.selectFrom("audit_log").select(["record_type", "record_id", "before_json", "after_json"]).where("action", "=", "attendance.record").orderBy("seq").execute();
    expect(audit.map((x) => [x.record_type, x.record_id, JSON.parse(x.before_json!), JSON.parse(x.after_json!)])).toEqual([
      ["course_session", first, { recorded: 0 }, { contractId: dw.contractId, plannedMinutes: 480, count: 3, full: 1, partial: 1, absent: 1, minutes: 690 }],
      ["course_session", first, { recorded: 3 }, { contractId: dw.contractId, plannedMinutes: 480, count: 1, full: 0, partial: 1, absent: 0, minutes: 255 }],
    ]);
    // Counts, never who.
    const names = dw.demands.flatMap((d) => d.trainees.flatMap((t) => [t.name, t.idNumber]));
    for (const x of audit) for (const n of names) expect(x.after_json).not.toContain(n);
    expect((await verifyAuditChain(dw.db)).ok).toBe(true);
  });

  it("refuses hours over the session's planned hours, or not in quarter hours, and writes nothing", async () => {
    const dw = await confirmedCohort();
    const [first] = await scheduleSessions(dw);
    setShanghaiNow("2027-04-06T18:00");
    const [a, b, c, d] = dw.confirmedIds;
    const r = await recordAttendanceGrid(dw.db, dw.institution, { contractId: dw.contractId, sessionId: first!, hours: { [a!]: "8", [b!]: "8.25", [c!]: "2.1", [d!]: "" } });
    expect(r).toEqual({
      ok: false,
      kind: "validation",
      fieldErrors: {
        [`hours.${b}`]: ['delivery.attendance.errors.overPlanned|{"planned":"8"}'],
        [`hours.${c}`]: ["delivery.attendance.errors.quarterHours"],
        [`hours.${d}`]: ["delivery.attendance.errors.hoursRequired"],
      },
    });
    expect(await recordAttendance(dw.db, dw.institution, { contractId: dw.contractId, sessionId: first!, entries: [{ enrolmentId: a!, minutes: 481 }] })).toMatchObject({ ok: false, kind: "validation" });
    expect(await attendanceRows(dw.db, first!)).toEqual([]);
  });

  it("records everyone in full with one button, for the trainees confirmed, not those who left", async () => {
    const dw = await confirmedCohort();
    const [first] = await scheduleSessions(dw);
    setShanghaiNow("2027-04-06T18:00");
    const gone = dw.confirmedIds[0]!;
    expect((await dropTrainee(dw.db, dw.institution, { contractId: dw.contractId, enrolmentId: gone, reason: "开课前离职" })).ok).toBe(true);
    expect(await recordFullAttendance(dw.db, dw.institution, { contractId: dw.contractId, sessionId: first! })).toEqual({ ok: true, value: { count: 24 } });
    const rows = await attendanceRows(dw.db, first!);
    expect(rows).toHaveLength(24);
    expect(rows.every((r) => Number(r.attended_minutes) === 480)).toBe(true);
    // A grid still showing the trainee who left is refused whole.
    expect(await recordAttendanceGrid(dw.db, dw.institution, { contractId: dw.contractId, sessionId: first!, hours: { [gone]: "8", [dw.confirmedIds[1]!]: "0" } })).toEqual({
      ok: false,
      kind: "conflict",
      message: "delivery.attendance.errors.cohortChanged",
    });
    expect(Number((await attendanceRows(dw.db, first!)).find((r) => r.enrolment_id === dw.confirmedIds[1])!.attended_minutes)).toBe(480);
  });

  it("is recorded by the contract's institution only: the bureau reads, strangers get not found", async () => {
    const dw = await confirmedCohort();
    const [first] = await scheduleSessions(dw);
    setShanghaiNow("2027-04-06T18:00");
    const input = { contractId: dw.contractId, sessionId: first! };
    expect(await recordFullAttendance(dw.db, dw.officer, input)).toEqual({ ok: false, kind: "forbidden" });
    for (const who of [dw.bidders[0]!, await makeActor(dw.db, { kind: "institution" }), dw.enterprise]) {
      expect(await recordFullAttendance(dw.db, who, input)).toEqual({ ok: false, kind: "notFound" });
      expect(await readAttendance(dw.db, who, { contractId: dw.contractId, sessionId: null })).toEqual({ ok: false, kind: "notFound" });
    }
    expect(await recordFullAttendance(dw.db, dw.institution, { contractId: dw.contractId, sessionId: "elsewhere" })).toEqual({ ok: false, kind: "notFound" });
    expect(await attendanceRows(dw.db, first!)).toEqual([]);
    const view = await readAttendance(dw.db, dw.officer, { contractId: dw.contractId, sessionId: first! });
    expect(view).toMatchObject({ ok: true, value: { contract: { may: { view: true, record: false } }, selected: { session: { id: first, started: true } } } });
  });
});

describe("the running attendance of the cohort", () => {
  it("sums each trainee's attended minutes against the hours held so far and warns below the completion share", async () => {
    const dw = await confirmedCohort();
    const sessions = await scheduleSessions(dw);
    const [a, b, c] = dw.confirmedIds;
    setShanghaiNow("2027-04-06T18:00");
    await attend(dw, sessions[0]!, { [a!]: 480, [b!]: 360, [c!]: 0 });
    setShanghaiNow("2027-04-13T18:00");
    await attend(dw, sessions[1]!, { [a!]: 480, [b!]: 360, [c!]: 0 });

    const cohort = await listCohort(dw.db, dw.contractId);
    expect(cohort).toMatchObject({ totalPlannedMinutes: 1920, heldMinutes: 960, recordedMinutes: 960, sessionCount: 4, heldSessionCount: 2, unrecordedHeldCount: 0, startsAt: "2027-04-06T01:00:00.000Z" });
    expect(cohort.members).toHaveLength(25);
    const minutesOf = new Map(cohort.members.map((m) => [m.enrolmentId, m.attendedMinutes]));
    expect([minutesOf.get(a!), minutesOf.get(b!), minutesOf.get(c!)]).toEqual([960, 720, 0]);
    expect(cohort.members.find((m) => m.enrolmentId === a)).toMatchObject({ progress: "in_training", assessmentPassed: null, idNumber: expect.stringMatching(/^\d{17}[\dX]$/) });

    const view = await readAttendance(dw.db, dw.institution, { contractId: dw.contractId, sessionId: null });
    if (!view.ok) throw new Error("unreadable");
    const line = (id: string) => view.value.summary.find((s) => s.enrolmentId === id)!;
    // 80 %: 960 of 960 is on track; 720 of 960 (75 %) is below but 720 + 960 remaining ≥ 1536; 0 + 960 < 1536 cannot complete.
    expect([line(a!).standing, line(a!).permille]).toEqual(["onTrack", 1000]);
    expect([line(b!).standing, line(b!).permille]).toEqual(["below", 750]);
    expect([line(c!).standing, line(c!).permille]).toEqual(["cannotComplete", 0]);
    expect(view.value.summary.every((s) => !s.idNumberMasked.match(/^\d{18}$/))).toBe(true);
    // A session held but not yet recorded counts neither way.
    setShanghaiNow("2027-04-20T18:00");
    const later = await readAttendance(dw.db, dw.institution, { contractId: dw.contractId, sessionId: null });
    expect(later).toMatchObject({ ok: true, value: { heldMinutes: 1440, recordedMinutes: 960, unrecordedHeldCount: 1 } });
    expect(later.ok && later.value.summary.find((s) => s.enrolmentId === b)).toMatchObject({ heldMinutes: 960, permille: 750, standing: "below" });
    const read = await dw.db.selectFrom("audit_log").select("after_json").where("action", "=", "trainee.read").orderBy("seq", "desc").executeTakeFirstOrThrow();
    expect(JSON.parse(read.after_json!)).toMatchObject({ count: 25, masked: true });
  });
});
