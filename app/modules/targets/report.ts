/**
 * The yearly report's rules (pure): completion and certification rates, and the executive
 * summary — the sentences a leader reads first, chosen and filled from the year's figures. The
 * figures come from report.server.ts; the words from the `report` dictionary area.
 */
import type { FunnelStage, Stage } from "./funnel";
import { largestDrop } from "./funnel";
import { percentOf, type TargetStatus } from "./metrics";

export interface YearProcurement {
  /** Tenders of the year past their draft, and of them cancelled. */
  tenders: { published: number; cancelled: number };
  lots: { total: number; unsuccessful: number; cancelled: number };
  /** Published or confirmed awards and their value. */
  awards: { count: number; valueFen: number };
  objections: { lodged: number; upheld: number; dismissed: number; pending: number };
  /** Signed = in force or completed; their value and headcount. */
  contracts: { signed: number; valueFen: number; trainees: number; awaitingSignature: number; completed: number; terminated: number; lapsed: number };
}

export interface OutcomeCounts {
  trained: number;
  certified: number;
  notCompleted: number;
}

export interface OutcomeLine extends OutcomeCounts {
  key: string;
  nameZh: string;
  nameEn: string;
  /** trained ÷ (trained + not completed), per cent; null with no outcome. */
  completionPct: number | null;
  /** certified ÷ trained, per cent; null with nobody trained. */
  certificationPct: number | null;
}

/** Completion rate = trained ÷ (trained + not completed); certification rate = certified ÷ trained. */
export function outcomeRates(c: OutcomeCounts): OutcomeCounts & { completionPct: number | null; certificationPct: number | null } {
  return { ...c, completionPct: percentOf(c.trained, c.trained + c.notCompleted), certificationPct: percentOf(c.certified, c.trained) };
}

/** One sentence of the summary: its dictionary key and its values by kind (formatted by the page). */
export interface SummaryLine {
  key: string;
  counts?: Record<string, number>;
  amounts?: Record<string, number>;
  percents?: Record<string, number>;
  stage?: Stage;
}

interface Figure {
  actual: number;
  projected: number;
  target: number;
  status: TargetStatus;
}

/** The figures the summary is built from (a subset of the report). */
export interface SummaryInput {
  trained: Figure;
  highSkilled: Figure;
  share: { enterprises: number; sharePct: number | null; enterprisesMeeting: number; target: number; status: TargetStatus };
  funnel: readonly FunnelStage[];
  budget: { allocatedFen: number | null; committedFen: number; paidFen: number };
  procurement: YearProcurement;
}

function headcount(prefix: string, f: Figure): SummaryLine {
  // What is still missing: against the projection while the year runs, against the figure once it is over.
  const gap = Math.max(0, f.target - (f.status === "missed" ? f.actual : f.projected));
  return { key: `${prefix}.${f.status}`, counts: { actual: f.actual, projected: f.projected, target: f.target, gap } };
}

/**
 * The executive summary, in order: trained against the target with its verdict; the high-skilled;
 * the enterprises' high-skilled share; where the funnel loses most; the budget paid against the
 * allocation; the year's procurement in one sentence.
 */
export function reportSummary(r: SummaryInput): SummaryLine[] {
  const lines: SummaryLine[] = [headcount("report.summary.trained", r.trained), headcount("report.summary.highSkilled", r.highSkilled)];

  lines.push(
    r.share.sharePct === null
      ? { key: "report.summary.shareNone", counts: { target: r.share.target } }
      : {
          key: r.share.sharePct >= r.share.target ? "report.summary.shareMet" : "report.summary.shareBelow",
          // The target is a whole per cent (25 %), the share a measured one to one decimal (18.8 %).
          counts: { enterprises: r.share.enterprises, meeting: r.share.enterprisesMeeting, target: r.share.target },
          percents: { share: r.share.sharePct },
        },
  );

  const drop = largestDrop(r.funnel);
  if (drop) {
    const before = r.funnel[r.funnel.indexOf(drop) - 1];
    lines.push({ key: "report.summary.funnel", stage: drop.stage, counts: { lost: drop.lost, from: before?.count ?? 0, to: drop.count } });
  } else {
    lines.push({ key: "report.summary.funnelNone" });
  }

  const { allocatedFen, committedFen, paidFen } = r.budget;
  if (allocatedFen !== null && allocatedFen > 0) {
    lines.push({ key: "report.summary.budget", amounts: { allocated: allocatedFen, committed: committedFen, paid: paidFen }, percents: { paidPct: percentOf(paidFen, allocatedFen) ?? 0 } });
  } else {
    lines.push({ key: "report.summary.budgetNotSet", amounts: { committed: committedFen, paid: paidFen } });
  }

  const p = r.procurement;
  lines.push({
    key: "report.summary.procurement",
    counts: { tenders: p.tenders.published, lots: p.lots.total, awards: p.awards.count, objections: p.objections.lodged, upheld: p.objections.upheld, contracts: p.contracts.signed },
  });
  return lines;
}
