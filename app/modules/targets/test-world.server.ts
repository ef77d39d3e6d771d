/**
 * Test fixtures for the progress queries (not used by the app): a bureau, enterprises and
 * institutions, and contracts with their tender, lot, bid, award, demands, trainees and
 * enrolments inserted straight into the database, with the dates each test needs — faster and
 * more exact than walking every use case, which their own tests do.
 */
import type { DB } from "#db/client";
import { createTestDb } from "#tests/db";
import { makeActor } from "#tests/factories";
import type { Actor } from "~/modules/access/actor";
import type { ContractStatus } from "~/modules/contract/lifecycle";
import type { DemandStatus } from "~/modules/demand/lifecycle";
import type { TraineeProgress } from "~/modules/delivery/lifecycle";
import { makeIdNumber } from "~/modules/reference/id-number";
import { setClock } from "~/utils/clock.server";
import { newId } from "~/utils/id.server";

export const WELDER = "6-18-02-04";
export const ELECTRICIAN = "6-31-01-03";
/** Saturday 28 November 2026, 10:00 in Shanghai. */
export const NOW = new Date("2026-11-28T02:00:00.000Z");

export interface ProgressWorld {
  db: DB;
  officer: Actor;
  admin: Actor;
  finance: Actor;
  evaluator: Actor;
}

export async function progressWorld(): Promise<ProgressWorld> {
  setClock(() => NOW);
  const { db } = await createTestDb();
  const officer = await makeActor(db, { kind: "bureau", roles: ["officer"] });
  const admin = await makeActor(db, { kind: "bureau", roles: ["admin"] });
  const finance = await makeActor(db, { kind: "bureau", roles: ["finance"] });
  const evaluator = await makeActor(db, { kind: "bureau", roles: ["evaluator"] });
  return { db, officer, admin, finance, evaluator };
}

let seq = 0;
const t0 = "2026-01-05T02:00:00.000Z";

export interface DemandSpec {
  enterprise: Actor;
  headcount: number;
  earliestStart?: string;
  status?: DemandStatus;
  occupationCode?: string;
  level?: number;
  submittedAt?: string;
}

/** A demand with its roster of named trainees (names, identity numbers and phones: personal data). */
export async function demandWithTrainees(w: ProgressWorld, d: DemandSpec): Promise<{ demandId: string; traineeIds: string[] }> {
  const demandId = newId();
  const start = d.earliestStart ?? "2026-03-01";
  await w.db
    .insertInto("demands")
    .values({
      id: demandId,
      enterprise_id: d.enterprise.orgId,
      occupation_code: d.occupationCode ?? WELDER,
      level: d.level ?? 4,
      headcount: d.headcount,
      earliest_start: start,
      latest_end: `${start.slice(0, 4)}-12-31`,
      place: "测试区",
      notes: null,
      status: d.status ?? "pooled",
      status_reason: null,
      tender_id: null,
      lot_id: null,
      created_by: d.enterprise.userId,
      created_at: d.submittedAt ?? t0,
      updated_at: d.submittedAt ?? t0,
      submitted_at: d.status === "draft" ? null : (d.submittedAt ?? t0),
    })
    .execute();
  const traineeIds: string[] = [];
  for (let i = 0; i < d.headcount; i++) {
    seq++;
    const id = newId();
    traineeIds.push(id);
    await w.db
      .insertInto("trainees")
      .values({
        id,
        enterprise_id: d.enterprise.orgId,
        name: `学员甲${seq}`,
        id_number: makeIdNumber("330106", "19900101", String(seq % 1000).padStart(3, "0")),
        phone: `1390000${String(seq).padStart(4, "0")}`,
        current_level: null,
        created_at: t0,
        updated_at: t0,
      })
      .execute();
    await w.db.insertInto("demand_trainees").values({ demand_id: demandId, trainee_id: id, added_at: t0 }).execute();
  }
  return { demandId, traineeIds };
}

export interface ContractSpec {
  year: number;
  institution: Actor;
  status: ContractStatus;
  occupationCode?: string;
  level?: number;
  capFen?: number;
  priceFen?: number;
  windowEnd?: string;
  demands: DemandSpec[];
}

export interface ContractFixture {
  contractId: string;
  tenderId: string;
  lotId: string;
  demands: { demandId: string; traineeIds: string[] }[];
}

/** A contract of a tender of its own (one lot, one winning bid, one confirmed award) covering the given demands. */
export async function contractWith(w: ProgressWorld, c: ContractSpec): Promise<ContractFixture> {
  seq++;
  const occupation = c.occupationCode ?? WELDER;
  const level = c.level ?? 4;
  const cap = c.capFen ?? 180_000;
  const price = c.priceFen ?? 170_000;
  const headcount = c.demands.reduce((s, d) => s + d.headcount, 0);
  const tenderId = newId();
  const lotId = newId();
  const bidId = newId();
  const awardId = newId();
  const contractId = newId();
  const at = `${c.year}-02-01T02:00:00.000Z`;
  await w.db
    .insertInto("tenders")
    .values({
      id: tenderId,
      reference: `ZJ-${c.year}-${String(seq).padStart(4, "0")}`,
      year: c.year,
      title: `${c.year} 年订单式培训（测试 ${seq}）`,
      description: null,
      regime: "GP",
      status: "awarded",
      bid_deadline: at,
      published_at: at,
      min_valid_bids: 1,
      price_points: 30,
      advance_pct: 30,
      cancel_reason: null,
      last_material_amendment_at: null,
      created_by: w.officer.userId,
      created_at: at,
      updated_at: at,
    })
    .execute();
  await w.db
    .insertInto("lots")
    .values({
      id: lotId,
      tender_id: tenderId,
      number: 1,
      occupation_code: occupation,
      level,
      headcount,
      window_start: `${c.year}-03-01`,
      window_end: c.windowEnd ?? `${c.year}-12-20`,
      max_price_fen: cap,
      cap_fen: cap,
      status: "awarded",
      created_at: at,
      updated_at: at,
    })
    .execute();
  await w.db
    .insertInto("bids")
    .values({
      id: bidId,
      lot_id: lotId,
      institution_id: c.institution.orgId,
      status: "awarded",
      ciphertext: "x",
      iv: "x",
      tag: "x",
      key_id: "x",
      receipt_hash: null,
      submitted_at: at,
      confirmed_at: at,
      price_fen: price,
      capacity: headcount,
      opened_content_json: null,
      receipt_ok: 1,
      rejection_reason: null,
      compliance_by: null,
      compliance_at: null,
      excluded_reason: null,
      created_by: c.institution.userId,
      created_at: at,
      updated_at: at,
    })
    .execute();
  await w.db
    .insertInto("awards")
    .values({
      id: awardId,
      lot_id: lotId,
      bid_id: bidId,
      institution_id: c.institution.orgId,
      rank: 1,
      headcount,
      price_fen: price,
      value_fen: price * headcount,
      status: "confirmed",
      published_at: at,
      publicity_ends_at: at,
      objection_deadline: at,
      created_at: at,
      updated_at: at,
    })
    .execute();
  const demands: ContractFixture["demands"] = [];
  for (const d of c.demands) {
    const made = await demandWithTrainees(w, { occupationCode: occupation, level, ...d });
    demands.push(made);
    await w.db.updateTable("demands").set({ tender_id: tenderId, lot_id: lotId }).where("id", "=", made.demandId).execute();
    await w.db.insertInto("award_demands").values({ award_id: awardId, demand_id: made.demandId, headcount: d.headcount }).execute();
  }
  await w.db
    .insertInto("contracts")
    .values({
      id: contractId,
      reference: `HT-${c.year}-${String(seq).padStart(4, "0")}`,
      award_id: awardId,
      tender_id: tenderId,
      lot_id: lotId,
      institution_id: c.institution.orgId,
      status: c.status,
      headcount,
      price_fen: price,
      value_fen: price * headcount,
      sign_due_at: at,
      bureau_signed_at: c.status === "pending_signature" ? null : at,
      bureau_signed_by: c.status === "pending_signature" ? null : w.officer.userId,
      institution_signed_at: c.status === "pending_signature" ? null : at,
      institution_signed_by: c.status === "pending_signature" ? null : c.institution.userId,
      status_reason: null,
      created_at: at,
      updated_at: at,
      completed_at: c.status === "completed" ? `${c.year}-12-01T02:00:00.000Z` : null,
    })
    .execute();
  return { contractId, tenderId, lotId, demands };
}

export interface EnrolmentSpec {
  status?: "confirmed" | "dropped";
  progress?: TraineeProgress | null;
  resultAt?: string;
  certifiedOn?: string;
}

/** Enrols the given trainees of a contract's demand, all with the same status and result. */
export async function enrol(w: ProgressWorld, c: ContractFixture, demandId: string, traineeIds: readonly string[], e: EnrolmentSpec = {}): Promise<void> {
  for (const traineeId of traineeIds) {
    const progress = e.progress ?? null;
    await w.db
      .insertInto("enrolments")
      .values({
        id: newId(),
        contract_id: c.contractId,
        demand_id: demandId,
        trainee_id: traineeId,
        status: e.status ?? "confirmed",
        status_reason: null,
        replaces_enrolment_id: null,
        confirmed_at: t0,
        confirmed_by: null,
        progress,
        progress_reason: null,
        assessment_passed: progress === null ? null : progress === "not_completed" ? 0 : 1,
        certificate_number: progress === "certified" ? `S${newId().slice(0, 12)}` : null,
        level_reached: null,
        certified_on: progress === "certified" ? (e.certifiedOn ?? null) : null,
        result_recorded_at: progress === null ? null : (e.resultAt ?? null),
        result_recorded_by: null,
        created_at: t0,
        updated_at: t0,
      })
      .execute();
  }
}

/** A course session of a contract starting at the given instant. */
export async function sessionAt(w: ProgressWorld, c: ContractFixture, startsAt: string, by: Actor): Promise<void> {
  await w.db.insertInto("course_sessions").values({ id: newId(), contract_id: c.contractId, starts_at: startsAt, planned_minutes: 240, topic: "实操", created_by: by.userId, created_at: t0 }).execute();
}

/** A milestone of a contract with one payment attempt in the given status. */
export async function payment(w: ProgressWorld, c: ContractFixture, by: Actor, amountFen: number, status: "paid" | "failed", number = 1): Promise<void> {
  const milestoneId = newId();
  await w.db
    .insertInto("milestones")
    .values({ id: milestoneId, contract_id: c.contractId, kind: "advance", number, trainee_count: 1, amount_fen: amountFen, basis_json: "{}", status: status === "paid" ? "paid" : "approved", requested_at: t0, requested_by: by.userId, decided_at: t0, decided_by: null, refusal_reason: null, updated_at: t0 })
    .execute();
  await w.db
    .insertInto("payments")
    .values({ id: newId(), milestone_id: milestoneId, attempt: 1, idempotency_key: newId(), mode: "offline", destination: "offline", amount_fen: amountFen, status, transfer_id: null, failure_reason: null, created_by: null, created_at: t0, sent_at: t0, settled_at: status === "paid" ? t0 : null, updated_at: t0 })
    .execute();
}

/** An enterprise's workforce report for a year. */
export async function workforce(w: ProgressWorld, enterprise: Actor, year: number, skilled: number, high: number): Promise<void> {
  await w.db.insertInto("workforce_reports").values({ enterprise_id: enterprise.orgId, year, skilled_workers: skilled, high_skilled_workers: high, updated_at: t0 }).execute();
}
