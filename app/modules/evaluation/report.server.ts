import type { DB } from "#db/client";
import type { RankingEntry, ReportMember, ReportScore } from "./report";

export type { RankingEntry, ReportMember, ReportScore } from "./report";

export interface EvaluationReport {
  lotId: string;
  round: number;
  ranking: RankingEntry[];
  members: ReportMember[];
  scores: ReportScore[];
  createdAt: string;
  confirmedAt: string | null;
  confirmedBy: string | null;
}

/**
 * The panel's report of a lot for a round (the latest round by default), as written when the
 * panel completed it; undefined when there is none yet. The ranking is ordered by rank.
 */
export async function findEvaluationReport(db: DB, lotId: string, round?: number): Promise<EvaluationReport | undefined> {
  let q = db
    .selectFrom("evaluation_reports")
    .select(["lot_id", "round", "ranking_json", "members_json", "scores_json", "created_at", "confirmed_at", "confirmed_by"])
    .where("lot_id", "=", lotId);
  if (round !== undefined) q = q.where("round", "=", round);
  const r = await q.orderBy("round", "desc").limit(1).executeTakeFirst();
  if (!r) return undefined;
  return {
    lotId: r.lot_id,
    round: Number(r.round),
    ranking: JSON.parse(r.ranking_json) as RankingEntry[],
    members: JSON.parse(r.members_json) as ReportMember[],
    scores: JSON.parse(r.scores_json) as ReportScore[],
    createdAt: r.created_at,
    confirmedAt: r.confirmed_at,
    confirmedBy: r.confirmed_by,
  };
}

/** The rounds of a lot that have a report, oldest first. */
export async function listReportRounds(db: DB, lotId: string): Promise<number[]> {
  const rows = await db.selectFrom("evaluation_reports").select("round").where("lot_id", "=", lotId).orderBy("round").execute();
  return rows.map((r) => Number(r.round));
}
