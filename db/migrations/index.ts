import type { Migration, MigrationProvider } from "kysely";
import * as m202611280600 from "./202611280600_create_foundation";
import * as m202611280700 from "./202611280700_create_demand_and_tender";
import * as m202611280800 from "./202611280800_create_roster_imports";
import * as m202611280900 from "./202611280900_create_bidding_and_award";
import * as m202611281000 from "./202611281000_create_evaluation_rounds";
import * as m202611281200 from "./202611281200_create_delivery_and_payment";
import * as m202611281300 from "./202611281300_add_progress_indexes";

/**
 * A static index of migrations: bundles cleanly and needs no file-system loader (STACK.md
 * gotcha 1). Add each new migration here, in order; never edit a landed one.
 */
export const migrations: Record<string, Migration> = {
  "202611280600_create_foundation": m202611280600,
  "202611280700_create_demand_and_tender": m202611280700,
  "202611280800_create_roster_imports": m202611280800,
  "202611280900_create_bidding_and_award": m202611280900,
  "202611281000_create_evaluation_rounds": m202611281000,
  "202611281200_create_delivery_and_payment": m202611281200,
  "202611281300_add_progress_indexes": m202611281300,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
