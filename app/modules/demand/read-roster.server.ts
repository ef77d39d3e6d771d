import type { DB } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { maskIdNumber } from "~/modules/reference/id-number";
import { ok, type Result } from "~/utils/result";
import { loadDemandFor, type DemandRow } from "./demand-access.server";
import { maskPhone } from "./roster";

/** A trainee on a roster, as any page shows them: identity number and phone masked. */
export interface RosterEntry {
  traineeId: string;
  name: string;
  idNumberMasked: string;
  phoneMasked: string;
  currentLevel: number | null;
  addedAt: string;
}

/**
 * Reads a demand's roster: the enterprise its own (trainee.manage), the bureau any submitted
 * demand's (demand.list). Personal data leaves this function masked only, and every read is
 * written to the audit log (DESIGN.md "Audit log": every read of trainee personal data).
 */
export async function readRoster(
  db: DB,
  actor: Actor,
  demandId: string,
): Promise<Result<{ demand: DemandRow; trainees: RosterEntry[] }>> {
  const loaded = await loadDemandFor(db, actor, demandId, actor.orgKind === "bureau" ? "demand.list" : "trainee.manage");
  if (!loaded.ok) return loaded;
  const rows = await db
    .selectFrom("demand_trainees")
    .innerJoin("trainees", "trainees.id", "demand_trainees.trainee_id")
    .select(["trainees.id", "trainees.name", "trainees.id_number", "trainees.phone", "trainees.current_level", "demand_trainees.added_at"])
    .where("demand_trainees.demand_id", "=", demandId)
    .orderBy("demand_trainees.added_at")
    .orderBy("trainees.name")
    .orderBy("trainees.id")
    .execute();
  await db.transaction().execute((trx) =>
    appendAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: "trainee.read",
      recordType: "demand",
      recordId: demandId,
      after: { count: rows.length },
    }),
  );
  return ok({
    demand: loaded.demand,
    trainees: rows.map((r) => ({
      traineeId: r.id,
      name: r.name,
      idNumberMasked: maskIdNumber(r.id_number),
      phoneMasked: maskPhone(r.phone),
      currentLevel: r.current_level === null ? null : Number(r.current_level),
      addedAt: r.added_at,
    })),
  });
}
