/**
 * The tables of a tender's and a lot's bureau pages as files (issue "Reports"): the tender's lots
 * and their demands; the lot's bids as the evaluation page shows them (their opened content only
 * once the lot is opened: before, the bid table holds no price and no content) and its panel; the
 * award page's ranking and awards; the evaluation report's ranking, panel and member scores.
 * Columns follow the page's, with Chinese headers, amounts in yuan and times in Beijing time.
 */
import type { AwardPage } from "~/modules/award/queries.server";
import type { BureauLotEvaluation, ReportPage } from "~/modules/evaluation/queries.server";
import type { RankingEntry } from "~/modules/evaluation/report";
import { levelName, occupationName } from "~/modules/tender/labels";
import type { Occupation, TenderForBureau } from "~/modules/tender/queries.server";
import { chineseT } from "~/ui/i18n/instances.server";
import type { ExportFormat } from "./export-href";
import { detailExportResponse, shanghaiHeader, yuanHeader } from "./detail-export.server";
import type { ExportColumn } from "./table-export";

const ZH = "zh-CN";

export const TENDER_TABLES = ["lots", "demands"] as const;
export type TenderTable = (typeof TENDER_TABLES)[number];

/** The tender page's lots (one line each) or their demands (one line per demand, with its lot). */
export function tenderExport(format: ExportFormat, table: TenderTable, tender: TenderForBureau, occupations: readonly Occupation[]): Promise<Response> {
  const t = chineseT();
  const record = tender.reference ?? tender.title;
  type Lot = TenderForBureau["lots"][number];
  const lotColumns: ExportColumn<Lot>[] = [
    { header: t("tender.lots.number"), kind: "number", value: (l) => l.number },
    { header: t("report.exports.occupationCode"), kind: "text", value: (l) => l.occupationCode },
    { header: t("tender.lots.occupation"), kind: "text", value: (l) => occupationName(occupations, l.occupationCode, ZH) },
    { header: t("tender.lots.level"), kind: "text", value: (l) => levelName(l.level, ZH) },
    { header: t("tender.lots.headcount"), kind: "number", value: (l) => l.headcount },
    { header: t("tender.lots.window"), kind: "text", value: (l) => t("tender.lots.windowRange", { start: l.windowStart, end: l.windowEnd }) },
    { header: yuanHeader(t("tender.lots.maxPrice")), kind: "money", value: (l) => l.maxPriceFen },
    { header: yuanHeader(t("tender.lots.cap")), kind: "money", value: (l) => l.capFen },
    { header: t("tender.lots.status"), kind: "text", value: (l) => t(`tender.lotStatus.${l.status}`) },
  ];
  if (table === "lots") return detailExportResponse(format, record, t("tender.lots.heading"), lotColumns, tender.lots);
  type Line = { lot: Lot; demand: Lot["demands"][number] };
  const lines: Line[] = tender.lots.flatMap((lot) => lot.demands.map((demand) => ({ lot, demand })));
  const columns: ExportColumn<Line>[] = [
    { header: t("tender.lots.number"), kind: "number", value: (x) => x.lot.number },
    { header: t("tender.lots.enterprise"), kind: "text", value: (x) => x.demand.enterpriseName },
    { header: t("tender.lots.headcount"), kind: "number", value: (x) => x.demand.headcount },
    { header: t("tender.lots.demandWindow"), kind: "text", value: (x) => t("tender.lots.windowRange", { start: x.demand.earliestStart, end: x.demand.latestEnd }) },
    { header: t("tender.lots.place"), kind: "text", value: (x) => x.demand.place },
  ];
  return detailExportResponse(format, record, t("report.exports.lotDemands"), columns, lines);
}

/** "<tender reference> · 第N包": the record a lot's files are named after. */
function lotRecord(lot: { reference: string; lotNumber: number }): string {
  return chineseT()("evaluation.lot.heading", { reference: lot.reference, n: lot.lotNumber });
}

export const LOT_TABLES = ["bids", "panel"] as const;
export type LotTable = (typeof LOT_TABLES)[number];

/** The evaluation page's bids (the opening's figures, the compliance decision, and the opened content) or its panel. */
export function lotEvaluationExport(format: ExportFormat, table: LotTable, ev: BureauLotEvaluation): Promise<Response> {
  const t = chineseT();
  if (table === "bids") {
    type Bid = BureauLotEvaluation["bids"][number];
    const columns: ExportColumn<Bid>[] = [
      { header: t("bidding.opening.bidder"), kind: "text", value: (b) => b.institutionName },
      { header: t("evaluation.compliance.decision"), kind: "text", value: (b) => t(`evaluation.compliance.statuses.${b.status === "valid" || b.status === "rejected" || b.status === "awarded" || b.status === "not_awarded" ? b.status : "submitted"}`) },
      { header: yuanHeader(t("bidding.opening.price")), kind: "money", value: (b) => b.priceFen },
      { header: t("bidding.opening.capacity"), kind: "number", value: (b) => b.capacity },
      { header: shanghaiHeader(t("bidding.opening.submittedAt")), kind: "instant", value: (b) => b.submittedAt },
      { header: t("bidding.opening.receipt"), kind: "text", value: (b) => (b.receiptOk ? t("bidding.opening.receiptOk") : t("bidding.opening.receiptBad")) },
      { header: t("evaluation.compliance.reason"), kind: "text", value: (b) => (b.status === "rejected" ? b.rejectionReason : null) },
      { header: shanghaiHeader(t("evaluation.compliance.decidedAt")), kind: "instant", value: (b) => b.complianceAt },
      { header: t("evaluation.compliance.hours"), kind: "text", value: (b) => (b.content ? t("evaluation.compliance.hoursValue", { theory: b.content.theoryHours, practice: b.content.practiceHours }) : null) },
      { header: t("evaluation.compliance.period"), kind: "text", value: (b) => (b.content ? `${b.content.plannedStart} – ${b.content.plannedEnd}` : null) },
      { header: t("evaluation.compliance.trainers"), kind: "text", value: (b) => b.content?.trainers.map((x) => `${x.name} ${x.certificate}`).join("；") },
      { header: t("evaluation.compliance.venue"), kind: "text", value: (b) => b.content?.venue },
      { header: t("evaluation.compliance.plan"), kind: "text", value: (b) => b.content?.plan },
    ];
    return detailExportResponse(format, lotRecord(ev.lot), t("evaluation.compliance.heading"), columns, ev.bids);
  }
  type Seat = BureauLotEvaluation["panel"][number];
  const columns: ExportColumn<Seat>[] = [
    { header: t("evaluation.panel.member"), kind: "text", value: (m) => (m.replacesName ? `${m.name}（${t("evaluation.panel.replaces", { name: m.replacesName })}）` : m.name) },
    { header: t("evaluation.panel.kind"), kind: "text", value: (m) => t(`evaluation.kinds.${m.kind}`) },
    { header: t("evaluation.panel.seat"), kind: "text", value: (m) => t(`evaluation.seat.${m.status}`) },
    {
      header: t("evaluation.panel.declaration"),
      kind: "text",
      value: (m) => (!m.declaration ? t("evaluation.panel.notDeclared") : m.declaration.hasConflict ? t("evaluation.report.declaredConflict", { note: m.declaration.note ?? "" }) : t("evaluation.report.declaredNoConflict")),
    },
    { header: shanghaiHeader(t("evaluation.report.declaredAt")), kind: "instant", value: (m) => m.declaration?.declaredAt },
    { header: shanghaiHeader(t("evaluation.panel.submitted")), kind: "instant", value: (m) => m.submittedAt },
  ];
  return detailExportResponse(format, lotRecord(ev.lot), t("evaluation.panel.heading", { round: ev.lot.round }), columns, ev.panel);
}

export const AWARD_TABLES = ["awards", "ranking"] as const;
export type AwardTable = (typeof AWARD_TABLES)[number];

/** The award page's awards (with their contracts) or the ranking it confirms. */
export function awardExport(format: ExportFormat, table: AwardTable, page: AwardPage): Promise<Response> {
  const t = chineseT();
  const record = lotRecord({ reference: page.lot.reference, lotNumber: page.lot.number });
  if (table === "ranking") {
    type Line = NonNullable<AwardPage["report"]>["ranking"][number];
    const columns: ExportColumn<Line>[] = [
      { header: t("award.table.rank"), kind: "number", value: (r) => r.rank },
      { header: t("award.table.institution"), kind: "text", value: (r) => r.institutionName },
      { header: yuanHeader(t("award.table.price")), kind: "money", value: (r) => r.priceFen },
      { header: t("award.table.capacity"), kind: "number", value: (r) => r.capacity },
      { header: t("award.ranking.inRunning"), kind: "text", value: (r) => (r.excluded ? t("award.ranking.excluded") : t("common.yes")) },
    ];
    return detailExportResponse(format, record, t("award.ranking.caption"), columns, page.report?.ranking ?? []);
  }
  type Award = AwardPage["awards"][number];
  const columns: ExportColumn<Award>[] = [
    { header: t("award.table.round"), kind: "number", value: (a) => a.round },
    { header: t("award.table.rank"), kind: "number", value: (a) => a.rank },
    { header: t("award.table.institution"), kind: "text", value: (a) => (a.replacesAwardId ? `${a.institutionName} · ${t("award.all.replacement")}` : a.institutionName) },
    { header: t("award.table.headcount"), kind: "number", value: (a) => a.headcount },
    { header: yuanHeader(t("award.table.value")), kind: "money", value: (a) => a.valueFen },
    { header: t("award.table.status"), kind: "text", value: (a) => t(`award.awardStatus.${a.status}`) },
    { header: t("award.table.contract"), kind: "text", value: (a) => (a.contract ? `${a.contract.reference} · ${t(`award.contracts.statuses.${a.contract.status}`)}` : null) },
  ];
  return detailExportResponse(format, record, t("award.all.caption"), columns, page.awards);
}

export const REPORT_TABLES = ["ranking", "scores", "members"] as const;
export type ReportTable = (typeof REPORT_TABLES)[number];

/** The evaluation report's ranking, its members' scores (a line per member, bid and criterion, with each member's total per bid), or its panel and declarations. */
export function reportExport(format: ExportFormat, table: ReportTable, page: ReportPage): Promise<Response> {
  const t = chineseT();
  const { report, criteria } = page;
  const record = `${lotRecord(page.lot)}-${t("evaluation.report.title")}-${t("evaluation.lot.round", { round: report.round })}`;
  if (table === "ranking") {
    const columns: ExportColumn<RankingEntry>[] = [
      { header: t("evaluation.ranking.rank"), kind: "number", value: (r) => r.rank },
      { header: t("evaluation.ranking.bidder"), kind: "text", value: (r) => r.institutionName },
      { header: yuanHeader(t("evaluation.ranking.price")), kind: "money", value: (r) => r.priceFen },
      { header: t("evaluation.ranking.capacity"), kind: "number", value: (r) => r.capacity },
      { header: shanghaiHeader(t("evaluation.ranking.submittedAt")), kind: "instant", value: (r) => r.submittedAt },
      { header: t("evaluation.ranking.priceScore"), kind: "text", value: (r) => r.priceScore.toFixed(2) },
      { header: t("evaluation.ranking.technicalScore"), kind: "text", value: (r) => r.technicalScore.toFixed(2) },
      { header: t("evaluation.ranking.total"), kind: "text", value: (r) => r.total.toFixed(2) },
    ];
    return detailExportResponse(format, record, t("evaluation.report.rankingHeading"), columns, report.ranking);
  }
  if (table === "members") {
    type Line = { name: string; kind: string; declaration: string; declaredAt: string };
    const lines: Line[] = [
      ...report.members.map((m) => ({ name: m.name, kind: t(`evaluation.kinds.${m.kind}`), declaration: t("evaluation.report.declaredNoConflict"), declaredAt: m.declaredAt })),
      ...page.declarations.filter((d) => d.hasConflict).map((d) => ({ name: d.name, kind: "—", declaration: t("evaluation.report.declaredConflict", { note: d.note ?? "" }), declaredAt: d.declaredAt })),
    ];
    const columns: ExportColumn<Line>[] = [
      { header: t("evaluation.panel.member"), kind: "text", value: (l) => l.name },
      { header: t("evaluation.panel.kind"), kind: "text", value: (l) => l.kind },
      { header: t("evaluation.report.declaration"), kind: "text", value: (l) => l.declaration },
      { header: shanghaiHeader(t("evaluation.report.declaredAt")), kind: "instant", value: (l) => l.declaredAt },
    ];
    return detailExportResponse(format, record, t("evaluation.report.membersHeading"), columns, lines);
  }
  // As the page's member tables: each bid's criteria in order, then the member's total for the bid.
  type Line = { member: string; kind: string; bidder: string; criterion: string; score: string; comment: string };
  const scoreOf = (bidId: string, userId: string, criterionId: string) => report.scores.find((s) => s.bidId === bidId && s.userId === userId && s.criterionId === criterionId);
  const lines: Line[] = report.members.flatMap((m) =>
    report.ranking.flatMap((b) => {
      const base = { member: m.name, kind: t(`evaluation.kinds.${m.kind}`), bidder: b.institutionName };
      const total = criteria.reduce((sum, c) => sum + Math.round((scoreOf(b.bidId, m.userId, c.id)?.score ?? 0) * 100), 0) / 100;
      return [
        ...criteria.map((c) => {
          const s = scoreOf(b.bidId, m.userId, c.id);
          return { ...base, criterion: c.name, score: s ? s.score.toFixed(2) : "—", comment: s?.comment ?? "" };
        }),
        { ...base, criterion: t("evaluation.report.memberTotal"), score: total.toFixed(2), comment: "" },
      ];
    }),
  );
  const columns: ExportColumn<Line>[] = [
    { header: t("evaluation.panel.member"), kind: "text", value: (l) => l.member },
    { header: t("evaluation.panel.kind"), kind: "text", value: (l) => l.kind },
    { header: t("evaluation.ranking.bidder"), kind: "text", value: (l) => l.bidder },
    { header: t("evaluation.report.criterion"), kind: "text", value: (l) => l.criterion },
    { header: t("evaluation.report.score"), kind: "text", value: (l) => l.score },
    { header: t("evaluation.report.comment"), kind: "text", value: (l) => l.comment },
  ];
  return detailExportResponse(format, record, t("evaluation.report.scoresHeading"), columns, lines);
}
