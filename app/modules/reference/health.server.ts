import { sql } from "kysely";
import type { DB } from "#db/client";

/** Does the database answer a trivial query? */
export async function checkDatabase(db: DB): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
