import { describe, expect, it } from "vitest";
import { makeActor } from "#tests/factories";
import type { Actor } from "~/modules/access/actor";
import { verifyAuditChain } from "~/modules/audit/verify-audit-chain.server";
import { makeWorld, type World } from "~/modules/tender/test-fixtures.server";
import { confirmRanking } from "./confirm-ranking.server";
import { publishResult } from "./publish-result.server";
import { evaluatedLot, proposedLot } from "./test-fixtures.server";

/**
 * Issue 8, test 8: fifty officers acting on the same lot at the same moment. Exactly one action
 * takes effect; every other gets a conflict result (a message for the page, never an exception),
 * and the audit log holds one entry for the effect.
 */
const ATTEMPTS = 50;

async function officers(w: World, n: number): Promise<Actor[]> {
  const out: Actor[] = [];
  for (let i = 0; i < n; i++) out.push(await makeActor(w.db, { kind: "bureau", roles: ["officer"] }));
  return out;
}

async function auditCount(w: World, action: string, recordId: string): Promise<number> {
  const rows = await w.db.selectFrom("audit_log").select("seq").where("action", "=", action).where("record_id", "=", recordId).execute();
  return rows.length;
}

describe("awards under fifty simultaneous officers", () => {
  it("confirming the ranking: one set of awards, 49 conflicts saying it is already confirmed", async () => {
    const w = await makeWorld();
    const lot = await evaluatedLot(w, [{ priceFen: 150_000, capacity: 12 }, 160_000, 170_000]);
    const team = await officers(w, ATTEMPTS);

    const results = await Promise.all(team.map((o) => confirmRanking(w.db, o, { lotId: lot.lotId, round: 1 })));

    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual(Array.from({ length: ATTEMPTS - 1 }, () => ({ ok: false, kind: "conflict", message: "award.errors.alreadyConfirmed" })));
    const awards = await w.db.selectFrom("awards").select(["bid_id", "headcount", "status"]).where("lot_id", "=", lot.lotId).orderBy("rank").execute();
    // The ranking split once down the ranking (demands kept whole): the lot's 25 seats, nothing twice.
    expect(awards.map((a) => [a.bid_id, a.status])).toEqual([
      [lot.bidIds[0], "proposed"],
      [lot.bidIds[1], "proposed"],
    ]);
    expect(awards.reduce((s, a) => s + a.headcount, 0)).toBe(25);
    expect((await w.db.selectFrom("lots").select("status").where("id", "=", lot.lotId).executeTakeFirstOrThrow()).status).toBe("award_pending");
    expect(await auditCount(w, "lot.confirmRanking", lot.lotId)).toBe(1);
    expect((await verifyAuditChain(w.db)).ok).toBe(true);
  });

  it("publishing the result: published once, with one set of windows; 49 conflicts saying it is already published", async () => {
    const w = await makeWorld();
    const lot = await proposedLot(w, [{ priceFen: 150_000, capacity: 12 }, 160_000, 170_000]);
    const team = await officers(w, ATTEMPTS);

    const results = await Promise.all(team.map((o) => publishResult(w.db, o, lot.lotId)));

    const winners = results.filter((r) => r.ok);
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual(Array.from({ length: ATTEMPTS - 1 }, () => ({ ok: false, kind: "conflict", message: "award.errors.alreadyPublished" })));
    const awards = await w.db.selectFrom("awards").select(["status", "published_at", "objection_deadline"]).where("lot_id", "=", lot.lotId).execute();
    expect(awards).toHaveLength(2);
    expect(new Set(awards.map((a) => `${a.status} ${a.published_at} ${a.objection_deadline}`)).size).toBe(1);
    expect(awards[0]!.published_at).not.toBeNull();
    expect((await w.db.selectFrom("lots").select("status").where("id", "=", lot.lotId).executeTakeFirstOrThrow()).status).toBe("award_published");
    expect(await auditCount(w, "lot.publishResult", lot.lotId)).toBe(1);
    // Each bidder is told once, not once per attempt.
    const told = await w.db.selectFrom("notifications").select("organisation_id").where("kind", "=", "resultPublished").execute();
    expect(told.length).toBe(new Set(told.map((n) => n.organisation_id)).size);
    expect((await verifyAuditChain(w.db)).ok).toBe(true);
  });
});
