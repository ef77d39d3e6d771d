/**
 * Chart geometry with d3's scales and shapes (d3-scale, d3-shape): nice axis ticks, linear
 * positions and SVG path data, from plain numbers. It runs in the loader, on the server: the
 * page receives finished coordinates, so the charts render without JavaScript and d3 never
 * reaches the browser's bundle. The components in this folder draw these shapes and add the words.
 */
import { scaleLinear } from "d3-scale";
import { line } from "d3-shape";

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Tick {
  value: number;
  /** Position along the axis, in the SVG's units. */
  at: number;
}

const round = (n: number) => Math.round(n * 10) / 10;

// --- The monthly cumulative curve ------------------------------------------------------------

export interface CumulativeSpec {
  /** Cumulative values at the end of each month (12); null where there is none. */
  actual: readonly (number | null)[];
  projected: readonly (number | null)[];
  target: number | null;
  width?: number;
  height?: number;
}

export interface CumulativeGeometry {
  width: number;
  height: number;
  plot: Box;
  /** Month ends: x of the end of January … December, with the month number. */
  months: { month: number; x: number }[];
  yTicks: Tick[];
  actualPath: string | null;
  projectedPath: string | null;
  /** The points of the actual line (month ends), for markers. */
  actualPoints: { month: number; x: number; y: number; value: number }[];
  projectedEnd: { x: number; y: number; value: number } | null;
  targetY: number | null;
}

/**
 * The curve of trainees trained against the target: x from 1 January (0) to 31 December (12),
 * y from 0 to a nice bound above the largest of target, actual and projection. The actual line
 * starts at 0 on 1 January; the projection carries on from the last actual point.
 */
export function cumulativeGeometry(spec: CumulativeSpec): CumulativeGeometry {
  const width = spec.width ?? 640;
  const height = spec.height ?? 300;
  const plot: Box = { x: 56, y: 16, width: width - 56 - 72, height: height - 16 - 36 };
  const values = [...spec.actual, ...spec.projected].filter((v): v is number => v !== null);
  const top = Math.max(1, spec.target ?? 0, ...values);
  const y = scaleLinear().domain([0, top]).nice(5).range([plot.y + plot.height, plot.y]);
  const x = scaleLinear().domain([0, 12]).range([plot.x, plot.x + plot.width]);
  const path = line<[number, number]>()
    .x((d) => round(x(d[0])))
    .y((d) => round(y(d[1])));

  const actual: [number, number][] = [];
  spec.actual.forEach((v, i) => {
    if (v !== null) actual.push([i + 1, v]);
  });
  const actualPath = actual.length > 0 ? path([[0, 0], ...actual]) : null;

  const projected: [number, number][] = [];
  spec.projected.forEach((v, i) => {
    if (v !== null) projected.push([i + 1, v]);
  });
  let projectedPath: string | null = null;
  if (projected.length > 0) {
    const from: [number, number] = actual.length > 0 ? actual[actual.length - 1]! : [0, 0];
    projectedPath = path([from, ...projected]);
  }
  const last = projected[projected.length - 1];
  return {
    width,
    height,
    plot,
    months: Array.from({ length: 12 }, (_, i) => ({ month: i + 1, x: round(x(i + 1)) })),
    yTicks: y.ticks(5).map((value) => ({ value, at: round(y(value)) })),
    actualPath,
    projectedPath,
    actualPoints: actual.map(([m, v]) => ({ month: m, x: round(x(m)), y: round(y(v)), value: v })),
    projectedEnd: last ? { x: round(x(last[0])), y: round(y(last[1])), value: last[1] } : null,
    targetY: spec.target === null ? null : round(y(spec.target)),
  };
}

// --- Horizontal bars ---------------------------------------------------------------------------

export interface BarsSpec {
  values: readonly number[];
  /** Optional second value per row drawn behind the first (a projection). */
  behind?: readonly (number | null)[];
  /** Optional marker per row (a target). */
  markers?: readonly (number | null)[];
  width?: number;
  /** Left part of the width kept for the row labels. */
  labelWidth?: number;
  rowHeight?: number;
}

export interface BarsGeometry {
  width: number;
  height: number;
  plot: Box;
  xTicks: Tick[];
  rows: { y: number; height: number; barWidth: number; behindWidth: number | null; markerX: number | null; labelY: number; valueX: number }[];
}

/** Horizontal bars from 0 on a nice scale reaching the largest value, projection or marker. */
export function barsGeometry(spec: BarsSpec): BarsGeometry {
  const width = spec.width ?? 640;
  const labelWidth = spec.labelWidth ?? 160;
  const rowHeight = spec.rowHeight ?? 32;
  const plot: Box = { x: labelWidth, y: 8, width: width - labelWidth - 96, height: rowHeight * spec.values.length };
  const all = [...spec.values, ...(spec.behind ?? []), ...(spec.markers ?? [])].filter((v): v is number => v !== null && v !== undefined);
  const x = scaleLinear()
    .domain([0, Math.max(1, ...all)])
    .nice(4)
    .range([plot.x, plot.x + plot.width]);
  const bar = Math.round(rowHeight * 0.6);
  return {
    width,
    height: plot.y + plot.height + 28,
    plot,
    xTicks: x.ticks(4).map((value) => ({ value, at: round(x(value)) })),
    rows: spec.values.map((v, i) => {
      const top = plot.y + i * rowHeight + (rowHeight - bar) / 2;
      const behind = spec.behind?.[i] ?? null;
      const marker = spec.markers?.[i] ?? null;
      const widest = Math.max(v, behind ?? 0);
      return {
        y: round(top),
        height: bar,
        barWidth: round(x(v) - plot.x),
        behindWidth: behind === null ? null : round(x(behind) - plot.x),
        markerX: marker === null ? null : round(x(marker)),
        labelY: round(top + bar / 2),
        valueX: round(x(widest) + 6),
      };
    }),
  };
}
