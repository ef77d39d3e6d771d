/**
 * What the payment use cases share: a contract's payment terms, its lock, the next milestones
 * computed from delivery data, the institution's payout account, and how a unique index's
 * refusal is recognised. Functions take the handle first, so they also run in a transaction.
 */
import type { Kysely, Transaction } from "kysely";
import type { DB } from "#db/client";
import type { DB as Schema } from "#db/schema";
import type { ContractStatus } from "~/modules/contract/lifecycle";
import { formatFen } from "~/modules/reference/money";
import type { MilestoneStatus, PaymentStatus } from "./lifecycle";
import { nextAdvance, nextBalance, type AdvanceBasis, type BalanceBasis, type ContractTerms } from "./milestones";
import type { PayoutAccountState } from "./payout";

export type Trx = Transaction<Schema>;
type Handle = Kysely<Schema>;

/** Milestones that still hold their seats and trainees: all but refused ones. */
export const LIVE_MILESTONE_STATUSES: readonly MilestoneStatus[] = ["requested", "approved", "paid"];
/** Payment attempts that may still move money (payments_one_live). */
export const LIVE_PAYMENT_STATUSES: readonly PaymentStatus[] = ["pending", "sent", "paid"];

export interface ContractPaymentTerms extends ContractTerms {
  id: string;
  reference: string;
  status: ContractStatus;
  institutionId: string;
  institutionName: string;
  valueFen: number;
  tenderId: string;
  tenderReference: string;
  tenderTitle: string;
  tenderYear: number;
  completionPct: number;
}

/** A contract with the terms its milestones are computed from (price, headcount, the tender's advance share). */
export async function loadContractTerms(db: Handle, contractId: string): Promise<ContractPaymentTerms | undefined> {
  const r = await db
    .selectFrom("contracts as c")
    .innerJoin("tenders as t", "t.id", "c.tender_id")
    .innerJoin("organisations as o", "o.id", "c.institution_id")
    .select([
      "c.id",
      "c.reference",
      "c.status",
      "c.institution_id",
      "o.name",
      "c.headcount",
      "c.price_fen",
      "c.value_fen",
      "t.id as tender_id",
      "t.reference as tender_reference",
      "t.title",
      "t.year",
      "t.advance_pct",
      "t.completion_pct",
    ])
    .where("c.id", "=", contractId)
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    id: r.id,
    reference: r.reference,
    status: r.status,
    institutionId: r.institution_id,
    institutionName: r.name,
    headcount: Number(r.headcount),
    priceFen: Number(r.price_fen),
    valueFen: Number(r.value_fen),
    advancePct: Number(r.advance_pct),
    tenderId: r.tender_id,
    tenderReference: r.tender_reference ?? "",
    tenderTitle: r.title,
    tenderYear: Number(r.year),
    completionPct: Number(r.completion_pct),
  };
}

/** Takes the contract's row lock (a guarded no-op update), so that milestone requests queue on PostgreSQL as under SQLite's write lock. */
export async function lockContract(trx: Trx, contractId: string): Promise<boolean> {
  const r = await trx
    .updateTable("contracts")
    .set((eb) => ({ updated_at: eb.ref("updated_at") }))
    .where("id", "=", contractId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export interface NextMilestones {
  advance: AdvanceBasis | null;
  balance: BalanceBasis | null;
}

/**
 * What the institution may request now, from the delivery data: the advance for confirmed
 * trainees not yet covered by a live advance, the balance for certified trainees not yet in a
 * live balance milestone (milestones.ts has the arithmetic).
 */
export async function computeNextMilestones(db: Handle, terms: ContractPaymentTerms): Promise<NextMilestones> {
  const enrolments = await db
    .selectFrom("enrolments")
    .select(["id", "progress", "certificate_number"])
    .where("contract_id", "=", terms.id)
    .where("status", "=", "confirmed")
    .orderBy("confirmed_at")
    .orderBy("id")
    .execute();
  const covered = await db
    .selectFrom("milestones")
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("trainee_count"), eb.lit(0)).as("seats"))
    .where("contract_id", "=", terms.id)
    .where("kind", "=", "advance")
    .where("status", "in", LIVE_MILESTONE_STATUSES)
    .executeTakeFirstOrThrow();
  const inBalance = await db
    .selectFrom("milestone_trainees as mt")
    .innerJoin("milestones as m", "m.id", "mt.milestone_id")
    .select("mt.enrolment_id")
    .where("m.contract_id", "=", terms.id)
    .where("m.status", "in", LIVE_MILESTONE_STATUSES)
    .execute();
  const certified = enrolments.filter((e) => e.progress === "certified").map((e) => ({ enrolmentId: e.id, certificateNumber: e.certificate_number }));
  return {
    advance: nextAdvance(terms, enrolments.map((e) => e.id), Number(covered.seats)),
    balance: nextBalance(terms, certified, new Set(inBalance.map((r) => r.enrolment_id))),
  };
}

/** The institution's payout account, if it has connected one. */
export async function findPayoutAccount(db: Handle, organisationId: string): Promise<PayoutAccountState | null> {
  const r = await db.selectFrom("payout_accounts").selectAll().where("organisation_id", "=", organisationId).executeTakeFirst();
  if (!r) return null;
  return {
    accountId: r.account_id,
    mode: r.mode,
    canReceive: Number(r.can_receive) === 1,
    detailsSubmitted: Number(r.details_submitted) === 1,
    requirements: r.requirements,
  };
}

/** A unique index refused the write (SQLite and PostgreSQL alike): someone else got there first. */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}

/** Money in a notification's parameters: shown the same in both languages. */
export function moneyParam(fen: number): string {
  return formatFen(fen, "zh-CN");
}

export type { DB };
