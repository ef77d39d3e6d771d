import { useTranslation } from "react-i18next";
import { ChartFigure, LegendItem } from "./chart-figure";
import type { CumulativeGeometry } from "./geometry";

const WHOLE = new Map<string, Intl.NumberFormat>();
/** A whole-number format per language, made once. */
function wholeFormat(locale: string): Intl.NumberFormat {
  let f = WHOLE.get(locale);
  if (!f) WHOLE.set(locale, (f = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 })));
  return f;
}

export interface CumulativeRow {
  month: number;
  inMonth: number | null;
  cumulative: number | null;
  projected: number | null;
}

/**
 * The monthly cumulative curve of trainees trained (solid line with dots), the projection to
 * 31 December (dashed line, open dot at its end, labelled) and the target (dotted red line,
 * labelled), with the month-by-month table beside it.
 */
export function CumulativeChart({
  id,
  geometry: g,
  title,
  desc,
  target,
  rows,
}: {
  id: string;
  geometry: CumulativeGeometry;
  title: string;
  desc: string;
  target: number | null;
  rows: CumulativeRow[];
}) {
  const { t, i18n } = useTranslation();
  const nf = wholeFormat(i18n.language === "en" ? "en" : "zh-CN");
  const month = (m: number) => t(`progress.month.m${m}` as "progress.month.m1");
  const right = g.plot.x + g.plot.width;
  const bottom = g.plot.y + g.plot.height;
  const hasProjection = rows.some((r) => r.projected !== null);
  return (
    <ChartFigure
      id={id}
      title={title}
      desc={desc}
      width={g.width}
      height={g.height}
      legend={
        <>
          <LegendItem chartId={id} swatch="actual" label={t("progress.curve.actual")} />
          {hasProjection ? <LegendItem chartId={id} swatch="projected" label={t("progress.curve.projected")} /> : null}
          {target !== null ? <LegendItem chartId={id} swatch="target" label={t("progress.curve.target", { target: nf.format(target) })} /> : null}
        </>
      }
      table={
        <table>
          <caption>{t("progress.curve.tableCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("progress.curve.monthCol")}</th>
              <th scope="col" className="num">
                {t("progress.curve.inMonth")}
              </th>
              <th scope="col" className="num">
                {t("progress.curve.cumulative")}
              </th>
              {hasProjection ? (
                <th scope="col" className="num">
                  {t("progress.curve.projectedCol")}
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.month}>
                <th scope="row">{month(r.month)}</th>
                <td className="num">{r.inMonth === null ? t("progress.dash") : nf.format(r.inMonth)}</td>
                <td className="num">{r.cumulative === null ? t("progress.dash") : nf.format(r.cumulative)}</td>
                {hasProjection ? <td className="num">{r.projected === null ? t("progress.dash") : nf.format(r.projected)}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <g className="grid">
        {g.yTicks.map((tick) => (
          <line key={tick.value} x1={g.plot.x} x2={right} y1={tick.at} y2={tick.at} />
        ))}
      </g>
      <g className="axis">
        <line x1={g.plot.x} x2={right} y1={bottom} y2={bottom} />
        <line x1={g.plot.x} x2={g.plot.x} y1={g.plot.y} y2={bottom} />
      </g>
      {g.yTicks.map((tick) => (
        <text key={tick.value} className="tick-label" x={g.plot.x - 8} y={tick.at} textAnchor="end" dominantBaseline="middle">
          {nf.format(tick.value)}
        </text>
      ))}
      {g.months.map((m) => (
        <text key={m.month} className="tick-label" x={m.x} y={bottom + 18} textAnchor="middle">
          {month(m.month)}
        </text>
      ))}
      {g.targetY !== null && target !== null ? (
        <>
          <line className="line-target" x1={g.plot.x} x2={right} y1={g.targetY} y2={g.targetY} />
          <text className="target-label" x={right + 6} y={g.targetY} dominantBaseline="middle">
            {t("progress.curve.target", { target: nf.format(target) })}
          </text>
        </>
      ) : null}
      {g.projectedPath ? <path className="line-projected" d={g.projectedPath} /> : null}
      {g.actualPath ? <path className="line-actual" d={g.actualPath} /> : null}
      {g.actualPoints.map((p) => (
        <circle key={p.month} className="point-actual" cx={p.x} cy={p.y} r={3.5} />
      ))}
      {g.projectedEnd ? (
        <>
          <circle className="point-projected" cx={g.projectedEnd.x} cy={g.projectedEnd.y} r={4.5} />
          <text className="value-label" x={g.projectedEnd.x + 8} y={g.projectedEnd.y + (g.targetY !== null && Math.abs(g.targetY - g.projectedEnd.y) < 14 ? 16 : 0)} dominantBaseline="middle">
            {nf.format(g.projectedEnd.value)}
          </text>
        </>
      ) : null}
    </ChartFigure>
  );
}
