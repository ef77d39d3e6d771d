import type { Transaction } from "kysely";
import type { DB as Schema } from "#db/schema";
import { offerAddedTrainees, type OfferedBy } from "~/modules/delivery/offer-trainees.server";
import { maskIdNumber } from "~/modules/reference/id-number";
import { nowIso } from "~/utils/clock.server";
import { newId } from "~/utils/id.server";
import { conflict, msg } from "~/utils/result";
import type { DemandRow } from "./demand-access.server";
import type { GoodRosterRow } from "./roster";
import { Rollback } from "./transaction.server";

/** Rows per INSERT: well under SQLite's and PostgreSQL's limits on bound parameters. */
const BATCH = 200;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Takes the demand's row lock (an update of the row itself, which PostgreSQL locks and SQLite's
 * IMMEDIATE transaction already serialises), so that two roster changes of one demand never
 * both pass the headcount check.
 */
export async function lockDemand(trx: Transaction<Schema>, demand: DemandRow): Promise<void> {
  const r = await trx.updateTable("demands").set({ updated_at: nowIso() }).where("id", "=", demand.id).where("status", "=", demand.status).executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw new Rollback(conflict("common.errors.body409"));
}

/** The identity numbers on a demand's roster. */
export async function rosterIdNumbers(trx: Transaction<Schema>, demandId: string): Promise<Set<string>> {
  const rows = await trx
    .selectFrom("demand_trainees")
    .innerJoin("trainees", "trainees.id", "demand_trainees.trainee_id")
    .select("trainees.id_number")
    .where("demand_trainees.demand_id", "=", demandId)
    .execute();
  return new Set(rows.map((r) => r.id_number));
}

/**
 * Puts checked rows on a demand's roster inside the caller's transaction, after checking again,
 * under the demand's lock, that none is on it already and that the headcount still holds (the
 * roster may have changed since the file was checked). A trainee is the enterprise's own: the
 * same identity number in the same enterprise is the same person, whose row is reused (with the
 * newest name, phone and level). Inserts in batches. On a contracted demand the newcomers are
 * offered to the active contracts covering it (the enterprise completing its roster), `by` the
 * user adding them (the enterprise alone when the caller does not say who).
 */
export async function addRowsToRoster(
  trx: Transaction<Schema>,
  demand: DemandRow,
  rows: readonly Omit<GoodRosterRow, "line">[],
  by: OfferedBy = { userId: null, orgId: demand.enterprise_id },
): Promise<{ added: number; reused: number }> {
  await lockDemand(trx, demand);
  const onRoster = await rosterIdNumbers(trx, demand.id);
  if (rows.some((r) => onRoster.has(r.idNumber))) throw new Rollback(conflict("demand.import.rosterChanged"));
  if (onRoster.size + rows.length > Number(demand.headcount)) {
    throw new Rollback(conflict(msg("demand.roster.overHeadcount", { headcount: Number(demand.headcount) })));
  }
  const t = nowIso();
  const existing = new Map<string, { id: string; name: string; phone: string; current_level: number | null }>();
  for (const part of chunks(rows, 500)) {
    const found = await trx
      .selectFrom("trainees")
      .select(["id", "id_number", "name", "phone", "current_level"])
      .where("enterprise_id", "=", demand.enterprise_id)
      .where(
        "id_number",
        "in",
        part.map((r) => r.idNumber),
      )
      .execute();
    for (const f of found) existing.set(f.id_number, f);
  }
  const links: { demand_id: string; trainee_id: string; added_at: string }[] = [];
  const fresh: Schema["trainees"][] = [];
  let reused = 0;
  for (const r of rows) {
    const e = existing.get(r.idNumber);
    if (e) {
      reused += 1;
      links.push({ demand_id: demand.id, trainee_id: e.id, added_at: t });
      const level = r.currentLevel ?? (e.current_level === null ? null : Number(e.current_level));
      if (e.name !== r.name || e.phone !== r.phone || (e.current_level === null ? null : Number(e.current_level)) !== level) {
        await trx.updateTable("trainees").set({ name: r.name, phone: r.phone, current_level: level, updated_at: t }).where("id", "=", e.id).execute();
      }
      continue;
    }
    const id = newId();
    fresh.push({
      id,
      enterprise_id: demand.enterprise_id,
      name: r.name,
      id_number: r.idNumber,
      phone: r.phone,
      current_level: r.currentLevel,
      created_at: t,
      updated_at: t,
    });
    links.push({ demand_id: demand.id, trainee_id: id, added_at: t });
  }
  for (const part of chunks(fresh, BATCH)) await trx.insertInto("trainees").values(part).execute();
  for (const part of chunks(links, BATCH)) await trx.insertInto("demand_trainees").values(part).execute();
  if (demand.status === "contracted") {
    await offerAddedTrainees(
      trx,
      demand.id,
      links.map((l) => l.trainee_id),
      { by, at: t },
    );
  }
  return { added: rows.length, reused };
}

/** A trainee as audit entries name them: never the whole identity number (DESIGN.md "Personal data"). */
export function auditTrainee(r: { idNumber: string }): { idNumber: string } {
  return { idNumber: maskIdNumber(r.idNumber) };
}
