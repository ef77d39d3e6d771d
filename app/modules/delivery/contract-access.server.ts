import type { Transaction } from "kysely";
import type { DB } from "#db/client";
import type { DB as Schema } from "#db/schema";
import type { Actor } from "~/modules/access/actor";
import { can } from "~/modules/access/policy";
import { recordDeniedAccess } from "~/modules/audit/record-denied-access.server";
import type { ContractStatus } from "~/modules/contract/lifecycle";
import { conflict, forbiddenResult, notFoundResult, ok, type Failure, type Result } from "~/utils/result";

/** A contract as its delivery pages and use cases need it, and what the reader may do with it. */
export interface DeliveryContract {
  id: string;
  reference: string;
  status: ContractStatus;
  awardId: string;
  headcount: number;
  institution: { id: string; name: string };
  tender: { id: string; reference: string; title: string; completionPct: number };
  lot: { id: string; number: number; occupationCode: string; occupationZh: string; occupationEn: string; level: number; windowStart: string; windowEnd: string };
  may: {
    /** The bureau and the contract's institution see the cohort, sessions and attendance. */
    view: boolean;
    /** The contract's institution records enrolment and attendance, while the contract is active. */
    record: boolean;
    /** An enterprise whose demand the contract covers follows its own trainees. */
    follow: boolean;
  };
}

/**
 * The head of a contract for delivery (DESIGN.md "Contract and delivery"): reference, status,
 * institution, lot (occupation, level, delivery window), the tender's completion share, and what
 * the actor may do. To anyone who may neither see nor follow it, it does not exist, and the
 * attempt is audited (`access.denied`).
 */
export async function findContractForDelivery(db: DB, actor: Actor, contractId: string): Promise<Result<DeliveryContract>> {
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
      "c.award_id",
      "c.headcount",
      "c.institution_id",
      "o.name as institution_name",
      "t.id as tender_id",
      "t.reference as tender_reference",
      "t.title",
      "t.completion_pct",
      "l.id as lot_id",
      "l.number",
      "l.occupation_code",
      "oc.name_zh",
      "oc.name_en",
      "l.level",
      "l.window_start",
      "l.window_end",
    ])
    .where("c.id", "=", contractId)
    .executeTakeFirst();
  if (!c) return notFoundResult;
  const view = can(actor, "delivery.view", { organisationId: c.institution_id });
  let follow = false;
  if (actor.orgKind === "enterprise" && can(actor, "delivery.follow", { organisationId: actor.orgId })) {
    const own = await db
      .selectFrom("award_demands as ad")
      .innerJoin("demands as d", "d.id", "ad.demand_id")
      .select("d.id")
      .where("ad.award_id", "=", c.award_id)
      .where("d.enterprise_id", "=", actor.orgId)
      .executeTakeFirst();
    follow = own !== undefined && c.status !== "pending_signature" && c.status !== "lapsed";
  }
  if (!view && !follow) {
    await recordDeniedAccess(db, actor, "delivery.view", { type: "contract", id: c.id });
    return notFoundResult;
  }
  return ok({
    id: c.id,
    reference: c.reference,
    status: c.status,
    awardId: c.award_id,
    headcount: Number(c.headcount),
    institution: { id: c.institution_id, name: c.institution_name },
    tender: { id: c.tender_id, reference: c.tender_reference ?? "", title: c.title, completionPct: Number(c.completion_pct) },
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
    may: {
      view,
      record: c.status === "active" && can(actor, "delivery.record", { organisationId: c.institution_id }),
      follow,
    },
  });
}

/**
 * A contract for the delivery pages of the bureau and the institution: anyone else (an
 * enterprise that only follows its trainees included) is answered "not found", audited.
 */
export async function loadForView(db: DB, actor: Actor, contractId: string): Promise<Result<DeliveryContract>> {
  const r = await findContractForDelivery(db, actor, contractId);
  if (!r.ok) return r;
  if (!r.value.may.view) {
    await recordDeniedAccess(db, actor, "delivery.view", { type: "contract", id: contractId });
    return notFoundResult;
  }
  return r;
}

/**
 * A contract to record delivery on: a stranger gets "not found", a reader who may not record
 * (the bureau) "forbidden", and a contract that is not active a conflict.
 */
export async function loadForRecord(db: DB, actor: Actor, contractId: string): Promise<{ ok: true; contract: DeliveryContract } | Failure> {
  const r = await loadForView(db, actor, contractId);
  if (!r.ok) return r;
  const c = r.value;
  if (!can(actor, "delivery.record", { organisationId: c.institution.id })) return forbiddenResult;
  if (c.status !== "active") return conflict("delivery.errors.notActive");
  return { ok: true, contract: c };
}

/**
 * Takes the contract's row lock while it is active (a no-op update, which PostgreSQL locks and
 * SQLite's IMMEDIATE transaction already serialises), so that enrolment and schedule changes of
 * one cohort queue, and a contract that has left `active` is refused. False when it is not active.
 */
export async function lockActiveContract(trx: Transaction<Schema>, contractId: string): Promise<boolean> {
  const r = await trx
    .updateTable("contracts")
    .set((eb) => ({ status: eb.ref("status") }))
    .where("id", "=", contractId)
    .where("status", "=", "active")
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
