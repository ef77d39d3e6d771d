import type { ReactNode } from "react";
import { ChartFigure, HatchPattern, LegendItem } from "./chart-figure";
import type { BarsGeometry } from "./geometry";

/** A row label too long for the space beside the bars is cut (the table beside the chart has it whole). */
const LABEL_MAX = 36;
function shorten(label: string): string {
  return label.length > LABEL_MAX ? `${label.slice(0, LABEL_MAX - 1)}…` : label;
}

/**
 * Horizontal bars with their labels and values written beside them: the funnel, the targets
 * (figure as a solid bar, projection as a hatched bar behind it, target as a red mark), budgets
 * and breakdowns. The values are in the table too.
 */
export function BarChart({
  id,
  geometry: g,
  title,
  desc,
  labels,
  valueLabels,
  formatTick,
  legend,
  table,
}: {
  id: string;
  geometry: BarsGeometry;
  title: string;
  desc: string;
  labels: string[];
  valueLabels: string[];
  formatTick: (value: number) => string;
  legend?: { behind?: string; bar?: string; marker?: string };
  table: ReactNode;
}) {
  const bottom = g.plot.y + g.plot.height;
  const hatch = `${id}-hatch`;
  return (
    <ChartFigure
      id={id}
      title={title}
      desc={desc}
      width={g.width}
      height={g.height}
      table={table}
      legend={
        legend ? (
          <>
            {legend.bar ? <LegendItem chartId={id} swatch="bar" label={legend.bar} /> : null}
            {legend.behind ? <LegendItem chartId={id} swatch="behind" label={legend.behind} /> : null}
            {legend.marker ? <LegendItem chartId={id} swatch="marker" label={legend.marker} /> : null}
          </>
        ) : undefined
      }
    >
      <HatchPattern id={hatch} />
      <g className="grid">
        {g.xTicks.map((tick) => (
          <line key={tick.value} x1={tick.at} x2={tick.at} y1={g.plot.y} y2={bottom} />
        ))}
      </g>
      {g.xTicks.map((tick) => (
        <text key={tick.value} className="tick-label" x={tick.at} y={bottom + 16} textAnchor="middle">
          {formatTick(tick.value)}
        </text>
      ))}
      <g className="axis">
        <line x1={g.plot.x} x2={g.plot.x} y1={g.plot.y} y2={bottom} />
      </g>
      {g.rows.map((r, i) => (
        <g key={i}>
          <text x={g.plot.x - 8} y={r.labelY} textAnchor="end" dominantBaseline="middle">
            {shorten(labels[i] ?? "")}
          </text>
          {r.behindWidth !== null && r.behindWidth > 0 ? <rect className="bar-behind" x={g.plot.x} y={r.y} width={r.behindWidth} height={r.height} fill={`url(#${hatch})`} /> : null}
          {r.barWidth > 0 ? <rect className="bar" x={g.plot.x} y={r.y + (r.behindWidth !== null ? r.height * 0.2 : 0)} width={r.barWidth} height={r.behindWidth !== null ? r.height * 0.6 : r.height} /> : null}
          {r.markerX !== null ? <line className="marker" x1={r.markerX} x2={r.markerX} y1={r.y - 4} y2={r.y + r.height + 4} /> : null}
          <text className="value-label" x={Math.max(r.valueX, (r.markerX ?? 0) + 6)} y={r.labelY} dominantBaseline="middle">
            {valueLabels[i]}
          </text>
        </g>
      ))}
    </ChartFigure>
  );
}
