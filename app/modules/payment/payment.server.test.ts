/**
 * Milestones and payments in offline mode (the demo's): the same use cases as with Stripe, with
 * the built-in ledger that records each transfer and settles it at once.
 */
import { describe, expect, it } from "vitest";
import { makeActor } from "#tests/factories";
import { verifyAuditChain } from "~/modules/audit/verify-audit-chain.server";
import { tenderCommittedAndPaid, yearBudget } from "./budget.server";
import { approveMilestone, refuseMilestone } from "./decide-milestone.server";
import { offlineGateway, type PaymentGateway } from "./gateway.server";
import { findContractPayments, findFinanceQueue, findMilestoneEvidence } from "./milestone-queries.server";
import { payAgain, retrySending, sweepPendingPayments } from "./pay-milestone.server";
import { findPayoutView } from "./payout-accounts.server";
import { requestMilestone } from "./request-milestone.server";
import {
  ADVANCE_FEN,
  auditActions,
  BALANCE_FEN,
  certify,
  confirmTrainees,
  connectPayout,
  drop,
  HEADCOUNT,
  milestoneRow,
  paymentsOf,
  paymentWorld,
  PRICE_FEN,
  type PaymentWorld,
} from "./test-fixtures.server";

const gateway = offlineGateway();

function value<T>(r: { ok: true; value: T } | { ok: false }): T {
  if (!r.ok) throw new Error(`expected success, got ${JSON.stringify(r)}`);
  return r.value;
}

async function request(pw: PaymentWorld, kind: "advance" | "balance") {
  return value(await requestMilestone(pw.db, pw.member, { contractId: pw.contract.id, kind }));
}

async function notices(pw: PaymentWorld) {
  return (await pw.db.selectFrom("notifications").select(["kind", "organisation_id"]).where("kind", "like", "%ilestone%").execute())
    .concat(await pw.db.selectFrom("notifications").select(["kind", "organisation_id"]).where("kind", "like", "payment%").execute())
    .map((n) => `${n.organisation_id === pw.contract.institutionId ? "institution" : "bureau"}:${n.kind}`)
    .sort();
}

describe("an advance, offline", () => {
  it("is computed from the confirmed trainees, approved by finance and paid at once", async () => {
    const pw = await paymentWorld();
    await connectPayout(pw, gateway);
    await confirmTrainees(pw, 12);
    const m = await request(pw, "advance");
    // 12 confirmed × ¥450.02 (30 % of ¥1,500.05, rounded half up) = ¥5,400.24.
    expect(m).toMatchObject({ number: 1, amountFen: 12 * ADVANCE_FEN });
    expect(m.amountFen).toBe(540_024);
    expect(await milestoneRow(pw, m.milestoneId)).toMatchObject({ status: "requested", kind: "advance", trainee_count: 12, amount_fen: 540_024 });

    const approved = value(await approveMilestone(pw.db, pw.finance, { milestoneId: m.milestoneId }, { gateway }));
    expect(approved.status).toBe("paid");
    expect(await milestoneRow(pw, m.milestoneId)).toMatchObject({ status: "paid", decided_by: pw.finance.userId });
    const [p] = await paymentsOf(pw, m.milestoneId);
    expect(p).toMatchObject({ attempt: 1, idempotency_key: m.milestoneId, mode: "offline", status: "paid", amount_fen: 540_024 });
    expect(p!.transfer_id).toMatch(/^offline_tr_/);
    expect(p!.destination).toMatch(/^offline_acct_/);

    expect(await auditActions(pw, m.milestoneId)).toEqual(["milestone.request", "milestone.approve", "milestone.settle"]);
    expect(await auditActions(pw, p!.id)).toEqual(["payment.create", "payment.send", "payment.settle"]);
    expect(await notices(pw)).toEqual(["bureau:milestoneRequested", "institution:milestoneApproved", "institution:paymentSettled"]);
    expect((await verifyAuditChain(pw.db)).ok).toBe(true);
  });

  it("covers each seat once: nothing more until more trainees are confirmed, and never beyond the headcount", async () => {
    const pw = await paymentWorld();
    await confirmTrainees(pw, 12);
    await request(pw, "advance");
    expect(await requestMilestone(pw.db, pw.member, { contractId: pw.contract.id, kind: "advance" })).toMatchObject({ ok: false, message: "payment.errors.noAdvanceDue" });
    await confirmTrainees(pw, 20);
    // 32 confirmed, but the contract is for 25: 13 more seats.
    expect(await request(pw, "advance")).toMatchObject({ number: 2, amountFen: 13 * ADVANCE_FEN });
    expect(await requestMilestone(pw.db, pw.member, { contractId: pw.contract.id, kind: "advance" })).toMatchObject({ ok: false, message: "payment.errors.noAdvanceDue" });
  });

  it("once refused, with the reason, frees its seats for a new request", async () => {
    const pw = await paymentWorld();
    await confirmTrainees(pw, 5);
    const m = await request(pw, "advance");
    expect(await refuseMilestone(pw.db, pw.finance, { milestoneId: m.milestoneId, reason: " " })).toMatchObject({ ok: false, kind: "validation", fieldErrors: { reason: ["payment.decide.reasonRequired"] } });
    expect((await milestoneRow(pw, m.milestoneId)).status).toBe("requested");
    value(await refuseMilestone(pw.db, pw.finance, { milestoneId: m.milestoneId, reason: "入班名单与签到不符" }));
    expect(await milestoneRow(pw, m.milestoneId)).toMatchObject({ status: "refused", refusal_reason: "入班名单与签到不符" });
    expect(await refuseMilestone(pw.db, pw.finance, { milestoneId: m.milestoneId, reason: "再次驳回" })).toMatchObject({ ok: false, message: "payment.errors.notRequested" });
    expect(await approveMilestone(pw.db, pw.finance, { milestoneId: m.milestoneId }, { gateway })).toMatchObject({ ok: false, message: "payment.errors.notRequested" });
    expect(await request(pw, "advance")).toMatchObject({ number: 2, amountFen: 5 * ADVANCE_FEN });
    expect(await notices(pw)).toContain("institution:milestoneRefused");
  });
});

describe("the balance", () => {
  it("is paid per certified trainee, and a contract whose every trainee certifies is paid exactly its value", async () => {
    const pw = await paymentWorld();
    await connectPayout(pw, gateway);
    const all = await confirmTrainees(pw, HEADCOUNT);
    const approve = async (id: string) => expect(value(await approveMilestone(pw.db, pw.finance, { milestoneId: id }, { gateway })).status).toBe("paid");
    await approve((await request(pw, "advance")).milestoneId);
    expect(await requestMilestone(pw.db, pw.member, { contractId: pw.contract.id, kind: "balance" })).toMatchObject({ ok: false, message: "payment.errors.noBalanceDue" });
    await certify(pw, all.slice(0, 10));
    const b1 = await request(pw, "balance");
    // 10 × (¥1,500.05 − ¥450.02) = 10 × ¥1,050.03.
    expect(b1.amountFen).toBe(10 * BALANCE_FEN);
    const held = await pw.db.selectFrom("milestone_trainees").select(["enrolment_id", "amount_fen"]).where("milestone_id", "=", b1.milestoneId).execute();
    expect(held.map((h) => h.enrolment_id).sort()).toEqual(all.slice(0, 10).sort());
    expect(held.every((h) => Number(h.amount_fen) === BALANCE_FEN)).toBe(true);
    await approve(b1.milestoneId);
    await certify(pw, all.slice(10));
    const b2 = await request(pw, "balance");
    expect(b2.amountFen).toBe(15 * BALANCE_FEN);
    await approve(b2.milestoneId);

    const paid = await pw.db.selectFrom("payments").select("amount_fen").where("status", "=", "paid").execute();
    expect(paid.reduce((s, p) => s + Number(p.amount_fen), 0)).toBe(PRICE_FEN * HEADCOUNT);
    const contract = await pw.db.selectFrom("contracts").select("value_fen").where("id", "=", pw.contract.id).executeTakeFirstOrThrow();
    expect(Number(contract.value_fen)).toBe(PRICE_FEN * HEADCOUNT);
    expect(await tenderCommittedAndPaid(pw.db, pw.contract.tenderId)).toEqual({ committedFen: PRICE_FEN * HEADCOUNT, paidFen: PRICE_FEN * HEADCOUNT });
  });

  it("leaves out dropped trainees and those not certified, and a refusal frees its trainees", async () => {
    const pw = await paymentWorld();
    const all = await confirmTrainees(pw, 6);
    await request(pw, "advance");
    await drop(pw, all.slice(0, 2));
    // Two dropped after the advance: no new advance seat.
    expect(await requestMilestone(pw.db, pw.member, { contractId: pw.contract.id, kind: "advance" })).toMatchObject({ ok: false });
    await certify(pw, all.slice(2, 5));
    await pw.db.updateTable("enrolments").set({ progress: "not_certified" }).where("id", "=", all[5]!).execute();
    const b = await request(pw, "balance");
    expect(b.amountFen).toBe(3 * BALANCE_FEN);
    value(await refuseMilestone(pw.db, pw.finance, { milestoneId: b.milestoneId, reason: "证书编号待核实" }));
    expect(await pw.db.selectFrom("milestone_trainees").select("enrolment_id").where("milestone_id", "=", b.milestoneId).execute()).toEqual([]);
    expect((await request(pw, "balance")).amountFen).toBe(3 * BALANCE_FEN);
  });
});

describe("who may request and decide", () => {
  it("answers strangers not found, and lets only the institution request and only finance decide", async () => {
    const pw = await paymentWorld();
    await connectPayout(pw, gateway);
    await confirmTrainees(pw, 3);
    const other = await makeActor(pw.db, { kind: "institution" });
    for (const who of [pw.stranger, other, pw.enterprise]) {
      expect(await requestMilestone(pw.db, who, { contractId: pw.contract.id, kind: "advance" })).toEqual({ ok: false, kind: "notFound" });
      expect(await findContractPayments(pw.db, who, pw.contract.id, { gateway })).toEqual({ ok: false, kind: "notFound" });
    }
    expect(await requestMilestone(pw.db, pw.finance, { contractId: pw.contract.id, kind: "advance" })).toEqual({ ok: false, kind: "forbidden" });
    const m = await request(pw, "advance");
    for (const who of [pw.stranger, pw.enterprise]) {
      expect(await approveMilestone(pw.db, who, { milestoneId: m.milestoneId }, { gateway })).toEqual({ ok: false, kind: "notFound" });
      expect(await findMilestoneEvidence(pw.db, who, m.milestoneId, { gateway })).toEqual({ ok: false, kind: "notFound" });
    }
    for (const who of [pw.officer, pw.member]) {
      expect(await approveMilestone(pw.db, who, { milestoneId: m.milestoneId }, { gateway })).toEqual({ ok: false, kind: "forbidden" });
      expect(await refuseMilestone(pw.db, who, { milestoneId: m.milestoneId, reason: "不予批准" })).toEqual({ ok: false, kind: "forbidden" });
    }
    expect(await findFinanceQueue(pw.db, pw.officer, { gateway })).toEqual({ ok: false, kind: "forbidden" });
    expect((await milestoneRow(pw, m.milestoneId)).status).toBe("requested");
  });

  it("refuses a request under a contract not in force", async () => {
    const pw = await paymentWorld();
    await confirmTrainees(pw, 3);
    await pw.db.updateTable("contracts").set({ status: "terminated" }).where("id", "=", pw.contract.id).execute();
    expect(await requestMilestone(pw.db, pw.member, { contractId: pw.contract.id, kind: "advance" })).toMatchObject({ ok: false, message: "payment.errors.contractNotInForce" });
  });
});

describe("approval", () => {
  it("is refused, with the reason, while the institution's account cannot receive", async () => {
    const pw = await paymentWorld();
    await confirmTrainees(pw, 3);
    const m = await request(pw, "advance");
    expect(await approveMilestone(pw.db, pw.finance, { milestoneId: m.milestoneId }, { gateway })).toMatchObject({ ok: false, kind: "conflict", message: "payment.payout.blocks.noAccount" });
    // An account of the other mode (made under Stripe) cannot receive offline transfers.
    const at = new Date().toISOString();
    await pw.db.insertInto("payout_accounts").values({ organisation_id: pw.contract.institutionId, account_id: "acct_elsewhere", mode: "stripe", can_receive: 1, details_submitted: 1, requirements: null, status_as_of: 0, created_at: at, updated_at: at }).execute();
    expect(await approveMilestone(pw.db, pw.finance, { milestoneId: m.milestoneId }, { gateway })).toMatchObject({ ok: false, message: "payment.payout.blocks.otherMode" });
    await pw.db.updateTable("payout_accounts").set({ mode: "offline", can_receive: 0, details_submitted: 1, requirements: "external_account" }).execute();
    expect(await approveMilestone(pw.db, pw.finance, { milestoneId: m.milestoneId }, { gateway })).toMatchObject({ ok: false, message: 'payment.payout.blocks.requirementsWith|{"requirements":"external_account"}' });
    expect((await milestoneRow(pw, m.milestoneId)).status).toBe("requested");
    expect(await paymentsOf(pw, m.milestoneId)).toEqual([]);
    const queue = value(await findFinanceQueue(pw.db, pw.finance, { gateway }));
    expect(queue.requested).toEqual([expect.objectContaining({ id: m.milestoneId, block: "requirements" })]);
  });

  it("by 50 finance officers at once pays once: one wins, the others are told it was decided", async () => {
    const pw = await paymentWorld();
    await connectPayout(pw, gateway);
    await confirmTrainees(pw, 4);
    const m = await request(pw, "advance");
    let transfers = 0;
    const counting: PaymentGateway = { ...gateway, transfer: async (t) => (transfers++, gateway.transfer(t)) };
    const results = await Promise.all(Array.from({ length: 50 }, () => approveMilestone(pw.db, pw.finance, { milestoneId: m.milestoneId }, { gateway: counting })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual(Array.from({ length: 49 }, () => ({ ok: false, kind: "conflict", message: "payment.errors.notRequested" })));
    expect(transfers).toBe(1);
    expect(await paymentsOf(pw, m.milestoneId)).toHaveLength(1);
    expect((await auditActions(pw, m.milestoneId)).filter((a) => a === "milestone.approve")).toHaveLength(1);
  });

  it("interrupted between the transfer and its record, is finished by the sweep with the same transfer", async () => {
    const pw = await paymentWorld();
    await connectPayout(pw, gateway);
    await confirmTrainees(pw, 2);
    const m = await request(pw, "advance");
    const made: string[] = [];
    const recording: PaymentGateway = {
      ...gateway,
      transfer: async (t) => {
        const o = await gateway.transfer(t);
        if (o.kind === "sent") made.push(o.transferId);
        return o;
      },
    };
    const crashed = value(
      await approveMilestone(pw.db, pw.finance, { milestoneId: m.milestoneId }, {
        gateway: recording,
        afterTransferCall: () => {
          throw new Error("the process died here");
        },
      }),
    );
    expect(crashed.status).toBe("pending");
    expect((await paymentsOf(pw, m.milestoneId))[0]).toMatchObject({ status: "pending", transfer_id: null });
    expect(value(await findFinanceQueue(pw.db, pw.finance, { gateway })).attention).toEqual([expect.objectContaining({ paymentId: crashed.paymentId, status: "pending" })]);
    expect(await sweepPendingPayments(pw.db, { gateway: recording })).toMatchObject({ checked: 1, settled: 1 });
    const [p] = await paymentsOf(pw, m.milestoneId);
    expect(p).toMatchObject({ status: "paid", attempt: 1 });
    // The ledger named the same transfer both times: the same key, one transfer.
    expect(new Set(made)).toEqual(new Set([p!.transfer_id]));
    expect(await sweepPendingPayments(pw.db, { gateway: recording })).toMatchObject({ checked: 0 });
    expect(await retrySending(pw.db, pw.finance, { paymentId: p!.id }, { gateway })).toMatchObject({ ok: false, message: "payment.errors.notPending" });
    expect(await payAgain(pw.db, pw.finance, { milestoneId: m.milestoneId }, { gateway })).toMatchObject({ ok: false, message: "payment.errors.notApproved" });
  });
});

describe("the pages' reads", () => {
  it("show the institution what it may request and why, finance the evidence with masked identity numbers, and audit the reads", async () => {
    const pw = await paymentWorld();
    await connectPayout(pw, gateway);
    const all = await confirmTrainees(pw, 4);
    await certify(pw, all.slice(0, 2));
    const page = value(await findContractPayments(pw.db, pw.member, pw.contract.id, { gateway }));
    expect(page).toMatchObject({ mode: "offline", canRequest: true, payout: { block: null } });
    expect(page.next?.advance).toMatchObject({ seats: 4, amountFen: 4 * ADVANCE_FEN });
    expect(page.next?.balance?.lines).toHaveLength(2);
    expect(page.next?.balance?.lines[0]?.idNumberMasked).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    const bureauPage = value(await findContractPayments(pw.db, pw.officer, pw.contract.id, { gateway }));
    expect(bureauPage).toMatchObject({ canRequest: false, next: null });

    const b = await request(pw, "balance");
    const evidence = value(await findMilestoneEvidence(pw.db, pw.finance, b.milestoneId, { gateway }));
    expect(evidence).toMatchObject({ canDecide: true, enrolments: { confirmed: 4 }, progress: { certified: 2, inTraining: 2 }, payout: { block: null } });
    expect(evidence.trainees.map((t) => t.certificateNumber).sort()).toEqual(all.slice(0, 2).map((id) => `CERT-${id}`).sort());
    expect(JSON.stringify(evidence)).not.toMatch(/\d{17}[\dX]/);
    const reads = await pw.db.selectFrom("audit_log").select(["record_type", "actor_user_id"]).where("action", "=", "trainee.read").execute();
    expect(reads).toEqual(expect.arrayContaining([{ record_type: "contract", actor_user_id: pw.member.userId }, { record_type: "milestone", actor_user_id: pw.finance.userId }]));
    const officerView = value(await findMilestoneEvidence(pw.db, pw.officer, b.milestoneId, { gateway }));
    expect(officerView.canDecide).toBe(false);

    const queue = value(await findFinanceQueue(pw.db, pw.finance, { gateway }));
    expect(queue.totals).toMatchObject({ requestedFen: 2 * BALANCE_FEN, requestedCount: 1, paidFen: 0 });
  });

  it("gives the offline payout account at once, able to receive", async () => {
    const pw = await paymentWorld();
    expect(value(await findPayoutView(pw.db, pw.member, { gateway }))).toEqual({ mode: "offline", account: null, block: "noAccount" });
    const accountId = await connectPayout(pw, gateway);
    expect(accountId).toMatch(/^offline_acct_/);
    expect(value(await findPayoutView(pw.db, pw.member, { gateway }))).toMatchObject({ account: { accountId, canReceive: true }, block: null });
    // Connecting again keeps the one account.
    expect(await connectPayout(pw, gateway)).toBe(accountId);
    expect(await auditActions(pw, pw.contract.institutionId)).toEqual(["payout.connect", "payout.update"]);
  });
});

describe("the budget", () => {
  it("counts contracts in force as committed and settled payments as paid, against the year's allocation", async () => {
    const pw = await paymentWorld();
    await connectPayout(pw, gateway);
    await confirmTrainees(pw, 10);
    const tender = await pw.db.selectFrom("tenders").select("year").where("id", "=", pw.contract.tenderId).executeTakeFirstOrThrow();
    const y = Number(tender.year);
    await pw.db.deleteFrom("yearly_targets").where("year", "=", y).execute();
    expect(await yearBudget(pw.db, y)).toEqual({ year: y, allocatedFen: null, committedFen: PRICE_FEN * HEADCOUNT, paidFen: 0, remainingFen: null });
    await pw.db.insertInto("yearly_targets").values({ year: y, trained_min: 500, high_skilled_min: 100, high_skilled_share_pct: 25, budget_fen: 10_000_000, updated_at: new Date().toISOString() }).execute();
    const m = await request(pw, "advance");
    value(await approveMilestone(pw.db, pw.finance, { milestoneId: m.milestoneId }, { gateway }));
    expect(await tenderCommittedAndPaid(pw.db, pw.contract.tenderId)).toEqual({ committedFen: PRICE_FEN * HEADCOUNT, paidFen: 10 * ADVANCE_FEN });
    // ¥100,000.00 allocated − ¥37,501.25 committed = ¥62,498.75 left.
    expect(await yearBudget(pw.db, y)).toEqual({ year: y, allocatedFen: 10_000_000, committedFen: 3_750_125, paidFen: 450_020, remainingFen: 6_249_875 });
    // The contract's end (terminated) releases its commitment.
    await pw.db.updateTable("contracts").set({ status: "terminated" }).where("id", "=", pw.contract.id).execute();
    expect((await yearBudget(pw.db, y)).committedFen).toBe(0);
  });
});
