/**
 * The pieces of the progress pages shared by the bureau's page, the public statistics and the
 * own-progress pages: verdicts, the at-a-glance sentence, target cards, the charts with their
 * tables, and the breakdown tables. Presentation only; the figures come from progress.server.ts
 * and the chart shapes from charts.ts, both through the loader.
 */
import { useTranslation } from "react-i18next";
import { formatFen } from "~/modules/reference/money";
import { levelName } from "~/modules/tender/labels";
import { BarChart } from "~/ui/charts/bar-chart";
import { CumulativeChart } from "~/ui/charts/cumulative-chart";
import type { BarsGeometry, CumulativeGeometry } from "~/ui/charts/geometry";
import { formatInstant } from "~/ui/format";
import { STAGES, type FunnelStage, type Stage, type StageCounts } from "./funnel";
import type { TargetStatus } from "./metrics";

/** The figures the shared pieces need (a JSON-safe subset of TargetProgress). */
export interface TargetProgressView {
  year: number;
  phase: "past" | "current" | "future";
  monthsElapsed: number;
  asOf: string;
  targets: { trainedMin: number; highSkilledMin: number; highSkilledSharePct: number; isDefault: boolean };
  trained: { actual: number; projected: number; target: number; status: TargetStatus };
  highSkilled: { actual: number; projected: number; target: number; status: TargetStatus };
  share: { enterprises: number; sharePct: number | null; enterprisesMeeting: number; target: number; status: TargetStatus };
  trainedByMonth: number[];
  curve: { actual: (number | null)[]; projected: (number | null)[] };
  basis: { institutionsWithHistory: number; institutionsWithDefault: number; defaultRate: number; contracts: number; pendingTrainees: number };
}

/** Number formats per language, made once (a formatter costs far more to make than to use). */
const FORMATS = new Map<string, { whole: Intl.NumberFormat; oneDecimal: Intl.NumberFormat; compact: Intl.NumberFormat }>();
function formatsFor(locale: string) {
  let f = FORMATS.get(locale);
  if (!f) {
    f = {
      whole: new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }),
      oneDecimal: new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
      compact: new Intl.NumberFormat(locale, { notation: "compact", maximumFractionDigits: 1 }),
    };
    FORMATS.set(locale, f);
  }
  return f;
}

export function useNumbers() {
  const { i18n } = useTranslation();
  const { whole, oneDecimal, compact } = formatsFor(i18n.language === "en" ? "en" : "zh-CN");
  return {
    n: (v: number) => whole.format(v),
    pct: (v: number) => oneDecimal.format(v),
    compact: (v: number) => compact.format(v),
    fen: (v: number) => formatFen(v, i18n.language),
    lang: i18n.language,
  };
}

const SYMBOL: Record<TargetStatus, string> = { met: "✓", onTrack: "✓", atRisk: "!", missed: "✕", noData: "–" };

/** A verdict as a word with a symbol and a colour (never colour alone), with its meaning as a tooltip. */
export function Verdict({ status }: { status: TargetStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`verdict verdict-${status}`} title={t(`progress.statusHint.${status}`)}>
      <span aria-hidden="true">{SYMBOL[status]}</span>
      {t(`progress.status.${status}`)}
    </span>
  );
}

/** "Are we on track?" in one sentence. */
export function Glance({ p }: { p: TargetProgressView }) {
  const { t } = useTranslation();
  const { n } = useNumbers();
  const s = p.trained.status;
  const gap = Math.max(0, p.trained.target - (s === "missed" ? p.trained.actual : p.trained.projected));
  const params = { projected: n(p.trained.projected), target: n(p.trained.target), actual: n(p.trained.actual), gap: n(gap) };
  return (
    <p className={`glance glance-${s}`} role="status">
      {t(`progress.targets.glance.${s}`, params)} <Verdict status={s} />
    </p>
  );
}

/** The three targets as cards: figure, target, projection, verdict. */
export function TargetCards({ p }: { p: TargetProgressView }) {
  const { t } = useTranslation();
  const { n, pct } = useNumbers();
  const past = p.phase === "past";
  const headcount = (key: "trained" | "highSkilled") => {
    const f = p[key];
    return (
      <section className="target-card" aria-labelledby={`target-${key}`}>
        <h3 id={`target-${key}`}>{t(`progress.targets.${key}`)}</h3>
        <p className="figure">{t("progress.people", { n: n(f.actual) })}</p>
        <p className="of">
          {t("progress.targets.target")} {n(f.target)}
          {past ? null : (
            <>
              {" · "}
              {t("progress.targets.projected")} {n(f.projected)}
            </>
          )}
        </p>
        <Verdict status={f.status} />
        <p className="hint">{t(`progress.targets.${key}Hint`)}</p>
      </section>
    );
  };
  return (
    <div className="target-cards">
      {headcount("trained")}
      {headcount("highSkilled")}
      <section className="target-card" aria-labelledby="target-share">
        <h3 id="target-share">{t("progress.targets.share")}</h3>
        <p className="figure">{p.share.sharePct === null ? t("progress.dash") : t("progress.pct", { value: pct(p.share.sharePct) })}</p>
        <p className="of">
          {t("progress.targets.target")} {t("progress.pct", { value: String(p.share.target) })}
          {" · "}
          {p.share.sharePct === null
            ? t("progress.targets.noReports")
            : t("progress.targets.shareFigure", { enterprises: n(p.share.enterprises), meeting: n(p.share.enterprisesMeeting) })}
        </p>
        <Verdict status={p.share.status} />
        <p className="hint">{t("progress.targets.shareHint")}</p>
      </section>
    </div>
  );
}

/** The headcount targets as bars: figure, projection behind it, target mark; with their table. */
export function TargetsChart({ id, p, geometry }: { id: string; p: TargetProgressView; geometry: BarsGeometry }) {
  const { t } = useTranslation();
  const { n } = useNumbers();
  const past = p.phase === "past";
  const rows = [
    { key: "trained" as const, f: p.trained },
    { key: "highSkilled" as const, f: p.highSkilled },
  ];
  return (
    <BarChart
      id={id}
      geometry={geometry}
      title={t("progress.targets.chartTitle", { year: p.year })}
      desc={t("progress.targets.chartDesc", {
        trained: n(p.trained.actual),
        trainedProjected: n(p.trained.projected),
        trainedTarget: n(p.trained.target),
        high: n(p.highSkilled.actual),
        highProjected: n(p.highSkilled.projected),
        highTarget: n(p.highSkilled.target),
      })}
      labels={rows.map((r) => t(`progress.targets.${r.key}Short`))}
      valueLabels={rows.map((r) => (past ? `${n(r.f.actual)} / ${n(r.f.target)}` : `${n(r.f.actual)} → ${n(r.f.projected)} / ${n(r.f.target)}`))}
      formatTick={n}
      legend={{ bar: t("progress.targets.barActual"), behind: past ? undefined : t("progress.targets.barProjected"), marker: t("progress.targets.barTarget") }}
      table={
        <table>
          <caption className="visually-hidden">{t("progress.targets.chartTitle", { year: p.year })}</caption>
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">{t("progress.targets.title")}</span>
              </th>
              <th scope="col" className="num">
                {t("progress.targets.figure")}
              </th>
              {past ? null : (
                <th scope="col" className="num">
                  {t("progress.targets.projected")}
                </th>
              )}
              <th scope="col" className="num">
                {t("progress.targets.target")}
              </th>
              <th scope="col">{t("progress.targets.verdict")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{t(`progress.targets.${r.key}`)}</th>
                <td className="num">{n(r.f.actual)}</td>
                {past ? null : <td className="num">{n(r.f.projected)}</td>}
                <td className="num">{n(r.f.target)}</td>
                <td>
                  <Verdict status={r.f.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

/** The monthly cumulative curve with its table. */
export function CurveChart({ id, p, geometry }: { id: string; p: TargetProgressView; geometry: CumulativeGeometry }) {
  const { t } = useTranslation();
  const { n } = useNumbers();
  const rows = p.curve.actual.map((cumulative, i) => ({
    month: i + 1,
    inMonth: cumulative === null ? null : (p.trainedByMonth[i] ?? 0),
    cumulative,
    projected: p.curve.projected[i] ?? null,
  }));
  const lastMonth = p.monthsElapsed > 0 ? t(`progress.month.m${p.monthsElapsed}` as "progress.month.m1") : t("progress.dash");
  const desc =
    p.phase === "past"
      ? t("progress.curve.descPast", { year: p.year, actual: n(p.trained.actual), target: n(p.trained.target) })
      : t("progress.curve.desc", { year: p.year, actual: n(p.trained.actual), month: lastMonth, projected: n(p.trained.projected), target: n(p.trained.target) });
  return <CumulativeChart id={id} geometry={geometry} title={t("progress.curve.title", { year: p.year })} desc={desc} target={p.trained.target} rows={rows} />;
}

/** The projection in plain words, with what it rests on. */
export function ProjectionExplained({ p }: { p: TargetProgressView }) {
  const { t } = useTranslation();
  const { n } = useNumbers();
  if (p.phase === "past") return <p className="muted">{t("progress.projection.pastYear")}</p>;
  return (
    <section className="explain" aria-labelledby="projection-heading">
      <h3 id="projection-heading">{t("progress.projection.title")}</h3>
      <p>{t("progress.projection.body", { rate: Math.round(p.basis.defaultRate * 100) })}</p>
      <p className="muted">
        {t("progress.projection.basis", {
          contracts: n(p.basis.contracts),
          pending: n(p.basis.pendingTrainees),
          history: n(p.basis.institutionsWithHistory),
          defaulted: n(p.basis.institutionsWithDefault),
        })}
      </p>
    </section>
  );
}

/** The funnel as bars with its table of counts, shares of the stage before and losses. */
export function FunnelChart({ id, title, stages, geometry }: { id: string; title: string; stages: FunnelStage[]; geometry: BarsGeometry }) {
  const { t } = useTranslation();
  const { n, pct } = useNumbers();
  const name = (s: Stage) => t(`progress.funnel.stages.${s}`);
  return (
    <BarChart
      id={id}
      geometry={geometry}
      title={title}
      desc={t("progress.funnel.chartDesc", { stages: stages.map((s) => `${name(s.stage)} ${n(s.count)}`).join(" → ") })}
      labels={stages.map((s) => name(s.stage))}
      valueLabels={stages.map((s) => (s.pctOfPrevious === null ? n(s.count) : `${n(s.count)} (${t("progress.pct", { value: pct(s.pctOfPrevious) })})`))}
      formatTick={n}
      table={
        <table>
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t("progress.funnel.stageCol")}</th>
              <th scope="col" className="num">
                {t("progress.funnel.countCol")}
              </th>
              <th scope="col" className="num">
                {t("progress.funnel.keptCol")}
              </th>
              <th scope="col" className="num">
                {t("progress.funnel.lostCol")}
              </th>
            </tr>
          </thead>
          <tbody>
            {stages.map((s) => (
              <tr key={s.stage}>
                <th scope="row">{name(s.stage)}</th>
                <td className="num">{n(s.count)}</td>
                <td className="num">{s.pctOfPrevious === null ? t("progress.dash") : t("progress.pct", { value: pct(s.pctOfPrevious) })}</td>
                <td className="num">{s.lost > 0 ? n(s.lost) : t("progress.dash")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

export interface StageLine {
  key: string;
  name: string;
  counts: StageCounts;
  trained?: number;
}

/** A breakdown table: one row per group, the funnel's stages as columns (and trained in the year). */
export function StageTable({
  caption,
  nameHeader,
  lines,
  stages = STAGES,
  withTrained,
  others,
}: {
  caption: string;
  nameHeader: string;
  lines: StageLine[];
  stages?: readonly Stage[];
  withTrained?: boolean;
  others?: { groups: number; counts: StageCounts } | null;
}) {
  const { t } = useTranslation();
  const { n } = useNumbers();
  if (lines.length === 0) return <p className="muted">{t("progress.breakdown.none")}</p>;
  return (
    <div className="table-scroll">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{nameHeader}</th>
            {stages.map((s) => (
              <th scope="col" className="num" key={s}>
                {t(`progress.funnel.stages.${s}`)}
              </th>
            ))}
            {withTrained ? (
              <th scope="col" className="num">
                {t("progress.breakdown.trained")}
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.key}>
              <th scope="row">{l.name}</th>
              {stages.map((s) => (
                <td className="num" key={s}>
                  {n(l.counts[s])}
                </td>
              ))}
              {withTrained ? <td className="num">{n(l.trained ?? 0)}</td> : null}
            </tr>
          ))}
          {others ? (
            <tr className="total-row">
              <th scope="row">{t("progress.breakdown.others", { n: n(others.groups) })}</th>
              {stages.map((s) => (
                <td className="num" key={s}>
                  {n(others.counts[s])}
                </td>
              ))}
              {withTrained ? <td className="num">{t("progress.dash")}</td> : null}
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}

/** A level's name in the page's language. */
export function useLevel() {
  const { i18n } = useTranslation();
  return (level: number | string) => levelName(Number(level), i18n.language);
}

/** "Figures as of …" in Shanghai time. */
export function AsOf({ at }: { at: string }) {
  const { t } = useTranslation();
  return <p className="muted">{t("progress.asOf", { time: formatInstant(at) })}</p>;
}

/** The lead times from demand posted to trainee certified: median, 90th percentile, how many. */
export function LeadTimeFigures({ leadTimes }: { leadTimes: { count: number; medianDays: number | null; p90Days: number | null } }) {
  const { t } = useTranslation();
  const { n } = useNumbers();
  if (leadTimes.count === 0) return <p>{t("progress.leadTime.none")}</p>;
  return (
    <dl className="figures">
      <div>
        <dt>{t("progress.leadTime.median")}</dt>
        <dd>{t("progress.days", { n: n(leadTimes.medianDays ?? 0) })}</dd>
      </div>
      <div>
        <dt>{t("progress.leadTime.p90")}</dt>
        <dd>{t("progress.days", { n: n(leadTimes.p90Days ?? 0) })}</dd>
      </div>
      <div>
        <dt>{t("progress.leadTime.count")}</dt>
        <dd>{t("progress.people", { n: n(leadTimes.count) })}</dd>
      </div>
    </dl>
  );
}
