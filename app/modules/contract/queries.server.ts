import type { DB } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { can } from "~/modules/access/policy";
import { now } from "~/utils/clock.server";
import { forbiddenResult, notFoundResult, ok, type Result } from "~/utils/result";
import { CONTRACT_STATUSES, type ContractStatus } from "./lifecycle";
import { signingSideOf, type SigningSide } from "./sign-contract.server";

export { CONTRACT_STATUSES };
export const CONTRACTS_PAGE_SIZE = 50;

export interface ContractRow {
  id: string;
  reference: string;
  status: ContractStatus;
  institutionName: string;
  tenderReference: string;
  lotNumber: number;
  headcount: number;
  valueFen: number;
  signDueAt: string;
  createdAt: string;
  bureauSigned: boolean;
  institutionSigned: boolean;
}

/**
 * Contracts for the bureau (all of them, optionally by status) or for an institution (its own);
 * nobody else has any (DESIGN.md "Contract and delivery"). Newest first, in pages of 50 or of
 * `limit` (an export takes every match in one).
 */
export async function listContracts(
  db: DB,
  actor: Actor,
  filter: { status?: ContractStatus; page?: number; limit?: number } = {},
): Promise<Result<{ rows: ContractRow[]; total: number; page: number; pages: number }>> {
  const bureau = can(actor, "contract.view") && actor.orgKind === "bureau";
  if (!bureau && !can(actor, "contract.view", { organisationId: actor.orgId })) return forbiddenResult;
  let q = db
    .selectFrom("contracts as c")
    .innerJoin("organisations as o", "o.id", "c.institution_id")
    .innerJoin("lots as l", "l.id", "c.lot_id")
    .innerJoin("tenders as t", "t.id", "c.tender_id");
  if (!bureau) q = q.where("c.institution_id", "=", actor.orgId);
  if (filter.status) q = q.where("c.status", "=", filter.status);
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
  const size = filter.limit ?? CONTRACTS_PAGE_SIZE;
  const pages = Math.max(1, Math.ceil(total / size));
  const page = Math.min(Math.max(1, Math.floor(filter.page ?? 1)), pages);
  const rows = await q
    .select([
      "c.id",
      "c.reference",
      "c.status",
      "o.name",
      "t.reference as tender_reference",
      "l.number",
      "c.headcount",
      "c.value_fen",
      "c.sign_due_at",
      "c.created_at",
      "c.bureau_signed_at",
      "c.institution_signed_at",
    ])
    .orderBy("c.created_at", "desc")
    .orderBy("c.reference", "desc")
    .limit(size)
    .offset((page - 1) * size)
    .execute();
  return ok({
    total,
    page,
    pages,
    rows: rows.map((r) => ({
      id: r.id,
      reference: r.reference,
      status: r.status,
      institutionName: r.name,
      tenderReference: r.tender_reference ?? "",
      lotNumber: Number(r.number),
      headcount: Number(r.headcount),
      valueFen: Number(r.value_fen),
      signDueAt: r.sign_due_at,
      createdAt: r.created_at,
      bureauSigned: r.bureau_signed_at !== null,
      institutionSigned: r.institution_signed_at !== null,
    })),
  });
}

export interface ContractDetail {
  id: string;
  reference: string;
  status: ContractStatus;
  statusReason: string | null;
  bureauName: string;
  institution: { id: string; name: string; creditCode: string | null };
  tender: { reference: string; title: string };
  lot: { id: string; number: number; occupationCode: string; occupationZh: string; occupationEn: string; level: number; windowStart: string; windowEnd: string };
  headcount: number;
  priceFen: number;
  valueFen: number;
  createdAt: string;
  signDueAt: string;
  overdue: boolean;
  bureauSignedAt: string | null;
  institutionSignedAt: string | null;
  /** The covered demand: enterprise and headcount only, never a trainee's personal data. */
  demands: { enterpriseName: string; headcount: number }[];
  /** The side this reader may sign for now, if any. */
  canSign: SigningSide | null;
  hasPendingObjection: boolean;
}

/** One contract for the bureau or its institution; to anyone else it does not exist. */
export async function findContract(db: DB, actor: Actor, contractId: string): Promise<Result<ContractDetail>> {
  const c = await db
    .selectFrom("contracts as c")
    .innerJoin("organisations as o", "o.id", "c.institution_id")
    .innerJoin("lots as l", "l.id", "c.lot_id")
    .innerJoin("tenders as t", "t.id", "c.tender_id")
    .innerJoin("occupations as oc", "oc.code", "l.occupation_code")
    .select([
      "c.id",
      "c.reference",
      "c.status",
      "c.status_reason",
      "c.award_id",
      "c.institution_id",
      "o.name",
      "o.credit_code",
      "t.reference as tender_reference",
      "t.title",
      "l.id as lot_id",
      "l.number",
      "l.occupation_code",
      "oc.name_zh",
      "oc.name_en",
      "l.level",
      "l.window_start",
      "l.window_end",
      "c.headcount",
      "c.price_fen",
      "c.value_fen",
      "c.created_at",
      "c.sign_due_at",
      "c.bureau_signed_at",
      "c.institution_signed_at",
    ])
    .where("c.id", "=", contractId)
    .executeTakeFirst();
  if (!c || !can(actor, "contract.view", { organisationId: c.institution_id })) return notFoundResult;
  const bureau = await db.selectFrom("organisations").select("name").where("kind", "=", "bureau").orderBy("created_at").executeTakeFirstOrThrow();
  const demands = await db
    .selectFrom("award_demands as ad")
    .innerJoin("demands as d", "d.id", "ad.demand_id")
    .innerJoin("organisations as e", "e.id", "d.enterprise_id")
    .select(["e.name", "ad.headcount"])
    .where("ad.award_id", "=", c.award_id)
    .orderBy("e.name")
    .execute();
  const pending = await db.selectFrom("objections").select("id").where("lot_id", "=", c.lot_id).where("status", "=", "pending").executeTakeFirst();
  const overdue = now().getTime() > Date.parse(c.sign_due_at);
  const side = signingSideOf(actor, c.institution_id);
  const signedAlready = side === "bureau" ? c.bureau_signed_at !== null : side === "institution" ? c.institution_signed_at !== null : true;
  return ok({
    id: c.id,
    reference: c.reference,
    status: c.status,
    statusReason: c.status_reason,
    bureauName: bureau.name,
    institution: { id: c.institution_id, name: c.name, creditCode: c.credit_code },
    tender: { reference: c.tender_reference ?? "", title: c.title },
    lot: {
      id: c.lot_id,
      number: Number(c.number),
      occupationCode: c.occupation_code,
      occupationZh: c.name_zh,
      occupationEn: c.name_en,
      level: Number(c.level),
      windowStart: c.window_start,
      windowEnd: c.window_end,
    },
    headcount: Number(c.headcount),
    priceFen: Number(c.price_fen),
    valueFen: Number(c.value_fen),
    createdAt: c.created_at,
    signDueAt: c.sign_due_at,
    overdue,
    bureauSignedAt: c.bureau_signed_at,
    institutionSignedAt: c.institution_signed_at,
    demands: demands.map((d) => ({ enterpriseName: d.name, headcount: Number(d.headcount) })),
    canSign: c.status === "pending_signature" && !overdue && !pending && side && !signedAlready ? side : null,
    hasPendingObjection: pending !== undefined,
  });
}
