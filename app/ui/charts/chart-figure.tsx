import type { ReactNode } from "react";

/**
 * A chart as a figure: the SVG (role="img", named by its <title>, described by its <desc>)
 * beside the table of the same figures, so the numbers can be read, copied and printed without
 * the picture. Server-rendered; nothing here needs JavaScript.
 */
export function ChartFigure({
  id,
  title,
  desc,
  width,
  height,
  legend,
  table,
  children,
}: {
  id: string;
  title: string;
  desc: string;
  width: number;
  height: number;
  legend?: ReactNode;
  table: ReactNode;
  children: ReactNode;
}) {
  return (
    <figure className="chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>{title}</figcaption>
      <div className="chart-body">
        <div>
          <svg
            className="chart-svg"
            viewBox={`0 0 ${width} ${height}`}
            role="img"
            aria-labelledby={`${id}-title`}
            aria-describedby={`${id}-desc`}
            preserveAspectRatio="xMinYMin meet"
          >
            <title id={`${id}-title`}>{title}</title>
            <desc id={`${id}-desc`}>{desc}</desc>
            {children}
          </svg>
          {legend ? (
            <ul className="chart-legend" aria-hidden="true">
              {legend}
            </ul>
          ) : null}
        </div>
        <div className="chart-table table-scroll">{table}</div>
      </div>
    </figure>
  );
}

/** A diagonal hatch, so a projection differs from the figure by pattern as well as tone. */
export function HatchPattern({ id }: { id: string }) {
  return (
    <defs>
      <pattern id={id} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="6" height="6" fill="#ffffff" />
        <line className="hatch-line" x1="0" y1="0" x2="0" y2="6" />
      </pattern>
    </defs>
  );
}

/** A legend entry with its small drawn swatch (`chartId` keeps its pattern's id unique on the page). */
export function LegendItem({ chartId, swatch, label }: { chartId: string; swatch: "actual" | "projected" | "target" | "bar" | "behind" | "marker"; label: string }) {
  return (
    <li>
      <svg className="swatch chart-svg" viewBox="0 0 32 14" aria-hidden="true" focusable="false">
        {swatch === "actual" ? <line className="line-actual" x1="2" y1="7" x2="30" y2="7" /> : null}
        {swatch === "projected" ? <line className="line-projected" x1="2" y1="7" x2="30" y2="7" /> : null}
        {swatch === "target" ? <line className="line-target" x1="2" y1="7" x2="30" y2="7" /> : null}
        {swatch === "bar" ? <rect className="bar" x="2" y="2" width="28" height="10" /> : null}
        {swatch === "behind" ? (
          <>
            <HatchPattern id={`${chartId}-legend-hatch`} />
            <rect className="bar-behind" x="2" y="2" width="28" height="10" fill={`url(#${chartId}-legend-hatch)`} />
          </>
        ) : null}
        {swatch === "marker" ? <line className="marker" x1="16" y1="0" x2="16" y2="14" /> : null}
      </svg>
      {label}
    </li>
  );
}
