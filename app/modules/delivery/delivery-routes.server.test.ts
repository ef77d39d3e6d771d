/**
 * The delivery pages as HTTP adapters, driven as a browser without JavaScript drives them: plain
 * form posts (and one multipart upload), redirects on success, the form's errors on failure, and
 * not found for strangers.
 */
import type { AppLoadContext } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { makeActor } from "#tests/factories";
import type { Actor } from "~/modules/access/actor";
import * as attendancePage from "~/routes/contracts.$id_.attendance";
import * as importPage from "~/routes/contracts.$id_.attendance_.import";
import * as csvTemplate from "~/routes/contracts.$id_.attendance_.template[.]csv";
import * as traineesPage from "~/routes/contracts.$id_.trainees";
import { TEST_DB_KIND } from "#tests/db";
import { activeContract, confirmedCohort, scheduleSessions, setShanghaiNow, type DeliveryWorld } from "./test-fixtures.server";

function context(dw: DeliveryWorld, actor: Actor): AppLoadContext {
  return { db: dw.db, dbKind: TEST_DB_KIND, nonce: "n", clientAddress: "127.0.0.1", log: { requestId: "test" }, actorMemo: Promise.resolve({ actor, sessionId: "s" }) } as AppLoadContext;
}

const url = (dw: DeliveryWorld, path: string) => `http://localhost/contracts/${dw.contractId}${path}`;

function post(target: string, fields: Record<string, string>): Request {
  const body = new URLSearchParams(fields);
  return new Request(target, { method: "POST", body, headers: { "Content-Type": "application/x-www-form-urlencoded" } });
}

/** What a loader or action threw or returned, as status and body. */
async function outcome(run: () => Promise<unknown>): Promise<{ status: number; location?: string | null; body?: unknown }> {
  try {
    const r = await run();
    if (r instanceof Response) return { status: r.status, location: r.headers.get("Location") };
    if (r && typeof r === "object" && "init" in r && "data" in r) {
      const d = r as { data: unknown; init: { status?: number } | null };
      return { status: d.init?.status ?? 200, body: d.data };
    }
    return { status: 200, body: r };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status };
    const d = thrown as { data: unknown; init: { status?: number } | null };
    return { status: d.init?.status ?? 500, body: d.data };
  }
}

describe("the trainees page", () => {
  it("confirms and declines with plain form posts, answers a missing reason next to its field, and hides from strangers", async () => {
    const dw = await activeContract();
    const [a, b] = dw.demands[0]!.trainees;
    const params = { id: dw.contractId };
    const confirm = await outcome(() =>
      traineesPage.action({ request: post(url(dw, "/trainees"), { intent: "confirm", enrolmentId: a!.enrolmentId! }), params, context: context(dw, dw.institution) }),
    );
    expect(confirm).toEqual({ status: 302, location: `/contracts/${dw.contractId}/trainees?notice=delivery.notices.confirmed` });
    const noReason = await outcome(() =>
      traineesPage.action({ request: post(url(dw, "/trainees"), { intent: "decline", enrolmentId: b!.enrolmentId!, reason: "" }), params, context: context(dw, dw.institution) }),
    );
    expect(noReason).toMatchObject({ status: 400, body: { enrolmentId: b!.enrolmentId, reply: { error: { reason: ["delivery.enrolment.errors.reasonRequired"] } } } });
    const twice = await outcome(() =>
      traineesPage.action({ request: post(url(dw, "/trainees"), { intent: "confirm", enrolmentId: a!.enrolmentId! }), params, context: context(dw, dw.institution) }),
    );
    expect(twice).toMatchObject({ status: 409, body: { reply: { error: { "": ["delivery.enrolment.errors.alreadyConfirmed"] } } } });
    const byBureau = await outcome(() =>
      traineesPage.action({ request: post(url(dw, "/trainees"), { intent: "confirm", enrolmentId: b!.enrolmentId! }), params, context: context(dw, dw.officer) }),
    );
    expect(byBureau.status).toBe(403);

    const page = await outcome(() => traineesPage.loader({ request: new Request(url(dw, "/trainees")), params, context: context(dw, dw.officer) }));
    expect(page).toMatchObject({ status: 200, body: { fullIdNumbers: false, contract: { may: { record: false } } } });
    const stranger = await makeActor(dw.db, { kind: "institution" });
    expect((await outcome(() => traineesPage.loader({ request: new Request(url(dw, "/trainees")), params, context: context(dw, stranger) }))).status).toBe(404);
    expect((await outcome(() => traineesPage.loader({ request: new Request(url(dw, "/trainees")), params: { id: "nothing" }, context: context(dw, dw.institution) }))).status).toBe(404);
  });
});

describe("the sessions and attendance page", () => {
  it("adds a session from the form, shows a bad one's errors on its fields, and saves the grid's hours", async () => {
    const dw = await confirmedCohort({ roster: [10, 15] });
    const params = { id: dw.contractId };
    const ctx = context(dw, dw.institution);
    const add = (fields: Record<string, string>) => outcome(() => attendancePage.action({ request: post(url(dw, "/attendance"), { intent: "addSession", ...fields }), params, context: ctx }));
    expect(await add({ startsAt: "2027-04-06T09:00", plannedHours: "8", topic: "安全规程" })).toEqual({
      status: 302,
      location: `/contracts/${dw.contractId}/attendance?notice=delivery.notices.sessionAdded`,
    });
    expect(await add({ startsAt: "2027-08-01T09:00", plannedHours: "8", topic: "实操" })).toMatchObject({
      status: 400,
      body: { reply: { error: { startsAt: ['delivery.sessions.errors.outsideWindow|{"start":"2027-04-01","end":"2027-06-30"}'] } } },
    });
    expect(await add({ startsAt: "2027-04-07T09:00", plannedHours: "0.3", topic: "" })).toMatchObject({
      status: 400,
      body: { reply: { error: { plannedHours: ["delivery.sessions.errors.hoursInvalid"], topic: ["delivery.sessions.errors.topicRequired"] } } },
    });
    const session = await dw.db.selectFrom("course_sessions").select("id").where("contract_id", "=", dw.contractId).executeTakeFirstOrThrow();
    setShanghaiNow("2027-04-06T17:00");
    const [a, b] = dw.confirmedIds;
    const bad = await outcome(() =>
      attendancePage.action({ request: post(url(dw, "/attendance"), { intent: "record", sessionId: session.id, [`hours.${a}`]: "8", [`hours.${b}`]: "9" }), params, context: ctx }),
    );
    expect(bad).toMatchObject({ status: 400, body: { reply: { error: { [`hours.${b}`]: ['delivery.attendance.errors.overPlanned|{"planned":"8"}'] } } } });
    const blank = await outcome(() =>
      attendancePage.action({ request: post(url(dw, "/attendance"), { intent: "record", sessionId: session.id, [`hours.${a}`]: "8", [`hours.${b}`]: "" }), params, context: ctx }),
    );
    expect(blank).toMatchObject({ status: 400, body: { reply: { error: { [`hours.${b}`]: ["delivery.attendance.errors.hoursRequired"] } } } });
    const allBlank = await outcome(() => attendancePage.action({ request: post(url(dw, "/attendance"), { intent: "record", sessionId: session.id, [`hours.${a}`]: "" }), params, context: ctx }));
    expect(allBlank).toMatchObject({ status: 400, body: { reply: { error: { [`hours.${a}`]: ["delivery.attendance.errors.hoursRequired"] } } } });
    expect(Object.keys((allBlank.body as { reply: { error: object } }).reply.error)).toEqual([`hours.${a}`]);
    const saved = await outcome(() =>
      attendancePage.action({ request: post(url(dw, "/attendance"), { intent: "record", sessionId: session.id, [`hours.${a}`]: "8", [`hours.${b}`]: "7.5" }), params, context: ctx }),
    );
    expect(saved).toEqual({ status: 302, location: `/contracts/${dw.contractId}/attendance?session=${session.id}&notice=delivery.notices.attendanceRecorded` });
    const rows = await dw.db.selectFrom("attendance").select(["enrolment_id", "attended_minutes"]).orderBy("attended_minutes").execute();
    expect(rows.map((r) => [r.enrolment_id, Number(r.attended_minutes)])).toEqual([
      [b, 450],
      [a, 480],
    ]);
    const view = await outcome(() => attendancePage.loader({ request: new Request(url(dw, `/attendance?session=${session.id}`)), params, context: ctx }));
    expect(view).toMatchObject({ status: 200, body: { selected: { session: { id: session.id }, rows: expect.arrayContaining([{ enrolmentId: a, name: expect.any(String), idNumberMasked: expect.any(String), minutes: 480 }]) } } });
    expect((await outcome(() => attendancePage.loader({ request: new Request(url(dw, "/attendance?session=unknown")), params, context: ctx }))).status).toBe(404);
  });
});

describe("the sign-in sheet import page", () => {
  it("imports an uploaded sheet, shows a bad sheet's rows, and gives the institution alone the template", async () => {
    const dw = await confirmedCohort({ roster: [10, 15] });
    const [sessionId] = await scheduleSessions(dw);
    setShanghaiNow("2027-04-06T18:00");
    const params = { id: dw.contractId };
    const ctx = context(dw, dw.institution);
    const person = dw.demands[0]!.trainees[0]!;
    const upload = (csv: string) => {
      const form = new FormData();
      form.append("sessionId", sessionId!);
      form.append("file", new File([csv], "sheet.csv", { type: "text/csv" }));
      return importPage.action({ request: new Request(url(dw, "/attendance/import"), { method: "POST", body: form }), params, context: ctx });
    };
    const bad = await outcome(() => upload(`身份证号,姓名,出勤学时\n${person.idNumber},${person.name},12\n`));
    expect(bad).toMatchObject({ status: 400, body: { sessionId, report: { total: 1, badCount: 1, bad: [{ line: 2, reasons: [{ column: "hours" }] }] } } });
    expect(await dw.db.selectFrom("attendance").select("enrolment_id").execute()).toEqual([]);
    const good = await outcome(() => upload(`身份证号,姓名,出勤学时\n${person.idNumber},${person.name},6\n`));
    expect(good).toEqual({ status: 302, location: `/contracts/${dw.contractId}/attendance?session=${sessionId}&notice=delivery.notices.attendanceImported` });

    const page = await outcome(() => importPage.loader({ request: new Request(url(dw, "/attendance/import")), params, context: ctx }));
    expect(page).toMatchObject({ status: 200, body: { sessions: [{ id: sessionId, started: true }] } });

    const template = await csvTemplate.loader({ request: new Request(url(dw, `/attendance/template.csv?session=${sessionId}`)), params, context: ctx });
    expect(template.status).toBe(200);
    expect(template.headers.get("Content-Type")).toContain("text/csv");
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await template.arrayBuffer());
    expect(text.startsWith("\uFEFF身份证号,姓名,出勤学时\r\n")).toBe(true);
    expect(text).toContain(`${person.idNumber},${person.name},`);
    const bureau = await csvTemplate.loader({ request: new Request(url(dw, `/attendance/template.csv?session=${sessionId}`)), params, context: context(dw, dw.officer) });
    expect(bureau.status).toBe(403);
    const stranger = await csvTemplate.loader({ request: new Request(url(dw, `/attendance/template.csv?session=${sessionId}`)), params, context: context(dw, dw.bidders[0]!) });
    expect(stranger.status).toBe(404);
  });
});
