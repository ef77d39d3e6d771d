/**
 * Open data queries (DESIGN.md "Interfaces": `GET /ocds/releases.json`, `GET /ocds/records/{ocid}.json`):
 * load every published tender with what the public may know of it, as plain data, and let the
 * pure builders of ./ocds.ts make the releases.
 *
 * What is read, and what never is: tenders that were published (never a draft); lots, criteria
 * and amendments; a lot's bids only through its opening record (`lot_openings.record_json`, the
 * public record written at opening), never the `bids` table, so a sealed bid cannot leak; awards
 * once published; contracts; payment milestones and payments (amounts, states and times, not
 * accounts or transfer ids); enrolments only as counts and times per contract. Organisations by
 * name and credit code only: no contact person, phone or address, and no trainee at all.
 */
import type { DB } from "#db/client";
import { isTenderReference } from "~/modules/tender/reference-number";
import { now } from "~/utils/clock.server";
import {
  buildReleases,
  compileRelease,
  EMPTY_COHORT,
  latestDate,
  ocidOf,
  OCDS_VERSION,
  pageOfReleases,
  publisherOf,
  referenceOfOcid,
  RELEASES_PAGE_SIZE,
  RELEASES_PATH,
  releasesPageLink,
  type AwardData,
  type CohortData,
  type ContractData,
  type MilestoneData,
  type OpeningData,
  type OrgData,
  type ProcessData,
  type PublicationContext,
  type RecordPackage,
  type ReleasePackage,
  type ReleaseQuery,
} from "./ocds";

/** Ids per `in (…)` list: far under SQLite's and PostgreSQL's limits on bound parameters. */
const CHUNK = 500;

async function inChunks<T>(ids: readonly string[], load: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(...(await load(ids.slice(i, i + CHUNK))));
  return out;
}

const num = (v: number | string | bigint | null | undefined) => Number(v ?? 0);

interface OpenData {
  processes: ProcessData[];
  bureau: OrgData;
  organisations: Map<string, OrgData>;
  occupations: Map<string, string>;
}

/** Every published tender (or the one with `reference`) as plain data for the OCDS builders. */
export async function loadOpenData(db: DB, filter: { reference?: string } = {}): Promise<OpenData> {
  let tq = db
    .selectFrom("tenders")
    .select(["id", "reference", "title", "description", "regime", "status", "published_at", "bid_deadline", "price_points", "cancel_reason", "updated_at"])
    .where("reference", "is not", null)
    .where("published_at", "is not", null)
    .where("status", "!=", "draft");
  if (filter.reference !== undefined) tq = tq.where("reference", "=", filter.reference);
  const tenders = await tq.orderBy("published_at").orderBy("reference").execute();
  const tenderIds = tenders.map((t) => t.id);

  const lots = await inChunks(tenderIds, (ids) =>
    db
      .selectFrom("lots")
      .select(["id", "tender_id", "number", "occupation_code", "level", "headcount", "window_start", "window_end", "max_price_fen", "status", "updated_at"])
      .where("tender_id", "in", ids)
      .execute(),
  );
  const criteria = await inChunks(tenderIds, (ids) =>
    db.selectFrom("tender_criteria").select(["tender_id", "position", "name", "description", "points"]).where("tender_id", "in", ids).execute(),
  );
  const amendments = await inChunks(tenderIds, (ids) =>
    db.selectFrom("tender_amendments").select(["tender_id", "at", "summary", "material", "changes_json"]).where("tender_id", "in", ids).execute(),
  );
  const openings = await inChunks(tenderIds, (ids) =>
    db
      .selectFrom("lot_openings as o")
      .innerJoin("lots as l", "l.id", "o.lot_id")
      .select(["l.tender_id", "l.number", "o.opened_at", "o.outcome", "o.record_json"])
      .where("l.tender_id", "in", ids)
      .execute(),
  );
  const awards = await inChunks(tenderIds, (ids) =>
    db
      .selectFrom("awards as a")
      .innerJoin("lots as l", "l.id", "a.lot_id")
      .select(["a.id", "l.tender_id", "l.number", "a.institution_id", "a.rank", "a.round", "a.headcount", "a.price_fen", "a.value_fen", "a.status", "a.published_at", "a.updated_at"])
      .where("l.tender_id", "in", ids)
      .where("a.published_at", "is not", null)
      .execute(),
  );
  const contracts = await inChunks(tenderIds, (ids) =>
    db
      .selectFrom("contracts as c")
      .innerJoin("lots as l", "l.id", "c.lot_id")
      .innerJoin("awards as a", "a.id", "c.award_id")
      .select([
        "c.id",
        "c.reference",
        "c.award_id",
        "c.tender_id",
        "l.number",
        "c.institution_id",
        "c.status",
        "c.headcount",
        "c.price_fen",
        "c.value_fen",
        "c.created_at",
        "c.bureau_signed_at",
        "c.institution_signed_at",
        "c.completed_at",
        "c.updated_at",
      ])
      .where("c.tender_id", "in", ids)
      .where("a.published_at", "is not", null)
      .execute(),
  );
  const contractIds = contracts.map((c) => c.id);
  const milestones = await inChunks(contractIds, (ids) =>
    db
      .selectFrom("milestones")
      .select(["id", "contract_id", "kind", "number", "trainee_count", "amount_fen", "status", "requested_at", "decided_at"])
      .where("contract_id", "in", ids)
      .execute(),
  );
  const payments = await inChunks(
    milestones.map((m) => m.id),
    (ids) => db.selectFrom("payments").select(["milestone_id", "attempt", "amount_fen", "status", "settled_at", "updated_at"]).where("milestone_id", "in", ids).execute(),
  );
  const cohorts = await loadCohorts(db, contractIds);

  const bureauRow = await db.selectFrom("organisations").select(["id", "name", "credit_code"]).where("kind", "=", "bureau").executeTakeFirstOrThrow();
  const bureau: OrgData = { id: bureauRow.id, name: bureauRow.name, creditCode: bureauRow.credit_code };

  const parsedOpenings = openings.map((o) => ({ tenderId: o.tender_id, opening: openingOf(num(o.number), o.opened_at, o.outcome, o.record_json) }));
  const orgIds = [
    ...new Set([...parsedOpenings.flatMap((o) => o.opening.lines.map((l) => l.institutionId)), ...awards.map((a) => a.institution_id), ...contracts.map((c) => c.institution_id)]),
  ];
  const orgRows = await inChunks(orgIds, (ids) => db.selectFrom("organisations").select(["id", "name", "credit_code"]).where("id", "in", ids).execute());
  const organisations = new Map(orgRows.map((o) => [o.id, { id: o.id, name: o.name, creditCode: o.credit_code }]));
  const occupationRows = await db.selectFrom("occupations").select(["code", "name_zh"]).execute();
  const occupations = new Map(occupationRows.map((o) => [o.code, o.name_zh]));

  const processes = tenders.map((t): ProcessData => {
    const own = lots.filter((l) => l.tender_id === t.id);
    const cancelledLots = own.filter((l) => l.status === "cancelled").map((l) => l.updated_at).sort();
    const ownContracts = contracts.filter((c) => c.tender_id === t.id);
    return {
      reference: t.reference!,
      title: t.title,
      description: t.description,
      regime: t.regime,
      status: t.status,
      publishedAt: t.published_at!,
      bidDeadline: t.bid_deadline,
      pricePoints: num(t.price_points),
      cancelReason: t.cancel_reason,
      // Cancelling writes the lots' time as it is; the tender's version may be nudged past it.
      cancelledAt: t.status === "cancelled" ? (cancelledLots.at(-1) ?? t.updated_at) : null,
      criteria: criteria
        .filter((c) => c.tender_id === t.id)
        .sort((a, b) => num(a.position) - num(b.position))
        .map((c) => ({ name: c.name, description: c.description, points: num(c.points) })),
      lots: own
        .map((l) => ({
          number: num(l.number),
          occupationCode: l.occupation_code,
          level: num(l.level),
          headcount: num(l.headcount),
          windowStart: l.window_start,
          windowEnd: l.window_end,
          maxPriceFen: num(l.max_price_fen),
          status: l.status,
          updatedAt: l.updated_at,
        }))
        .sort((a, b) => a.number - b.number),
      amendments: amendments
        .filter((a) => a.tender_id === t.id)
        .map((a) => ({ at: a.at, summary: a.summary, material: num(a.material) === 1, changes: parseJson(a.changes_json) })),
      openings: parsedOpenings.filter((o) => o.tenderId === t.id).map((o) => o.opening),
      awards: awards
        .filter((a) => a.tender_id === t.id)
        .map(
          (a): AwardData => ({
            id: a.id,
            lotNumber: num(a.number),
            institutionId: a.institution_id,
            rank: num(a.rank),
            round: num(a.round),
            headcount: num(a.headcount),
            priceFen: num(a.price_fen),
            valueFen: num(a.value_fen),
            status: a.status,
            publishedAt: a.published_at!,
            updatedAt: a.updated_at,
          }),
        ),
      contracts: ownContracts.map(
        (c): ContractData => ({
          reference: c.reference,
          awardId: c.award_id,
          lotNumber: num(c.number),
          institutionId: c.institution_id,
          status: c.status,
          headcount: num(c.headcount),
          priceFen: num(c.price_fen),
          valueFen: num(c.value_fen),
          createdAt: c.created_at,
          bureauSignedAt: c.bureau_signed_at,
          institutionSignedAt: c.institution_signed_at,
          completedAt: c.completed_at,
          updatedAt: c.updated_at,
          cohort: cohorts.get(c.id) ?? EMPTY_COHORT,
          milestones: milestones
            .filter((m) => m.contract_id === c.id)
            .map(
              (m): MilestoneData => ({
                number: num(m.number),
                kind: m.kind,
                traineeCount: num(m.trainee_count),
                amountFen: num(m.amount_fen),
                status: m.status,
                requestedAt: m.requested_at,
                decidedAt: m.decided_at,
                payments: payments
                  .filter((p) => p.milestone_id === m.id)
                  .map((p) => ({ attempt: num(p.attempt), amountFen: num(p.amount_fen), status: p.status, settledAt: p.settled_at, updatedAt: p.updated_at })),
              }),
            ),
        }),
      ),
    };
  });
  return { processes, bureau, organisations, occupations };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The public opening record of a lot, read from its stored JSON (bidding/open-lot.server.ts OpeningRecord). */
function openingOf(lotNumber: number, openedAt: string, outcome: "proceed" | "unsuccessful", json: string): OpeningData {
  const r = parseJson(json) as { minValidBids?: unknown; lines?: unknown } | null;
  const lines = Array.isArray(r?.lines) ? (r.lines as Record<string, unknown>[]) : [];
  return {
    lotNumber,
    openedAt,
    outcome,
    minValidBids: num(typeof r?.minValidBids === "number" ? r.minValidBids : 0),
    lines: lines
      .filter((l) => typeof l.institutionId === "string")
      .map((l) => ({
        institutionId: l.institutionId as string,
        priceFen: typeof l.priceFen === "number" ? l.priceFen : null,
        capacity: typeof l.capacity === "number" ? l.capacity : null,
        submittedAt: typeof l.submittedAt === "string" ? l.submittedAt : "",
        counted: l.counted === true,
        reason: typeof l.reason === "string" ? l.reason : null,
      })),
  };
}

/** Each contract's cohort as counts and latest times (never who). */
async function loadCohorts(db: DB, contractIds: readonly string[]): Promise<Map<string, CohortData>> {
  const byStatus = await inChunks(contractIds, (ids) =>
    db
      .selectFrom("enrolments")
      .select(["contract_id", "status"])
      .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.max("confirmed_at").as("last_confirmed"), eb.fn.max("updated_at").as("last_updated")])
      .where("contract_id", "in", ids)
      .groupBy(["contract_id", "status"])
      .execute(),
  );
  const results = await inChunks(contractIds, (ids) =>
    db
      .selectFrom("enrolments")
      .select("contract_id")
      .select((eb) => [
        eb.fn.count<number>(eb.case().when("progress", "is", null).then(eb.lit(1)).end()).as("awaiting"),
        eb.fn.max("result_recorded_at").as("last_result"),
      ])
      .where("contract_id", "in", ids)
      .where("status", "=", "confirmed")
      .groupBy("contract_id")
      .execute(),
  );
  const out = new Map<string, CohortData>();
  const get = (id: string) => out.get(id) ?? { ...EMPTY_COHORT };
  const later = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : Date.parse(a) >= Date.parse(b) ? a : b);
  for (const r of byStatus) {
    const c = get(r.contract_id);
    const n = num(r.n);
    if (r.status === "offered") c.offered += n;
    if (r.status === "confirmed") c.confirmed += n;
    if (r.status === "dropped") c.dropped += n;
    if (r.status === "declined") c.lastDeclinedAt = later(c.lastDeclinedAt, r.last_updated);
    else c.lastConfirmedAt = later(c.lastConfirmedAt, r.last_confirmed);
    out.set(r.contract_id, c);
  }
  for (const r of results) {
    const c = get(r.contract_id);
    c.awaitingResult = num(r.awaiting);
    c.lastResultAt = r.last_result;
    out.set(r.contract_id, c);
  }
  return out;
}

function contextOf(data: OpenData, origin: string): PublicationContext {
  return { origin, bureau: data.bureau, organisations: data.organisations, occupations: data.occupations };
}

export type OpenDataResult<T> = { ok: true; value: T } | { ok: false; kind: "notFound"; message: string };

/**
 * One page of the release package of every published release (DESIGN.md "Interfaces"), oldest
 * first, those dated at or after `since` when given; links to the pages either side.
 */
export async function getReleasePage(
  db: DB,
  input: { query: ReleaseQuery; origin: string; pageSize?: number },
): Promise<OpenDataResult<ReleasePackage>> {
  const data = await loadOpenData(db);
  const ctx = contextOf(data, input.origin);
  const all = data.processes.flatMap((p) => buildReleases(p, ctx));
  const { page, since } = input.query;
  const slice = pageOfReleases(all, input.query, input.pageSize ?? RELEASES_PAGE_SIZE);
  if (!slice) {
    return { ok: false, kind: "notFound", message: `第 ${page} 页不存在 / page ${page} does not exist` };
  }
  const links = {
    ...(page < slice.pages ? { next: releasesPageLink(page + 1, since) } : {}),
    ...(page > 1 ? { prev: releasesPageLink(page - 1, since) } : {}),
  };
  return {
    ok: true,
    value: {
      uri: `${input.origin}${releasesPageLink(page, since)}`,
      version: OCDS_VERSION,
      publishedDate: latestDate(all, now()),
      publisher: publisherOf(data.bureau),
      releases: slice.releases,
      ...(Object.keys(links).length > 0 ? { links } : {}),
    },
  };
}

/** The record package of one contracting process, by ocid: its releases and the compiled release. */
export async function getRecordPackage(db: DB, input: { ocid: string; origin: string }): Promise<OpenDataResult<RecordPackage>> {
  const reference = referenceOfOcid(input.ocid);
  const missing = { ok: false as const, kind: "notFound" as const, message: `没有此招标项目 / no contracting process with ocid "${input.ocid}"` };
  if (!reference || !isTenderReference(reference)) return missing;
  const data = await loadOpenData(db, { reference });
  const process = data.processes[0];
  if (!process) return missing;
  const ocid = ocidOf(process.reference);
  const releases = buildReleases(process, contextOf(data, input.origin));
  return {
    ok: true,
    value: {
      uri: `${input.origin}/ocds/records/${encodeURIComponent(ocid)}.json`,
      version: OCDS_VERSION,
      publishedDate: latestDate(releases, now()),
      publisher: publisherOf(data.bureau),
      packages: [`${input.origin}${RELEASES_PATH}`],
      records: [{ ocid, releases, compiledRelease: compileRelease(releases) }],
    },
  };
}
