import type { DB } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { shanghaiDate } from "~/modules/reference/working-days";
import { now, nowIso } from "~/utils/clock.server";
import { newId } from "~/utils/id.server";
import { conflict, invalid, ok, type Result } from "~/utils/result";
import { loadDemandFor } from "./demand-access.server";
import { checkRosterRows, isRosterEditable, REPORT_MAX_ROWS, type BadRosterRow } from "./roster";
import { parseRosterFile } from "./roster-file.server";
import { addRowsToRoster } from "./roster-store.server";
import { inTransaction } from "./transaction.server";

/** How long a checked file's good rows wait for "import the good rows only". */
export const ROSTER_IMPORT_TTL_MS = 60 * 60 * 1000;

export type RosterImportOutcome =
  | { kind: "imported"; count: number }
  | {
      kind: "report";
      /** The staged good rows to import on request; null when no row is good. */
      importId: string | null;
      total: number;
      goodCount: number;
      badCount: number;
      /** The first bad rows, by line (at most REPORT_MAX_ROWS). */
      bad: BadRosterRow[];
    };

/**
 * Step one of a roster import: read the file (CSV or XLSX, told by content), check every row,
 * and — when every row is good — import them all in one transaction. Otherwise nothing is
 * imported: the report names each bad row by line and reason, and the good rows are kept in
 * `roster_imports` so that the enterprise may choose to import only those (step two).
 */
export async function checkRosterImport(
  db: DB,
  actor: Actor,
  input: { demandId: string; bytes: Uint8Array },
): Promise<Result<RosterImportOutcome>> {
  const loaded = await loadDemandFor(db, actor, input.demandId, "trainee.manage");
  if (!loaded.ok) return loaded;
  const demand = loaded.demand;
  if (!isRosterEditable(demand.status)) return conflict("demand.roster.closed");
  const parsed = await parseRosterFile(input.bytes);
  if (!parsed.ok) return invalid({ file: [parsed.message] });

  const onRoster = await db
    .selectFrom("demand_trainees")
    .innerJoin("trainees", "trainees.id", "demand_trainees.trainee_id")
    .select("trainees.id_number")
    .where("demand_trainees.demand_id", "=", demand.id)
    .execute();
  const headcount = Number(demand.headcount);
  const check = checkRosterRows(parsed.rows, {
    today: shanghaiDate(now()),
    rosterIdNumbers: new Set(onRoster.map((r) => r.id_number)),
    placesLeft: headcount - onRoster.length,
    headcount,
  });

  if (check.bad.length === 0) {
    return inTransaction(db, async (trx) => {
      const { reused } = await addRowsToRoster(trx, demand, check.good, { userId: actor.userId, orgId: actor.orgId });
      await appendAudit(trx, {
        actorUserId: actor.userId,
        actorOrgId: actor.orgId,
        action: "roster.import",
        recordType: "demand",
        recordId: demand.id,
        after: { count: check.good.length, reused, format: parsed.format, rows: check.total, badRows: 0 },
      });
      return ok<RosterImportOutcome>({ kind: "imported", count: check.good.length });
    });
  }

  let importId: string | null = null;
  if (check.good.length > 0) {
    importId = newId();
    const t = nowIso();
    const staleBefore = new Date(now().getTime() - ROSTER_IMPORT_TTL_MS).toISOString();
    const id = importId;
    await db.transaction().execute(async (trx) => {
      // Housekeeping: earlier checks of this demand that were used or have expired.
      await trx
        .deleteFrom("roster_imports")
        .where("demand_id", "=", demand.id)
        .where((eb) => eb.or([eb("consumed_at", "is not", null), eb("created_at", "<", staleBefore)]))
        .execute();
      await trx
        .insertInto("roster_imports")
        .values({
          id,
          demand_id: demand.id,
          enterprise_id: demand.enterprise_id,
          created_by: actor.userId,
          created_at: t,
          rows_json: JSON.stringify(check.good),
          bad_count: check.bad.length,
          total_count: check.total,
          consumed_at: null,
        })
        .execute();
    });
  }
  return ok<RosterImportOutcome>({
    kind: "report",
    importId,
    total: check.total,
    goodCount: check.good.length,
    badCount: check.bad.length,
    bad: check.bad.slice(0, REPORT_MAX_ROWS),
  });
}
