/**
 * Test fixtures for bidding, evaluation and award (not used by the app): accredited
 * institutions, a published lot, submitted bids and an opened lot, on top of the tender
 * context's world (clock fixed at Tuesday 1 December 2026, deadline 22 December).
 */
import { makeActor } from "#tests/factories";
import type { Actor } from "~/modules/access/actor";
import { publishTender } from "~/modules/tender/publish-tender.server";
import { DEADLINE, readyDraft, setNow, versionOf, WELDER, type World } from "~/modules/tender/test-fixtures.server";
import { newId } from "~/utils/id.server";
import { saveBid } from "./bids.server";
import type { BidContent } from "./content";
import { openLot } from "./open-lot.server";

export const PLAN = "理论教学与实操训练结合，焊接工艺评定专项训练计划";

/** A complete bid for the fixtures' welder lot, at the given price per trainee. */
export function bidContent(priceFen: number, o: Partial<BidContent> = {}): BidContent {
  return {
    priceFen,
    capacity: 25,
    plannedStart: "2027-04-01",
    plannedEnd: "2027-06-30",
    theoryHours: 40,
    practiceHours: 80,
    trainers: [{ name: "张师傅", certificate: "高级技师-001" }],
    venue: "实训楼 A",
    plan: `${PLAN}-${priceFen}`,
    ...o,
  };
}

/** Gives an institution an approved welder accreditation (level 3 and below, 2026–2028). */
export async function accredit(w: World, inst: Actor): Promise<void> {
  const t = new Date().toISOString();
  await w.db
    .insertInto("accreditations")
    .values({
      id: newId(),
      institution_id: inst.orgId,
      occupation_code: WELDER,
      highest_level: 3,
      licence_number: `L-${inst.orgId}`,
      valid_from: "2026-01-01",
      valid_to: "2028-12-31",
      status: "approved",
      status_reason: null,
      decided_by: null,
      decided_at: null,
      created_by: inst.userId,
      created_at: t,
      updated_at: t,
    })
    .execute();
}

/** Publishes the fixtures' ready draft (one welder lot of 25, five evaluators on the panel). */
export async function publishedLot(w: World): Promise<{ tenderId: string; lotId: string }> {
  const tenderId = await readyDraft(w);
  const r = await publishTender(w.db, w.officer, { tenderId, version: await versionOf(w.db, tenderId) });
  if (!r.ok) throw new Error(JSON.stringify(r));
  const lot = await w.db.selectFrom("lots").select("id").where("tender_id", "=", tenderId).executeTakeFirstOrThrow();
  return { tenderId, lotId: lot.id };
}

/** `n` verified institutions with a covering accreditation, named 投标机构1…n. */
export async function institutions(w: World, n: number): Promise<Actor[]> {
  const out: Actor[] = [];
  for (let i = 0; i < n; i++) {
    const inst = await makeActor(w.db, { kind: "institution", orgName: `投标机构${i + 1}` });
    await accredit(w, inst);
    out.push(inst);
  }
  return out;
}

export const msAfter = (d: Date, delta: number) => new Date(d.getTime() + delta);

export interface OpenedLot {
  tenderId: string;
  lotId: string;
  bidders: Actor[];
  bidIds: string[];
}

/**
 * A published lot with one submitted bid per entry (price, and optional content changes), opened
 * by the officer one second after the deadline; the clock is left there.
 */
export async function openedLot(w: World, bids: readonly (number | Partial<BidContent> & { priceFen: number })[]): Promise<OpenedLot> {
  const { tenderId, lotId } = await publishedLot(w);
  const bidders = await institutions(w, bids.length);
  const bidIds: string[] = [];
  for (const [i, b] of bids.entries()) {
    const c = typeof b === "number" ? bidContent(b) : bidContent(b.priceFen, b);
    const r = await saveBid(w.db, bidders[i]!, { lotId, intent: "submit", content: c });
    if (!r.ok) throw new Error(`bid ${i} refused: ${JSON.stringify(r)}`);
    bidIds.push(r.value.bidId);
  }
  setNow(msAfter(DEADLINE, 1000));
  const opened = await openLot(w.db, w.officer, lotId);
  if (!opened.ok) throw new Error(`opening failed: ${JSON.stringify(opened)}`);
  return { tenderId, lotId, bidders, bidIds };
}
