import { describe, expect, it } from "vitest";
import { makeActor } from "#tests/factories";
import { verifyAuditChain } from "~/modules/audit/verify-audit-chain.server";
import { signContract } from "~/modules/contract/sign-contract.server";
import { addTrainee } from "~/modules/demand/add-trainee.server";
import { removeTrainee } from "~/modules/demand/remove-trainee.server";
import { maskIdNumber } from "~/modules/reference/id-number";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { ok } from "~/utils/result";
import { enrolmentTransaction } from "./cohort-store.server";
import { confirmTrainee } from "./confirm-trainee.server";
import { findContractForDelivery } from "./contract-access.server";
import { declineTrainee } from "./decline-trainee.server";
import { dropTrainee } from "./drop-trainee.server";
import { readContractTrainees } from "./read-delivery.server";
import { replaceTrainee } from "./replace-trainee.server";
import { activeContract, freshIdNumber, scheduleSessions, setShanghaiNow, type DeliveryWorld } from "./test-fixtures.server";

async function statusOf(dw: DeliveryWorld, enrolmentId: string) {
  return (await dw.db.selectFrom("enrolments").selectAll().where("id", "=", enrolmentId).executeTakeFirstOrThrow()).status;
}

async function actions(dw: DeliveryWorld, prefix: string) {
  return (await dw.db.selectFrom("audit_log").select("action").where("action", "like", `${prefix}%`).orderBy("seq").execute()).map((a) => a.action);
}

const someone = (dw: DeliveryWorld, demand = 0, i = 0) => dw.demands[demand]!.trainees[i]!.enrolmentId!;

describe("offering the roster to the cohort", () => {
  it("offers every roster trainee of the covered demands when the contract becomes active, and tells the institution", async () => {
    const dw = await activeContract();
    const rows = await dw.db.selectFrom("enrolments").select(["status", "demand_id"]).where("contract_id", "=", dw.contractId).execute();
    expect(rows).toHaveLength(25);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(["offered"]));
    const offer = await dw.db.selectFrom("audit_log").select(["action", "record_id", "after_json"]).where("action", "=", "enrolment.offer").execute();
    expect(offer).toHaveLength(1);
    expect(JSON.parse(offer[0]!.after_json!)).toMatchObject({ cause: "activation", count: 25 });
    const notes = await dw.db.selectFrom("notifications").select(["organisation_id", "kind", "params_json"]).where("kind", "in", ["traineesOffered", "rosterIncomplete"]).execute();
    expect(notes).toEqual([{ organisation_id: dw.institution.orgId, kind: "traineesOffered", params_json: JSON.stringify({ contract: dw.reference }) }]);
    expect((await verifyAuditChain(dw.db)).ok).toBe(true);
  });

  it("asks the enterprise to complete a short roster, and offers the trainees it adds afterwards", async () => {
    const dw = await activeContract({ roster: [6, 15] });
    const short = dw.demands[0]!;
    const asked = await dw.db.selectFrom("notifications").select(["organisation_id", "params_json", "link"]).where("kind", "=", "rosterIncomplete").execute();
    expect(asked).toEqual([{ organisation_id: dw.enterprise.orgId, params_json: JSON.stringify({ contract: dw.reference, missing: 4 }), link: `/demands/${short.id}/roster` }]);
    expect(await dw.db.selectFrom("enrolments").select("id").where("demand_id", "=", short.id).execute()).toHaveLength(6);

    // The demand is contracted: its roster can still be completed.
    const added = await addTrainee(dw.db, dw.enterprise, { demandId: short.id, trainee: { name: "补充学员", idNumber: freshIdNumber(), phone: "13900139000", currentLevel: null } });
    expect(added).toEqual({ ok: true, value: { count: 7 } });
    const fresh = await dw.db
      .selectFrom("enrolments as e")
      .innerJoin("trainees as t", "t.id", "e.trainee_id")
      .select(["e.status", "e.contract_id", "t.name"])
      .where("t.name", "=", "补充学员")
      .execute();
    expect(fresh).toEqual([{ status: "offered", contract_id: dw.contractId, name: "补充学员" }]);
    const offers = await dw.db.selectFrom("audit_log").select(["actor_user_id", "after_json"]).where("action", "=", "enrolment.offer").orderBy("seq").execute();
    expect(offers.map((o) => [o.actor_user_id, JSON.parse(o.after_json!).cause, JSON.parse(o.after_json!).count])).toEqual([
      [dw.institution.userId, "activation", 21],
      [dw.enterprise.userId, "roster", 1],
    ]);
    expect(await dw.db.selectFrom("notifications").select("id").where("kind", "=", "traineesOffered").execute()).toHaveLength(2);
    // The new trainee can be confirmed like any other.
    const e = await dw.db.selectFrom("enrolments as e").innerJoin("trainees as t", "t.id", "e.trainee_id").select("e.id").where("t.name", "=", "补充学员").executeTakeFirstOrThrow();
    expect((await confirmTrainee(dw.db, dw.institution, { contractId: dw.contractId, enrolmentId: e.id })).ok).toBe(true);
    expect((await verifyAuditChain(dw.db)).ok).toBe(true);
  });

  it("offers a trainee added while the contract is being activated exactly once", async () => {
    const dw = await activeContract({ roster: [6, 15], bureauSignatureOnly: true });
    const short = dw.demands[0]!;
    const [signed, added] = await Promise.all([
      signContract(dw.db, dw.institution, { contractId: dw.contractId }),
      addTrainee(dw.db, dw.enterprise, { demandId: short.id, trainee: { name: "同时补充", idNumber: freshIdNumber(), phone: "13900139001", currentLevel: null } }),
    ]);
    expect(signed).toMatchObject({ ok: true, value: { status: "active" } });
    expect(added.ok).toBe(true);
    const offers = await dw.db.selectFrom("enrolments as e").innerJoin("trainees as t", "t.id", "e.trainee_id").select("e.status").where("e.demand_id", "=", short.id).execute();
    expect(offers).toHaveLength(7);
    expect((await verifyAuditChain(dw.db)).ok).toBe(true);
  });

  it("keeps a confirmed trainee on the roster; taking off an offered one withdraws the offer", async () => {
    const dw = await activeContract();
    const d = dw.demands[0]!;
    const [a, b] = d.trainees;
    expect((await confirmTrainee(dw.db, dw.institution, { contractId: dw.contractId, enrolmentId: a!.enrolmentId! })).ok).toBe(true);
    expect(await removeTrainee(dw.db, dw.enterprise, { demandId: d.id, traineeId: a!.traineeId })).toEqual({ ok: false, kind: "conflict", message: "delivery.enrolment.errors.confirmedOnRoster" });
    expect(await dw.db.selectFrom("demand_trainees").select("trainee_id").where("trainee_id", "=", a!.traineeId).execute()).toHaveLength(1);

    expect(await removeTrainee(dw.db, dw.enterprise, { demandId: d.id, traineeId: b!.traineeId })).toEqual({ ok: true, value: { removed: true } });
    const withdrawn = await dw.db.selectFrom("enrolments").select(["status", "status_reason"]).where("id", "=", b!.enrolmentId!).executeTakeFirstOrThrow();
    expect(withdrawn).toEqual({ status: "declined", status_reason: "removedFromRoster" });
    // Once off the roster the trainee cannot be confirmed either.
    expect(await confirmTrainee(dw.db, dw.institution, { contractId: dw.contractId, enrolmentId: b!.enrolmentId! })).toMatchObject({ ok: false, kind: "conflict" });
    expect(await actions(dw, "roster.")).toEqual(["roster.remove"]);
    expect((await verifyAuditChain(dw.db)).ok).toBe(true);
  });

  it("offers nothing while reading: the trainees page writes only its audit entry", async () => {
    const dw = await activeContract();
    await dw.db.deleteFrom("enrolments").execute();
    const before = await dw.db.selectFrom("audit_log").select("seq").execute();
    const r = await readContractTrainees(dw.db, dw.institution, dw.contractId);
    expect(r.ok && r.value.demands.flatMap((d) => d.enrolments)).toEqual([]);
    expect(await dw.db.selectFrom("enrolments").select("id").execute()).toEqual([]);
    expect((await dw.db.selectFrom("audit_log").select("seq").execute()).length).toBe(before.length);
  });
});

describe("confirming a trainee", () => {
  it("confirms an offered trainee once, audited with the identity number masked", async () => {
    const dw = await activeContract();
    const t = dw.demands[0]!.trainees[0]!;
    expect(await confirmTrainee(dw.db, dw.institution, { contractId: dw.contractId, enrolmentId: t.enrolmentId! })).toEqual({ ok: true, value: { enrolmentId: t.enrolmentId } });
    const row = await dw.db.selectFrom("enrolments").selectAll().where("id", "=", t.enrolmentId!).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "confirmed", confirmed_by: dw.institution.userId });
    expect(await confirmTrainee(dw.db, dw.institution, { contractId: dw.contractId, enrolmentId: t.enrolmentId! })).toEqual({
      ok: false,
      kind: "conflict",
      message: "delivery.enrolment.errors.alreadyConfirmed",
    });
    const audit = await dw.db.selectFrom("audit_log").selectAll().where("action", "=", "enrolment.confirm").execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after_json).toContain(maskIdNumber(t.idNumber));
    expect(audit[0]!.after_json).not.toContain(t.idNumber);
    expect(audit[0]!.after_json).not.toContain(t.name);
  });

  it("is the contract's institution's alone: strangers get not found (audited), the bureau may read but not record", async () => {
    const dw = await activeContract();
    const input = { contractId: dw.contractId, enrolmentId: someone(dw) };
    const stranger = await makeActor(dw.db, { kind: "institution" });
    for (const who of [dw.bidders[0]!, stranger, dw.enterprise, dw.otherEnterprise]) {
      expect(await confirmTrainee(dw.db, who, input)).toEqual({ ok: false, kind: "notFound" });
      expect(await readContractTrainees(dw.db, who, dw.contractId)).toEqual({ ok: false, kind: "notFound" });
    }
    const denied = await dw.db.selectFrom("audit_log").select(["actor_org_id", "record_id"]).where("action", "=", "access.denied").execute();
    expect(denied.length).toBeGreaterThanOrEqual(8);
    expect(denied.every((d) => d.record_id === dw.contractId)).toBe(true);
    expect(await confirmTrainee(dw.db, dw.officer, input)).toEqual({ ok: false, kind: "forbidden" });
    expect(await statusOf(dw, input.enrolmentId)).toBe("offered");
    // An enterprise whose demand the contract covers may follow it (another page), not see this one.
    expect(await findContractForDelivery(dw.db, dw.enterprise, dw.contractId)).toMatchObject({ ok: true, value: { may: { view: false, record: false, follow: true } } });
    expect(await findContractForDelivery(dw.db, dw.officer, dw.contractId)).toMatchObject({ ok: true, value: { may: { view: true, record: false, follow: false } } });
    expect(await findContractForDelivery(dw.db, dw.institution, dw.contractId)).toMatchObject({
      ok: true,
      value: { reference: dw.reference, status: "active", tender: { completionPct: 80 }, lot: { windowStart: "2027-04-01", windowEnd: "2027-06-30" }, may: { view: true, record: true } },
    });
  });

  it("shows the institution full identity numbers and the bureau masked ones, auditing both reads", async () => {
    const dw = await activeContract();
    const t = dw.demands[0]!.trainees[0]!;
    const mine = await readContractTrainees(dw.db, dw.institution, dw.contractId);
    const theirs = await readContractTrainees(dw.db, dw.officer, dw.contractId);
    const shown = (r: typeof mine) => (r.ok ? r.value.demands.flatMap((d) => d.enrolments).find((e) => e.id === t.enrolmentId)!.idNumberShown : null);
    expect(shown(mine)).toBe(t.idNumber);
    expect(shown(theirs)).toBe(maskIdNumber(t.idNumber));
    const reads = await dw.db.selectFrom("audit_log").select(["actor_user_id", "after_json"]).where("action", "=", "trainee.read").orderBy("seq").execute();
    expect(reads.map((r) => [r.actor_user_id, JSON.parse(r.after_json!).masked])).toEqual([
      [dw.institution.userId, false],
      [dw.officer.userId, true],
    ]);
  });

  it("refuses an identity number that fails its check", async () => {
    const dw = await activeContract();
    const t = dw.demands[0]!.trainees[0]!;
    const wrong = t.idNumber.slice(0, 17) + (t.idNumber.endsWith("0") ? "1" : "0");
    await dw.db.updateTable("trainees").set({ id_number: wrong }).where("id", "=", t.traineeId).execute();
    const r = await confirmTrainee(dw.db, dw.institution, { contractId: dw.contractId, enrolmentId: t.enrolmentId! });
    expect(r).toMatchObject({ ok: false, kind: "validation", formErrors: ["delivery.enrolment.errors.idNumberInvalid", expect.stringContaining("demand.idNumber.checkChar")] });
    expect(await statusOf(dw, t.enrolmentId!)).toBe("offered");
  });

  it("refuses a contract that is not active", async () => {
    const dw = await activeContract();
    await dw.db.updateTable("contracts").set({ status: "completed" }).where("id", "=", dw.contractId).execute();
    expect(await confirmTrainee(dw.db, dw.institution, { contractId: dw.contractId, enrolmentId: someone(dw) })).toEqual({ ok: false, kind: "conflict", message: "delivery.errors.notActive" });
  });

  it("keeps one person in one cohort, also when two enterprises name the same identity number", async () => {
    const dw = await activeContract({ secondEnterprise: true, roster: [10, 14] });
    const person = dw.demands[0]!.trainees[0]!;
    // The second enterprise completes its roster with the same person (its own trainee record).
    const added = await addTrainee(dw.db, dw.otherEnterprise, { demandId: dw.demands[1]!.id, trainee: { name: person.name, idNumber: person.idNumber, phone: "13700137000", currentLevel: null } });
    expect(added.ok).toBe(true);
    const twin = await dw.db
      .selectFrom("enrolments as e")
      .innerJoin("trainees as t", "t.id", "e.trainee_id")
      .select(["e.id", "t.enterprise_id"])
      .where("t.id_number", "=", person.idNumber)
      .where("e.demand_id", "=", dw.demands[1]!.id)
      .executeTakeFirstOrThrow();
    expect(twin.enterprise_id).toBe(dw.otherEnterprise.orgId);
    expect((await confirmTrainee(dw.db, dw.institution, { contractId: dw.contractId, enrolmentId: person.enrolmentId! })).ok).toBe(true);
    expect(await confirmTrainee(dw.db, dw.institution, { contractId: dw.contractId, enrolmentId: twin.id })).toEqual({ ok: false, kind: "conflict", message: "delivery.enrolment.errors.confirmedHere" });
    const page = await readContractTrainees(dw.db, dw.institution, dw.contractId);
    expect(page.ok && page.value.demands.flatMap((d) => d.enrolments).find((e) => e.id === twin.id)!.status).toBe("offered");
  });
});

describe("a demand split between two contracts", () => {
  // Capacities 12, 8, 8: rank 1 takes the demand of 10 and 2 of the 15; rank 2 takes 8 of the 15, rank 3 the last 5.
  const split = () => activeContract({ bids: [{ priceFen: 150_000, capacity: 12 }, { priceFen: 160_000, capacity: 8 }, { priceFen: 170_000, capacity: 8 }], activateAll: true });

  it("confirms no more of a demand's trainees than the award's headcount for it", async () => {
    const dw = await split();
    const shared = dw.demands.find((d) => d.headcount === 2)!;
    const [a, b, c] = shared.trainees;
    for (const t of [a, b]) expect((await confirmTrainee(dw.db, dw.institution, { contractId: dw.contractId, enrolmentId: t!.enrolmentId! })).ok).toBe(true);
    expect(await confirmTrainee(dw.db, dw.institution, { contractId: dw.contractId, enrolmentId: c!.enrolmentId! })).toEqual({
      ok: false,
      kind: "conflict",
      message: 'delivery.enrolment.errors.headcountFull|{"headcount":2}',
    });
    // A drop-out frees the place.
    expect((await dropTrainee(dw.db, dw.institution, { contractId: dw.contractId, enrolmentId: a!.enrolmentId!, reason: "因工作调动退出" })).ok).toBe(true);
    expect((await confirmTrainee(dw.db, dw.institution, { contractId: dw.contractId, enrolmentId: c!.enrolmentId! })).ok).toBe(true);
  });

  it("lets only one of two institutions confirm the same person, even at the same moment", async () => {
    const dw = await split();
    expect(dw.contracts.map((c) => c.status)).toEqual(["active", "active", "active"]);
    const shared = dw.demands.find((d) => d.headcount === 2)!;
    const person = shared.trainees[0]!;
    const other = dw.contracts.find((c) => c.id !== dw.contractId && c.institution.orgId !== dw.institution.orgId)!;
    const theirs = await dw.db.selectFrom("enrolments").select("id").where("contract_id", "=", other.id).where("trainee_id", "=", person.traineeId).executeTakeFirstOrThrow();
    const [one, two] = await Promise.all([
      confirmTrainee(dw.db, dw.institution, { contractId: dw.contractId, enrolmentId: person.enrolmentId! }),
      confirmTrainee(dw.db, other.institution, { contractId: other.id, enrolmentId: theirs.id }),
    ]);
    expect([one.ok, two.ok].filter(Boolean)).toHaveLength(1);
    expect([one, two].find((r) => !r.ok)).toEqual({ ok: false, kind: "conflict", message: "delivery.enrolment.errors.confirmedElsewhere" });
    const confirmed = await dw.db.selectFrom("enrolments").select("id").where("trainee_id", "=", person.traineeId).where("status", "=", "confirmed").execute();
    expect(confirmed).toHaveLength(1);
    // The other cohort's page says so beside the offer.
    const page = await readContractTrainees(dw.db, one.ok ? other.institution : dw.institution, one.ok ? other.id : dw.contractId);
    const row = page.ok ? page.value.demands.flatMap((d) => d.enrolments).find((e) => e.traineeId === person.traineeId) : undefined;
    expect(row).toMatchObject({ status: "offered", confirmedElsewhere: true });
    expect((await verifyAuditChain(dw.db)).ok).toBe(true);
  });

  it("answers the database's own refusal of a second confirmed enrolment as a conflict, writing nothing", async () => {
    const dw = await split();
    const shared = dw.demands.find((d) => d.headcount === 2)!;
    const person = shared.trainees[1]!;
    const other = dw.contracts.find((c) => c.id !== dw.contractId)!;
    const theirs = await dw.db.selectFrom("enrolments").select("id").where("contract_id", "=", other.id).where("trainee_id", "=", person.traineeId).executeTakeFirstOrThrow();
    // A confirmation that slipped past every check (as a lost race would): the partial unique index is the last line of defence.
    await dw.db.updateTable("enrolments").set({ status: "confirmed" }).where("id", "=", theirs.id).execute();
    const seq = (await dw.db.selectFrom("audit_head").select("seq").executeTakeFirstOrThrow()).seq;
    const r = await enrolmentTransaction(dw.db, async (trx) => {
      await appendAudit(trx, { actorUserId: dw.institution.userId, actorOrgId: dw.institution.orgId, action: "enrolment.confirm", recordType: "enrolment", recordId: person.enrolmentId! });
      await trx.updateTable("enrolments").set({ status: "confirmed" }).where("id", "=", person.enrolmentId!).execute();
      return ok(true);
    });
    expect(r).toEqual({ ok: false, kind: "conflict", message: "delivery.enrolment.errors.confirmedElsewhere" });
    expect(await statusOf(dw, person.enrolmentId!)).toBe("offered");
    expect((await dw.db.selectFrom("audit_head").select("seq").executeTakeFirstOrThrow()).seq).toBe(seq);
  });
});

describe("declining, replacing and dropping", () => {
  it("declines an offered trainee with a reason, not a confirmed one", async () => {
    const dw = await activeContract();
    const [a, b] = dw.demands[0]!.trainees;
    expect(await declineTrainee(dw.db, dw.institution, { contractId: dw.contractId, enrolmentId: a!.enrolmentId!, reason: "不符合入班条件" })).toEqual({ ok: true, value: { enrolmentId: a!.enrolmentId } });
    expect(await dw.db.selectFrom("enrolments").select(["status", "status_reason"]).where("id", "=", a!.enrolmentId!).executeTakeFirstOrThrow()).toEqual({
      status: "declined",
      status_reason: "不符合入班条件",
    });
    await confirmTrainee(dw.db, dw.institution, { contractId: dw.contractId, enrolmentId: b!.enrolmentId! });
    expect(await declineTrainee(dw.db, dw.institution, { contractId: dw.contractId, enrolmentId: b!.enrolmentId!, reason: "不符合入班条件" })).toEqual({
      ok: false,
      kind: "conflict",
      message: "delivery.enrolment.errors.notOffered",
    });
    expect(await confirmTrainee(dw.db, dw.institution, { contractId: dw.contractId, enrolmentId: a!.enrolmentId! })).toMatchObject({ ok: false, message: "delivery.enrolment.errors.notOffered" });
  });

  it("replaces a confirmed trainee by an offered one of the same demand before the course starts, in one audited step", async () => {
    const dw = await activeContract({ roster: [10, 15] });
    const [a, b] = dw.demands[0]!.trainees;
    const fromOther = dw.demands[1]!.trainees[0]!;
    await confirmTrainee(dw.db, dw.institution, { contractId: dw.contractId, enrolmentId: a!.enrolmentId! });
    // Only an offered trainee of the same demand may take the place.
    expect(await replaceTrainee(dw.db, dw.institution, { contractId: dw.contractId, enrolmentId: a!.enrolmentId!, replacementId: fromOther.enrolmentId!, reason: "本人因病无法参训" })).toEqual({
      ok: false,
      kind: "validation",
      fieldErrors: { replacementId: ["delivery.enrolment.errors.replacementNotOffered"] },
    });
    await scheduleSessions(dw);
    const r = await replaceTrainee(dw.db, dw.institution, { contractId: dw.contractId, enrolmentId: a!.enrolmentId!, replacementId: b!.enrolmentId!, reason: "本人因病无法参训" });
    expect(r).toEqual({ ok: true, value: { enrolmentId: a!.enrolmentId, replacementId: b!.enrolmentId } });
    const rows = await dw.db.selectFrom("enrolments").select(["id", "status", "status_reason", "replaces_enrolment_id"]).where("id", "in", [a!.enrolmentId!, b!.enrolmentId!]).orderBy("status").execute();
    expect(rows).toEqual([
      { id: b!.enrolmentId, status: "confirmed", status_reason: null, replaces_enrolment_id: a!.enrolmentId },
      { id: a!.enrolmentId, status: "replaced", status_reason: "本人因病无法参训", replaces_enrolment_id: null },
    ]);
    const audit = await dw.db.selectFrom("audit_log").select(["record_id", "after_json"]).where("action", "=", "enrolment.replace").execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.after_json!)).toMatchObject({ status: "replaced", reason: "本人因病无法参训", replacement: { id: b!.enrolmentId, status: "confirmed" } });
    expect((await verifyAuditChain(dw.db)).ok).toBe(true);
  });

  it("refuses a replacement once the course has started; the trainee drops out instead, once", async () => {
    const dw = await activeContract();
    const [a, b] = dw.demands[0]!.trainees;
    await confirmTrainee(dw.db, dw.institution, { contractId: dw.contractId, enrolmentId: a!.enrolmentId! });
    await scheduleSessions(dw);
    setShanghaiNow("2027-04-06T09:00");
    expect(await replaceTrainee(dw.db, dw.institution, { contractId: dw.contractId, enrolmentId: a!.enrolmentId!, replacementId: b!.enrolmentId!, reason: "本人因病无法参训" })).toEqual({
      ok: false,
      kind: "conflict",
      message: "delivery.enrolment.errors.courseStarted",
    });
    expect(await statusOf(dw, a!.enrolmentId!)).toBe("confirmed");
    expect(await statusOf(dw, b!.enrolmentId!)).toBe("offered");
    expect(await dropTrainee(dw.db, dw.institution, { contractId: dw.contractId, enrolmentId: a!.enrolmentId!, reason: "本人因病无法参训" })).toEqual({ ok: true, value: { enrolmentId: a!.enrolmentId } });
    expect(await dropTrainee(dw.db, dw.institution, { contractId: dw.contractId, enrolmentId: a!.enrolmentId!, reason: "本人因病无法参训" })).toEqual({
      ok: false,
      kind: "conflict",
      message: "delivery.enrolment.errors.notConfirmed",
    });
    expect(await dropTrainee(dw.db, dw.officer, { contractId: dw.contractId, enrolmentId: b!.enrolmentId!, reason: "本人因病无法参训" })).toEqual({ ok: false, kind: "forbidden" });
    expect(await actions(dw, "enrolment.")).toEqual(["enrolment.offer", "enrolment.confirm", "enrolment.drop"]);
  });

  it("does not let a trainee whose result is recorded drop out", async () => {
    const dw = await activeContract();
    const a = dw.demands[0]!.trainees[0]!;
    await confirmTrainee(dw.db, dw.institution, { contractId: dw.contractId, enrolmentId: a.enrolmentId! });
    await dw.db.updateTable("enrolments").set({ progress: "completed" }).where("id", "=", a.enrolmentId!).execute();
    expect(await dropTrainee(dw.db, dw.institution, { contractId: dw.contractId, enrolmentId: a.enrolmentId!, reason: "中途离开" })).toEqual({
      ok: false,
      kind: "conflict",
      message: "delivery.enrolment.errors.resultRecorded",
    });
  });
});
