import { describe, expect, it } from "vitest";
import { makeActor } from "#tests/factories";
import { verifyAuditChain } from "~/modules/audit/verify-audit-chain.server";
import { closeObjections } from "~/modules/award/close-objections.server";
import { after, publishedResult, type LotOptions } from "~/modules/award/test-fixtures.server";
import { makeWorld, setNow, type World } from "~/modules/tender/test-fixtures.server";
import { lapseContract, lapseOverdueContracts } from "./lapse-contracts.server";
import { findContract, listContracts } from "./queries.server";
import { signContract } from "./sign-contract.server";

/** Signing is due by the end of Monday 1 February 2027 (30 D after the close at 00:00 on 2 January, Shanghai). */
const SIGN_DUE = new Date("2027-02-01T15:59:59.999Z");

type Bids = Parameters<typeof publishedResult>[1];

/** A lot whose objection window closed with nothing pending: contracts pending signature. */
async function contracted(w: World, bids: Bids = [{ priceFen: 150_000, capacity: 12 }, 160_000, 170_000], o: LotOptions = {}) {
  const lot = await publishedResult(w, bids, o);
  after(lot.objectionDeadline, 1);
  const r = await closeObjections(w.db, w.officer, lot.lotId);
  if (!r.ok) throw new Error(JSON.stringify(r));
  const contracts = await w.db.selectFrom("contracts").selectAll().orderBy("reference").execute();
  return { ...lot, contracts };
}

async function contractStatus(w: World, id: string) {
  return (await w.db.selectFrom("contracts").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status;
}

describe("signing a contract", () => {
  it("becomes active once the bureau and the institution have each signed once", async () => {
    const w = await makeWorld();
    const lot = await contracted(w);
    const c = lot.contracts[0]!;
    const member = lot.bidders[0]!;
    expect(await signContract(w.db, w.officer, { contractId: c.id })).toEqual({ ok: true, value: { side: "bureau", status: "pending_signature" } });
    expect(await signContract(w.db, w.officer, { contractId: c.id })).toMatchObject({ ok: false, message: "award.contracts.errors.alreadySigned" });
    const view = await findContract(w.db, member, c.id);
    expect(view).toMatchObject({ ok: true, value: { canSign: "institution", bureauSignedAt: expect.any(String), institutionSignedAt: null } });
    expect(await signContract(w.db, member, { contractId: c.id })).toEqual({ ok: true, value: { side: "institution", status: "active" } });
    expect(await contractStatus(w, c.id)).toBe("active");
    expect(await signContract(w.db, member, { contractId: c.id })).toMatchObject({ ok: false, message: "award.contracts.errors.notPending" });
    const kinds = (await w.db.selectFrom("notifications").select("kind").where("kind", "like", "contract%").execute()).map((n) => n.kind).sort();
    expect(kinds).toEqual(["contractActive", "contractActive", "contractCreated", "contractCreated", "contractSignedByOther"]);
    const log = (await w.db.selectFrom("audit_log").select("action").where("record_id", "=", c.id).orderBy("seq").execute()).map((a) => a.action);
    expect(log).toEqual(["contract.create", "contract.sign", "contract.sign", "contract.activate"]);
    expect((await verifyAuditChain(w.db)).ok).toBe(true);
  });

  it("is refused to another institution, to bureau staff who are not officers, and to strangers", async () => {
    const w = await makeWorld();
    const lot = await contracted(w);
    const c = lot.contracts[0]!;
    // The other winner and a losing bidder: the contract is not theirs to see.
    for (const who of [lot.bidders[1]!, lot.bidders[2]!, w.enterprise, await makeActor(w.db, { kind: "institution" })]) {
      expect(await signContract(w.db, who, { contractId: c.id })).toEqual({ ok: false, kind: "notFound" });
      expect(await findContract(w.db, who, c.id)).toEqual({ ok: false, kind: "notFound" });
    }
    expect(await signContract(w.db, w.evaluators[0]!, { contractId: c.id })).toEqual({ ok: false, kind: "forbidden" });
    expect(await signContract(w.db, w.admin, { contractId: c.id })).toEqual({ ok: false, kind: "forbidden" });
    const row = await w.db.selectFrom("contracts").select(["bureau_signed_at", "institution_signed_at"]).where("id", "=", c.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ bureau_signed_at: null, institution_signed_at: null });
  });

  it("is refused after the signing deadline and while an objection on the lot is pending", async () => {
    const w = await makeWorld();
    const lot = await contracted(w);
    const c = lot.contracts[0]!;
    await w.db
      .insertInto("objections")
      .values({
        id: "obj-late",
        lot_id: lot.lotId,
        award_id: null,
        institution_id: lot.bidders[2]!.orgId,
        lodged_by: lot.bidders[2]!.userId,
        grounds: "评审过程存在程序问题，请予复核。",
        lodged_at: c.created_at,
        answer_due_at: SIGN_DUE.toISOString(),
        status: "pending",
        outcome: null,
        answer: null,
        answered_at: null,
        answered_by: null,
      })
      .execute();
    expect(await signContract(w.db, w.officer, { contractId: c.id })).toMatchObject({ ok: false, message: "award.contracts.errors.objectionPending" });
    await w.db.updateTable("objections").set({ status: "dismissed", answer: "不成立", answered_at: c.created_at }).execute();
    setNow(SIGN_DUE);
    expect((await signContract(w.db, w.officer, { contractId: c.id })).ok).toBe(true);
    after(SIGN_DUE, 1);
    expect(await signContract(w.db, lot.bidders[0]!, { contractId: c.id })).toMatchObject({ ok: false, message: "award.contracts.errors.overdue" });
  });
});

describe("a contract left unsigned", () => {
  it("lapses, and the next-ranked bid gets the award and a contract", async () => {
    const w = await makeWorld();
    // Capacities 12, 20, 25: rank 1 takes the demand of 10, rank 2 the 15; rank 3 waits.
    const lot = await contracted(w);
    const first = lot.contracts.find((c) => c.institution_id === lot.bidders[0]!.orgId)!;
    await signContract(w.db, w.officer, { contractId: lot.contracts[1]!.id });
    await signContract(w.db, lot.bidders[1]!, { contractId: lot.contracts[1]!.id });
    setNow(SIGN_DUE);
    expect(await lapseOverdueContracts(w.db)).toBe(0);
    after(SIGN_DUE, 1);
    const [one, two] = await Promise.all([lapseOverdueContracts(w.db), lapseContract(w.db, first.id)]);
    expect(one + (two.ok ? 1 : 0)).toBe(1);

    expect(await contractStatus(w, first.id)).toBe("lapsed");
    const oldAward = await w.db.selectFrom("awards").select(["status"]).where("id", "=", first.award_id).executeTakeFirstOrThrow();
    expect(oldAward.status).toBe("lapsed");
    const oldBid = await w.db.selectFrom("bids").select(["status", "excluded_reason"]).where("id", "=", lot.bidIds[0]!).executeTakeFirstOrThrow();
    expect(oldBid).toEqual({ status: "not_awarded", excluded_reason: "lapsed" });

    const replacement = await w.db.selectFrom("awards").selectAll().where("replaces_award_id", "=", first.award_id).execute();
    expect(replacement.map((a) => [a.bid_id, a.status, a.headcount, Number(a.value_fen), a.rank])).toEqual([[lot.bidIds[2], "confirmed", 10, 1_700_000, 3]]);
    expect((await w.db.selectFrom("bids").select("status").where("id", "=", lot.bidIds[2]!).executeTakeFirstOrThrow()).status).toBe("awarded");
    const fresh = await w.db.selectFrom("contracts").selectAll().where("award_id", "=", replacement[0]!.id).executeTakeFirstOrThrow();
    // Created at the lapse (00:00:00.000 on 2 February, Shanghai): 30 D → the end of 4 March 2027.
    expect(fresh).toMatchObject({ status: "pending_signature", reference: "HT-2027-0003", institution_id: lot.bidders[2]!.orgId, headcount: 10, sign_due_at: "2027-03-04T15:59:59.999Z" });
    const told = await w.db.selectFrom("notifications").select(["organisation_id", "kind"]).where("kind", "in", ["awardedAfterLapse", "contractLapsed"]).execute();
    expect(told).toEqual(
      expect.arrayContaining([
        { organisation_id: lot.bidders[2]!.orgId, kind: "awardedAfterLapse" },
        { organisation_id: lot.bidders[0]!.orgId, kind: "contractLapsed" },
        { organisation_id: w.officer.orgId, kind: "contractLapsed" },
      ]),
    );
    // The signed contract is untouched; the demand stays contracted.
    expect(await contractStatus(w, lot.contracts[1]!.id)).toBe("active");
    expect((await w.db.selectFrom("demands").select("status").execute()).map((d) => d.status)).toEqual(["contracted", "contracted"]);
    expect((await verifyAuditChain(w.db)).ok).toBe(true);
  });

  it("lets its demand go when no bid can take it", async () => {
    const w = await makeWorld();
    const lot = await contracted(w, [{ priceFen: 150_000, capacity: 25 }, 160_000, 170_000], { rejected: [1, 2] });
    after(SIGN_DUE, 1);
    const r = await lapseContract(w.db, lot.contracts[0]!.id);
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(r.value.replacements).toEqual([]);
    expect(await w.db.selectFrom("awards").select("id").where("replaces_award_id", "is not", null).execute()).toEqual([]);
    expect([...r.value.releasedDemandIds].sort()).toEqual([...lot.demandIds].sort());
    expect(r.value.strandedDemandIds).toEqual([]);
    const demands = await w.db.selectFrom("demands").select(["id", "status", "lot_id"]).where("id", "in", lot.demandIds).execute();
    for (const d of demands) expect(d).toMatchObject({ status: "pooled", lot_id: null });
  });
});

describe("reading contracts", () => {
  it("shows the bureau every contract, an institution its own, and nobody else any", async () => {
    const w = await makeWorld();
    const lot = await contracted(w);
    const all = await listContracts(w.db, w.officer);
    expect(all.ok && all.value.rows.map((r) => r.reference)).toEqual(["HT-2027-0002", "HT-2027-0001"]);
    const own = await listContracts(w.db, lot.bidders[0]!);
    expect(own.ok && own.value.rows.map((r) => r.institutionName)).toEqual(["投标机构1"]);
    const loser = await listContracts(w.db, lot.bidders[2]!);
    expect(loser.ok && loser.value.rows).toEqual([]);
    expect(await listContracts(w.db, w.enterprise)).toEqual({ ok: false, kind: "forbidden" });
    const active = await listContracts(w.db, w.officer, { status: "active" });
    expect(active.ok && active.value.total).toBe(0);

    const detail = await findContract(w.db, w.officer, lot.contracts[0]!.id);
    if (!detail.ok) throw new Error("no detail");
    expect(detail.value).toMatchObject({ headcount: 10, valueFen: 1_500_000, canSign: "bureau", demands: [{ enterpriseName: "测试精工有限公司", headcount: 10 }] });
    expect(JSON.stringify(detail.value)).not.toMatch(/id_number|phone/);
  });
});
