/**
 * What the payment pages read: a contract's payments (what its institution may request now, and
 * the history), finance's queue, and one milestone's evidence. Identity numbers leave these
 * functions masked; a list of trainees is a read of personal data and is audited.
 */
import type { DB } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { can } from "~/modules/access/policy";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { attendancePermille, meetsCompletionShare } from "~/modules/delivery/attendance";
import type { EnrolmentStatus } from "~/modules/delivery/lifecycle";
import { maskIdNumber } from "~/modules/reference/id-number";
import { forbiddenResult, notFoundResult, ok, type Result } from "~/utils/result";
import { configuredGateway, type PaymentGateway } from "./gateway.server";
import type { MilestoneKind, MilestoneStatus, PaymentStatus } from "./lifecycle";
import { parseBasis, type AdvanceBasis, type BalanceBasis, type MilestoneBasis } from "./milestones";
import { computeNextMilestones, findPayoutAccount, LIVE_PAYMENT_STATUSES, loadContractTerms, type ContractPaymentTerms } from "./payment-records.server";
import { payoutBlock, type PaymentMode, type PayoutBlock } from "./payout";
import type { ContractHead, MilestoneView, MoneyTotals, PaymentView, PayoutReadiness, TraineeLine } from "./views";

export type { ContractHead, MilestoneView, MoneyTotals, PaymentView, PayoutReadiness, TraineeLine };

function headOf(t: ContractPaymentTerms): ContractHead {
  return {
    id: t.id,
    reference: t.reference,
    status: t.status,
    institutionId: t.institutionId,
    institutionName: t.institutionName,
    tenderReference: t.tenderReference,
    headcount: t.headcount,
    priceFen: t.priceFen,
    valueFen: t.valueFen,
    advancePct: t.advancePct,
  };
}

function paymentView(p: {
  id: string;
  attempt: number;
  status: PaymentStatus;
  mode: PaymentMode;
  amount_fen: number;
  destination: string;
  transfer_id: string | null;
  failure_reason: string | null;
  created_at: string;
  sent_at: string | null;
  settled_at: string | null;
}): PaymentView {
  return {
    id: p.id,
    attempt: Number(p.attempt),
    status: p.status,
    mode: p.mode,
    amountFen: Number(p.amount_fen),
    destination: p.destination,
    transferId: p.transfer_id,
    failureReason: p.failure_reason,
    createdAt: p.created_at,
    sentAt: p.sent_at,
    settledAt: p.settled_at,
  };
}

async function milestonesOf(db: DB, contractId: string): Promise<MilestoneView[]> {
  const ms = await db.selectFrom("milestones").selectAll().where("contract_id", "=", contractId).orderBy("number", "desc").execute();
  const ps =
    ms.length === 0
      ? []
      : await db
          .selectFrom("payments")
          .selectAll()
          .where(
            "milestone_id",
            "in",
            ms.map((m) => m.id),
          )
          .orderBy("attempt", "desc")
          .execute();
  return ms.map((m) => ({
    id: m.id,
    number: Number(m.number),
    kind: m.kind,
    status: m.status,
    traineeCount: Number(m.trainee_count),
    amountFen: Number(m.amount_fen),
    requestedAt: m.requested_at,
    decidedAt: m.decided_at,
    refusalReason: m.refusal_reason,
    payments: ps.filter((p) => p.milestone_id === m.id).map(paymentView),
  }));
}

function totalsOf(ms: readonly MilestoneView[]): MoneyTotals {
  const sum = (s: MilestoneStatus) => ms.filter((m) => m.status === s).reduce((a, m) => a + m.amountFen, 0);
  return { requestedFen: sum("requested"), approvedFen: sum("approved"), paidFen: sum("paid") };
}

/** Names and masked identity numbers of some enrolments, with their results; written to the audit log as a read. */
async function traineeLines(db: DB, actor: Actor, enrolmentIds: readonly string[], record: { type: string; id: string }): Promise<TraineeLine[]> {
  if (enrolmentIds.length === 0) return [];
  const rows = await db
    .selectFrom("enrolments as e")
    .innerJoin("trainees as t", "t.id", "e.trainee_id")
    .select(["e.id", "t.name", "t.id_number", "e.certificate_number", "e.level_reached", "e.certified_on"])
    .where("e.id", "in", [...enrolmentIds])
    .orderBy("t.name")
    .orderBy("e.id")
    .execute();
  await db.transaction().execute((trx) =>
    appendAudit(trx, { actorUserId: actor.userId, actorOrgId: actor.orgId, action: "trainee.read", recordType: record.type, recordId: record.id, after: { count: rows.length } }),
  );
  return rows.map((r) => ({
    enrolmentId: r.id,
    name: r.name,
    idNumberMasked: maskIdNumber(r.id_number),
    certificateNumber: r.certificate_number,
    levelReached: r.level_reached === null ? null : Number(r.level_reached),
    certifiedOn: r.certified_on,
  }));
}

export interface ContractPayments {
  contract: ContractHead;
  mode: PaymentMode;
  /** The institution may request now (its own contract, in force). */
  canRequest: boolean;
  /** What a request would be now (for the institution only). */
  next: { advance: AdvanceBasis | null; balance: (BalanceBasis & { lines: TraineeLine[] }) | null } | null;
  payout: PayoutReadiness;
  milestones: MilestoneView[];
  totals: MoneyTotals;
}

/**
 * A contract's payments page: the bureau reads it; the contract's institution also sees what it
 * may request now and why (the trainees counted). Anyone else: not found.
 */
export async function findContractPayments(db: DB, actor: Actor, contractId: string, deps: { gateway?: PaymentGateway } = {}): Promise<Result<ContractPayments>> {
  const terms = await loadContractTerms(db, contractId);
  if (!terms || !can(actor, "payment.view", { organisationId: terms.institutionId })) return notFoundResult;
  const mode = (deps.gateway ?? configuredGateway()).mode;
  const inForce = terms.status === "active" || terms.status === "completed";
  const canRequest = inForce && can(actor, "milestone.request", { organisationId: terms.institutionId });
  let next: ContractPayments["next"] = null;
  if (canRequest) {
    const n = await computeNextMilestones(db, terms);
    next = {
      advance: n.advance,
      balance: n.balance
        ? { ...n.balance, lines: await traineeLines(db, actor, n.balance.trainees.map((t) => t.enrolmentId), { type: "contract", id: terms.id }) }
        : null,
    };
  }
  const account = await findPayoutAccount(db, terms.institutionId);
  const milestones = await milestonesOf(db, terms.id);
  return ok({
    contract: headOf(terms),
    mode,
    canRequest,
    next,
    payout: { block: payoutBlock(account, mode), requirements: account?.requirements ?? null },
    milestones,
    totals: totalsOf(milestones),
  });
}

export interface QueueMilestone {
  id: string;
  number: number;
  kind: MilestoneKind;
  traineeCount: number;
  amountFen: number;
  requestedAt: string;
  contractId: string;
  contractReference: string;
  institutionName: string;
  block: PayoutBlock | null;
}

export interface QueuePayment {
  paymentId: string;
  milestoneId: string;
  milestoneNumber: number;
  contractReference: string;
  institutionName: string;
  attempt: number;
  status: PaymentStatus;
  amountFen: number;
  createdAt: string;
  failureReason: string | null;
}

export interface FinanceQueue {
  mode: PaymentMode;
  requested: QueueMilestone[];
  /** Attempts whose outcome is unknown (pending), and approved milestones whose last attempt failed or was reversed. */
  attention: QueuePayment[];
  totals: MoneyTotals & { requestedCount: number };
}

/** Bureau finance's queue: milestones to decide, payments to look after, and the totals. Reads only. */
export async function findFinanceQueue(db: DB, actor: Actor, deps: { gateway?: PaymentGateway } = {}): Promise<Result<FinanceQueue>> {
  if (!can(actor, "milestone.decide")) return forbiddenResult;
  const mode = (deps.gateway ?? configuredGateway()).mode;
  const requested = await db
    .selectFrom("milestones as m")
    .innerJoin("contracts as c", "c.id", "m.contract_id")
    .innerJoin("organisations as o", "o.id", "c.institution_id")
    .leftJoin("payout_accounts as pa", "pa.organisation_id", "c.institution_id")
    .select(["m.id", "m.number", "m.kind", "m.trainee_count", "m.amount_fen", "m.requested_at", "c.id as contract_id", "c.reference", "o.name", "pa.account_id", "pa.mode", "pa.can_receive", "pa.details_submitted", "pa.requirements"])
    .where("m.status", "=", "requested")
    .orderBy("m.requested_at")
    .orderBy("m.id")
    .execute();
  const payments = await db
    .selectFrom("payments as p")
    .innerJoin("milestones as m", "m.id", "p.milestone_id")
    .innerJoin("contracts as c", "c.id", "m.contract_id")
    .innerJoin("organisations as o", "o.id", "c.institution_id")
    .select(["p.id", "p.milestone_id", "m.number", "m.status as milestone_status", "c.reference", "o.name", "p.attempt", "p.status", "p.amount_fen", "p.created_at", "p.failure_reason"])
    .where((eb) => eb.or([eb("p.status", "=", "pending"), eb.and([eb("m.status", "=", "approved"), eb("p.status", "in", ["failed", "reversed"])])]))
    .orderBy("p.created_at")
    .execute();
  // Of a milestone's ended attempts only the latest matters, and only while none is live.
  const live = new Set(
    (
      await db
        .selectFrom("payments")
        .select("milestone_id")
        .where("status", "in", LIVE_PAYMENT_STATUSES)
        .where(
          "milestone_id",
          "in",
          payments.length > 0 ? payments.map((p) => p.milestone_id) : [""],
        )
        .execute()
    ).map((r) => r.milestone_id),
  );
  const latest = new Map<string, (typeof payments)[number]>();
  for (const p of payments) {
    if (p.status === "pending") continue;
    if (live.has(p.milestone_id)) continue;
    const seen = latest.get(p.milestone_id);
    if (!seen || Number(seen.attempt) < Number(p.attempt)) latest.set(p.milestone_id, p);
  }
  const attention = payments.filter((p) => p.status === "pending" || latest.get(p.milestone_id) === p);
  const sums = await db
    .selectFrom("milestones")
    .select(["status", (eb) => eb.fn.coalesce(eb.fn.sum<number>("amount_fen"), eb.lit(0)).as("fen"), (eb) => eb.fn.countAll<number>().as("n")])
    .where("status", "in", ["requested", "approved", "paid"])
    .groupBy("status")
    .execute();
  const sumOf = (s: MilestoneStatus) => Number(sums.find((r) => r.status === s)?.fen ?? 0);
  return ok({
    mode,
    requested: requested.map((r) => ({
      id: r.id,
      number: Number(r.number),
      kind: r.kind,
      traineeCount: Number(r.trainee_count),
      amountFen: Number(r.amount_fen),
      requestedAt: r.requested_at,
      contractId: r.contract_id,
      contractReference: r.reference,
      institutionName: r.name,
      block: payoutBlock(
        r.account_id && r.mode
          ? { accountId: r.account_id, mode: r.mode, canReceive: Number(r.can_receive) === 1, detailsSubmitted: Number(r.details_submitted) === 1, requirements: r.requirements }
          : null,
        mode,
      ),
    })),
    attention: attention.map((p) => ({
      paymentId: p.id,
      milestoneId: p.milestone_id,
      milestoneNumber: Number(p.number),
      contractReference: p.reference,
      institutionName: p.name,
      attempt: Number(p.attempt),
      status: p.status,
      amountFen: Number(p.amount_fen),
      createdAt: p.created_at,
      failureReason: p.failure_reason,
    })),
    totals: {
      requestedFen: sumOf("requested"),
      approvedFen: sumOf("approved"),
      paidFen: sumOf("paid"),
      requestedCount: Number(sums.find((r) => r.status === "requested")?.n ?? 0),
    },
  });
}

export interface MilestoneEvidence {
  mode: PaymentMode;
  contract: ContractHead & { completionPct: number };
  milestone: MilestoneView & { basis: MilestoneBasis | null };
  enrolments: Record<EnrolmentStatus, number>;
  progress: { inTraining: number; completed: number; notCompleted: number; certified: number; notCertified: number };
  attendance: { sessions: number; plannedMinutes: number; meetingShare: number; confirmed: number; averagePermille: number };
  /** The trainees a balance milestone pays for, with their certificates. */
  trainees: (TraineeLine & { attendancePermille: number })[];
  payout: PayoutReadiness;
  /** The contract's other milestones. */
  others: MilestoneView[];
  canDecide: boolean;
  /** Finance may send the pending attempt again (same key). */
  canRetrySending: boolean;
  /** Finance may start a new attempt (the last failed or was reversed). */
  canPayAgain: boolean;
}

/**
 * One milestone with the evidence finance decides on: enrolment counts, attendance and results,
 * the certified trainees (masked identity numbers, certificate numbers), the payout account's
 * readiness, and the payment attempts. Bureau staff read it; only finance acts.
 */
export async function findMilestoneEvidence(db: DB, actor: Actor, milestoneId: string, deps: { gateway?: PaymentGateway } = {}): Promise<Result<MilestoneEvidence>> {
  const m = await db.selectFrom("milestones").select(["contract_id"]).where("id", "=", milestoneId).executeTakeFirst();
  if (!m) return notFoundResult;
  const terms = await loadContractTerms(db, m.contract_id);
  if (!terms || actor.orgKind !== "bureau" || !can(actor, "payment.view", { organisationId: terms.institutionId })) return notFoundResult;
  const mode = (deps.gateway ?? configuredGateway()).mode;
  const all = await milestonesOf(db, terms.id);
  const row = await db.selectFrom("milestones").select(["basis_json"]).where("id", "=", milestoneId).executeTakeFirstOrThrow();
  const milestone = { ...all.find((x) => x.id === milestoneId)!, basis: parseBasis(row.basis_json) };

  const enrolmentRows = await db.selectFrom("enrolments").select(["id", "status", "progress"]).where("contract_id", "=", terms.id).execute();
  const enrolments: Record<EnrolmentStatus, number> = { offered: 0, confirmed: 0, declined: 0, replaced: 0, dropped: 0 };
  for (const e of enrolmentRows) enrolments[e.status] += 1;
  const confirmed = enrolmentRows.filter((e) => e.status === "confirmed");
  const progress = { inTraining: 0, completed: 0, notCompleted: 0, certified: 0, notCertified: 0 };
  for (const e of confirmed) {
    if (e.progress === null) progress.inTraining += 1;
    else if (e.progress === "completed") progress.completed += 1;
    else if (e.progress === "not_completed") progress.notCompleted += 1;
    else if (e.progress === "certified") progress.certified += 1;
    else progress.notCertified += 1;
  }
  const planned = await db
    .selectFrom("course_sessions")
    .select([(eb) => eb.fn.countAll<number>().as("n"), (eb) => eb.fn.coalesce(eb.fn.sum<number>("planned_minutes"), eb.lit(0)).as("minutes")])
    .where("contract_id", "=", terms.id)
    .executeTakeFirstOrThrow();
  const plannedMinutes = Number(planned.minutes);
  const attended = await db
    .selectFrom("attendance as a")
    .innerJoin("enrolments as e", "e.id", "a.enrolment_id")
    .select(["a.enrolment_id", (eb) => eb.fn.sum<number>("a.attended_minutes").as("minutes")])
    .where("e.contract_id", "=", terms.id)
    .groupBy("a.enrolment_id")
    .execute();
  const minutesOf = new Map(attended.map((a) => [a.enrolment_id, Number(a.minutes)]));
  const shares = confirmed.map((e) => attendancePermille(minutesOf.get(e.id) ?? 0, plannedMinutes));
  const meetingShare = confirmed.filter((e) => meetsCompletionShare(minutesOf.get(e.id) ?? 0, plannedMinutes, terms.completionPct)).length;

  const balanceIds = milestone.basis?.kind === "balance" ? milestone.basis.trainees.map((t) => t.enrolmentId) : [];
  const lines = await traineeLines(db, actor, balanceIds, { type: "milestone", id: milestoneId });
  const account = await findPayoutAccount(db, terms.institutionId);
  const finance = can(actor, "milestone.decide");
  const live = milestone.payments.find((p) => LIVE_PAYMENT_STATUSES.includes(p.status));
  return ok({
    mode,
    contract: { ...headOf(terms), completionPct: terms.completionPct },
    milestone,
    enrolments,
    progress,
    attendance: {
      sessions: Number(planned.n),
      plannedMinutes,
      confirmed: confirmed.length,
      meetingShare,
      averagePermille: shares.length === 0 ? 0 : Math.floor(shares.reduce((a, b) => a + b, 0) / shares.length),
    },
    trainees: lines.map((l) => ({ ...l, attendancePermille: attendancePermille(minutesOf.get(l.enrolmentId) ?? 0, plannedMinutes) })),
    payout: { block: payoutBlock(account, mode), requirements: account?.requirements ?? null },
    others: all.filter((x) => x.id !== milestoneId),
    canDecide: finance && milestone.status === "requested",
    canRetrySending: finance && live?.status === "pending",
    canPayAgain: finance && milestone.status === "approved" && !live && milestone.payments.length > 0,
  });
}
