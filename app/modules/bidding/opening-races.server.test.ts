import { describe, expect, it } from "vitest";
import { makeActor } from "#tests/factories";
import type { Actor } from "~/modules/access/actor";
import { verifyAuditChain } from "~/modules/audit/verify-audit-chain.server";
import { DEADLINE, makeWorld, setNow } from "~/modules/tender/test-fixtures.server";
import { saveBid } from "./bids.server";
import { openLot } from "./open-lot.server";
import { bidContent, institutions, msAfter, publishedLot } from "./test-fixtures.server";

/**
 * Issue 8, test 8: fifty openings of the same lot at the same moment — officers clicking "open"
 * and the automatic opening on a visitor's first look after the deadline. One opening record, one
 * decryption's worth of prices, 49 conflict results.
 */
const ATTEMPTS = 50;

describe("opening a lot under fifty simultaneous attempts", () => {
  it("opens it once: one record, one audit entry, the lot moved once; the others are told it is already opened", async () => {
    const w = await makeWorld();
    const { lotId } = await publishedLot(w);
    const bidders = await institutions(w, 3);
    for (const [i, b] of bidders.entries()) {
      const r = await saveBid(w.db, b, { lotId, intent: "submit", content: bidContent(150_000 + i * 10_000) });
      expect(r.ok).toBe(true);
    }
    // Half the attempts are distinct officers, half the automatic opening (no actor).
    const officers: Actor[] = [];
    for (let i = 0; i < ATTEMPTS / 2; i++) officers.push(await makeActor(w.db, { kind: "bureau", roles: ["officer"] }));
    setNow(msAfter(DEADLINE, 1000));

    const results = await Promise.all(Array.from({ length: ATTEMPTS }, (_, i) => openLot(w.db, i % 2 === 0 ? officers[i / 2]! : null, lotId)));

    const opened = results.filter((r) => r.ok);
    expect(opened).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual(Array.from({ length: ATTEMPTS - 1 }, () => ({ ok: false, kind: "conflict", message: "bidding.errors.alreadyOpened" })));
    const record = opened[0]!.ok ? opened[0]!.value : null;
    expect(record?.lines.map((l) => l.priceFen)).toEqual([150_000, 160_000, 170_000]);
    expect(await w.db.selectFrom("lot_openings").select("lot_id").where("lot_id", "=", lotId).execute()).toHaveLength(1);
    expect(await w.db.selectFrom("audit_log").select("seq").where("action", "=", "lot.open").where("record_id", "=", lotId).execute()).toHaveLength(1);
    expect((await w.db.selectFrom("lots").select("status").where("id", "=", lotId).executeTakeFirstOrThrow()).status).not.toBe("open");
    const bids = await w.db.selectFrom("bids").select(["status", "price_fen"]).where("lot_id", "=", lotId).orderBy("price_fen").execute();
    expect(bids.map((b) => [b.status, Number(b.price_fen)])).toEqual([
      ["submitted", 150_000],
      ["submitted", 160_000],
      ["submitted", 170_000],
    ]);
    expect((await verifyAuditChain(w.db)).ok).toBe(true);
  });
});
