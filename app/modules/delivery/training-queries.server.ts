import type { DB } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { can } from "~/modules/access/policy";
import { appendAudit } from "~/modules/audit/append-audit.server";
import type { ContractStatus } from "~/modules/contract/lifecycle";
import { maskIdNumber } from "~/modules/reference/id-number";
import { now } from "~/utils/clock.server";
import { forbiddenResult, notFoundResult, ok, type Result } from "~/utils/result";
import { attendancePermille, meetsCompletionShare } from "./attendance";
import { listCohort, listCoveredDemands } from "./cohort-queries.server";
import { attendedMinutes, findAcceptanceFields } from "./completion-context.server";
import { findContractForDelivery, type DeliveryContract } from "./contract-access.server";
import type { ProgressStatus } from "./lifecycle";
import { ratingReadiness, type RatingReadiness } from "./rate-training.server";
import { decodeReason, type NotCompletedReason } from "./results";

/** Contracts an enterprise follows: those under way or done, not those unsigned or lapsed. */
const FOLLOWED: ContractStatus[] = ["active", "completed", "terminated"];

export interface TrainingContractRow {
  id: string;
  reference: string;
  status: ContractStatus;
  institutionName: string;
  tenderReference: string;
  lotNumber: number;
  occupationCode: string;
  occupationZh: string;
  occupationEn: string;
  level: number;
  /** The award's headcount for this enterprise's demands. */
  headcount: number;
  /** This enterprise's trainees confirmed in the cohort (and dropped since), and how many of them have a result. */
  trainees: number;
  withResult: number;
  rated: boolean;
}

/**
 * The contracts covering an enterprise's demands (DESIGN.md "Contract and delivery": enterprises
 * follow their trainees' progress), with only its own share and its own trainees counted.
 */
export async function listTrainingContracts(db: DB, actor: Actor): Promise<Result<TrainingContractRow[]>> {
  if (!can(actor, "delivery.follow", { organisationId: actor.orgId })) return forbiddenResult;
  const rows = await db
    .selectFrom("contracts as c")
    .innerJoin("award_demands as ad", "ad.award_id", "c.award_id")
    .innerJoin("demands as d", "d.id", "ad.demand_id")
    .innerJoin("organisations as o", "o.id", "c.institution_id")
    .innerJoin("tenders as t", "t.id", "c.tender_id")
    .innerJoin("lots as l", "l.id", "c.lot_id")
    .innerJoin("occupations as oc", "oc.code", "l.occupation_code")
    .select([
      "c.id",
      "c.reference",
      "c.status",
      "c.created_at",
      "o.name",
      "t.reference as tender_reference",
      "l.number",
      "l.occupation_code",
      "oc.name_zh",
      "oc.name_en",
      "l.level",
      (eb) => eb.fn.sum<number>("ad.headcount").as("headcount"),
    ])
    .where("d.enterprise_id", "=", actor.orgId)
    .where("c.status", "in", FOLLOWED)
    .groupBy(["c.id", "c.reference", "c.status", "c.created_at", "o.name", "t.reference", "l.number", "l.occupation_code", "oc.name_zh", "oc.name_en", "l.level"])
    .orderBy("c.created_at", "desc")
    .orderBy("c.reference", "desc")
    .execute();
  if (rows.length === 0) return ok([]);
  const ids = rows.map((r) => r.id);
  const counts = await db
    .selectFrom("enrolments as en")
    .innerJoin("demands as d", "d.id", "en.demand_id")
    .select(["en.contract_id", "en.status", (eb) => eb.fn.count<number>("en.progress").as("with_result"), (eb) => eb.fn.countAll<number>().as("n")])
    .where("en.contract_id", "in", ids)
    .where("d.enterprise_id", "=", actor.orgId)
    .where("en.status", "in", ["confirmed", "dropped"])
    .groupBy(["en.contract_id", "en.status"])
    .execute();
  const rated = await db.selectFrom("ratings").select("contract_id").where("contract_id", "in", ids).where("enterprise_id", "=", actor.orgId).execute();
  return ok(
    rows.map((r) => {
      const mine = counts.filter((x) => x.contract_id === r.id);
      return {
        id: r.id,
        reference: r.reference,
        status: r.status,
        institutionName: r.name,
        tenderReference: r.tender_reference ?? "",
        lotNumber: Number(r.number),
        occupationCode: r.occupation_code,
        occupationZh: r.name_zh,
        occupationEn: r.name_en,
        level: Number(r.level),
        headcount: Number(r.headcount),
        trainees: mine.reduce((s, x) => s + Number(x.n), 0),
        // A dropped trainee's result is "not completed": it counts as having one.
        withResult: mine.reduce((s, x) => s + (x.status === "dropped" ? Number(x.n) : Number(x.with_result)), 0),
        rated: rated.some((x) => x.contract_id === r.id),
      };
    }),
  );
}

export interface OwnTrainee {
  enrolmentId: string;
  name: string;
  idNumberMasked: string;
  status: "confirmed" | "dropped";
  attendedPermille: number;
  meetsShare: boolean;
  progress: ProgressStatus;
  reason: NotCompletedReason | null;
  certificateNumber: string | null;
  levelReached: number | null;
  certifiedOn: string | null;
}

export interface TrainingView {
  contract: DeliveryContract;
  acceptedAt: string | null;
  /** This enterprise's covered demands: the award's headcount, the roster, the cohort, and the shortfalls. */
  demands: { demandId: string; headcount: number; rosterCount: number; confirmed: number; rosterShortfall: number; cohortShortfall: number }[];
  plannedMinutes: number;
  sessions: number;
  heldSessions: number;
  trainees: OwnTrainee[];
  rating: { score: number; comment: string; ratedAt: string } | null;
  readiness: RatingReadiness;
  /** May rate now: ready, and a verified member (delivery.rate). */
  mayRate: boolean;
}

/**
 * One contract as a covered enterprise follows it: its own demands' shortfalls and its own
 * trainees only (name, masked identity number, attendance share, outcome, certificate), never
 * another enterprise's; its rating or whether it may rate. To any other enterprise the contract
 * does not exist. The read of trainees' data is audited (trainee.read).
 */
export async function findTrainingContract(db: DB, actor: Actor, contractId: string): Promise<Result<TrainingView>> {
  const found = await findContractForDelivery(db, actor, contractId);
  if (!found.ok) return found;
  if (!found.value.may.follow) return notFoundResult;
  const contract = found.value;
  const cohort = await listCohort(db, contract.id, now());
  const members = cohort.members.filter((m) => m.enterpriseId === actor.orgId);
  const covered = (await listCoveredDemands(db, contract.id)).filter((d) => d.enterpriseId === actor.orgId);
  const dropped = covered.flatMap((d) => d.enrolments.filter((e) => e.status === "dropped"));
  const droppedMinutes = await attendedMinutes(
    db,
    dropped.map((e) => e.id),
  );
  const planned = cohort.totalPlannedMinutes;
  const pct = contract.tender.completionPct;
  const trainees: OwnTrainee[] = [
    ...members.map((m) => ({
      enrolmentId: m.enrolmentId,
      name: m.name,
      idNumberMasked: maskIdNumber(m.idNumber),
      status: "confirmed" as const,
      attendedPermille: attendancePermille(m.attendedMinutes, planned),
      meetsShare: meetsCompletionShare(m.attendedMinutes, planned, pct),
      progress: m.progress,
      reason: decodeReason(m.progressReason),
      certificateNumber: m.certificateNumber,
      levelReached: m.levelReached,
      certifiedOn: m.certifiedOn,
    })),
    ...dropped.map((e) => ({
      enrolmentId: e.id,
      name: e.name,
      idNumberMasked: maskIdNumber(e.idNumber),
      status: "dropped" as const,
      attendedPermille: attendancePermille(droppedMinutes.get(e.id) ?? 0, planned),
      meetsShare: false,
      progress: "not_completed" as const,
      reason: { kind: "dropped" } as const,
      certificateNumber: null,
      levelReached: null,
      certifiedOn: null,
    })),
  ];
  const rating = await db.selectFrom("ratings").select(["score", "comment", "rated_at"]).where("contract_id", "=", contract.id).where("enterprise_id", "=", actor.orgId).executeTakeFirst();
  const readiness = await ratingReadiness(db, contract, actor.orgId);
  if (trainees.length > 0) {
    await db.transaction().execute((trx) =>
      appendAudit(trx, { actorUserId: actor.userId, actorOrgId: actor.orgId, action: "trainee.read", recordType: "contract", recordId: contract.id, after: { page: "training", count: trainees.length } }),
    );
  }
  const fields = await findAcceptanceFields(db, contract.id);
  return ok({
    contract,
    acceptedAt: fields?.acceptedAt ?? null,
    demands: covered.map((d) => {
      const confirmed = d.enrolments.filter((e) => e.status === "confirmed" || e.status === "dropped").length;
      return {
        demandId: d.demandId,
        headcount: d.headcount,
        rosterCount: d.rosterCount,
        confirmed,
        rosterShortfall: Math.max(0, d.headcount - d.rosterCount),
        cohortShortfall: Math.max(0, d.headcount - confirmed),
      };
    }),
    plannedMinutes: planned,
    sessions: cohort.sessionCount,
    heldSessions: cohort.heldSessionCount,
    trainees,
    rating: rating ? { score: Number(rating.score), comment: rating.comment, ratedAt: rating.rated_at } : null,
    readiness,
    mayRate: readiness === "ready" && can(actor, "delivery.rate", { organisationId: actor.orgId }),
  });
}
