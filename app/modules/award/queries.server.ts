import type { DB } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { can } from "~/modules/access/policy";
import type { ContractStatus } from "~/modules/contract/lifecycle";
import { listPublishedAcceptances, type PublishedAcceptance } from "~/modules/delivery/public-acceptances.server";
import type { LotStatus } from "~/modules/tender/lifecycle";
import { now } from "~/utils/clock.server";
import { forbiddenResult, notFoundResult, ok, type Result } from "~/utils/result";
import type { AwardStatus, ObjectionStatus } from "./lifecycle";
import { ineligibleBidIds, lotDemandParts, OPENED_BID_STATUSES, readReport, rulesAndCalendar, type StoredReport } from "./lot-context.server";
import { hasObjectionWindowClosed, isLate, isObjectionWindowOpen, latestPublication } from "./periods";
import { proposeAwards, uncoveredHeadcount, type ProposedAward, type RankingLine } from "./proposal";

export interface AwardView {
  id: string;
  bidId: string;
  institutionId: string;
  institutionName: string;
  rank: number;
  headcount: number;
  priceFen: number;
  valueFen: number;
  status: AwardStatus;
  round: number;
  publishedAt: string | null;
  publicityEndsAt: string | null;
  objectionDeadline: string | null;
  replacesAwardId: string | null;
  demands: { demandId: string; enterpriseName: string; headcount: number }[];
  contract: { id: string; reference: string; status: ContractStatus; signDueAt: string } | null;
}

export interface ObjectionView {
  id: string;
  awardId: string | null;
  /** The institution the objected award went to (not the objector). */
  awardInstitutionName: string | null;
  institutionId: string;
  institutionName: string;
  grounds: string;
  lodgedAt: string;
  answerDueAt: string;
  status: ObjectionStatus;
  outcome: "reevaluate" | "next_ranked" | null;
  answer: string | null;
  answeredAt: string | null;
  /** Answered after its due time, or still unanswered past it. */
  late: boolean;
}

export interface LotHeader {
  id: string;
  tenderId: string;
  reference: string;
  tenderTitle: string;
  number: number;
  occupationCode: string;
  occupationZh: string;
  occupationEn: string;
  level: number;
  headcount: number;
  status: LotStatus;
  round: number;
  regime: "GP" | "TB";
}

async function lotHeader(db: DB, lotId: string): Promise<LotHeader | undefined> {
  const r = await db
    .selectFrom("lots as l")
    .innerJoin("tenders as t", "t.id", "l.tender_id")
    .innerJoin("occupations as o", "o.code", "l.occupation_code")
    .select(["l.id", "l.tender_id", "t.reference", "t.title", "l.number", "l.occupation_code", "o.name_zh", "o.name_en", "l.level", "l.headcount", "l.status", "l.evaluation_round", "t.regime"])
    .where("l.id", "=", lotId)
    .where("t.status", "!=", "draft")
    .executeTakeFirst();
  if (!r || !r.reference) return undefined;
  return {
    id: r.id,
    tenderId: r.tender_id,
    reference: r.reference,
    tenderTitle: r.title,
    number: Number(r.number),
    occupationCode: r.occupation_code,
    occupationZh: r.name_zh,
    occupationEn: r.name_en,
    level: Number(r.level),
    headcount: Number(r.headcount),
    status: r.status,
    round: Number(r.evaluation_round),
    regime: r.regime,
  };
}

/** Every award of a lot (newest round first, then by rank), with demand parts and contracts. */
async function listAwards(db: DB, lotId: string, onlyPublished: boolean): Promise<AwardView[]> {
  let q = db
    .selectFrom("awards as a")
    .innerJoin("organisations as o", "o.id", "a.institution_id")
    .leftJoin("contracts as c", "c.award_id", "a.id")
    .select([
      "a.id",
      "a.bid_id",
      "a.institution_id",
      "o.name",
      "a.rank",
      "a.headcount",
      "a.price_fen",
      "a.value_fen",
      "a.status",
      "a.round",
      "a.published_at",
      "a.publicity_ends_at",
      "a.objection_deadline",
      "a.replaces_award_id",
      "a.created_at",
      "c.id as contract_id",
      "c.reference as contract_reference",
      "c.status as contract_status",
      "c.sign_due_at",
    ])
    .where("a.lot_id", "=", lotId);
  if (onlyPublished) q = q.where("a.published_at", "is not", null);
  const rows = await q.orderBy("a.created_at", "desc").orderBy("a.rank").execute();
  const parts = rows.length
    ? await db
        .selectFrom("award_demands as ad")
        .innerJoin("demands as d", "d.id", "ad.demand_id")
        .innerJoin("organisations as e", "e.id", "d.enterprise_id")
        .select(["ad.award_id", "ad.demand_id", "e.name", "ad.headcount"])
        .where("ad.award_id", "in", rows.map((r) => r.id))
        .orderBy("ad.demand_id")
        .execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    bidId: r.bid_id,
    institutionId: r.institution_id,
    institutionName: r.name,
    rank: Number(r.rank),
    headcount: Number(r.headcount),
    priceFen: Number(r.price_fen),
    valueFen: Number(r.value_fen),
    status: r.status,
    round: Number(r.round),
    publishedAt: r.published_at,
    publicityEndsAt: r.publicity_ends_at,
    objectionDeadline: r.objection_deadline,
    replacesAwardId: r.replaces_award_id,
    demands: parts.filter((p) => p.award_id === r.id).map((p) => ({ demandId: p.demand_id, enterpriseName: p.name, headcount: Number(p.headcount) })),
    contract: r.contract_id && r.contract_reference && r.contract_status && r.sign_due_at ? { id: r.contract_id, reference: r.contract_reference, status: r.contract_status, signDueAt: r.sign_due_at } : null,
  }));
}

async function listObjections(db: DB, lotId: string, institutionId?: string): Promise<ObjectionView[]> {
  let q = db
    .selectFrom("objections as x")
    .innerJoin("organisations as o", "o.id", "x.institution_id")
    .leftJoin("awards as a", "a.id", "x.award_id")
    .leftJoin("organisations as ao", "ao.id", "a.institution_id")
    .select([
      "x.id",
      "x.award_id",
      "ao.name as award_institution",
      "x.institution_id",
      "o.name",
      "x.grounds",
      "x.lodged_at",
      "x.answer_due_at",
      "x.status",
      "x.outcome",
      "x.answer",
      "x.answered_at",
    ])
    .where("x.lot_id", "=", lotId);
  if (institutionId) q = q.where("x.institution_id", "=", institutionId);
  const rows = await q.orderBy("x.lodged_at", "desc").execute();
  const t = now().toISOString();
  return rows.map((r) => ({
    id: r.id,
    awardId: r.award_id,
    awardInstitutionName: r.award_institution ?? null,
    institutionId: r.institution_id,
    institutionName: r.name,
    grounds: r.grounds,
    lodgedAt: r.lodged_at,
    answerDueAt: r.answer_due_at,
    status: r.status,
    outcome: r.outcome,
    answer: r.answer,
    answeredAt: r.answered_at,
    late: isLate(r.answered_at ?? t, r.answer_due_at),
  }));
}

export interface AwardPage {
  lot: LotHeader;
  report: (Omit<StoredReport, "ranking"> & { ranking: (RankingLine & { excluded: boolean })[] }) | null;
  /** The split the confirmation would write (only while the report awaits confirmation). */
  preview: (Omit<ProposedAward, "demands"> & { demands: { demandId: string; enterpriseName: string; headcount: number }[] })[];
  previewUncovered: number;
  awards: AwardView[];
  objections: ObjectionView[];
  /** While the proposal awaits publication: the rules' latest instant, and whether it has passed. */
  publication: { latestAt: string; late: boolean } | null;
  window: { publicityEndsAt: string; objectionDeadline: string; open: boolean; closable: boolean } | null;
  rules: { publicity: { value: number; unit: string }; objection: { value: number; unit: string }; answer: { value: number; unit: string }; publication: { value: number; unit: string }; signing: { value: number; unit: string } };
  can: { manage: boolean; answer: boolean };
}

/**
 * The officer's award page of a lot: the panel's ranking and the proposed split before
 * confirmation; the proposal and the latest day to publish it; the published awards with their
 * windows; objections with their answers; awards and their contracts. Bureau only.
 */
export async function findAwardPage(db: DB, actor: Actor, lotId: string): Promise<Result<AwardPage>> {
  if (!can(actor, "evaluation.viewReport")) return forbiddenResult;
  const lot = await lotHeader(db, lotId);
  if (!lot) return notFoundResult;
  const { rules, calendar } = await rulesAndCalendar(db, lot.regime);
  const stored = lot.round > 0 ? await readReport(db, lot.id, lot.round) : undefined;
  const ineligible = await ineligibleBidIds(db, lot.id);
  // Shown beside the ranking: bids found invalid or taken out (objection, lapse); an awarded or
  // not-awarded bid was in the running.
  const bidRows = await db.selectFrom("bids").select(["id", "status", "excluded_reason"]).where("lot_id", "=", lot.id).execute();
  const takenOut = new Set(bidRows.filter((b) => b.excluded_reason !== null || !["valid", "awarded", "not_awarded"].includes(b.status)).map((b) => b.id));
  const demands = await lotDemandParts(db, lot.id);
  const proposal = stored && !stored.confirmedAt && lot.status === "evaluating" ? proposeAwards(stored.ranking, demands, ineligible) : [];
  const enterprises = await db
    .selectFrom("demands as d")
    .innerJoin("organisations as e", "e.id", "d.enterprise_id")
    .select(["d.id", "e.name"])
    .where("d.lot_id", "=", lot.id)
    .execute();
  const enterpriseOf = new Map(enterprises.map((e) => [e.id, e.name]));
  const preview = proposal.map((a) => ({ ...a, demands: a.demands.map((p) => ({ ...p, enterpriseName: enterpriseOf.get(p.demandId) ?? "" })) }));
  const awards = await listAwards(db, lot.id, false);
  const t = now();

  const proposed = awards.filter((a) => a.status === "proposed");
  let publication: AwardPage["publication"] = null;
  if (lot.status === "award_pending" && proposed.length > 0) {
    const proposedAt = await db.selectFrom("awards").select("created_at").where("id", "in", proposed.map((a) => a.id)).orderBy("created_at").executeTakeFirstOrThrow();
    const latest = latestPublication(new Date(proposedAt.created_at), rules, calendar);
    publication = { latestAt: latest.toISOString(), late: t.getTime() > latest.getTime() };
  }
  const objections = await listObjections(db, lot.id);
  const published = awards.filter((a) => a.status === "published");
  const deadline = published.map((a) => a.objectionDeadline).filter((d): d is string => d !== null).sort().at(-1);
  const window =
    lot.status === "award_published" && deadline
      ? {
          publicityEndsAt: published[0]!.publicityEndsAt ?? deadline,
          objectionDeadline: deadline,
          open: isObjectionWindowOpen(t, deadline),
          closable: hasObjectionWindowClosed(t, deadline) && !objections.some((o) => o.status === "pending"),
        }
      : null;
  return ok({
    lot,
    report: stored ? { ...stored, ranking: stored.ranking.map((r) => ({ ...r, excluded: takenOut.has(r.bidId) })) } : null,
    preview,
    previewUncovered: preview.length > 0 ? uncoveredHeadcount(demands, preview) : 0,
    awards,
    objections,
    publication,
    window,
    rules: {
      publicity: rules.publicity_period,
      objection: rules.objection_window,
      answer: rules.objection_answer_max,
      publication: rules.result_publication_max,
      signing: rules.contract_signing_max,
    },
    can: { manage: can(actor, "award.manage"), answer: can(actor, "objection.answer") },
  });
}

export interface PublicLotResult {
  lotId: string;
  lotNumber: number;
  status: LotStatus;
  awards: Omit<AwardView, "demands" | "contract" | "bidId" | "replacesAwardId">[];
  /** The lot's accepted contracts (验收), counts only: published with the result. */
  acceptances: Omit<PublishedAcceptance, "lotId">[];
}

/**
 * The published results of a tender's lots, for the public (DESIGN.md "Interfaces": after award
 * the result): institutions, headcount, price, value, publication time and windows, and each
 * award's status; never an objector's name, never a proposal not yet published. Once a contract
 * is accepted, its acceptance (counts and the mean rating, nothing personal) is published too.
 */
export async function listPublicResults(db: DB, tenderId: string): Promise<PublicLotResult[]> {
  const lots = await db.selectFrom("lots").select(["id", "number", "status"]).where("tender_id", "=", tenderId).orderBy("number").execute();
  const out: PublicLotResult[] = [];
  const accepted = await listPublishedAcceptances(db, tenderId);
  for (const l of lots) {
    const awards = await listAwards(db, l.id, true);
    if (awards.length === 0) continue;
    out.push({
      lotId: l.id,
      lotNumber: Number(l.number),
      status: l.status,
      awards: awards.map(({ demands: _d, contract: _c, bidId: _b, replacesAwardId: _r, ...a }) => a),
      acceptances: accepted.filter((a) => a.lotId === l.id).map(({ lotId: _l, ...a }) => a),
    });
  }
  return out;
}

export interface InstitutionLotView {
  lot: LotHeader;
  bid: { id: string; status: string; excludedReason: string | null; rejectionReason: string | null };
  result: PublicLotResult["awards"];
  objections: Omit<ObjectionView, "institutionName" | "institutionId">[];
  /** The awards an objection may concern, when the window is open and nothing of ours is pending. */
  canObject: { awards: { id: string; institutionName: string }[]; deadline: string } | null;
  windowDeadline: string | null;
}

/**
 * A bidder's own view of a lot after opening (its bid's fate, the published result, its own
 * objections with the answers, and whether it may object now). To anyone who did not bid on the
 * lot it does not exist.
 */
export async function findInstitutionLotView(db: DB, actor: Actor, lotId: string): Promise<Result<InstitutionLotView>> {
  if (actor.orgKind !== "institution") return notFoundResult;
  const lot = await lotHeader(db, lotId);
  if (!lot) return notFoundResult;
  const bid = await db
    .selectFrom("bids")
    .select(["id", "status", "excluded_reason", "rejection_reason"])
    .where("lot_id", "=", lot.id)
    .where("institution_id", "=", actor.orgId)
    .where("status", "in", [...OPENED_BID_STATUSES])
    .executeTakeFirst();
  if (!bid) return notFoundResult;
  const awards = await listAwards(db, lot.id, true);
  const objections = (await listObjections(db, lot.id, actor.orgId)).map(({ institutionName: _n, institutionId: _i, ...o }) => o);
  const published = awards.filter((a) => a.status === "published");
  const deadline = published.map((a) => a.objectionDeadline).filter((d): d is string => d !== null).sort().at(-1) ?? null;
  const open =
    lot.status === "award_published" &&
    deadline !== null &&
    isObjectionWindowOpen(now(), deadline) &&
    can(actor, "objection.lodge", { organisationId: actor.orgId }) &&
    !objections.some((o) => o.status === "pending");
  return ok({
    lot,
    bid: { id: bid.id, status: bid.status, excludedReason: bid.excluded_reason, rejectionReason: bid.rejection_reason },
    result: awards.map(({ demands: _d, contract: _c, bidId: _b, replacesAwardId: _r, ...a }) => a),
    objections,
    canObject: open && deadline ? { awards: published.map((a) => ({ id: a.id, institutionName: a.institutionName })), deadline } : null,
    windowDeadline: lot.status === "award_published" ? deadline : null,
  });
}
