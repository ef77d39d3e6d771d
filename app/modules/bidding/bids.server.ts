import type { Transaction } from "kysely";
import type { DB } from "#db/client";
import type { DB as Schema } from "#db/schema";
import type { Actor } from "~/modules/access/actor";
import { can } from "~/modules/access/policy";
import { eligibility, type EligibilityReason } from "~/modules/accreditation/lifecycle";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { newId } from "~/utils/id.server";
import { now } from "~/utils/clock.server";
import { applyEvent } from "~/utils/lifecycle";
import { conflict, forbiddenResult, notFoundResult, ok, type Result } from "~/utils/result";
import { canonicalJson } from "./canonical";
import { isBeforeDeadline, needsReconfirmation, type BidContent } from "./content";
import { sealKeys } from "./keys.server";
import { BID_LIFECYCLE, type BidStatus } from "./lifecycle";
import { openContent, receiptHash, sealContent } from "./seal.server";
import type { LotStatus } from "~/modules/tender/lifecycle";
import { lotHeadOf, selectLotHead, type LotHead } from "~/modules/tender/lot-head.server";

export interface LotForBidding extends LotHead {
  windowStart: string;
  windowEnd: string;
  maxPriceFen: number;
  bidDeadline: string;
  lastMaterialAmendmentAt: string | null;
}

async function loadOpenLot(db: Pick<DB, "selectFrom">, lotId: string): Promise<LotForBidding | undefined> {
  const r = await selectLotHead(db, lotId)
    .select(["l.window_start", "l.window_end", "l.max_price_fen", "t.bid_deadline", "t.last_material_amendment_at"])
    .where("t.status", "=", "published")
    .where("l.status", "=", "open")
    .executeTakeFirst();
  if (!r || !r.reference || !r.bid_deadline) return undefined;
  return {
    ...lotHeadOf({ ...r, reference: r.reference }),
    windowStart: r.window_start,
    windowEnd: r.window_end,
    maxPriceFen: Number(r.max_price_fen),
    bidDeadline: r.bid_deadline,
    lastMaterialAmendmentAt: r.last_material_amendment_at,
  };
}

async function eligibilityOf(
  db: Pick<DB, "selectFrom">,
  institutionId: string,
  lot: Pick<LotForBidding, "occupationCode" | "level" | "windowStart" | "windowEnd">,
): Promise<{ ok: true } | { ok: false; reason: EligibilityReason }> {
  const accs = await db
    .selectFrom("accreditations")
    .select(["status", "occupation_code", "highest_level", "valid_from", "valid_to"])
    .where("institution_id", "=", institutionId)
    .execute();
  return eligibility(
    accs.map((a) => ({ status: a.status, occupationCode: a.occupation_code, highestLevel: a.highest_level, validFrom: a.valid_from, validTo: a.valid_to })),
    lot,
  );
}

export interface OpenLotForInstitution extends LotForBidding {
  eligible: { ok: true } | { ok: false; reason: EligibilityReason };
  bid: { id: string; status: BidStatus; submittedAt: string | null; needsReconfirmation: boolean } | null;
}

/** The lots open for bids now, with whether this institution may bid and its live bid if any. */
export async function listOpenLotsForInstitution(db: DB, actor: Actor): Promise<OpenLotForInstitution[]> {
  const t = now().toISOString();
  const lotIds = await db
    .selectFrom("lots as l")
    .innerJoin("tenders as t", "t.id", "l.tender_id")
    .select("l.id")
    .where("t.status", "=", "published")
    .where("l.status", "=", "open")
    .where("t.bid_deadline", ">", t)
    .orderBy("t.bid_deadline")
    .orderBy("l.number")
    .limit(200)
    .execute();
  const out: OpenLotForInstitution[] = [];
  for (const { id } of lotIds) {
    const lot = await loadOpenLot(db, id);
    if (!lot) continue;
    const bid = await db
      .selectFrom("bids")
      .select(["id", "status", "submitted_at", "confirmed_at"])
      .where("lot_id", "=", id)
      .where("institution_id", "=", actor.orgId)
      .where("status", "in", ["draft", "submitted"])
      .executeTakeFirst();
    out.push({
      ...lot,
      eligible: await eligibilityOf(db, actor.orgId, lot),
      bid: bid
        ? {
            id: bid.id,
            status: bid.status,
            submittedAt: bid.submitted_at,
            needsReconfirmation: bid.status === "submitted" && needsReconfirmation(bid.confirmed_at, lot.lastMaterialAmendmentAt),
          }
        : null,
    });
  }
  return out;
}

export interface PastBid {
  bidId: string;
  lotId: string;
  reference: string;
  lotNumber: number;
  occupationZh: string;
  occupationEn: string;
  level: number;
  bidStatus: BidStatus;
  lotStatus: LotStatus;
  deadline: string;
}

/**
 * The institution's own bids on lots already opened (newest deadline first): where it follows a
 * lot's evaluation, its result, and lodges an objection. Withdrawn bids and discarded drafts are
 * left out; at most 200.
 */
export async function listPastBidsForInstitution(db: DB, actor: Actor): Promise<PastBid[]> {
  const rows = await db
    .selectFrom("bids as b")
    .innerJoin("lots as l", "l.id", "b.lot_id")
    .innerJoin("tenders as t", "t.id", "l.tender_id")
    .innerJoin("occupations as o", "o.code", "l.occupation_code")
    .select(["b.id", "b.status", "l.id as lot_id", "l.number", "l.level", "l.status as lot_status", "t.reference", "t.bid_deadline", "o.name_zh", "o.name_en"])
    .where("b.institution_id", "=", actor.orgId)
    .where("b.status", "in", ["submitted", "valid", "rejected", "awarded", "not_awarded"])
    .where("l.status", "!=", "open")
    .orderBy("t.bid_deadline", "desc")
    .orderBy("l.number")
    .limit(200)
    .execute();
  return rows.map((r) => ({
    bidId: r.id,
    lotId: r.lot_id,
    reference: r.reference ?? "",
    lotNumber: Number(r.number),
    occupationZh: r.name_zh,
    occupationEn: r.name_en,
    level: Number(r.level),
    bidStatus: r.status,
    lotStatus: r.lot_status,
    deadline: r.bid_deadline ?? "",
  }));
}

export interface OwnBid {
  id: string;
  status: BidStatus;
  content: BidContent;
  receiptHash: string | null;
  submittedAt: string | null;
  needsReconfirmation: boolean;
}

export interface BiddingPage {
  lot: LotForBidding;
  eligible: { ok: true } | { ok: false; reason: EligibilityReason };
  bid: OwnBid | null;
}

/**
 * The bid page of a lot for its author: the lot's terms and the institution's own live bid,
 * decrypted for the author alone (DESIGN.md "Bid — sealed").
 */
export async function findBiddingPage(db: DB, actor: Actor, lotId: string): Promise<Result<BiddingPage>> {
  if (!can(actor, "bid.prepare", { organisationId: actor.orgId })) return forbiddenResult;
  const lot = await loadOpenLot(db, lotId);
  if (!lot) return notFoundResult;
  const row = await db
    .selectFrom("bids")
    .selectAll()
    .where("lot_id", "=", lotId)
    .where("institution_id", "=", actor.orgId)
    .where("status", "in", ["draft", "submitted"])
    .executeTakeFirst();
  let bid: OwnBid | null = null;
  if (row) {
    const plain = openContent(
      { ciphertext: row.ciphertext, iv: row.iv, tag: row.tag, keyId: row.key_id },
      { bidId: row.id, lotId, institutionId: actor.orgId },
      sealKeys().all,
    );
    bid = {
      id: row.id,
      status: row.status,
      content: JSON.parse(plain) as BidContent,
      receiptHash: row.receipt_hash,
      submittedAt: row.submitted_at,
      needsReconfirmation: row.status === "submitted" && needsReconfirmation(row.confirmed_at, lot.lastMaterialAmendmentAt),
    };
  }
  return { ok: true, value: { lot, eligible: await eligibilityOf(db, actor.orgId, lot), bid } };
}

export type BidIntent = "draft" | "submit";

/**
 * Saves a draft or submits (or replaces) the institution's bid on a lot: the deadline is checked
 * against the server's clock inside the write transaction; the content is sealed; a submission
 * gets a receipt. The audit entry records the receipt, never the content.
 */
export async function saveBid(
  db: DB,
  actor: Actor,
  input: { lotId: string; intent: BidIntent; content: BidContent },
): Promise<Result<{ bidId: string; receiptHash: string | null; submittedAt: string | null }>> {
  if (!can(actor, "bid.prepare", { organisationId: actor.orgId })) return forbiddenResult;
  const keys = sealKeys();
  return db.transaction().execute(async (trx) => {
    const lot = await loadOpenLot(trx, input.lotId);
    if (!lot) return notFoundResult;
    const t = now();
    if (!isBeforeDeadline(t, lot.bidDeadline)) return conflict("bidding.errors.deadlinePassed");
    const eligible = await eligibilityOf(trx, actor.orgId, lot);
    if (!eligible.ok) return conflict(`bidding.eligibility.${eligible.reason}`);
    if (input.content.priceFen > lot.maxPriceFen) return conflict("bidding.errors.priceAboveCapShort");

    const existing = await trx
      .selectFrom("bids")
      .select(["id", "status", "receipt_hash"])
      .where("lot_id", "=", lot.lotId)
      .where("institution_id", "=", actor.orgId)
      .where("status", "in", ["draft", "submitted"])
      .executeTakeFirst();
    if (existing && existing.status === "submitted" && input.intent === "draft") return conflict("bidding.errors.alreadySubmitted");
    const bidId = existing?.id ?? newId();
    const at = t.toISOString();
    const plain = canonicalJson(input.content);
    const sealed = sealContent(plain, { bidId, lotId: lot.lotId, institutionId: actor.orgId }, keys.current);
    const submitting = input.intent === "submit";
    const receipt = submitting ? receiptHash(input.content, at) : null;
    const status: BidStatus = submitting ? "submitted" : "draft";
    if (existing) {
      const step = applyEvent(BID_LIFECYCLE, existing.status, existing.status === "draft" && submitting ? "submit" : "replace");
      if (!step.ok) return conflict("common.errors.body409");
      const updated = await trx
        .updateTable("bids")
        .set({
          status,
          ciphertext: sealed.ciphertext,
          iv: sealed.iv,
          tag: sealed.tag,
          key_id: sealed.keyId,
          receipt_hash: receipt,
          submitted_at: submitting ? at : null,
          confirmed_at: submitting ? at : null,
          updated_at: at,
        })
        .where("id", "=", bidId)
        .where("status", "=", existing.status)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) return conflict("common.errors.body409");
    } else {
      await trx
        .insertInto("bids")
        .values({
          id: bidId,
          lot_id: lot.lotId,
          institution_id: actor.orgId,
          status,
          ciphertext: sealed.ciphertext,
          iv: sealed.iv,
          tag: sealed.tag,
          key_id: sealed.keyId,
          receipt_hash: receipt,
          submitted_at: submitting ? at : null,
          confirmed_at: submitting ? at : null,
          price_fen: null,
          capacity: null,
          opened_content_json: null,
          receipt_ok: null,
          rejection_reason: null,
          compliance_by: null,
          compliance_at: null,
          created_by: actor.userId,
          created_at: at,
          updated_at: at,
        })
        .execute();
    }
    await appendAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: submitting ? (existing?.status === "submitted" ? "bid.replace" : "bid.submit") : "bid.saveDraft",
      recordType: "bid",
      recordId: bidId,
      before: existing?.receipt_hash ? { receipt: existing.receipt_hash } : undefined,
      after: { status, receipt, at },
    });
    return ok({ bidId, receiptHash: receipt, submittedAt: submitting ? at : null });
  });
}

async function changeOwnBid(
  db: DB,
  actor: Actor,
  input: { bidId: string },
  apply: (
    trx: Transaction<Schema>,
    bid: { id: string; status: BidStatus; lot: LotForBidding; at: string },
  ) => Promise<Result<null>>,
): Promise<Result<null>> {
  if (!can(actor, "bid.prepare", { organisationId: actor.orgId })) return forbiddenResult;
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("bids").select(["id", "status", "lot_id", "institution_id"]).where("id", "=", input.bidId).executeTakeFirst();
    if (!row || row.institution_id !== actor.orgId) return notFoundResult;
    const lot = await loadOpenLot(trx, row.lot_id);
    const t = now();
    if (!lot || !isBeforeDeadline(t, lot.bidDeadline)) return conflict("bidding.errors.deadlinePassed");
    return apply(trx, { id: row.id, status: row.status, lot, at: t.toISOString() });
  });
}

/** Withdraws the institution's live bid before the deadline. */
export function withdrawBid(db: DB, actor: Actor, input: { bidId: string }): Promise<Result<null>> {
  return changeOwnBid(db, actor, input, async (trx, bid) => {
    const step = applyEvent(BID_LIFECYCLE, bid.status, "withdraw");
    if (!step.ok) return conflict("common.errors.body409");
    const r = await trx
      .updateTable("bids")
      .set({ status: step.to, updated_at: bid.at })
      .where("id", "=", bid.id)
      .where("status", "=", bid.status)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return conflict("common.errors.body409");
    await appendAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: "bid.withdraw",
      recordType: "bid",
      recordId: bid.id,
      before: { status: bid.status },
      after: { status: step.to },
    });
    return ok(null);
  });
}

/** Re-confirms a submitted bid as it stands after a material amendment, before the deadline. */
export function reconfirmBid(db: DB, actor: Actor, input: { bidId: string }): Promise<Result<null>> {
  return changeOwnBid(db, actor, input, async (trx, bid) => {
    if (bid.status !== "submitted") return conflict("common.errors.body409");
    await trx.updateTable("bids").set({ confirmed_at: bid.at, updated_at: bid.at }).where("id", "=", bid.id).execute();
    await appendAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: "bid.reconfirm",
      recordType: "bid",
      recordId: bid.id,
      after: { confirmedAt: bid.at },
    });
    return ok(null);
  });
}

/** The receipt of the institution's submitted bid, as a small text document. */
export async function findReceipt(
  db: DB,
  actor: Actor,
  bidId: string,
): Promise<{ bidId: string; reference: string; lotNumber: number; institution: string; receiptHash: string; submittedAt: string } | undefined> {
  const r = await db
    .selectFrom("bids as b")
    .innerJoin("lots as l", "l.id", "b.lot_id")
    .innerJoin("tenders as t", "t.id", "l.tender_id")
    .innerJoin("organisations as o", "o.id", "b.institution_id")
    .select(["b.id", "b.institution_id", "b.receipt_hash", "b.submitted_at", "t.reference", "l.number", "o.name"])
    .where("b.id", "=", bidId)
    .executeTakeFirst();
  if (!r || r.institution_id !== actor.orgId || !r.receipt_hash || !r.submitted_at || !r.reference) return undefined;
  return { bidId: r.id, reference: r.reference, lotNumber: r.number, institution: r.name, receiptHash: r.receipt_hash, submittedAt: r.submitted_at };
}
