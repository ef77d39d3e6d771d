/**
 * Test fixtures for delivery (not used by the app): an active contract whose covered demands
 * have trainees on their rosters, offered to its cohort on activation, and helpers to confirm
 * them, schedule sessions and record attendance. Built on the award fixtures' world: the clock
 * starts at Tuesday 1 December 2026 and is left just after the contract became active.
 */
import { makeActor } from "#tests/factories";
import type { Actor } from "~/modules/access/actor";
import { closeObjections } from "~/modules/award/close-objections.server";
import { after, publishedResult, type LotOptions } from "~/modules/award/test-fixtures.server";
import { signContract } from "~/modules/contract/sign-contract.server";
import { idNumber } from "~/modules/demand/test-fixtures.server";
import { parseShanghaiLocal } from "~/modules/tender/deadline";
import { makeWorld, setNow, type World } from "~/modules/tender/test-fixtures.server";
import { now } from "~/utils/clock.server";
import { newId } from "~/utils/id.server";
import { confirmTrainee } from "./confirm-trainee.server";
import { recordAttendance } from "./record-attendance.server";
import { addSession } from "./sessions.server";

type Bids = Parameters<typeof publishedResult>[1];

export interface RosterTrainee {
  traineeId: string;
  name: string;
  idNumber: string;
  /** The trainee's enrolment in the fixture's contract (offered on activation), if any. */
  enrolmentId: string | undefined;
}

export interface CoveredDemandFixture {
  id: string;
  enterprise: Actor;
  /** The award's headcount for this demand in the fixture's contract. */
  headcount: number;
  trainees: RosterTrainee[];
}

export interface DeliveryWorld extends World {
  lotId: string;
  tenderId: string;
  /** The fixture's active contract (the first institution's) and its reference. */
  contractId: string;
  reference: string;
  /** A member of the contract's institution. */
  institution: Actor;
  /** Every contract of the lot (a split lot has several), by reference. */
  contracts: { id: string; reference: string; institution: Actor; status: string }[];
  /** The other bidders (institutions without this contract). */
  bidders: Actor[];
  /** The demands the contract covers, with their enterprises and roster trainees. */
  demands: CoveredDemandFixture[];
  /** A second enterprise, owner of the second demand when `secondEnterprise` was asked for. */
  otherEnterprise: Actor;
}

export interface DeliveryOptions {
  /** Prices (and capacities) of the bids, rank 1 first. Default: three bids of capacity 25, so rank 1 takes both demands (10 and 15). */
  bids?: Bids;
  lot?: LotOptions;
  /** Trainees on each demand's roster, in the order of the lot's demands (by headcount): default full (10 and 15). */
  roster?: readonly number[];
  /** The second demand (15) belongs to another enterprise. */
  secondEnterprise?: boolean;
  /** Activate every contract of the lot, not only the first institution's. */
  activateAll?: boolean;
  /** Leave the contract pending with the bureau's signature only (the institution's activates it). */
  bureauSignatureOnly?: boolean;
}

let serial = 0;

/** A valid identity number no other fixture trainee has (different people, different numbers). */
export function freshIdNumber(): string {
  serial += 1;
  return idNumber(5_000 + serial * 7);
}

/** Puts trainees straight onto a demand's roster (as the enterprise's roster page would). */
export async function putOnRoster(w: World, demandId: string, enterpriseId: string, people: readonly { name: string; idNumber: string }[]): Promise<string[]> {
  const at = now().toISOString();
  const ids: string[] = [];
  for (const p of people) {
    const id = newId();
    ids.push(id);
    await w.db
      .insertInto("trainees")
      .values({ id, enterprise_id: enterpriseId, name: p.name, id_number: p.idNumber, phone: "13800138000", current_level: null, created_at: at, updated_at: at })
      .execute();
    await w.db.insertInto("demand_trainees").values({ demand_id: demandId, trainee_id: id, added_at: at }).execute();
  }
  return ids;
}

function unwrap<T>(r: { ok: true; value: T } | { ok: false }): T {
  if (!r.ok) throw new Error(`expected success, got ${JSON.stringify(r)}`);
  return r.value;
}

/**
 * An active contract with trainees on the covered demands' rosters, offered to its cohort by the
 * activation itself (both signatures). The clock is left one minute after the activation.
 * With `bureauSignatureOnly` the contract waits for the institution's signature and has no offers yet.
 */
export async function activeContract(o: DeliveryOptions = {}): Promise<DeliveryWorld> {
  const w = await makeWorld();
  const otherEnterprise = await makeActor(w.db, { kind: "enterprise", orgName: "测试第二企业有限公司" });
  const lot = await publishedResult(w, o.bids ?? [150_000, 160_000, 170_000], o.lot);
  // Demands by headcount (10, 15); optionally the second is another enterprise's.
  const owners = new Map<string, Actor>();
  lot.demandIds.forEach((id, i) => owners.set(id, o.secondEnterprise && i === 1 ? otherEnterprise : w.enterprise));
  if (o.secondEnterprise && lot.demandIds[1]) {
    await w.db.updateTable("demands").set({ enterprise_id: otherEnterprise.orgId }).where("id", "=", lot.demandIds[1]).execute();
  }
  const rosters = new Map<string, { traineeId: string; name: string; idNumber: string }[]>();
  for (const [i, demandId] of lot.demandIds.entries()) {
    const d = await w.db.selectFrom("demands").select("headcount").where("id", "=", demandId).executeTakeFirstOrThrow();
    const n = o.roster?.[i] ?? Number(d.headcount);
    const people = Array.from({ length: n }, (_, k) => ({ name: `学员${i + 1}-${String(k + 1).padStart(2, "0")}`, idNumber: freshIdNumber() }));
    const ids = await putOnRoster(w, demandId, owners.get(demandId)!.orgId, people);
    rosters.set(
      demandId,
      people.map((p, k) => ({ ...p, traineeId: ids[k]! })),
    );
  }
  after(lot.objectionDeadline, 1);
  unwrap(await closeObjections(w.db, w.officer, lot.lotId));
  const rows = await w.db.selectFrom("contracts").select(["id", "reference", "institution_id", "status"]).where("lot_id", "=", lot.lotId).orderBy("reference").execute();
  const memberOf = (orgId: string) => lot.bidders.find((b) => b.orgId === orgId)!;
  const first = rows.find((r) => r.institution_id === lot.bidders[0]!.orgId) ?? rows[0]!;
  for (const c of o.activateAll ? rows : [first]) {
    unwrap(await signContract(w.db, w.officer, { contractId: c.id }));
    if (!o.bureauSignatureOnly) unwrap(await signContract(w.db, memberOf(c.institution_id), { contractId: c.id }));
  }
  setNow(new Date(now().getTime() + 60_000));
  const contractId = first.id;
  const award = await w.db.selectFrom("contracts").select("award_id").where("id", "=", contractId).executeTakeFirstOrThrow();
  const shares = await w.db.selectFrom("award_demands").select(["demand_id", "headcount"]).where("award_id", "=", award.award_id).execute();
  const enrolments = await w.db.selectFrom("enrolments").select(["id", "trainee_id"]).where("contract_id", "=", contractId).execute();
  const enrolmentOf = new Map(enrolments.map((e) => [e.trainee_id, e.id]));
  const demands: CoveredDemandFixture[] = lot.demandIds
    .filter((id) => shares.some((s) => s.demand_id === id))
    .map((id) => ({
      id,
      enterprise: owners.get(id)!,
      headcount: Number(shares.find((s) => s.demand_id === id)!.headcount),
      trainees: (rosters.get(id) ?? []).map((t) => ({ ...t, enrolmentId: enrolmentOf.get(t.traineeId) })),
    }));
  const statuses = await w.db.selectFrom("contracts").select(["id", "status"]).where("lot_id", "=", lot.lotId).execute();
  return {
    ...w,
    lotId: lot.lotId,
    tenderId: lot.tenderId,
    contractId,
    reference: first.reference,
    institution: memberOf(first.institution_id),
    contracts: rows.map((r) => ({ id: r.id, reference: r.reference, institution: memberOf(r.institution_id), status: statuses.find((s) => s.id === r.id)!.status })),
    bidders: lot.bidders.filter((b) => b.orgId !== first.institution_id),
    demands,
    otherEnterprise,
  };
}

/** Confirms every offered trainee of the fixture's contract, up to each demand's headcount; returns the enrolment ids confirmed. */
export async function confirmAll(dw: DeliveryWorld): Promise<string[]> {
  const ids: string[] = [];
  for (const d of dw.demands) {
    for (const t of d.trainees.slice(0, d.headcount)) {
      if (!t.enrolmentId) continue;
      unwrap(await confirmTrainee(dw.db, dw.institution, { contractId: dw.contractId, enrolmentId: t.enrolmentId }));
      ids.push(t.enrolmentId);
    }
  }
  return ids;
}

/** An active contract with its whole cohort confirmed. */
export async function confirmedCohort(o: DeliveryOptions = {}): Promise<DeliveryWorld & { confirmedIds: string[] }> {
  const dw = await activeContract(o);
  return { ...dw, confirmedIds: await confirmAll(dw) };
}

/** A session as the schedule form takes it: start in Shanghai wall-clock time ("2027-04-06T09:00"), hours, topic. */
export interface SessionSpec {
  startsAt: string;
  hours: number;
  topic?: string;
}

/** Default schedule: four sessions of 8 h on consecutive Tuesdays in April 2027 (inside the fixture lot's window). */
export const FOUR_SESSIONS: readonly SessionSpec[] = [
  { startsAt: "2027-04-06T09:00", hours: 8, topic: "安全规程与焊接基础" },
  { startsAt: "2027-04-13T09:00", hours: 8, topic: "手工电弧焊实操" },
  { startsAt: "2027-04-20T09:00", hours: 8, topic: "气体保护焊实操" },
  { startsAt: "2027-04-27T09:00", hours: 8, topic: "综合考核准备" },
];

/** Schedules sessions on the fixture's contract through the use case; returns their ids in order. */
export async function scheduleSessions(dw: DeliveryWorld, specs: readonly SessionSpec[] = FOUR_SESSIONS): Promise<string[]> {
  const ids: string[] = [];
  for (const s of specs) {
    const startsAt = parseShanghaiLocal(s.startsAt);
    if (!startsAt) throw new Error(`not a Shanghai time: ${s.startsAt}`);
    const r = unwrap(await addSession(dw.db, dw.institution, { contractId: dw.contractId, startsAt, plannedMinutes: Math.round(s.hours * 60), topic: s.topic ?? "课程" }));
    ids.push(r.sessionId);
  }
  return ids;
}

/** Moves the clock to a Shanghai wall-clock time ("2027-04-06T12:00"). */
export function setShanghaiNow(local: string): void {
  const at = parseShanghaiLocal(local);
  if (!at) throw new Error(`not a Shanghai time: ${local}`);
  setNow(at);
}

/**
 * Records one session's attendance through the use case (the clock must be past its start):
 * `minutes` per enrolment, or the session's planned minutes for everyone confirmed.
 */
export async function attend(dw: DeliveryWorld, sessionId: string, minutes?: Record<string, number>): Promise<void> {
  const s = await dw.db.selectFrom("course_sessions").select("planned_minutes").where("id", "=", sessionId).executeTakeFirstOrThrow();
  const cohort = await dw.db.selectFrom("enrolments").select("id").where("contract_id", "=", dw.contractId).where("status", "=", "confirmed").execute();
  const entries = cohort.map((e) => ({ enrolmentId: e.id, minutes: minutes?.[e.id] ?? Number(s.planned_minutes) }));
  unwrap(await recordAttendance(dw.db, dw.institution, { contractId: dw.contractId, sessionId, entries }));
}
