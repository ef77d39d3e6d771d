import type { Transaction } from "kysely";
import type { DB as Schema } from "#db/schema";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { rulesFromRows } from "~/modules/reference/procurement-rules";
import { listCriteria, listLotPanel, listScorableBids, type LotFacts } from "./lot-context.server";
import { isRoundComplete } from "./panel";
import { buildRanking, type ReportMember, type ReportScore } from "./report";

/**
 * Writes the round's report when the panel is done (DESIGN.md "Opening, evaluation, award"):
 * every active member has submitted and the active panel satisfies the rules. Runs inside the
 * caller's transaction, which holds the lot (lockEvaluatingLot), so the report is written once
 * — by whichever write completes the round — and never before. Returns whether it wrote it.
 */
export async function completeRoundIfReady(
  trx: Transaction<Schema>,
  lot: LotFacts,
  by: { userId: string | null; orgId: string | null },
  at: string,
): Promise<boolean> {
  const round = lot.round;
  const existing = await trx.selectFrom("evaluation_reports").select("round").where("lot_id", "=", lot.lotId).where("round", "=", round).executeTakeFirst();
  if (existing) return false;
  const panel = (await listLotPanel(trx, lot.lotId)).filter((m) => m.status === "active");
  const submitted = new Set(
    (await trx.selectFrom("panel_submissions").select("user_id").where("lot_id", "=", lot.lotId).where("round", "=", round).execute()).map((s) => s.user_id),
  );
  const rules = rulesFromRows(await trx.selectFrom("procurement_rules").select(["key", "value", "unit"]).where("regime", "=", lot.regime).execute());
  if (!isRoundComplete(panel, submitted, rules)) return false;

  const declarations = await trx
    .selectFrom("panel_declarations")
    .select(["user_id", "declared_at"])
    .where("lot_id", "=", lot.lotId)
    .where("round", "=", round)
    .where("has_conflict", "=", 0)
    .execute();
  const declaredAt = new Map(declarations.map((d) => [d.user_id, d.declared_at]));
  const members: ReportMember[] = panel.map((m) => ({ userId: m.userId, name: m.name, kind: m.kind, declaredAt: declaredAt.get(m.userId) ?? "" }));
  const memberIds = members.map((m) => m.userId);

  const bids = await listScorableBids(trx, lot.lotId);
  const criteria = await listCriteria(trx, lot.tenderId);
  const criterionName = new Map(criteria.map((c) => [c.id, c.name]));
  const criterionOrder = new Map(criteria.map((c, i) => [c.id, i]));
  const bidOrder = new Map(bids.map((b, i) => [b.bidId, i]));
  const memberOrder = new Map(memberIds.map((m, i) => [m, i]));
  const rows =
    bids.length === 0 || memberIds.length === 0
      ? []
      : await trx
          .selectFrom("bid_scores")
          .select(["bid_id", "user_id", "criterion_id", "score_hundredths", "comment"])
          .where("round", "=", round)
          .where("bid_id", "in", bids.map((b) => b.bidId))
          .where("user_id", "in", memberIds)
          .execute();
  const counted = rows.filter((r) => criterionOrder.has(r.criterion_id));
  counted.sort(
    (a, b) =>
      bidOrder.get(a.bid_id)! - bidOrder.get(b.bid_id)! ||
      memberOrder.get(a.user_id)! - memberOrder.get(b.user_id)! ||
      criterionOrder.get(a.criterion_id)! - criterionOrder.get(b.criterion_id)!,
  );
  const ranking = buildRanking(
    bids,
    counted.map((r) => ({ bidId: r.bid_id, userId: r.user_id, criterionId: r.criterion_id, scoreHundredths: Number(r.score_hundredths) })),
    memberIds,
    lot.pricePoints,
  );
  const scores: ReportScore[] = counted.map((r) => ({
    bidId: r.bid_id,
    userId: r.user_id,
    criterionId: r.criterion_id,
    criterionName: criterionName.get(r.criterion_id) ?? "",
    score: Number(r.score_hundredths) / 100,
    comment: r.comment,
  }));

  await trx
    .insertInto("evaluation_reports")
    .values({
      lot_id: lot.lotId,
      round,
      ranking_json: JSON.stringify(ranking),
      members_json: JSON.stringify(members),
      scores_json: JSON.stringify(scores),
      created_at: at,
      confirmed_by: null,
      confirmed_at: null,
    })
    .execute();
  await appendAudit(trx, {
    actorUserId: by.userId,
    actorOrgId: by.orgId,
    action: "evaluation.report",
    recordType: "lot",
    recordId: lot.lotId,
    before: null,
    after: { round, members: memberIds, ranking: ranking.map((r) => ({ bidId: r.bidId, rank: r.rank, total: r.total })) },
  });
  return true;
}
