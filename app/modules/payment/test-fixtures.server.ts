/**
 * Test fixtures for payment (not used by the app): an active contract at ¥1,500.05 a trainee for
 * 25 trainees (the tender's advance 30 %: ¥450.02 a trainee, balance ¥1,050.03), a finance
 * officer, and helpers that write delivery data straight into the enrolments table (the delivery
 * context's use cases write it in the app) and connect the institution's payout account.
 */
import { makeActor } from "#tests/factories";
import type { Actor } from "~/modules/access/actor";
import { closeObjections } from "~/modules/award/close-objections.server";
import { after, publishedResult } from "~/modules/award/test-fixtures.server";
import { signContract } from "~/modules/contract/sign-contract.server";
import { idNumber } from "~/modules/demand/test-fixtures.server";
import { makeWorld, type World } from "~/modules/tender/test-fixtures.server";
import { nowIso } from "~/utils/clock.server";
import { newId } from "~/utils/id.server";
import type { PaymentGateway } from "./gateway.server";
import { startOnboarding, syncPayoutStatus } from "./payout-accounts.server";

export const PRICE_FEN = 150_005;
export const ADVANCE_FEN = 45_002;
export const BALANCE_FEN = 105_003;
export const HEADCOUNT = 25;

export interface PaymentWorld extends World {
  finance: Actor;
  /** A member of the contract's institution. */
  member: Actor;
  /** Another bidder of the lot: a stranger to the contract. */
  stranger: Actor;
  contract: { id: string; reference: string; institutionId: string; tenderId: string; demandId: string };
}

function unwrap<T>(r: { ok: true; value: T } | { ok: false }): T {
  if (!r.ok) throw new Error(`expected success, got ${JSON.stringify(r)}`);
  return r.value;
}

/** An active contract (both signatures) for the whole lot of 25 at ¥1,500.05 a trainee. */
export async function paymentWorld(): Promise<PaymentWorld> {
  const w = await makeWorld();
  const lot = await publishedResult(w, [PRICE_FEN, 160_000, 170_000]);
  after(lot.objectionDeadline, 1);
  unwrap(await closeObjections(w.db, w.officer, lot.lotId));
  const c = await w.db.selectFrom("contracts").selectAll().where("lot_id", "=", lot.lotId).where("status", "=", "pending_signature").executeTakeFirstOrThrow();
  const member = lot.bidders.find((b) => b.orgId === c.institution_id)!;
  unwrap(await signContract(w.db, w.officer, { contractId: c.id }));
  unwrap(await signContract(w.db, member, { contractId: c.id }));
  const finance = await makeActor(w.db, { kind: "bureau", roles: ["finance"] });
  const stranger = lot.bidders.find((b) => b.orgId !== c.institution_id)!;
  return {
    ...w,
    finance,
    member,
    stranger,
    contract: { id: c.id, reference: c.reference, institutionId: c.institution_id, tenderId: c.tender_id, demandId: lot.demandIds[0]! },
  };
}

let serial = 0;

/** `n` new trainees of the enterprise, enrolled and confirmed in the contract; returns their enrolment ids. */
export async function confirmTrainees(pw: PaymentWorld, n: number): Promise<string[]> {
  const at = nowIso();
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    serial += 1;
    const traineeId = newId();
    await pw.db
      .insertInto("trainees")
      .values({ id: traineeId, enterprise_id: pw.enterprise.orgId, name: `学员${String(serial).padStart(3, "0")}`, id_number: idNumber(9_000 + serial * 3), phone: "13800138000", current_level: null, created_at: at, updated_at: at })
      .execute();
    const id = newId();
    await pw.db
      .insertInto("enrolments")
      .values({
        id,
        contract_id: pw.contract.id,
        demand_id: pw.contract.demandId,
        trainee_id: traineeId,
        status: "confirmed",
        status_reason: null,
        replaces_enrolment_id: null,
        confirmed_at: at,
        confirmed_by: pw.member.userId,
        progress: null,
        progress_reason: null,
        assessment_passed: null,
        certificate_number: null,
        level_reached: null,
        certified_on: null,
        result_recorded_at: null,
        result_recorded_by: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    ids.push(id);
  }
  return ids;
}

/** Marks enrolments certified (completed, passed, certificate number, level 4). */
export async function certify(pw: PaymentWorld, enrolmentIds: readonly string[]): Promise<void> {
  for (const id of enrolmentIds) {
    await pw.db
      .updateTable("enrolments")
      .set({ progress: "certified", assessment_passed: 1, certificate_number: `CERT-${id}`, level_reached: 4, certified_on: "2027-06-30", result_recorded_at: nowIso(), result_recorded_by: pw.member.userId })
      .where("id", "=", id)
      .execute();
  }
}

/** Marks enrolments dropped (they leave the cohort). */
export async function drop(pw: PaymentWorld, enrolmentIds: readonly string[]): Promise<void> {
  await pw.db.updateTable("enrolments").set({ status: "dropped", status_reason: "个人原因退班" }).where("id", "in", [...enrolmentIds]).execute();
}

/** Connects the institution's payout account through the gateway (onboarding, then the return page). */
export async function connectPayout(pw: PaymentWorld, gateway: PaymentGateway): Promise<string> {
  const r = unwrap(await startOnboarding(pw.db, pw.member, { returnUrl: "http://localhost/payouts/return", refreshUrl: "http://localhost/payouts/refresh" }, { gateway }));
  unwrap(await syncPayoutStatus(pw.db, pw.member, { gateway }));
  return r.accountId;
}

export async function milestoneRow(pw: PaymentWorld, id: string) {
  return pw.db.selectFrom("milestones").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

export async function paymentsOf(pw: PaymentWorld, milestoneId: string) {
  return pw.db.selectFrom("payments").selectAll().where("milestone_id", "=", milestoneId).orderBy("attempt").execute();
}

export async function auditActions(pw: PaymentWorld, recordId: string): Promise<string[]> {
  return (await pw.db.selectFrom("audit_log").select("action").where("record_id", "=", recordId).orderBy("seq").execute()).map((a) => a.action);
}
