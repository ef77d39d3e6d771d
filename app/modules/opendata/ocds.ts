/**
 * Open data as OCDS 1.1 (DESIGN.md "Interfaces": `GET /ocds/releases.json`,
 * `GET /ocds/records/{ocid}.json`; docs/open-data.md): pure builders from plain data.
 *
 * One tender is one contracting process. Each release is the state of one part of it (the
 * tender, a lot's awards, a contract, a contract's implementation) at the moment that state
 * occurred, rebuilt from the timestamps the records keep, so a release says the same thing
 * however late it is read. Only what the public may see goes in: never a draft, never a bid
 * before its lot is opened, never a person (DESIGN.md "Cross-cutting rules": no identity numbers
 * or phones in OCDS; the opening record is public once the lot is opened).
 */
import type { AwardStatus } from "~/modules/award/lifecycle";
import type { ContractStatus } from "~/modules/contract/lifecycle";
import type { MilestoneKind, MilestoneStatus, PaymentStatus } from "~/modules/payment/lifecycle";
import { fenToYuanString, formatFen } from "~/modules/reference/money";
import type { Regime } from "~/modules/reference/procurement-rules";
import { SKILL_LEVELS } from "~/modules/reference/skill-levels";
import type { LotStatus, TenderStatus } from "~/modules/tender/lifecycle";

/**
 * The ocid prefix. A real deployment registers its own prefix with the Open Contracting
 * Partnership (an `ocds-xxxxxx` code, free of charge) and puts it here: an ocid must be globally
 * unique, and this placeholder is not registered.
 */
export const OCID_PREFIX = "ocds-skilltender";
export const OCDS_VERSION = "1.1";
/** Releases per page of the release package (fixed: a harvester's pages never shift in size). */
export const RELEASES_PAGE_SIZE = 100;
/** Public data that changes as procurement moves on: caches may keep it for five minutes. */
export const OPEN_DATA_CACHE_CONTROL = "public, max-age=300";

/**
 * Item classification of a lot: the occupation code of 中华人民共和国职业分类大典（2022 年版）.
 * itemClassificationScheme is an open codelist without an entry for it, so the value is ours
 * (documented in docs/open-data.md); the CPV code below is the codelist's own, added beside it.
 */
export const OCCUPATION_SCHEME = "CN-OCC";
/** CPV 80530000 "Vocational training services", the closest class of a listed scheme. */
const CPV_VOCATIONAL_TRAINING = { scheme: "CPV", id: "80530000", description: "Vocational training services" } as const;
/** Organisation identifiers: the unified social credit code (统一社会信用代码, GB 32100-2015). */
export const ORGANISATION_SCHEME = "CN-USCC";

// --- Input: plain data, loaded by releases.server.ts --------------------------------------------

export interface OrgData {
  id: string;
  name: string;
  creditCode: string | null;
}

export interface LotContent {
  number: number;
  occupationCode: string;
  level: number;
  headcount: number;
  /** Shanghai dates, YYYY-MM-DD. */
  windowStart: string;
  windowEnd: string;
  maxPriceFen: number;
}

export interface LotData extends LotContent {
  status: LotStatus;
  updatedAt: string;
}

export interface CriterionData {
  name: string;
  description: string | null;
  points: number;
}

export interface AmendmentData {
  at: string;
  summary: string;
  material: boolean;
  /** tender_amendments.changes_json as parsed: `{ field, material, before, after }[]`. */
  changes: unknown;
}

export interface OpeningLineData {
  institutionId: string;
  priceFen: number | null;
  capacity: number | null;
  submittedAt: string;
  counted: boolean;
  reason: string | null;
}

export interface OpeningData {
  lotNumber: number;
  openedAt: string;
  outcome: "proceed" | "unsuccessful";
  minValidBids: number;
  lines: OpeningLineData[];
}

/** A published award (one never published is not public and is not loaded). */
export interface AwardData {
  id: string;
  lotNumber: number;
  institutionId: string;
  rank: number;
  round: number;
  headcount: number;
  priceFen: number;
  valueFen: number;
  status: AwardStatus;
  publishedAt: string;
  updatedAt: string;
}

export interface PaymentData {
  attempt: number;
  amountFen: number;
  status: PaymentStatus;
  settledAt: string | null;
  updatedAt: string;
}

export interface MilestoneData {
  number: number;
  kind: MilestoneKind;
  traineeCount: number;
  amountFen: number;
  status: MilestoneStatus;
  requestedAt: string;
  decidedAt: string | null;
  payments: PaymentData[];
}

/** A contract's cohort in counts and times only: no trainee is ever named. */
export interface CohortData {
  offered: number;
  confirmed: number;
  dropped: number;
  lastConfirmedAt: string | null;
  lastDeclinedAt: string | null;
  /** Confirmed trainees whose result is not recorded yet. */
  awaitingResult: number;
  lastResultAt: string | null;
}

export const EMPTY_COHORT: CohortData = {
  offered: 0,
  confirmed: 0,
  dropped: 0,
  lastConfirmedAt: null,
  lastDeclinedAt: null,
  awaitingResult: 0,
  lastResultAt: null,
};

export interface ContractData {
  reference: string;
  awardId: string;
  lotNumber: number;
  institutionId: string;
  status: ContractStatus;
  headcount: number;
  priceFen: number;
  valueFen: number;
  createdAt: string;
  bureauSignedAt: string | null;
  institutionSignedAt: string | null;
  completedAt: string | null;
  updatedAt: string;
  cohort: CohortData;
  milestones: MilestoneData[];
}

/** One published tender and everything public about it. */
export interface ProcessData {
  reference: string;
  title: string;
  description: string | null;
  regime: Regime;
  status: TenderStatus;
  publishedAt: string;
  bidDeadline: string | null;
  pricePoints: number;
  cancelReason: string | null;
  cancelledAt: string | null;
  criteria: CriterionData[];
  lots: LotData[];
  amendments: AmendmentData[];
  openings: OpeningData[];
  awards: AwardData[];
  contracts: ContractData[];
}

export interface PublicationContext {
  /** scheme://host of the site, for document links. */
  origin: string;
  bureau: OrgData;
  organisations: ReadonlyMap<string, OrgData>;
  /** Occupation code → Chinese name. */
  occupations: ReadonlyMap<string, string>;
}

// --- Output: the OCDS shapes used here -----------------------------------------------------------

export type ReleaseTag =
  | "tender"
  | "tenderAmendment"
  | "tenderUpdate"
  | "tenderCancellation"
  | "award"
  | "awardUpdate"
  | "contract"
  | "contractUpdate"
  | "contractTermination"
  | "implementation"
  | "implementationUpdate";

export interface Value {
  amount: number;
  currency: "CNY";
}
export interface Period {
  startDate?: string;
  endDate?: string;
}
export interface OrganizationReference {
  id: string;
  name: string;
}
export interface Organization extends OrganizationReference {
  identifier?: { scheme: string; id: string; legalName: string };
  roles: string[];
}
export interface Classification {
  scheme: string;
  id: string;
  description: string;
}
export interface Item {
  id: string;
  description: string;
  classification: Classification;
  additionalClassifications: Classification[];
  quantity: number;
  unit: { scheme: string; id: string; name: string; value: Value };
}
export interface OcdsDocument {
  id: string;
  documentType: string;
  title: string;
  description?: string;
  url: string;
  datePublished: string;
  format: string;
  language: string;
}
export interface Milestone {
  id: string;
  title: string;
  type: "delivery" | "payment";
  code: string;
  description: string;
  dueDate?: string;
  dateMet?: string | null;
  dateModified?: string;
  status: "scheduled" | "met" | "notMet";
}
export interface Transaction {
  id: string;
  date: string;
  value: Value;
  payer: OrganizationReference;
  payee: OrganizationReference;
}
export interface Tender {
  id: string;
  title: string;
  description?: string | null;
  status: "active" | "cancelled" | "unsuccessful" | "complete";
  procuringEntity: OrganizationReference;
  items: Item[];
  value: Value;
  procurementMethod: "open";
  procurementMethodDetails: string;
  mainProcurementCategory: "services";
  awardCriteria: "ratedCriteria";
  awardCriteriaDetails: string;
  submissionMethod: ["electronicSubmission"];
  submissionMethodDetails: string;
  eligibilityCriteria: string;
  tenderPeriod: Period;
  awardPeriod: Period;
  contractPeriod: Period;
  numberOfTenderers?: number;
  tenderers?: OrganizationReference[];
  documents: OcdsDocument[];
  amendments?: { id: string; date: string; rationale: string; description: string; amendsReleaseID: string; releaseID: string }[];
}
export interface Award {
  id: string;
  title: string;
  description: string;
  status: "pending" | "active" | "cancelled" | "unsuccessful";
  date: string;
  value?: Value;
  suppliers?: OrganizationReference[];
  items: Item[];
  contractPeriod: Period;
}
export interface Contract {
  id: string;
  awardID: string;
  title?: string;
  description?: string;
  status?: "pending" | "active" | "cancelled" | "terminated";
  period?: Period;
  value?: Value;
  items?: Item[];
  dateSigned?: string;
  implementation?: { milestones: Milestone[]; transactions: Transaction[] };
}
export interface Release {
  ocid: string;
  id: string;
  date: string;
  tag: ReleaseTag[];
  initiationType: "tender";
  language: "zh";
  parties: Organization[];
  buyer: OrganizationReference;
  tender?: Tender;
  awards?: Award[];
  contracts?: Contract[];
}

export interface Publisher {
  name: string;
  scheme?: string;
  uid?: string;
}

export interface ReleasePackage {
  uri: string;
  version: string;
  publishedDate: string;
  publisher: Publisher;
  releases: Release[];
  links?: { next?: string; prev?: string };
}

/** A compiled release has a release's shape: every field at its latest value (OCDS 1.1 "Merging"). */
export type CompiledRelease = Omit<Release, "tag"> & { tag: ["compiled"] };

export interface RecordPackage {
  uri: string;
  version: string;
  publishedDate: string;
  publisher: Publisher;
  packages: string[];
  records: { ocid: string; releases: Release[]; compiledRelease: CompiledRelease }[];
}

// --- Identifiers, money, time --------------------------------------------------------------------

/** The ocid of a tender: the prefix and its public reference (ocds-skilltender-ZJ-2026-0001). */
export function ocidOf(reference: string): string {
  return `${OCID_PREFIX}-${reference}`;
}

/** The tender reference an ocid names, or null when it is not one of ours. */
export function referenceOfOcid(ocid: string): string | null {
  const head = `${OCID_PREFIX}-`;
  return ocid.startsWith(head) && ocid.length > head.length ? ocid.slice(head.length) : null;
}

/** Integer fen as an OCDS amount in yuan: exact to the fen (via the decimal string, no float arithmetic). */
export function cny(fen: number): Value {
  return { amount: Number(fenToYuanString(fen)), currency: "CNY" };
}

const ms = (iso: string) => Date.parse(iso);
const notAfter = (iso: string | null | undefined, d: number) => iso !== null && iso !== undefined && ms(iso) <= d;
/** An instant made safe for a release id: 2026-12-01T02:00:00.000Z → 20261201T020000000Z. */
const stamp = (iso: string) => new Date(iso).toISOString().replace(/[-:.]/g, "");
/** A Shanghai calendar day's first and last moments (lots' windows are Shanghai dates). */
const dayStart = (date: string) => `${date}T00:00:00+08:00`;
const dayEnd = (date: string) => `${date}T23:59:59+08:00`;

const LEVEL_NAMES: ReadonlyMap<number, string> = new Map(SKILL_LEVELS.map((l) => [l.level, l.nameZh]));

function partyId(org: OrgData): string {
  return org.creditCode ? `${ORGANISATION_SCHEME}-${org.creditCode}` : `SKILLTENDER-${org.id}`;
}

function orgOf(ctx: PublicationContext, id: string): OrgData {
  if (id === ctx.bureau.id) return ctx.bureau;
  return ctx.organisations.get(id) ?? { id, name: id, creditCode: null };
}

function refOf(org: OrgData): OrganizationReference {
  return { id: partyId(org), name: org.name };
}

// --- The tender's content over time (amendments) ------------------------------------------------

export interface TenderContent {
  title: string;
  description: string | null;
  bidDeadline: string | null;
  pricePoints: number;
  criteria: CriterionData[];
  lots: LotContent[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function lotBefore(n: number, v: Record<string, unknown>): LotContent | null {
  const { occupationCode, level, headcount, windowStart, windowEnd, maxPriceFen } = v;
  if (typeof occupationCode !== "string" || typeof level !== "number" || typeof headcount !== "number") return null;
  if (typeof windowStart !== "string" || typeof windowEnd !== "string" || typeof maxPriceFen !== "number") return null;
  return { number: n, occupationCode, level, headcount, windowStart, windowEnd, maxPriceFen };
}

/** The content before one amendment, from the content after it and the amendment's recorded changes. */
function undoAmendment(after: TenderContent, changes: unknown): TenderContent {
  const before: TenderContent = { ...after, criteria: [...after.criteria], lots: [...after.lots] };
  if (!Array.isArray(changes)) return before;
  for (const c of changes) {
    if (!isRecord(c) || typeof c.field !== "string") continue;
    const was = c.before;
    const lot = /^lot(\d+)$/.exec(c.field);
    if (c.field === "title" && typeof was === "string") before.title = was;
    else if (c.field === "description" && (typeof was === "string" || was === null)) before.description = was;
    else if (c.field === "bidDeadline" && (typeof was === "string" || was === null)) before.bidDeadline = was;
    else if (c.field === "pricePoints" && typeof was === "number") before.pricePoints = was;
    else if (c.field === "criteria" && Array.isArray(was)) {
      before.criteria = was.filter(isRecord).map((x) => ({
        name: String(x.name ?? ""),
        description: typeof x.description === "string" ? x.description : null,
        points: Number(x.points ?? 0),
      }));
    } else if (lot) {
      const n = Number(lot[1]);
      const rest = before.lots.filter((l) => l.number !== n);
      const restored = isRecord(was) ? lotBefore(n, was) : null;
      before.lots = (restored ? [...rest, restored] : rest).sort((a, b) => a.number - b.number);
    }
  }
  return before;
}

/**
 * The tender's public content at publication and after each amendment (index i: after the i-th),
 * rebuilt backwards from today's content with the `before` side of each recorded change.
 */
export function contentHistory(current: TenderContent, amendments: readonly AmendmentData[]): TenderContent[] {
  const sorted = [...amendments].sort((a, b) => ms(a.at) - ms(b.at));
  const out: TenderContent[] = [current];
  for (let i = sorted.length - 1; i >= 0; i--) out.unshift(undoAmendment(out[0]!, sorted[i]!.changes));
  return out;
}

const FIELD_NAMES: Record<string, string> = {
  title: "项目名称",
  description: "项目说明",
  bidDeadline: "投标截止时间",
  minValidBids: "最少有效投标数",
  pricePoints: "价格分值",
  criteria: "评审因素",
};

function changedFields(changes: unknown): string[] {
  if (!Array.isArray(changes)) return [];
  return changes
    .filter(isRecord)
    .map((c) => String(c.field ?? ""))
    .map((f) => FIELD_NAMES[f] ?? (/^lot(\d+)$/.test(f) ? `第${f.slice(3)}标段` : f))
    .filter((f) => f !== "");
}

// --- Timeline -------------------------------------------------------------------------------------

/** When a published award's state became `confirmed`: its contract's creation, or its last update. */
function confirmedAt(p: ProcessData, a: AwardData): string | null {
  if (a.status !== "confirmed" && a.status !== "lapsed") return null;
  return p.contracts.find((c) => c.awardId === a.id)?.createdAt ?? (a.status === "confirmed" ? a.updatedAt : a.publishedAt);
}

/** OCDS award status of a published award at instant d (awardStatus codelist). */
function awardStatusAt(p: ProcessData, a: AwardData, d: number): Award["status"] {
  const confirmed = confirmedAt(p, a);
  if ((a.status === "cancelled" || a.status === "lapsed") && ms(a.updatedAt) <= d) return "cancelled";
  if (confirmed !== null && ms(confirmed) <= d) return "active";
  return "pending";
}

/** When a lot's procurement ended and how: awarded (awards confirmed), unsuccessful or cancelled. */
function lotEnd(p: ProcessData, lot: LotData): { at: string; outcome: "awarded" | "unsuccessful" | "cancelled" } | null {
  if (lot.status === "unsuccessful") {
    const opening = p.openings.find((o) => o.lotNumber === lot.number && o.outcome === "unsuccessful");
    return { at: opening?.openedAt ?? lot.updatedAt, outcome: "unsuccessful" };
  }
  if (lot.status === "cancelled") return { at: p.cancelledAt ?? lot.updatedAt, outcome: "cancelled" };
  if (lot.status === "awarded" || lot.status === "complete") {
    const confirmations = p.awards.filter((a) => a.lotNumber === lot.number).map((a) => confirmedAt(p, a)).filter((x): x is string => x !== null);
    const at = confirmations.sort((x, y) => ms(x) - ms(y))[0] ?? lot.updatedAt;
    return { at, outcome: "awarded" };
  }
  return null;
}

/** When the whole tender's procurement ended (every lot ended), and as what. */
function tenderEnd(p: ProcessData): { at: string; status: "complete" | "unsuccessful" } | null {
  if (p.cancelledAt || p.lots.length === 0) return null;
  const ends = p.lots.map((l) => lotEnd(p, l));
  if (ends.some((e) => e === null)) return null;
  const all = ends as { at: string; outcome: string }[];
  const at = all.map((e) => e.at).sort((x, y) => ms(x) - ms(y)).at(-1)!;
  return { at, status: all.some((e) => e.outcome === "awarded") ? "complete" : "unsuccessful" };
}

function contractSignedAt(c: ContractData): string | null {
  if (!c.bureauSignedAt || !c.institutionSignedAt) return null;
  return ms(c.bureauSignedAt) >= ms(c.institutionSignedAt) ? c.bureauSignedAt : c.institutionSignedAt;
}

/** The settled transfers of a contract and their reversals, as of instant d. */
function transactionsAt(c: ContractData, ctx: PublicationContext, d: number): Transaction[] {
  const payer = refOf(ctx.bureau);
  const payee = refOf(orgOf(ctx, c.institutionId));
  const out: Transaction[] = [];
  for (const m of [...c.milestones].sort((a, b) => a.number - b.number)) {
    for (const pay of [...m.payments].sort((a, b) => a.attempt - b.attempt)) {
      if (!notAfter(pay.settledAt, d)) continue;
      const id = `payment-${m.number}-${pay.attempt}`;
      out.push({ id, date: pay.settledAt!, value: cny(pay.amountFen), payer, payee });
      if (pay.status === "reversed" && ms(pay.updatedAt) <= d) {
        out.push({ id: `${id}-reversal`, date: pay.updatedAt, value: cny(-pay.amountFen), payer, payee });
      }
    }
  }
  return out;
}

function paidAt(m: MilestoneData, d: number): string | null {
  const paid = m.payments.find((x) => notAfter(x.settledAt, d) && !(x.status === "reversed" && ms(x.updatedAt) <= d));
  return paid?.settledAt ?? null;
}

/** Roles of every organisation in the process as of instant d (partyRole codelist). */
function partiesAt(p: ProcessData, ctx: PublicationContext, d: number): Organization[] {
  const roles = new Map<string, Set<string>>([[ctx.bureau.id, new Set(["buyer", "procuringEntity"])]]);
  const add = (id: string, role: string) => roles.set(id, (roles.get(id) ?? new Set()).add(role));
  for (const o of p.openings) if (ms(o.openedAt) <= d) for (const l of o.lines) add(l.institutionId, "tenderer");
  for (const a of p.awards) if (ms(a.publishedAt) <= d) add(a.institutionId, "supplier");
  for (const c of p.contracts) {
    if (transactionsAt(c, ctx, d).length > 0) {
      add(ctx.bureau.id, "payer");
      add(c.institutionId, "payee");
    }
  }
  const ORDER = ["buyer", "procuringEntity", "tenderer", "supplier", "payer", "payee"];
  const parties = [...roles].map(([id, set]) => {
    const org = orgOf(ctx, id);
    return {
      ...refOf(org),
      ...(org.creditCode ? { identifier: { scheme: ORGANISATION_SCHEME, id: org.creditCode, legalName: org.name } } : {}),
      roles: ORDER.filter((r) => set.has(r)),
    };
  });
  return [parties[0]!, ...parties.slice(1).sort((a, b) => a.id.localeCompare(b.id))];
}

// --- Sections -------------------------------------------------------------------------------------

function lotItem(lot: LotContent, ctx: PublicationContext, quantity = lot.headcount, unitPriceFen = lot.maxPriceFen): Item {
  const occupation = ctx.occupations.get(lot.occupationCode) ?? lot.occupationCode;
  const level = LEVEL_NAMES.get(lot.level) ?? `${lot.level} 级`;
  return {
    id: `lot-${lot.number}`,
    description: `第${lot.number}标段：${occupation}（${level}）职业技能培训，${lot.headcount} 人，培训期 ${lot.windowStart} 至 ${lot.windowEnd}`,
    classification: { scheme: OCCUPATION_SCHEME, id: lot.occupationCode, description: occupation },
    additionalClassifications: [{ ...CPV_VOCATIONAL_TRAINING }],
    quantity,
    unit: { scheme: "UNCEFACT", id: "IE", name: "人（每名学员）", value: cny(unitPriceFen) },
  };
}

const REGIME_DETAILS: Record<Regime, string> = {
  GP: "公开招标（政府采购法）",
  TB: "公开招标（招标投标法）",
};

function noticeUrl(p: ProcessData, ctx: PublicationContext): string {
  return `${ctx.origin}/tenders/${encodeURIComponent(p.reference)}`;
}

function openingDocument(p: ProcessData, ctx: PublicationContext, o: OpeningData): OcdsDocument {
  const lines = o.lines.map((l) => {
    const name = orgOf(ctx, l.institutionId).name;
    const price = l.priceFen === null ? "报价无法读取" : `报价 ${formatFen(l.priceFen, "zh-CN")}/人`;
    const capacity = l.capacity === null ? "" : `，可承接 ${l.capacity} 人`;
    return `${name}：${price}${capacity}${l.counted ? "" : "（不计入有效投标）"}`;
  });
  const outcome = o.outcome === "unsuccessful" ? `有效投标不足 ${o.minValidBids} 家，本标段流标。` : "";
  const bids = lines.length > 0 ? `${lines.join("；")}。` : "无投标。";
  return {
    id: `opening-lot-${o.lotNumber}`,
    documentType: "bidders",
    title: `第${o.lotNumber}标段开标记录`,
    description: `${bids}${outcome}`,
    url: noticeUrl(p, ctx),
    datePublished: o.openedAt,
    format: "text/html",
    language: "zh",
  };
}

function tenderAt(p: ProcessData, ctx: PublicationContext, history: TenderContent[], d: number, releaseIds: string[]): Tender {
  const amendments = [...p.amendments].sort((a, b) => ms(a.at) - ms(b.at));
  const applied = amendments.filter((a) => ms(a.at) <= d);
  const content = history[applied.length]!;
  const earlier = history.slice(0, applied.length);
  // A lot an amendment removed stays in the compiled release (OCDS merges items by id): say so.
  const removed = [...new Map(earlier.flatMap((h) => h.lots).map((l) => [l.number, l])).values()].filter(
    (l) => !content.lots.some((x) => x.number === l.number),
  );
  const opened = p.openings.filter((o) => ms(o.openedAt) <= d).sort((a, b) => a.lotNumber - b.lotNumber);
  const end = tenderEnd(p);
  const cancelled = notAfter(p.cancelledAt, d);
  const status: Tender["status"] = cancelled ? "cancelled" : end && ms(end.at) <= d ? end.status : "active";
  const tenderers = [...new Set(opened.flatMap((o) => o.lines.map((l) => l.institutionId)))].map((id) => refOf(orgOf(ctx, id)));
  tenderers.sort((a, b) => a.id.localeCompare(b.id));
  const starts = content.lots.map((l) => l.windowStart).sort();
  const ends = content.lots.map((l) => l.windowEnd).sort();
  const criteria = content.criteria.map((c) => `${c.name} ${c.points} 分${c.description ? `（${c.description}）` : ""}`);
  const documents: OcdsDocument[] = [
    {
      id: "notice",
      documentType: "tenderNotice",
      title: `招标公告 ${p.reference}`,
      url: noticeUrl(p, ctx),
      datePublished: p.publishedAt,
      format: "text/html",
      language: "zh",
    },
    ...opened.map((o) => openingDocument(p, ctx, o)),
  ];
  if (cancelled) {
    documents.push({
      id: "cancellation",
      documentType: "cancellationDetails",
      title: `终止公告 ${p.reference}`,
      description: p.cancelReason ?? "招标项目已终止。",
      url: noticeUrl(p, ctx),
      datePublished: p.cancelledAt!,
      format: "text/html",
      language: "zh",
    });
  }
  return {
    id: p.reference,
    title: content.title,
    ...(content.description ? { description: content.description } : earlier.some((h) => h.description) ? { description: null } : {}),
    status,
    procuringEntity: refOf(ctx.bureau),
    items: [
      ...content.lots.map((l) => lotItem(l, ctx)),
      ...removed.map((l) => ({ ...lotItem(l, ctx), description: `第${l.number}标段（已由招标文件修改删除）`, quantity: 0 })),
    ].sort((a, b) => a.id.localeCompare(b.id, "en", { numeric: true })),
    value: cny(content.lots.reduce((s, l) => s + l.headcount * l.maxPriceFen, 0)),
    procurementMethod: "open",
    procurementMethodDetails: REGIME_DETAILS[p.regime],
    mainProcurementCategory: "services",
    awardCriteria: "ratedCriteria",
    awardCriteriaDetails: `综合评分法：价格 ${content.pricePoints} 分${criteria.map((c) => `；${c}`).join("")}`,
    submissionMethod: ["electronicSubmission"],
    submissionMethodDetails: "在 SkillTender 平台提交加密投标文件，投标截止后开标，开标前任何人（包括采购人）均无法读取。",
    eligibilityCriteria: "投标机构须持有覆盖本标段职业及等级、在整个培训期内有效的培训资质。",
    tenderPeriod: { startDate: p.publishedAt, ...(content.bidDeadline ? { endDate: content.bidDeadline } : {}) },
    awardPeriod: {
      ...(content.bidDeadline ? { startDate: content.bidDeadline } : {}),
      ...(end && ms(end.at) <= d ? { endDate: end.at } : {}),
    },
    contractPeriod: starts.length > 0 ? { startDate: dayStart(starts[0]!), endDate: dayEnd(ends.at(-1)!) } : {},
    ...(opened.length > 0 ? { numberOfTenderers: tenderers.length, tenderers } : {}),
    documents,
    ...(applied.length > 0
      ? {
          amendments: applied.map((a, i) => ({
            id: `amendment-${i + 1}`,
            date: a.at,
            rationale: a.summary,
            description: `变更：${changedFields(a.changes).join("、") || "公告内容"}${a.material ? "（实质性变更）" : ""}`,
            amendsReleaseID: releaseIds[i]!,
            releaseID: releaseIds[i + 1]!,
          })),
        }
      : {}),
  };
}

function lotOf(p: ProcessData, n: number): LotData | undefined {
  return p.lots.find((l) => l.number === n);
}

function awardAt(p: ProcessData, ctx: PublicationContext, a: AwardData, d: number): Award {
  const lot = lotOf(p, a.lotNumber);
  const org = orgOf(ctx, a.institutionId);
  const status = awardStatusAt(p, a, d);
  const why = status !== "cancelled" ? "" : a.status === "lapsed" ? "合同未在规定期限内签订，中标失效。" : "质疑成立，中标结果撤销。";
  return {
    id: a.id,
    title: `第${a.lotNumber}标段中标结果：${org.name}`,
    description: `评审排名第 ${a.rank} 名（第 ${a.round} 轮评审），承接 ${a.headcount} 人，单价 ${formatFen(a.priceFen, "zh-CN")}/人。${why}`,
    status,
    date: a.publishedAt,
    value: cny(a.valueFen),
    suppliers: [refOf(org)],
    items: lot ? [lotItem(lot, ctx, a.headcount, a.priceFen)] : [],
    contractPeriod: lot ? { startDate: dayStart(lot.windowStart), endDate: dayEnd(lot.windowEnd) } : {},
  };
}

function unsuccessfulAward(p: ProcessData, ctx: PublicationContext, lot: LotData, at: string): Award {
  const opening = p.openings.find((o) => o.lotNumber === lot.number && o.outcome === "unsuccessful");
  return {
    id: `lot-${lot.number}-unsuccessful`,
    title: `第${lot.number}标段流标`,
    description: opening ? `有效投标不足 ${opening.minValidBids} 家，本标段流标，需求退回需求池。` : "本标段无合格中标人，流标，需求退回需求池。",
    status: "unsuccessful",
    date: at,
    items: [lotItem(lot, ctx)],
    contractPeriod: { startDate: dayStart(lot.windowStart), endDate: dayEnd(lot.windowEnd) },
  };
}

/**
 * contractStatus codelist (docs/open-data.md): pending_signature → pending, active → active,
 * completed and terminated → terminated (signed, in force, now closed), lapsed → cancelled (never
 * signed in time); a contract terminated before both signatures is cancelled too (endStatus).
 */
export const CONTRACT_STATUS: Record<ContractStatus, NonNullable<Contract["status"]>> = {
  pending_signature: "pending",
  active: "active",
  completed: "terminated",
  terminated: "terminated",
  lapsed: "cancelled",
};

/** The final OCDS status; a contract terminated before both signatures was never in force: cancelled. */
function endStatus(c: ContractData): NonNullable<Contract["status"]> {
  return c.status === "terminated" && contractSignedAt(c) === null ? "cancelled" : CONTRACT_STATUS[c.status];
}

/** When the contract reached its current (final) OCDS status, if that is not pending or active. */
function contractEndedAt(c: ContractData): string | null {
  if (c.status === "completed") return c.completedAt ?? c.updatedAt;
  if (c.status === "terminated" || c.status === "lapsed") return c.updatedAt;
  return null;
}

function contractAt(p: ProcessData, ctx: PublicationContext, c: ContractData, d: number): Contract {
  const lot = lotOf(p, c.lotNumber);
  const signed = contractSignedAt(c);
  const ended = contractEndedAt(c);
  const isSigned = notAfter(signed, d);
  const status: Contract["status"] = notAfter(ended, d) ? endStatus(c) : isSigned ? "active" : "pending";
  const org = orgOf(ctx, c.institutionId);
  const notes: Record<NonNullable<Contract["status"]>, string> = {
    pending: "待双方签订。",
    active: "已由双方签订，履约中。",
    terminated: c.status === "completed" ? "已履行完毕。" : "已终止。",
    cancelled: c.status === "lapsed" ? "未在规定期限内签订，合同失效。" : "签订前终止。",
  };
  return {
    id: c.reference,
    awardID: c.awardId,
    title: `培训服务合同 ${c.reference}（第${c.lotNumber}标段，${org.name}）`,
    description: notes[status],
    status,
    ...(lot ? { period: { startDate: dayStart(lot.windowStart), endDate: dayEnd(lot.windowEnd) } } : {}),
    value: cny(c.valueFen),
    ...(lot ? { items: [lotItem(lot, ctx, c.headcount, c.priceFen)] } : {}),
    ...(isSigned ? { dateSigned: signed! } : {}),
  };
}

/** When the cohort was settled: no offer left open and at least one trainee confirmed. */
function enrolmentMetAt(c: CohortData): string | null {
  if (c.offered > 0 || c.confirmed + c.dropped === 0) return null;
  const times = [c.lastConfirmedAt, c.lastDeclinedAt].filter((t): t is string => t !== null).sort((a, b) => ms(a) - ms(b));
  return times.at(-1) ?? null;
}

/** When training was completed: every confirmed trainee's result recorded. */
function completionMetAt(c: CohortData): string | null {
  return c.confirmed > 0 && c.awaitingResult === 0 ? c.lastResultAt : null;
}

const MILESTONE_TITLES: Record<MilestoneKind, string> = { advance: "预付款", balance: "尾款" };
const MILESTONE_STATES: Record<MilestoneStatus, string> = { requested: "已申请", approved: "已批准", refused: "未予批准", paid: "已支付" };

function milestonesAt(p: ProcessData, c: ContractData, d: number): Milestone[] {
  const lot = lotOf(p, c.lotNumber);
  const delivery = (id: string, title: string, description: string, due: string | undefined, metAt: string | null): Milestone => ({
    id,
    title,
    type: "delivery",
    code: id,
    description,
    ...(due ? { dueDate: due } : {}),
    ...(notAfter(metAt, d) ? { dateMet: metAt! } : {}),
    status: notAfter(metAt, d) ? "met" : "scheduled",
  });
  const out: Milestone[] = [
    delivery("enrolment", "学员名单确认", "培训机构确认本合同全部学员。", lot ? dayStart(lot.windowStart) : undefined, enrolmentMetAt(c.cohort)),
    delivery("completion", "培训结业", "全部在训学员的结业考核结果已登记。", lot ? dayEnd(lot.windowEnd) : undefined, completionMetAt(c.cohort)),
  ];
  for (const m of [...c.milestones].sort((a, b) => a.number - b.number)) {
    if (ms(m.requestedAt) > d) continue;
    const paid = paidAt(m, d);
    const decided = notAfter(m.decidedAt, d) ? m.decidedAt! : null;
    const refused = m.status === "refused" && decided !== null;
    const state: MilestoneStatus = paid ? "paid" : refused ? "refused" : decided ? "approved" : "requested";
    const reversals = m.payments.filter((x) => x.status === "reversed" && ms(x.updatedAt) <= d).map((x) => x.updatedAt);
    const modified = [m.requestedAt, decided, ...reversals].filter((t): t is string => t !== null).sort((a, b) => ms(a) - ms(b)).at(-1)!;
    out.push({
      id: `payment-${m.number}`,
      title: `${MILESTONE_TITLES[m.kind]}（第 ${m.number} 笔）`,
      type: "payment",
      code: m.kind,
      description: `金额 ${formatFen(m.amountFen, "zh-CN")}，涉及 ${m.traineeCount} 名学员；${MILESTONE_STATES[state]}。`,
      // A reversed transfer un-meets a paid milestone: null clears the date in the compiled release.
      ...(paid ? { dateMet: paid } : reversals.length > 0 ? { dateMet: null } : {}),
      dateModified: modified,
      status: paid ? "met" : refused ? "notMet" : "scheduled",
    });
  }
  return out;
}

// --- Releases ------------------------------------------------------------------------------------

const KIND_ORDER = ["tender", "award", "contract", "implementation"] as const;
type Kind = (typeof KIND_ORDER)[number];

interface Draft {
  kind: Kind;
  id: string;
  date: string;
  tag: ReleaseTag[];
  body: Pick<Release, "tender" | "awards" | "contracts">;
}

/** Groups instants by the same moment, keeping the tags that happened then in order. */
function moments(events: readonly { at: string; tag: ReleaseTag }[]): { at: string; tags: ReleaseTag[] }[] {
  const byMs = new Map<number, { at: string; tags: ReleaseTag[] }>();
  for (const e of events) {
    const k = ms(e.at);
    const m = byMs.get(k) ?? { at: e.at, tags: [] };
    if (!m.tags.includes(e.tag)) m.tags.push(e.tag);
    byMs.set(k, m);
  }
  return [...byMs.entries()].sort((a, b) => a[0] - b[0]).map(([, m]) => m);
}

function tenderDrafts(p: ProcessData, ctx: PublicationContext, ocid: string): Draft[] {
  const history = contentHistory(
    { title: p.title, description: p.description, bidDeadline: p.bidDeadline, pricePoints: p.pricePoints, criteria: p.criteria, lots: p.lots },
    p.amendments,
  );
  const events: { at: string; tag: ReleaseTag }[] = [{ at: p.publishedAt, tag: "tender" }];
  for (const a of p.amendments) events.push({ at: a.at, tag: "tenderAmendment" });
  for (const o of p.openings) events.push({ at: o.openedAt, tag: "tenderUpdate" });
  const end = tenderEnd(p);
  if (end) events.push({ at: end.at, tag: "tenderUpdate" });
  if (p.cancelledAt) events.push({ at: p.cancelledAt, tag: "tenderCancellation" });
  const list = moments(events);
  const ids = list.map((m) => `${ocid}-tender-${stamp(m.at)}`);
  // Each amendment's release, and the one before it, for tender.amendments' cross-references.
  const amendmentIds = [ids[0]!, ...[...p.amendments].sort((a, b) => ms(a.at) - ms(b.at)).map((a) => ids[list.findIndex((m) => ms(m.at) === ms(a.at))]!)];
  return list.map((m, i) => ({
    kind: "tender",
    id: ids[i]!,
    date: m.at,
    tag: m.tags.includes("tender") ? ["tender"] : m.tags.filter((t) => t !== "tenderUpdate" || m.tags.length === 1),
    body: { tender: tenderAt(p, ctx, history, ms(m.at), amendmentIds) },
  }));
}

function awardDrafts(p: ProcessData, ctx: PublicationContext, ocid: string): Draft[] {
  const out: Draft[] = [];
  for (const lot of [...p.lots].sort((a, b) => a.number - b.number)) {
    const awards = p.awards.filter((a) => a.lotNumber === lot.number);
    const end = lotEnd(p, lot);
    const failedAt = end?.outcome === "unsuccessful" ? end.at : null;
    const times = new Set<string>();
    for (const a of awards) {
      times.add(a.publishedAt);
      const confirmed = confirmedAt(p, a);
      if (confirmed) times.add(confirmed);
      if (a.status === "cancelled" || a.status === "lapsed") times.add(a.updatedAt);
    }
    if (failedAt) times.add(failedAt);
    const list = moments([...times].map((at) => ({ at, tag: "award" as const })));
    list.forEach((m, i) => {
      const d = ms(m.at);
      const shown = awards
        .filter((a) => ms(a.publishedAt) <= d)
        .sort((a, b) => ms(a.publishedAt) - ms(b.publishedAt) || a.rank - b.rank)
        .map((a) => awardAt(p, ctx, a, d));
      if (failedAt && ms(failedAt) <= d) shown.push(unsuccessfulAward(p, ctx, lot, failedAt));
      out.push({ kind: "award", id: `${ocid}-award-lot${lot.number}-${stamp(m.at)}`, date: m.at, tag: [i === 0 ? "award" : "awardUpdate"], body: { awards: shown } });
    });
  }
  return out;
}

function contractDrafts(p: ProcessData, ctx: PublicationContext, ocid: string): Draft[] {
  const out: Draft[] = [];
  for (const c of p.contracts) {
    const steps: { at: string; tag: ReleaseTag }[] = [{ at: c.createdAt, tag: "contract" }];
    const signed = contractSignedAt(c);
    if (signed) steps.push({ at: signed, tag: "contractUpdate" });
    const ended = contractEndedAt(c);
    if (ended) steps.push({ at: ended, tag: c.status === "lapsed" ? "contractUpdate" : "contractTermination" });
    // Steps at one instant are one release; the status only moves forward, so it names the release.
    for (const m of moments(steps)) {
      const body = contractAt(p, ctx, c, ms(m.at));
      const tag: ReleaseTag[] = m.tags.includes("contract") ? ["contract"] : m.tags.includes("contractTermination") ? ["contractTermination"] : ["contractUpdate"];
      out.push({ kind: "contract", id: `${ocid}-contract-${c.reference}-${body.status}`, date: m.at, tag, body: { contracts: [body] } });
    }
  }
  return out;
}

function implementationDrafts(p: ProcessData, ctx: PublicationContext, ocid: string): Draft[] {
  const out: Draft[] = [];
  for (const c of p.contracts) {
    const signed = contractSignedAt(c);
    if (!signed) continue;
    const times = [signed, enrolmentMetAt(c.cohort), completionMetAt(c.cohort)];
    for (const m of c.milestones) {
      times.push(m.requestedAt, m.decidedAt);
      for (const pay of m.payments) times.push(pay.settledAt, pay.status === "reversed" && pay.settledAt ? pay.updatedAt : null);
    }
    const list = moments(times.filter((t): t is string => t !== null && ms(t) >= ms(signed)).map((at) => ({ at, tag: "implementation" as const })));
    list.forEach((m, i) => {
      const d = ms(m.at);
      out.push({
        kind: "implementation",
        id: `${ocid}-implementation-${c.reference}-${stamp(m.at)}`,
        date: m.at,
        tag: [i === 0 ? "implementation" : "implementationUpdate"],
        body: { contracts: [{ id: c.reference, awardID: c.awardId, implementation: { milestones: milestonesAt(p, c, d), transactions: transactionsAt(c, ctx, d) } }] },
      });
    });
  }
  return out;
}

/** Orders releases by date, then process, then the stage (tender, award, contract, implementation), then id. */
export function compareReleases(a: Release, b: Release): number {
  const kind = (r: Release) => KIND_ORDER.findIndex((k) => r.id.startsWith(`${r.ocid}-${k}-`));
  return ms(a.date) - ms(b.date) || a.ocid.localeCompare(b.ocid) || kind(a) - kind(b) || a.id.localeCompare(b.id);
}

/**
 * Every release of one contracting process, oldest first: the tender at publication, each
 * amendment, each opening and its end or cancellation; each lot's awards whenever one of them
 * changed state (and its failure); each contract's states; each contract's implementation
 * whenever a milestone or a payment moved.
 */
export function buildReleases(p: ProcessData, ctx: PublicationContext): Release[] {
  const ocid = ocidOf(p.reference);
  const drafts = [...tenderDrafts(p, ctx, ocid), ...awardDrafts(p, ctx, ocid), ...contractDrafts(p, ctx, ocid), ...implementationDrafts(p, ctx, ocid)];
  return drafts
    .map(
      (r): Release => ({
        ocid,
        id: r.id,
        date: r.date,
        tag: r.tag,
        initiationType: "tender",
        language: "zh",
        parties: partiesAt(p, ctx, ms(r.date)),
        buyer: refOf(ctx.bureau),
        ...r.body,
      }),
    )
    .sort(compareReleases);
}

// --- Merging (OCDS 1.1 "Merging": compiled release) -------------------------------------------

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
const isObject = (v: unknown): v is Record<string, Json> => typeof v === "object" && v !== null && !Array.isArray(v);
/** Arrays the schema marks `wholeListMerge`: replaced, never merged by id. */
const WHOLE_LIST = new Set(["additionalClassifications", "additionalIdentifiers"]);

function mergeValue(into: Json | undefined, value: Json, key: string): Json {
  if (Array.isArray(value)) {
    const byId = !WHOLE_LIST.has(key) && value.length > 0 && value.every((x) => isObject(x) && "id" in x);
    if (!byId || !Array.isArray(into)) return structuredClone(value);
    const out = [...into];
    for (const item of value as Record<string, Json>[]) {
      const at = out.findIndex((x) => isObject(x) && x.id === item.id);
      if (at >= 0) out[at] = mergeValue(out[at], item, key);
      else out.push(structuredClone(item));
    }
    return out;
  }
  if (isObject(value)) {
    const out: Record<string, Json> = isObject(into) ? { ...into } : {};
    for (const [k, v] of Object.entries(value)) {
      if (v === null) delete out[k];
      else out[k] = mergeValue(out[k], v, k);
    }
    return out;
  }
  return value;
}

/**
 * The compiled release of a process (OCDS 1.1 merge routine): the releases merged oldest first,
 * objects field by field, arrays of objects by `id`, anything else replaced, so the latest value
 * of every field wins; `id`, `date` and `tag` are not merged (omitWhenMerged).
 */
export function compileRelease(releases: readonly Release[]): CompiledRelease {
  if (releases.length === 0) throw new RangeError("a compiled release needs at least one release");
  const sorted = [...releases].sort(compareReleases);
  let merged: Json = {};
  for (const r of sorted) {
    const { id: _id, date: _date, tag: _tag, ...rest } = r;
    merged = mergeValue(merged, rest as unknown as Json, "");
  }
  const last = sorted.at(-1)!;
  return { ...(merged as unknown as Omit<Release, "id" | "date" | "tag">), ocid: last.ocid, id: `${last.ocid}-${last.date}`, date: last.date, tag: ["compiled"] };
}

// --- Packages and the query --------------------------------------------------------------------------

export function publisherOf(bureau: OrgData): Publisher {
  return bureau.creditCode ? { name: bureau.name, scheme: ORGANISATION_SCHEME, uid: bureau.creditCode } : { name: bureau.name };
}

/** The package's date: the latest release's (it is generated on demand), or `now` for an empty feed. */
export function latestDate(releases: readonly Release[], now: Date): string {
  const dates = releases.map((r) => ms(r.date));
  return dates.length > 0 ? new Date(Math.max(...dates)).toISOString() : now.toISOString();
}

export const RELEASES_PATH = "/ocds/releases.json";

/** The absolute path of a page of the release package (links.next / links.prev). */
export function releasesPageLink(page: number, since: Date | null): string {
  const q = new URLSearchParams({ page: String(page) });
  if (since) q.set("since", since.toISOString());
  return `${RELEASES_PATH}?${q.toString()}`;
}

export interface ReleaseQuery {
  page: number;
  since: Date | null;
}

export type QueryProblem = { parameter: "page" | "since"; message: string };

const SINCE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?))?$/i;

/**
 * Reads `since`: an ISO 8601 time with its offset (2026-12-01T08:00:00+08:00, …Z), or a date,
 * taken as the start of that day in Asia/Shanghai (the district's day). A `+` that a query string
 * turned into a space is read back as `+`. Null when it is not a real instant.
 */
export function parseSince(text: string): Date | null {
  const m = SINCE.exec(text.trim().replace(/ (\d{2}(?::?\d{2})?)$/, "+$1"));
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  if (h !== undefined && zone === undefined) return null;
  const [year, month, day, hour, minute, second] = [y, mo, d, h ?? "0", mi ?? "0", s ?? "0"].map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > days) return null;
  let offsetMinutes = 8 * 60;
  if (zone !== undefined) {
    if (/^z$/i.test(zone)) offsetMinutes = 0;
    else {
      const digits = zone.slice(1).replace(":", "");
      const oh = Number(digits.slice(0, 2));
      const om = Number(digits.slice(2) || "0");
      if (oh > 23 || om > 59) return null;
      offsetMinutes = (zone[0] === "-" ? -1 : 1) * (oh * 60 + om);
    }
  }
  const millis = Number((frac ?? "0").padEnd(3, "0").slice(0, 3));
  const t = Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000;
  return Number.isFinite(t) ? new Date(t) : null;
}

/** Reads `?page=` (a whole number from 1, default 1) and `?since=`; a bad value is named with a clear message. */
export function parseReleaseQuery(params: URLSearchParams): { ok: true; value: ReleaseQuery } | { ok: false; problem: QueryProblem } {
  const pageText = params.get("page");
  let page = 1;
  if (pageText !== null) {
    if (!/^[1-9]\d{0,8}$/.test(pageText.trim())) {
      return { ok: false, problem: { parameter: "page", message: `page 须为从 1 起的整数 / page must be a whole number from 1, got "${pageText}"` } };
    }
    page = Number(pageText.trim());
  }
  const sinceText = params.get("since");
  let since: Date | null = null;
  if (sinceText !== null) {
    since = parseSince(sinceText);
    if (!since) {
      return {
        ok: false,
        problem: {
          parameter: "since",
          message: `since 须为带时区的 ISO 8601 时间（如 2026-12-01T00:00:00+08:00 或 2026-12-01T00:00:00Z）或日期（2026-12-01，按北京时间当日零时）/ since must be an ISO 8601 time with its offset (e.g. 2026-12-01T00:00:00+08:00 or 2026-12-01T00:00:00Z) or a date (2026-12-01, midnight in Asia/Shanghai), got "${sinceText}"`,
        },
      };
    }
  }
  return { ok: true, value: { page, since } };
}

/** One page of releases dated at or after `since`; null when the page is past the last one. */
export function pageOfReleases(all: readonly Release[], q: ReleaseQuery, size = RELEASES_PAGE_SIZE): { releases: Release[]; pages: number } | null {
  const from = q.since?.getTime();
  const kept = from === undefined ? [...all] : all.filter((r) => ms(r.date) >= from);
  kept.sort(compareReleases);
  const pages = Math.max(1, Math.ceil(kept.length / size));
  if (q.page > pages) return null;
  return { releases: kept.slice((q.page - 1) * size, q.page * size), pages };
}
