import { sql, type Transaction } from "kysely";
import type { DB as Schema } from "#db/schema";
import { formatTenderReference, referenceScope } from "./reference-number";

/**
 * Draws the next tender reference of a year inside the caller's transaction: the counter row is
 * created if missing, then incremented with `update … returning`. The update takes the row's lock
 * (PostgreSQL) or runs under the write lock (SQLite, transactions begun IMMEDIATE), so concurrent
 * publications get distinct, gap-free numbers; a rolled-back publication returns its number.
 */
export async function allocateTenderReference(trx: Transaction<Schema>, year: number): Promise<string> {
  const scope = referenceScope(year);
  await trx
    .insertInto("reference_counters")
    .values({ scope, last: 0 })
    .onConflict((oc) => oc.column("scope").doNothing())
    .execute();
  const row = await trx
    .updateTable("reference_counters")
    .set({ last: sql<number>`last + 1` })
    .where("scope", "=", scope)
    .returning("last")
    .executeTakeFirstOrThrow();
  return formatTenderReference(year, Number(row.last));
}
