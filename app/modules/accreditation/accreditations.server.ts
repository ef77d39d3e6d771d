import type { DB } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { can } from "~/modules/access/policy";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { newId } from "~/utils/id.server";
import { nowIso } from "~/utils/clock.server";
import { applyEvent } from "~/utils/lifecycle";
import { conflict, forbiddenResult, invalid, notFoundResult, ok, type Result } from "~/utils/result";
import { ACCREDITATION_LIFECYCLE, type AccreditationEvent, type AccreditationStatus } from "./lifecycle";

export interface Accreditation {
  id: string;
  institutionId: string;
  institutionName: string;
  occupationCode: string;
  occupationZh: string;
  occupationEn: string;
  highestLevel: number;
  licenceNumber: string;
  validFrom: string;
  validTo: string;
  status: AccreditationStatus;
  statusReason: string | null;
  createdAt: string;
}

function baseQuery(db: DB) {
  return db
    .selectFrom("accreditations as a")
    .innerJoin("organisations as o", "o.id", "a.institution_id")
    .innerJoin("occupations as oc", "oc.code", "a.occupation_code")
    .select([
      "a.id",
      "a.institution_id",
      "o.name as institution_name",
      "a.occupation_code",
      "oc.name_zh",
      "oc.name_en",
      "a.highest_level",
      "a.licence_number",
      "a.valid_from",
      "a.valid_to",
      "a.status",
      "a.status_reason",
      "a.created_at",
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>["execute"]>>[number];

function toAccreditation(r: Row): Accreditation {
  return {
    id: r.id,
    institutionId: r.institution_id,
    institutionName: r.institution_name,
    occupationCode: r.occupation_code,
    occupationZh: r.name_zh,
    occupationEn: r.name_en,
    highestLevel: r.highest_level,
    licenceNumber: r.licence_number,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    status: r.status,
    statusReason: r.status_reason,
    createdAt: r.created_at,
  };
}

/** An institution's own accreditations, newest first. */
export async function listOwnAccreditations(db: DB, institutionId: string): Promise<Accreditation[]> {
  const rows = await baseQuery(db).where("a.institution_id", "=", institutionId).orderBy("a.created_at", "desc").execute();
  return rows.map(toAccreditation);
}

/** For the bureau: accreditations in a status (all when none), newest first, the latest 500 unless `limit` says otherwise. */
export async function listAccreditationsForReview(
  db: DB,
  status: AccreditationStatus | undefined,
  options: { limit?: number } = {},
): Promise<Accreditation[]> {
  let q = baseQuery(db);
  if (status) q = q.where("a.status", "=", status);
  const rows = await q
    .orderBy("a.created_at", "desc")
    .orderBy("a.id")
    .limit(options.limit ?? 500)
    .execute();
  return rows.map(toAccreditation);
}

/** The public register: approved accreditations of verified institutions that have not lapsed. */
export async function listPublicRegister(db: DB, today: string): Promise<Accreditation[]> {
  const rows = await baseQuery(db)
    .where("a.status", "=", "approved")
    .where("o.status", "=", "verified")
    .where("a.valid_to", ">=", today)
    .orderBy("o.name")
    .orderBy("a.occupation_code")
    .execute();
  return rows.map(toAccreditation);
}

export interface ApplicationInput {
  occupationCode: string;
  highestLevel: number;
  licenceNumber: string;
  validFrom: string;
  validTo: string;
}

/** An institution applies for accreditation for one occupation up to a level. */
export async function applyForAccreditation(db: DB, actor: Actor, input: ApplicationInput): Promise<Result<{ id: string }>> {
  if (!can(actor, "accreditation.apply", { organisationId: actor.orgId })) return forbiddenResult;
  return db.transaction().execute(async (trx) => {
    const occupation = await trx
      .selectFrom("occupations")
      .select(["code", "level_lowest", "level_highest"])
      .where("code", "=", input.occupationCode)
      .where("active", "=", 1)
      .executeTakeFirst();
    if (!occupation) return invalid({ occupationCode: ["accreditation.errors.unknownOccupation"] });
    if (occupation.level_highest !== null && input.highestLevel < occupation.level_highest) {
      return invalid({ highestLevel: ["accreditation.errors.levelNotDefined"] });
    }
    const open = await trx
      .selectFrom("accreditations")
      .select("id")
      .where("institution_id", "=", actor.orgId)
      .where("occupation_code", "=", input.occupationCode)
      .where("status", "in", ["applied", "approved", "suspended"])
      .executeTakeFirst();
    if (open) return invalid({ occupationCode: ["accreditation.errors.alreadyOpen"] });
    const id = newId();
    const t = nowIso();
    const row = {
      id,
      institution_id: actor.orgId,
      occupation_code: input.occupationCode,
      highest_level: input.highestLevel,
      licence_number: input.licenceNumber,
      valid_from: input.validFrom,
      valid_to: input.validTo,
      status: "applied" as const,
      status_reason: null,
      decided_by: null,
      decided_at: null,
      created_by: actor.userId,
      created_at: t,
      updated_at: t,
    };
    await trx.insertInto("accreditations").values(row).execute();
    await appendAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: "accreditation.apply",
      recordType: "accreditation",
      recordId: id,
      after: { occupationCode: row.occupation_code, highestLevel: row.highest_level, licenceNumber: row.licence_number, validFrom: row.valid_from, validTo: row.valid_to },
    });
    return ok({ id });
  });
}

/**
 * The bureau decides on an accreditation (approve, refuse, suspend, reinstate, revoke), or the
 * institution withdraws its own application: lifecycle, compare-and-set, audit.
 */
export async function decideAccreditation(
  db: DB,
  actor: Actor,
  input: { id: string; event: AccreditationEvent; reason?: string; expectedStatus: AccreditationStatus },
): Promise<Result<{ status: AccreditationStatus }>> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("accreditations").selectAll().where("id", "=", input.id).executeTakeFirst();
    if (!row) return notFoundResult;
    const allowed =
      input.event === "withdraw"
        ? can(actor, "accreditation.apply", { organisationId: row.institution_id })
        : can(actor, "accreditation.review");
    if (!allowed) return row.institution_id === actor.orgId || actor.orgKind === "bureau" ? forbiddenResult : notFoundResult;
    if (row.status !== input.expectedStatus) return conflict("common.errors.body409");
    const step = applyEvent(ACCREDITATION_LIFECYCLE, row.status, input.event);
    if (!step.ok) return conflict("common.errors.body409");
    const reason = input.reason?.trim() || null;
    const t = nowIso();
    const updated = await trx
      .updateTable("accreditations")
      .set({ status: step.to, status_reason: reason, decided_by: actor.userId, decided_at: t, updated_at: t })
      .where("id", "=", row.id)
      .where("status", "=", row.status)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return conflict("common.errors.body409");
    await appendAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: `accreditation.${input.event}`,
      recordType: "accreditation",
      recordId: row.id,
      before: { status: row.status },
      after: { status: step.to, reason },
    });
    return ok({ status: step.to });
  });
}
