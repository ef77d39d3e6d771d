/**
 * The progress charts' geometry, from the figures (pure; d3 through ~/ui/charts/geometry). The
 * loaders call these so that the pages receive finished shapes (see geometry.ts).
 */
import { barsGeometry, cumulativeGeometry, type BarsGeometry, type CumulativeGeometry } from "~/ui/charts/geometry";
import type { FunnelStage } from "./funnel";

/** The two headcount targets: figure (bar), projection (hatched, behind; none once the year is over), target (mark). */
export function targetsChart(p: { phase: string; trained: { actual: number; projected: number; target: number }; highSkilled: { actual: number; projected: number; target: number } }): BarsGeometry {
  const past = p.phase === "past";
  return barsGeometry({
    values: [p.trained.actual, p.highSkilled.actual],
    behind: past ? undefined : [p.trained.projected, p.highSkilled.projected],
    markers: [p.trained.target, p.highSkilled.target],
    labelWidth: 120,
    rowHeight: 44,
  });
}

/** The monthly cumulative curve against the target line. */
export function curveChart(p: { curve: { actual: (number | null)[]; projected: (number | null)[] }; trained: { target: number } }): CumulativeGeometry {
  return cumulativeGeometry({ actual: p.curve.actual, projected: p.curve.projected, target: p.trained.target });
}

/** The funnel, one bar per stage. */
export function funnelChart(stages: readonly FunnelStage[]): BarsGeometry {
  return barsGeometry({ values: stages.map((s) => s.count), labelWidth: 120, rowHeight: 30 });
}

/** Budget amounts in yuan (allocated, tendered, committed, paid); a missing allocation draws no bar. */
export function budgetChart(b: { allocatedFen: number | null; tenderedFen: number; committedFen: number; paidFen: number }): BarsGeometry {
  return barsGeometry({ values: [b.allocatedFen ?? 0, b.tenderedFen, b.committedFen, b.paidFen].map((fen) => fen / 100), labelWidth: 150, rowHeight: 30 });
}

/** A bar per line (e.g. trainees by occupation). */
export function countsChart(values: readonly number[], labelWidth = 270): BarsGeometry {
  return barsGeometry({ values, labelWidth, rowHeight: 26 });
}

/** Shares in per cent (bars) against their targets (marks). */
export function sharesChart(rows: readonly { sharePct: number | null; target: number }[]): BarsGeometry {
  return barsGeometry({ values: rows.map((r) => r.sharePct ?? 0), markers: rows.map((r) => r.target), labelWidth: 80, rowHeight: 30 });
}
