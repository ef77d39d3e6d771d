/**
 * Test fixtures for the evaluation (not used by the app): a lot in evaluation with its bids
 * found valid, and panel members who declare, score and submit — on top of the bidding
 * fixtures (clock one second after the 22 December 2026 deadline).
 */
import type { Actor } from "~/modules/access/actor";
import { checkCompliance } from "~/modules/bidding/check-compliance.server";
import { saveBid } from "~/modules/bidding/bids.server";
import { openLot } from "~/modules/bidding/open-lot.server";
import { bidContent, institutions, msAfter, publishedLot, type OpenedLot } from "~/modules/bidding/test-fixtures.server";
import { DEADLINE, NOW, setNow, type World } from "~/modules/tender/test-fixtures.server";
import { declareInterest } from "./declare-interest.server";
import { listCriteria, listScorableBids, type Criterion } from "./lot-context.server";
import { formatHundredths } from "./panel";
import { saveScores } from "./save-scores.server";
import { startEvaluation } from "./start-evaluation.server";
import { submitScores } from "./submit-scores.server";

export function must<T>(r: { ok: true; value: T } | { ok: false }): T {
  if (!r.ok) throw new Error(`expected success, got ${JSON.stringify(r)}`);
  return r.value;
}

export interface EvaluatingLot extends OpenedLot {
  criteria: Criterion[];
}

/**
 * A published lot with one submitted bid per price, each bid a minute after the previous one
 * (so that submission order is a tie-breaker), opened one second after the deadline.
 */
export async function staggeredOpenedLot(w: World, prices: readonly number[]): Promise<OpenedLot> {
  const { tenderId, lotId } = await publishedLot(w);
  const bidders = await institutions(w, prices.length);
  const bidIds: string[] = [];
  for (const [i, price] of prices.entries()) {
    setNow(new Date(NOW.getTime() + (i + 1) * 60_000));
    bidIds.push(must(await saveBid(w.db, bidders[i]!, { lotId, intent: "submit", content: bidContent(price) })).bidId);
  }
  setNow(msAfter(DEADLINE, 1000));
  must(await openLot(w.db, w.officer, lotId));
  return { tenderId, lotId, bidders, bidIds };
}

/** An opened lot whose bids are all found valid and whose evaluation has started (round 1). */
export async function evaluatingLot(w: World, prices: readonly number[] = [150_000, 160_000, 170_000]): Promise<EvaluatingLot> {
  const opened = await staggeredOpenedLot(w, prices);
  for (const bidId of opened.bidIds) must(await checkCompliance(w.db, w.officer, { bidId, decision: "valid", expectedStatus: "submitted" }));
  const started = must(await startEvaluation(w.db, w.officer, opened.lotId));
  if (started.outcome !== "evaluating") throw new Error("evaluation did not start");
  const tender = await w.db.selectFrom("lots").select("tender_id").where("id", "=", opened.lotId).executeTakeFirstOrThrow();
  return { ...opened, criteria: await listCriteria(w.db, tender.tender_id) };
}

/** The score a member gives a bid on a criterion, in hundredths (default: half the points). */
export type Scorer = (bidId: string, criterion: Criterion, memberIndex: number) => number;
const half: Scorer = (_b, c) => c.points * 50;

/** A member declares no conflict, scores every valid bid on every criterion, and (by default) submits. */
export async function scoreLot(
  w: World,
  member: Actor,
  lotId: string,
  round: number,
  opts: { scorer?: Scorer; memberIndex?: number; submit?: boolean; declare?: boolean; comment?: string } = {},
): Promise<{ complete: boolean } | null> {
  if (opts.declare !== false) must(await declareInterest(w.db, member, { lotId, round, hasConflict: false }));
  const criteria = await lotCriteria(w, lotId);
  const bids = await listScorableBids(w.db, lotId);
  const scorer = opts.scorer ?? half;
  const entries = bids.flatMap((b) =>
    criteria.map((c) => ({
      bidId: b.bidId,
      criterionId: c.id,
      score: formatHundredths(scorer(b.bidId, c, opts.memberIndex ?? 0)),
      comment: opts.comment ?? `${c.name}：符合要求`,
    })),
  );
  must(await saveScores(w.db, member, { lotId, round, entries }));
  if (opts.submit === false) return null;
  return must(await submitScores(w.db, member, { lotId, round }));
}

export async function lotCriteria(w: World, lotId: string): Promise<Criterion[]> {
  const lot = await w.db.selectFrom("lots").select("tender_id").where("id", "=", lotId).executeTakeFirstOrThrow();
  return listCriteria(w.db, lot.tender_id);
}
