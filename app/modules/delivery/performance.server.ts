import type { DB } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { can } from "~/modules/access/policy";
import type { ContractStatus } from "~/modules/contract/lifecycle";
import { notFoundResult, ok, type Result } from "~/utils/result";
import type { EnrolmentStatus, TraineeProgress } from "./lifecycle";
import { institutionRecord, type InstitutionRecord, type PerformanceFigures, type TraineeCount } from "./performance";

/** Statuses of contracts that have (or had) a delivery to count. */
const DELIVERING: ContractStatus[] = ["active", "completed", "terminated"];

/**
 * The performance records of the given institutions, computed from their contracts' results and
 * ratings (one grouped query each, whatever the number of institutions). An institution with no
 * contracts has an empty record.
 */
export async function institutionRecords(db: DB, institutionIds: readonly string[]): Promise<Record<string, InstitutionRecord>> {
  const ids = [...new Set(institutionIds)];
  const out: Record<string, InstitutionRecord> = {};
  for (const id of ids) out[id] = institutionRecord([]);
  if (ids.length === 0) return out;
  const contracts = await db
    .selectFrom("contracts")
    .select(["id", "institution_id", "status"])
    .where("institution_id", "in", ids)
    .where("status", "in", DELIVERING)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  if (contracts.length === 0) return out;
  const counts = await db
    .selectFrom("enrolments as en")
    .innerJoin("contracts as c", "c.id", "en.contract_id")
    .select(["en.contract_id", "en.status", "en.progress", (eb) => eb.fn.countAll<number>().as("n")])
    .where("c.institution_id", "in", ids)
    .where("en.status", "in", ["confirmed", "dropped"])
    .groupBy(["en.contract_id", "en.status", "en.progress"])
    .execute();
  const ratings = await db
    .selectFrom("ratings as r")
    .innerJoin("contracts as c", "c.id", "r.contract_id")
    .select(["r.contract_id", "r.score"])
    .where("c.institution_id", "in", ids)
    .execute();
  for (const id of ids) {
    out[id] = institutionRecord(
      contracts
        .filter((c) => c.institution_id === id)
        .map((c) => ({
          contractId: c.id,
          status: c.status,
          trainees: counts
            .filter((r) => r.contract_id === c.id)
            .map((r): TraineeCount => ({ status: r.status as EnrolmentStatus, progress: r.progress as TraineeProgress | null, count: Number(r.n) })),
          ratings: ratings.filter((r) => r.contract_id === c.id).map((r) => Number(r.score)),
        })),
    );
  }
  return out;
}

export interface PerformanceContractRow extends PerformanceFigures {
  contractId: string;
  reference: string;
  status: ContractStatus;
  tenderReference: string;
  lotNumber: number;
  occupationCode: string;
  occupationZh: string;
  occupationEn: string;
  level: number;
  acceptedAt: string | null;
}

export interface PerformanceView {
  institution: { id: string; name: string };
  completedContracts: number;
  overall: PerformanceFigures;
  accepted: PerformanceFigures;
  contracts: PerformanceContractRow[];
}

/**
 * An institution's performance record for the institution itself (/performance) and the bureau
 * (the organisation's page): per contract and overall. To anyone else it does not exist.
 */
export async function findPerformance(db: DB, actor: Actor, institutionId: string): Promise<Result<PerformanceView>> {
  const org = await db.selectFrom("organisations").select(["id", "name", "kind"]).where("id", "=", institutionId).executeTakeFirst();
  if (!org || org.kind !== "institution" || !can(actor, "delivery.view", { organisationId: org.id })) return notFoundResult;
  const record = (await institutionRecords(db, [org.id]))[org.id]!;
  const heads = record.contracts.length
    ? await db
        .selectFrom("contracts as c")
        .innerJoin("tenders as t", "t.id", "c.tender_id")
        .innerJoin("lots as l", "l.id", "c.lot_id")
        .innerJoin("occupations as oc", "oc.code", "l.occupation_code")
        .select(["c.id", "c.reference", "t.reference as tender_reference", "l.number", "l.occupation_code", "oc.name_zh", "oc.name_en", "l.level", "c.accepted_at"])
        .where(
          "c.id",
          "in",
          record.contracts.map((c) => c.contractId),
        )
        .execute()
    : [];
  const contracts: PerformanceContractRow[] = record.contracts.flatMap((c) => {
    const h = heads.find((x) => x.id === c.contractId);
    if (!h) return [];
    return [
      {
        ...c,
        reference: h.reference,
        tenderReference: h.tender_reference ?? "",
        lotNumber: Number(h.number),
        occupationCode: h.occupation_code,
        occupationZh: h.name_zh,
        occupationEn: h.name_en,
        level: Number(h.level),
        acceptedAt: h.accepted_at,
      },
    ];
  });
  contracts.sort((a, b) => b.reference.localeCompare(a.reference));
  return ok({ institution: { id: org.id, name: org.name }, completedContracts: record.completedContracts, overall: record.overall, accepted: record.accepted, contracts });
}
