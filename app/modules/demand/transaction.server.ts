import type { Transaction } from "kysely";
import type { DB } from "#db/client";
import type { DB as Schema } from "#db/schema";
import type { Failure, Result } from "~/utils/result";

/** Thrown inside a transaction to undo everything it wrote and answer with a failure. */
export class Rollback extends Error {
  constructor(readonly failure: Failure) {
    super(`rollback: ${failure.kind}`);
  }
}

/**
 * Runs a use case's writes in one transaction. A failure found after something was written is
 * thrown as a `Rollback`, so that nothing of it stays (a bulk action is all or nothing).
 */
export async function inTransaction<T>(db: DB, fn: (trx: Transaction<Schema>) => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await db.transaction().execute(fn);
  } catch (error) {
    if (error instanceof Rollback) return error.failure;
    throw error;
  }
}
