import { describe, expect, it } from "vitest";
import { makeActor } from "#tests/factories";
import { verifyAuditChain } from "~/modules/audit/verify-audit-chain.server";
import { DEADLINE, makeWorld, setNow } from "~/modules/tender/test-fixtures.server";
import { findBiddingPage, listPastBidsForInstitution, reconfirmBid, saveBid, withdrawBid } from "./bids.server";
import { checkCompliance } from "./check-compliance.server";
import { openLot } from "./open-lot.server";
import { bidContent, institutions, PLAN, publishedLot } from "./test-fixtures.server";

const content = bidContent;

const ms = (d: Date, delta: number) => new Date(d.getTime() + delta);

describe("sealed bidding", () => {
  it("accepts a bid 1 ms before the deadline and refuses one 1 ms after", async () => {
    const w = await makeWorld();
    const { lotId } = await publishedLot(w);
    const [a, b] = await institutions(w, 2);
    setNow(ms(DEADLINE, -1));
    expect((await saveBid(w.db, a!, { lotId, intent: "submit", content: content(150_000) })).ok).toBe(true);
    setNow(ms(DEADLINE, 1));
    expect(await saveBid(w.db, b!, { lotId, intent: "submit", content: content(150_000) })).toEqual({
      ok: false,
      kind: "conflict",
      message: "bidding.errors.deadlinePassed",
    });
    setNow(DEADLINE);
    expect((await saveBid(w.db, b!, { lotId, intent: "submit", content: content(150_000) })).ok).toBe(false);
  });

  it("keeps content sealed in the database and readable only by its author", async () => {
    const w = await makeWorld();
    const { lotId } = await publishedLot(w);
    const [a, b] = await institutions(w, 2);
    const saved = await saveBid(w.db, a!, { lotId, intent: "submit", content: content(163_450) });
    if (!saved.ok) throw new Error("submit failed");
    expect(saved.value.receiptHash).toMatch(/^[0-9a-f]{64}$/);
    const row = await w.db.selectFrom("bids").selectAll().where("id", "=", saved.value.bidId).executeTakeFirstOrThrow();
    expect(row.price_fen).toBeNull();
    expect(row.capacity).toBeNull();
    expect(JSON.stringify(row)).not.toContain("163450");
    expect(JSON.stringify(row)).not.toContain(PLAN);
    const audit = await w.db.selectFrom("audit_log").select(["before_json", "after_json"]).execute();
    expect(JSON.stringify(audit)).not.toContain("163450");
    // The author reads it back; another institution sees only its own (none); the bureau has no such use case.
    const mine = await findBiddingPage(w.db, a!, lotId);
    expect(mine.ok && mine.value.bid?.content.priceFen).toBe(163_450);
    const theirs = await findBiddingPage(w.db, b!, lotId);
    expect(theirs.ok && theirs.value.bid).toBeNull();
    expect(await findBiddingPage(w.db, w.officer, lotId)).toMatchObject({ ok: false, kind: "forbidden" });
  });

  it("refuses an institution without a covering accreditation, with the reason", async () => {
    const w = await makeWorld();
    const { lotId } = await publishedLot(w);
    const stranger = await makeActor(w.db, { kind: "institution" });
    expect(await saveBid(w.db, stranger, { lotId, intent: "submit", content: content(150_000) })).toMatchObject({
      ok: false,
      message: "bidding.eligibility.noAccreditation",
    });
    expect(await w.db.selectFrom("bids").select("id").execute()).toEqual([]);
  });

  it("replaces and withdraws before the deadline, one live bid per institution", async () => {
    const w = await makeWorld();
    const { lotId } = await publishedLot(w);
    const [a] = await institutions(w, 1);
    const first = await saveBid(w.db, a!, { lotId, intent: "submit", content: content(170_000) });
    const second = await saveBid(w.db, a!, { lotId, intent: "submit", content: content(160_000) });
    if (!first.ok || !second.ok) throw new Error("submit failed");
    expect(second.value.bidId).toBe(first.value.bidId);
    expect(second.value.receiptHash).not.toBe(first.value.receiptHash);
    expect((await withdrawBid(w.db, a!, { bidId: first.value.bidId })).ok).toBe(true);
    const rows = await w.db.selectFrom("bids").select("status").execute();
    expect(rows).toEqual([{ status: "withdrawn" }]);
    expect((await verifyAuditChain(w.db)).ok).toBe(true);
  });

  it("opens at the deadline: drafts discarded, receipts checked, record public and written once", async () => {
    const w = await makeWorld();
    const { tenderId, lotId } = await publishedLot(w);
    const [a, b, c, d] = await institutions(w, 4);
    for (const [inst, price] of [
      [a, 150_000],
      [b, 160_000],
      [c, 170_000],
    ] as const) {
      expect((await saveBid(w.db, inst!, { lotId, intent: "submit", content: content(price) })).ok).toBe(true);
    }
    expect((await saveBid(w.db, d!, { lotId, intent: "draft", content: content(140_000) })).ok).toBe(true);
    expect(await openLot(w.db, w.officer, lotId)).toMatchObject({ ok: false, message: "bidding.errors.notYetDeadline" });
    setNow(ms(DEADLINE, 1000));
    const [one, two] = await Promise.all([openLot(w.db, w.officer, lotId), openLot(w.db, null, lotId)]);
    const opened = one.ok ? one : two;
    expect([one.ok, two.ok].filter(Boolean)).toHaveLength(1);
    if (!opened.ok) throw new Error("no opening");
    expect(opened.value.outcome).toBe("proceed");
    expect(opened.value.discardedDrafts).toBe(1);
    expect(opened.value.lines.map((l) => [l.institutionName, l.priceFen, l.receiptOk, l.counted])).toEqual([
      ["投标机构1", 150_000, true, true],
      ["投标机构2", 160_000, true, true],
      ["投标机构3", 170_000, true, true],
    ]);
    expect(await w.db.selectFrom("lot_openings").select("lot_id").execute()).toHaveLength(1);
    // Each bidder finds its own opened bid in its list (where it follows the result); the
    // institution whose draft was discarded finds nothing.
    expect((await listPastBidsForInstitution(w.db, a!)).map((p) => [p.lotId, p.bidStatus, p.lotStatus])).toEqual([[lotId, "submitted", "opened"]]);
    expect(await listPastBidsForInstitution(w.db, d!)).toEqual([]);
    expect((await w.db.selectFrom("tenders").select("status").where("id", "=", tenderId).executeTakeFirstOrThrow()).status).toBe("opened");
    expect((await w.db.selectFrom("bids").select("status").where("institution_id", "=", d!.orgId).executeTakeFirstOrThrow()).status).toBe("discarded");
  });

  it("marks a lot with too few valid bids unsuccessful and returns its demand to the pool", async () => {
    const w = await makeWorld();
    const { lotId } = await publishedLot(w);
    const [a, b] = await institutions(w, 2);
    await saveBid(w.db, a!, { lotId, intent: "submit", content: content(150_000) });
    await saveBid(w.db, b!, { lotId, intent: "submit", content: content(150_000) });
    setNow(ms(DEADLINE, 1));
    const r = await openLot(w.db, null, lotId);
    expect(r.ok && r.value.outcome).toBe("unsuccessful");
    const lot = await w.db.selectFrom("lots").select("status").where("id", "=", lotId).executeTakeFirstOrThrow();
    expect(lot.status).toBe("unsuccessful");
    const demands = await w.db.selectFrom("demands").select(["status", "lot_id"]).execute();
    expect(demands.every((d) => d.status === "pooled" && d.lot_id === null)).toBe(true);
  });

  it("does not count a bid that was not re-confirmed after a material amendment", async () => {
    const w = await makeWorld();
    const { tenderId, lotId } = await publishedLot(w);
    const [a, b, c] = await institutions(w, 3);
    const bids = [];
    for (const inst of [a, b, c]) bids.push(await saveBid(w.db, inst!, { lotId, intent: "submit", content: content(150_000) }));
    setNow(ms(DEADLINE, -3 * 24 * 3600 * 1000));
    await w.db.updateTable("tenders").set({ last_material_amendment_at: new Date(ms(DEADLINE, -3 * 24 * 3600 * 1000)).toISOString() }).where("id", "=", tenderId).execute();
    const page = await findBiddingPage(w.db, a!, lotId);
    expect(page.ok && page.value.bid?.needsReconfirmation).toBe(true);
    setNow(ms(DEADLINE, -1000));
    for (const [inst, bid] of [
      [a, bids[0]],
      [b, bids[1]],
    ] as const) {
      if (!bid?.ok) throw new Error("submit failed");
      expect((await reconfirmBid(w.db, inst!, { bidId: bid.value.bidId })).ok).toBe(true);
    }
    setNow(ms(DEADLINE, 1));
    const r = await openLot(w.db, w.officer, lotId);
    if (!r.ok) throw new Error("open failed");
    expect(r.value.lines.map((l) => l.reason)).toEqual([null, null, "notReconfirmed"]);
    expect(r.value.outcome).toBe("unsuccessful");
  });
});

describe("compliance after opening", () => {
  it("marks counted bids valid or rejected with a reason, only by the officer, only once opened", async () => {
    const w = await makeWorld();
    const { lotId } = await publishedLot(w);
    const [a, b, c] = await institutions(w, 3);
    const ids: string[] = [];
    for (const [inst, price] of [
      [a, 150_000],
      [b, 160_000],
      [c, 170_000],
    ] as const) {
      const r = await saveBid(w.db, inst!, { lotId, intent: "submit", content: content(price) });
      if (!r.ok) throw new Error("submit failed");
      ids.push(r.value.bidId);
    }
    expect(await checkCompliance(w.db, w.officer, { bidId: ids[0]!, decision: "valid", expectedStatus: "submitted" })).toMatchObject({
      ok: false,
      message: "bidding.compliance.lotNotOpened",
    });
    setNow(ms(DEADLINE, 1));
    await openLot(w.db, w.officer, lotId);
    expect(await checkCompliance(w.db, w.evaluators[0]!, { bidId: ids[0]!, decision: "valid", expectedStatus: "submitted" })).toMatchObject({ kind: "forbidden" });
    expect(await checkCompliance(w.db, w.officer, { bidId: ids[1]!, decision: "rejected", expectedStatus: "submitted" })).toMatchObject({
      kind: "validation",
    });
    expect(await checkCompliance(w.db, w.officer, { bidId: ids[0]!, decision: "valid", expectedStatus: "submitted" })).toEqual({ ok: true, value: { status: "valid" } });
    expect(await checkCompliance(w.db, w.officer, { bidId: ids[1]!, decision: "rejected", reason: "资质证书已过期", expectedStatus: "submitted" })).toEqual({
      ok: true,
      value: { status: "rejected" },
    });
    // A stale page (the officer saw "submitted") is refused; a revision from the true state works.
    expect(await checkCompliance(w.db, w.officer, { bidId: ids[1]!, decision: "valid", expectedStatus: "submitted" })).toMatchObject({ kind: "conflict" });
    expect((await checkCompliance(w.db, w.officer, { bidId: ids[1]!, decision: "valid", expectedStatus: "rejected" })).ok).toBe(true);
    const rows = await w.db.selectFrom("bids").select(["id", "status", "rejection_reason"]).where("lot_id", "=", lotId).execute();
    expect(rows.find((r) => r.id === ids[0])).toMatchObject({ status: "valid", rejection_reason: null });
    expect(rows.find((r) => r.id === ids[1])).toMatchObject({ status: "valid", rejection_reason: null });
    const actions = (await w.db.selectFrom("audit_log").select("action").where("record_type", "=", "bid").orderBy("seq").execute()).map((x) => x.action);
    expect(actions.filter((x) => x === "bid.markValid" || x === "bid.reject")).toEqual(["bid.markValid", "bid.reject", "bid.markValid"]);
    expect((await verifyAuditChain(w.db)).ok).toBe(true);
  });
});
