import type { Transaction } from "kysely";
import type { DB } from "#db/client";
import type { DB as Schema } from "#db/schema";
import type { Failure, Result } from "~/utils/result";

/** Thrown inside a transaction to undo everything it wrote and answer with a failure. */
export class Rollback extends Error {
  constructor(readonly failure: Failure) {
    super(failure.kind);
  }
}

/**
 * Runs a use case's writes in one transaction. Returning a failure commits nothing only when
 * nothing was written yet; throwing `Rollback` undoes what was (a compare-and-set that lost
 * half-way, a demand taken by someone else).
 */
export async function inTransaction<T>(db: DB, fn: (trx: Transaction<Schema>) => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await db.transaction().execute(fn);
  } catch (error) {
    if (error instanceof Rollback) return error.failure;
    throw error;
  }
}

/** The next version stamp of a record: now, and always later than the last one (two edits in one millisecond still differ). */
export function nextVersion(previous: string, now: Date): string {
  const prev = Date.parse(previous);
  return new Date(Number.isNaN(prev) || now.getTime() > prev ? now.getTime() : prev + 1).toISOString();
}
