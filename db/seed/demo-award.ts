/**
 * The evaluation and award part of the demo world (DESIGN.md "The demo world": tenders in
 * evaluation, awarded and in objection, contracts in delivery). Every step goes through the real
 * use cases — compliance, the panel's declarations and scores, ranking, result, objection,
 * contracts, signatures — with the clock set back, so the records and the audit log are what the
 * app itself would have written.
 */
import type { DB } from "../client";
import type { Actor } from "~/modules/access/actor";
import { confirmRanking } from "~/modules/award/confirm-ranking.server";
import { closeObjections } from "~/modules/award/close-objections.server";
import { lodgeObjection } from "~/modules/award/lodge-objection.server";
import { publishResult } from "~/modules/award/publish-result.server";
import { checkCompliance } from "~/modules/bidding/check-compliance.server";
import { signContract } from "~/modules/contract/sign-contract.server";
import { declareInterest } from "~/modules/evaluation/declare-interest.server";
import { listCriteria, listScorableBids } from "~/modules/evaluation/lot-context.server";
import { formatHundredths } from "~/modules/evaluation/panel";
import { saveScores } from "~/modules/evaluation/save-scores.server";
import { startEvaluation } from "~/modules/evaluation/start-evaluation.server";
import { submitScores } from "~/modules/evaluation/submit-scores.server";
import { at, unwrap } from "./demo-helpers";

const HOUR = 3600 * 1000;

/** Marks every bid counted at opening valid (the officer's compliance check). */
export async function allCompliant(db: DB, officer: Actor, lotId: string, when: Date): Promise<void> {
  const bids = await db.selectFrom("bids").select(["id", "status"]).where("lot_id", "=", lotId).where("status", "=", "submitted").execute();
  await at(when, async () => {
    for (const b of bids) unwrap(await checkCompliance(db, officer, { bidId: b.id, decision: "valid", expectedStatus: "submitted" }), "compliance");
  });
}

/**
 * The technical score a member gives: a share (0–1) of each criterion's points per bidder,
 * nudged per member so that the panel does not speak with one voice.
 */
export type Appraisal = (institutionName: string, memberIndex: number) => number;

/**
 * Starts the evaluation and lets the first `submitters` experts declare, score and submit; the
 * next `drafting` experts declare and save scores without submitting (work in progress).
 */
export async function evaluate(
  db: DB,
  officer: Actor,
  experts: Actor[],
  lotId: string,
  when: Date,
  appraisal: Appraisal,
  o: { submitters?: number; drafting?: number } = {},
): Promise<void> {
  await at(when, async () => unwrap(await startEvaluation(db, officer, lotId), "start evaluation"));
  const lot = await db.selectFrom("lots").select(["tender_id", "evaluation_round"]).where("id", "=", lotId).executeTakeFirstOrThrow();
  const round = Number(lot.evaluation_round);
  const criteria = await listCriteria(db, lot.tender_id);
  const bids = await listScorableBids(db, lotId);
  const submitters = o.submitters ?? experts.length;
  const drafting = o.drafting ?? 0;
  for (const [m, expert] of experts.slice(0, submitters + drafting).entries()) {
    await at(new Date(when.getTime() + (m + 1) * HOUR), async () => {
      unwrap(await declareInterest(db, expert, { lotId, round, hasConflict: false }), "declare");
      const entries = bids.flatMap((b) =>
        criteria.map((c) => {
          const share = Math.min(1, Math.max(0, appraisal(b.institutionName, m)));
          return {
            bidId: b.bidId,
            criterionId: c.id,
            score: formatHundredths(Math.round(c.points * share * 100)),
            comment: share >= 0.85 ? `${c.name}：方案完整，安排合理。` : share >= 0.7 ? `${c.name}：基本满足要求，细节可加强。` : `${c.name}：内容较简略。`,
          };
        }),
      );
      unwrap(await saveScores(db, expert, { lotId, round, entries }), "save scores");
      if (m < submitters) unwrap(await submitScores(db, expert, { lotId, round }), "submit scores");
    });
  }
}

/** The officer confirms the round's ranking (the split follows) and publishes the result. */
export async function award(db: DB, officer: Actor, lotId: string, confirmAt: Date, publishAt: Date): Promise<void> {
  const lot = await db.selectFrom("lots").select("evaluation_round").where("id", "=", lotId).executeTakeFirstOrThrow();
  await at(confirmAt, async () => unwrap(await confirmRanking(db, officer, { lotId, round: Number(lot.evaluation_round) }), "confirm ranking"));
  await at(publishAt, async () => unwrap(await publishResult(db, officer, lotId), "publish result"));
}

/** A losing bidder's objection, lodged at `when`. */
export async function object(db: DB, bidder: Actor, lotId: string, when: Date, grounds: string): Promise<void> {
  await at(when, async () => unwrap(await lodgeObjection(db, bidder, { lotId, grounds }), "objection"));
}

/** After the objection window: contracts are created; both sides sign those given. */
export async function contractAndSign(db: DB, officer: Actor, lotId: string, closeAt: Date, signers: Actor[], signAt: Date): Promise<void> {
  const { contractIds } = await at(closeAt, async () => unwrap(await closeObjections(db, officer, lotId), "close objections"));
  const contracts = await db.selectFrom("contracts").select(["id", "institution_id"]).where("id", "in", contractIds).execute();
  await at(signAt, async () => {
    for (const c of contracts) {
      const inst = signers.find((s) => s.orgId === c.institution_id);
      if (!inst) continue;
      unwrap(await signContract(db, inst, { contractId: c.id }), "institution signs");
      unwrap(await signContract(db, officer, { contractId: c.id }), "bureau signs");
    }
  });
}

/** The objection window's end of a lot's published result. */
export async function objectionDeadline(db: DB, lotId: string): Promise<Date> {
  const a = await db.selectFrom("awards").select("objection_deadline").where("lot_id", "=", lotId).where("status", "=", "published").executeTakeFirstOrThrow();
  return new Date(a.objection_deadline!);
}
