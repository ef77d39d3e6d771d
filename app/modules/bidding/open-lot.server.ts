import type { DB } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { can } from "~/modules/access/policy";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { rulesFromRows } from "~/modules/reference/procurement-rules";
import { releaseLotDemand } from "~/modules/tender/release-lot-demand.server";
import { LOT_LIFECYCLE } from "~/modules/tender/lifecycle";
import { applyEvent } from "~/utils/lifecycle";
import { syncTenderStatus } from "~/modules/tender/sync-tender-status.server";
import { now } from "~/utils/clock.server";
import { conflict, forbiddenResult, notFoundResult, ok, type Result } from "~/utils/result";
import { needsReconfirmation, type BidContent } from "./content";
import { sealKeys } from "./keys.server";
import { openContent, receiptHash } from "./seal.server";

/** One line of the public, immutable opening record (DESIGN.md "Opening"). */
export interface OpeningLine {
  bidId: string;
  institutionId: string;
  institutionName: string;
  priceFen: number | null;
  capacity: number | null;
  submittedAt: string;
  receiptOk: boolean;
  counted: boolean;
  /** Why a bid does not count: its seal or receipt failed, or it was not re-confirmed. */
  reason: "sealBroken" | "receiptMismatch" | "notReconfirmed" | null;
}

export interface OpeningRecord {
  lotId: string;
  openedAt: string;
  deadline: string;
  minValidBids: number;
  lines: OpeningLine[];
  discardedDrafts: number;
  outcome: "proceed" | "unsuccessful";
}

/**
 * Opens a lot at or after its deadline: drafts are discarded, sealed bids decrypted and their
 * receipts checked, the opening record written once, and a lot with too few valid bids becomes
 * unsuccessful with its demand back in the pool. An officer may open it; `actor` null is the
 * automatic opening on first access after the deadline. Only one opening ever happens: the lot's
 * status is compared and set inside the transaction.
 */
export async function openLot(db: DB, actor: Actor | null, lotId: string): Promise<Result<OpeningRecord>> {
  if (actor && !can(actor, "lot.open")) return forbiddenResult;
  const keys = sealKeys().all;
  return db.transaction().execute(async (trx) => {
    const lot = await trx
      .selectFrom("lots as l")
      .innerJoin("tenders as t", "t.id", "l.tender_id")
      .select(["l.id", "l.status", "l.tender_id", "t.status as tender_status", "t.bid_deadline", "t.regime", "t.min_valid_bids", "t.last_material_amendment_at"])
      .where("l.id", "=", lotId)
      .executeTakeFirst();
    if (!lot || !lot.bid_deadline) return notFoundResult;
    if (lot.status !== "open" || lot.tender_status !== "published") return conflict("bidding.errors.alreadyOpened");
    const t = now();
    if (t.getTime() < Date.parse(lot.bid_deadline)) return conflict("bidding.errors.notYetDeadline");
    const at = t.toISOString();

    const rules = rulesFromRows(await trx.selectFrom("procurement_rules").select(["key", "value", "unit"]).where("regime", "=", lot.regime).execute());
    const minValidBids = Math.max(lot.min_valid_bids, rules.min_valid_bids.value);

    const opening = applyEvent(LOT_LIFECYCLE, lot.status, "open");
    if (!opening.ok) return conflict("bidding.errors.alreadyOpened");
    const claimed = await trx.updateTable("lots").set({ status: opening.to, updated_at: at }).where("id", "=", lotId).where("status", "=", lot.status).executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return conflict("bidding.errors.alreadyOpened");

    const drafts = await trx.updateTable("bids").set({ status: "discarded", updated_at: at }).where("lot_id", "=", lotId).where("status", "=", "draft").executeTakeFirst();

    const bids = await trx
      .selectFrom("bids as b")
      .innerJoin("organisations as o", "o.id", "b.institution_id")
      .select(["b.id", "b.institution_id", "o.name", "b.ciphertext", "b.iv", "b.tag", "b.key_id", "b.receipt_hash", "b.submitted_at", "b.confirmed_at"])
      .where("b.lot_id", "=", lotId)
      .where("b.status", "=", "submitted")
      .orderBy("b.submitted_at")
      .orderBy("o.name")
      .orderBy("b.id")
      .execute();

    const lines: OpeningLine[] = [];
    for (const b of bids) {
      const submittedAt = b.submitted_at ?? "";
      let content: BidContent | null = null;
      let reason: OpeningLine["reason"] = null;
      try {
        const plain = openContent({ ciphertext: b.ciphertext, iv: b.iv, tag: b.tag, keyId: b.key_id }, { bidId: b.id, lotId, institutionId: b.institution_id }, keys);
        content = JSON.parse(plain) as BidContent;
      } catch {
        reason = "sealBroken";
      }
      const receiptOk = content !== null && receiptHash(content, submittedAt) === b.receipt_hash;
      if (content && !receiptOk) reason = "receiptMismatch";
      if (!reason && needsReconfirmation(b.confirmed_at, lot.last_material_amendment_at)) reason = "notReconfirmed";
      lines.push({
        bidId: b.id,
        institutionId: b.institution_id,
        institutionName: b.name,
        priceFen: content?.priceFen ?? null,
        capacity: content?.capacity ?? null,
        submittedAt,
        receiptOk,
        counted: reason === null,
        reason,
      });
      await trx
        .updateTable("bids")
        .set({
          price_fen: content?.priceFen ?? null,
          capacity: content?.capacity ?? null,
          opened_content_json: content ? JSON.stringify(content) : null,
          receipt_ok: receiptOk ? 1 : 0,
          // A bid that cannot count is rejected at opening, with the reason on the record.
          status: reason ? "rejected" : "submitted",
          rejection_reason: reason ? `opening.${reason}` : null,
          updated_at: at,
        })
        .where("id", "=", b.id)
        .execute();
    }

    const counted = lines.filter((l) => l.counted).length;
    const outcome = counted >= minValidBids ? "proceed" : "unsuccessful";
    const record: OpeningRecord = {
      lotId,
      openedAt: at,
      deadline: lot.bid_deadline,
      minValidBids,
      lines,
      discardedDrafts: Number(drafts.numUpdatedRows),
      outcome,
    };
    await trx
      .insertInto("lot_openings")
      .values({ lot_id: lotId, opened_at: at, opened_by: actor?.userId ?? null, valid_bid_count: counted, outcome, record_json: JSON.stringify(record) })
      .execute();

    if (outcome === "unsuccessful") {
      const failing = applyEvent(LOT_LIFECYCLE, opening.to, "fail");
      if (failing.ok) await trx.updateTable("lots").set({ status: failing.to, updated_at: at }).where("id", "=", lotId).execute();
      await releaseLotDemand(trx, lotId, { userId: actor?.userId ?? null, orgId: actor?.orgId ?? null }, at);
    }

    // The tender follows its lots: opened once none is still open for bids.
    await syncTenderStatus(trx, lot.tender_id, { userId: actor?.userId ?? null, orgId: actor?.orgId ?? null }, at);

    await appendAudit(trx, {
      actorUserId: actor?.userId ?? null,
      actorOrgId: actor?.orgId ?? null,
      action: "lot.open",
      recordType: "lot",
      recordId: lotId,
      before: { status: "open" },
      after: { status: outcome === "proceed" ? "opened" : "unsuccessful", counted, discardedDrafts: record.discardedDrafts },
    });
    return ok(record);
  });
}

/** Opens every lot of a tender whose deadline has passed (first access after the deadline). */
export async function openDueLots(db: DB, tenderId: string): Promise<number> {
  const t = now().toISOString();
  const due = await db
    .selectFrom("lots as l")
    .innerJoin("tenders as t", "t.id", "l.tender_id")
    .select("l.id")
    .where("l.tender_id", "=", tenderId)
    .where("l.status", "=", "open")
    .where("t.status", "=", "published")
    .where("t.bid_deadline", "<=", t)
    .execute();
  let opened = 0;
  for (const { id } of due) {
    const r = await openLot(db, null, id);
    if (r.ok) opened += 1;
  }
  return opened;
}

/** The public opening record of a lot, once opened. */
export async function findOpeningRecord(db: DB, lotId: string): Promise<OpeningRecord | undefined> {
  const r = await db.selectFrom("lot_openings").select("record_json").where("lot_id", "=", lotId).executeTakeFirst();
  return r ? (JSON.parse(r.record_json) as OpeningRecord) : undefined;
}

export interface LotOpening {
  lotId: string;
  lotNumber: number;
  status: string;
  deadlinePassed: boolean;
  record: OpeningRecord | null;
}

/** Each lot of a tender with its opening record once opened (public after the deadline). */
export async function listLotOpenings(db: DB, tenderId: string): Promise<LotOpening[]> {
  const rows = await db
    .selectFrom("lots as l")
    .innerJoin("tenders as t", "t.id", "l.tender_id")
    .leftJoin("lot_openings as o", "o.lot_id", "l.id")
    .select(["l.id", "l.number", "l.status", "t.bid_deadline", "o.record_json"])
    .where("l.tender_id", "=", tenderId)
    .orderBy("l.number")
    .execute();
  const t = now().getTime();
  return rows.map((r) => ({
    lotId: r.id,
    lotNumber: r.number,
    status: r.status,
    deadlinePassed: r.bid_deadline !== null && Date.parse(r.bid_deadline) <= t,
    record: r.record_json ? (JSON.parse(r.record_json) as OpeningRecord) : null,
  }));
}
