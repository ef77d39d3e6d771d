import type { Migration, MigrationProvider } from "kysely";
import * as m202611280600 from "./202611280600_create_foundation";
import * as m202611280700 from "./202611280700_create_demand_and_tender";

/**
 * A static index of migrations: bundles cleanly and needs no file-system loader (STACK.md
 * gotcha 1). Add each new migration here, in order; never edit a landed one.
 */
export const migrations: Record<string, Migration> = {
  "202611280600_create_foundation": m202611280600,
  "202611280700_create_demand_and_tender": m202611280700,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
