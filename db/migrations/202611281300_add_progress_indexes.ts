import type { Kysely } from "kysely";

/**
 * Indexes for the progress figures (DESIGN.md "Targets and progress"; app/modules/targets/
 * progress.server.ts), chosen with EXPLAIN QUERY PLAN on a generated city history of a million
 * enrolments (docs/BENCHMARKS.md "Progress"). Each lets a year's aggregate read a range of one
 * index instead of the whole table; the covering ones answer without touching the rows.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // Trained in a year: results recorded in the year's range, by progress, counted per contract.
  await db.schema.createIndex("enrolments_result_recorded").on("enrolments").columns(["result_recorded_at", "progress", "contract_id"]).execute();
  // The year's demand and its trainees: per demand, by status and progress, with the contract.
  await db.schema.createIndex("enrolments_demand").on("enrolments").columns(["demand_id", "status", "progress", "contract_id"]).execute();
  // A contract's cohort by status and progress (the year's contracts, pending trainees, completion rates).
  await db.schema.createIndex("enrolments_contract_progress").on("enrolments").columns(["contract_id", "status", "progress"]).execute();
  // Lead times: a contract's certified trainees of one demand, with their certificate dates.
  await db.schema.createIndex("enrolments_contract_demand").on("enrolments").columns(["contract_id", "demand_id", "progress", "certified_on"]).execute();
  // … and a lot's demands with when they were posted.
  await db.schema.createIndex("demands_lot_posted").on("demands").columns(["lot_id", "id", "submitted_at", "created_at"]).execute();
  // The year's demand by when its training is wanted to start, with what its sums and rankings
  // read (covering: a year of a city is one range of this index, no row read).
  await db.schema
    .createIndex("demands_earliest_start")
    .on("demands")
    .columns(["earliest_start", "status", "occupation_code", "level", "enterprise_id", "headcount"])
    .execute();
  // Which contracts cover a demand (the primary key leads with the award).
  await db.schema.createIndex("award_demands_demand").on("award_demands").column("demand_id").execute();
  // A year's workforce reports (the primary key leads with the enterprise).
  await db.schema.createIndex("workforce_reports_year").on("workforce_reports").columns(["year", "skilled_workers", "high_skilled_workers"]).execute();
  // A tender's contracts (the year's committed budget).
  await db.schema.createIndex("contracts_tender").on("contracts").columns(["tender_id", "status"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of [
    "contracts_tender",
    "workforce_reports_year",
    "award_demands_demand",
    "demands_earliest_start",
    "demands_lot_posted",
    "enrolments_contract_demand",
    "enrolments_contract_progress",
    "enrolments_demand",
    "enrolments_result_recorded",
  ]) {
    await db.schema.dropIndex(name).ifExists().execute();
  }
}
