import type { Selectable } from "kysely";
import type { DB } from "#db/client";
import type { DemandsTable } from "#db/schema";
import type { Actor } from "~/modules/access/actor";
import { can, type Action } from "~/modules/access/policy";
import { recordDeniedAccess } from "~/modules/audit/record-denied-access.server";
import { shanghaiDate } from "~/modules/reference/working-days";
import { now } from "~/utils/clock.server";
import { forbiddenResult, notFoundResult, type Failure } from "~/utils/result";
import type { OccupationLevels } from "./schemas";

export type DemandRow = Selectable<DemandsTable>;

/**
 * Loads a demand for an action and authorises it (STYLE.md: load → authorise). Someone who may
 * never take the action is forbidden; a demand of another enterprise is "not found", and the
 * attempt is written to the audit log (DESIGN.md: an enterprise never sees another's demand). The
 * bureau never sees a draft: a demand reaches it when first submitted.
 */
export async function loadDemandFor(
  db: DB,
  actor: Actor,
  demandId: string,
  action: Action,
): Promise<{ ok: true; demand: DemandRow } | Failure> {
  if (!can(actor, action, { organisationId: actor.orgId })) return forbiddenResult;
  const demand = await db.selectFrom("demands").selectAll().where("id", "=", demandId).executeTakeFirst();
  if (!demand) return notFoundResult;
  if (actor.orgKind === "bureau" && demand.submitted_at === null) return notFoundResult;
  if (!can(actor, action, { organisationId: demand.enterprise_id })) {
    await recordDeniedAccess(db, actor, action, { type: "demand", id: demandId });
    return notFoundResult;
  }
  return { ok: true, demand };
}

/** An occupation of the catalogue with the levels its standard defines, or undefined. */
export async function findOccupationLevels(db: DB, code: string): Promise<OccupationLevels | undefined> {
  const o = await db
    .selectFrom("occupations")
    .select(["code", "name_zh", "name_en", "level_lowest", "level_highest", "active"])
    .where("code", "=", code)
    .executeTakeFirst();
  if (!o) return undefined;
  return {
    code: o.code,
    nameZh: o.name_zh,
    nameEn: o.name_en,
    levelLowest: o.level_lowest,
    levelHighest: o.level_highest,
    active: Number(o.active) === 1,
  };
}

/** The content fields of a demand row, as audit entries record them. */
export function contentOf(d: Pick<DemandRow, "occupation_code" | "level" | "headcount" | "earliest_start" | "latest_end" | "place" | "notes">) {
  return {
    occupationCode: d.occupation_code,
    level: Number(d.level),
    headcount: Number(d.headcount),
    earliestStart: d.earliest_start,
    latestEnd: d.latest_end,
    place: d.place,
    notes: d.notes,
  };
}

/** Today on the Shanghai calendar (DESIGN.md: dates are entered and shown in Asia/Shanghai). */
export function shanghaiToday(): string {
  return shanghaiDate(now());
}
