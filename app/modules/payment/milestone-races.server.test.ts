import { describe, expect, it } from "vitest";
import { makeActor } from "#tests/factories";
import type { Actor } from "~/modules/access/actor";
import { verifyAuditChain } from "~/modules/audit/verify-audit-chain.server";
import { approveMilestone, refuseMilestone } from "./decide-milestone.server";
import { offlineGateway, type PaymentGateway } from "./gateway.server";
import { requestMilestone } from "./request-milestone.server";
import { auditActions, confirmTrainees, connectPayout, milestoneRow, paymentsOf, paymentWorld } from "./test-fixtures.server";

/**
 * Issue 8, test 8: fifty finance officers decide the same requested milestone at the same moment,
 * half approving and half refusing. Exactly one decision stands; the others are told the milestone
 * is no longer waiting for a decision, and at most one transfer is asked for.
 */
const ATTEMPTS = 50;

describe("a milestone decided by fifty finance officers at once", () => {
  it("takes one decision: one audit entry, one payment if it was the approval, none if the refusal; 49 conflicts", async () => {
    const pw = await paymentWorld();
    const gateway = offlineGateway();
    await connectPayout(pw, gateway);
    await confirmTrainees(pw, 4);
    const requested = await requestMilestone(pw.db, pw.member, { contractId: pw.contract.id, kind: "advance" });
    if (!requested.ok) throw new Error(JSON.stringify(requested));
    const milestoneId = requested.value.milestoneId;
    const team: Actor[] = [];
    for (let i = 0; i < ATTEMPTS; i++) team.push(await makeActor(pw.db, { kind: "bureau", roles: ["finance"] }));
    let transfers = 0;
    const counting: PaymentGateway = { ...gateway, transfer: async (t) => (transfers++, gateway.transfer(t)) };

    const results = await Promise.all(
      team.map((f, i) =>
        i % 2 === 0 ? approveMilestone(pw.db, f, { milestoneId }, { gateway: counting }) : refuseMilestone(pw.db, f, { milestoneId, reason: "培训签到表与名单不符" }),
      ),
    );

    const winners = results.map((r, i) => ({ r, i })).filter(({ r }) => r.ok);
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual(Array.from({ length: ATTEMPTS - 1 }, () => ({ ok: false, kind: "conflict", message: "payment.errors.notRequested" })));
    const approved = winners[0]!.i % 2 === 0;
    const row = await milestoneRow(pw, milestoneId);
    expect(row.decided_by).toBe(team[winners[0]!.i]!.userId);
    const decisions = (await auditActions(pw, milestoneId)).filter((a) => a === "milestone.approve" || a === "milestone.refuse");
    if (approved) {
      expect(["approved", "paid"]).toContain(row.status);
      expect(decisions).toEqual(["milestone.approve"]);
      expect(await paymentsOf(pw, milestoneId)).toHaveLength(1);
      expect(transfers).toBe(1);
    } else {
      expect(row.status).toBe("refused");
      expect(decisions).toEqual(["milestone.refuse"]);
      expect(await paymentsOf(pw, milestoneId)).toHaveLength(0);
      expect(transfers).toBe(0);
    }
    expect((await verifyAuditChain(pw.db)).ok).toBe(true);
  });
});
