import { describe, expect, it } from "vitest";
import { makeActor } from "#tests/factories";
import { verifyAuditChain } from "~/modules/audit/verify-audit-chain.server";
import { parseShanghaiLocal } from "~/modules/tender/deadline";
import { findCourseStart, listSessions } from "./cohort-queries.server";
import { addSession, removeSession } from "./sessions.server";
import { activeContract, attend, confirmAll, scheduleSessions, setShanghaiNow } from "./test-fixtures.server";

const at = (local: string) => parseShanghaiLocal(local)!;

describe("scheduling course sessions", () => {
  it("adds a session inside the lot's window, audited, and removes one without attendance", async () => {
    const dw = await activeContract();
    const r = await addSession(dw.db, dw.institution, { contractId: dw.contractId, startsAt: at("2027-04-01T09:00"), plannedMinutes: 210, topic: "开班与安全教育" });
    expect(r.ok).toBe(true);
    const id = r.ok ? r.value.sessionId : "";
    expect(await listSessions(dw.db, dw.contractId)).toEqual([{ id, startsAt: "2027-04-01T01:00:00.000Z", plannedMinutes: 210, topic: "开班与安全教育", recordedCount: 0 }]);
    expect(await findCourseStart(dw.db, dw.contractId)).toBe("2027-04-01T01:00:00.000Z");
    expect(await removeSession(dw.db, dw.institution, { contractId: dw.contractId, sessionId: id })).toEqual({ ok: true, value: { removed: true } });
    expect(await listSessions(dw.db, dw.contractId)).toEqual([]);
    const log = await dw.db.selectFrom("audit_log").select(["action", "record_type", "record_id"]).where("action", "like", "lesson.%").orderBy("seq").execute();
    expect(log).toEqual([
      { action: "lesson.create", record_type: "course_session", record_id: id },
      { action: "lesson.remove", record_type: "course_session", record_id: id },
    ]);
    expect((await verifyAuditChain(dw.db)).ok).toBe(true);
  });

  it("refuses a session outside the delivery window or overlapping another, with the reason on the start field", async () => {
    const dw = await activeContract();
    const add = (local: string, minutes = 240) => addSession(dw.db, dw.institution, { contractId: dw.contractId, startsAt: at(local), plannedMinutes: minutes, topic: "实操" });
    const outside = { ok: false, kind: "validation", fieldErrors: { startsAt: ['delivery.sessions.errors.outsideWindow|{"start":"2027-04-01","end":"2027-06-30"}'] } };
    expect(await add("2027-03-31T09:00")).toMatchObject(outside);
    expect(await add("2027-07-01T00:00")).toMatchObject(outside);
    // Running past midnight at the window's end is outside it too.
    expect(await add("2027-06-30T22:00", 180)).toMatchObject(outside);
    expect((await add("2027-06-30T20:00", 240)).ok).toBe(true);
    expect((await add("2027-05-10T09:00")).ok).toBe(true);
    expect(await add("2027-05-10T12:45", 60)).toEqual({ ok: false, kind: "validation", fieldErrors: { startsAt: ['delivery.sessions.errors.overlaps|{"start":"2027-05-10 09:00"}'] } });
    // Back to back is fine.
    expect((await add("2027-05-10T13:00", 60)).ok).toBe(true);
    expect(await listSessions(dw.db, dw.contractId)).toHaveLength(3);
  });

  it("is the contract's institution's alone, while the contract is active", async () => {
    const dw = await activeContract();
    const input = { contractId: dw.contractId, startsAt: at("2027-04-06T09:00"), plannedMinutes: 480, topic: "理论" };
    expect(await addSession(dw.db, dw.officer, input)).toEqual({ ok: false, kind: "forbidden" });
    for (const who of [dw.bidders[0]!, await makeActor(dw.db, { kind: "institution" }), dw.enterprise]) {
      expect(await addSession(dw.db, who, input)).toEqual({ ok: false, kind: "notFound" });
    }
    await dw.db.updateTable("contracts").set({ status: "terminated" }).where("id", "=", dw.contractId).execute();
    expect(await addSession(dw.db, dw.institution, input)).toEqual({ ok: false, kind: "conflict", message: "delivery.errors.notActive" });
    expect(await listSessions(dw.db, dw.contractId)).toEqual([]);
  });

  it("keeps a session once attendance is recorded on it", async () => {
    const dw = await activeContract();
    await confirmAll(dw);
    const [first, second] = await scheduleSessions(dw);
    setShanghaiNow("2027-04-06T17:00");
    await attend(dw, first!);
    expect(await removeSession(dw.db, dw.institution, { contractId: dw.contractId, sessionId: first! })).toEqual({ ok: false, kind: "conflict", message: "delivery.sessions.errors.hasAttendance" });
    expect(await removeSession(dw.db, dw.officer, { contractId: dw.contractId, sessionId: second! })).toEqual({ ok: false, kind: "forbidden" });
    expect(await removeSession(dw.db, dw.institution, { contractId: dw.contractId, sessionId: "nope" })).toEqual({ ok: false, kind: "notFound" });
    expect((await removeSession(dw.db, dw.institution, { contractId: dw.contractId, sessionId: second! })).ok).toBe(true);
    expect((await listSessions(dw.db, dw.contractId)).map((s) => [s.id, s.recordedCount])).toEqual([
      [first, 25],
      [expect.any(String), 0],
      [expect.any(String), 0],
    ]);
  });
});
