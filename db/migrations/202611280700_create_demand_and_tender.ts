import { sql, type Kysely } from "kysely";

// Statuses include the later stages of each lifecycle (opening, award, delivery), so that no
// later migration has to rebuild a SQLite table to widen a CHECK constraint.
const DEMAND_STATUSES = "'draft','submitted','returned','rejected','pooled','tendered','contracted','fulfilled','withdrawn'";
const TENDER_STATUSES =
  "'draft','published','opened','evaluating','award_pending','award_published','awarded','complete','cancelled'";
const LOT_STATUSES =
  "'open','opened','evaluating','award_pending','award_published','awarded','unsuccessful','cancelled','complete'";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("tenders")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("reference", "text", (c) => c.unique())
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text")
    .addColumn("regime", "text", (c) => c.notNull().check(sql`regime in ('GP','TB')`))
    .addColumn("status", "text", (c) => c.notNull().check(sql.raw(`status in (${TENDER_STATUSES})`)))
    .addColumn("bid_deadline", "text")
    .addColumn("published_at", "text")
    .addColumn("min_valid_bids", "integer", (c) => c.notNull())
    .addColumn("price_points", "integer", (c) => c.notNull())
    .addColumn("advance_pct", "integer", (c) => c.notNull())
    .addColumn("cancel_reason", "text")
    .addColumn("last_material_amendment_at", "text")
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("tenders_status_deadline").on("tenders").columns(["status", "bid_deadline"]).execute();
  await db.schema.createIndex("tenders_year").on("tenders").columns(["year", "status"]).execute();

  await db.schema
    .createTable("lots")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("tender_id", "text", (c) => c.notNull().references("tenders.id").onDelete("cascade"))
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("occupation_code", "text", (c) => c.notNull().references("occupations.code"))
    .addColumn("level", "integer", (c) => c.notNull().references("skill_levels.level"))
    .addColumn("headcount", "integer", (c) => c.notNull().check(sql`headcount >= 0`))
    .addColumn("window_start", "text", (c) => c.notNull())
    .addColumn("window_end", "text", (c) => c.notNull())
    .addColumn("max_price_fen", "bigint", (c) => c.notNull().check(sql`max_price_fen > 0`))
    .addColumn("cap_fen", "bigint", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().check(sql.raw(`status in (${LOT_STATUSES})`)))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addCheckConstraint("lots_price_under_cap", sql`max_price_fen <= cap_fen`)
    .addUniqueConstraint("lots_tender_number", ["tender_id", "number"])
    .execute();
  await db.schema.createIndex("lots_occupation_level").on("lots").columns(["occupation_code", "level"]).execute();

  await db.schema
    .createTable("demands")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("enterprise_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("occupation_code", "text", (c) => c.notNull().references("occupations.code"))
    .addColumn("level", "integer", (c) => c.notNull().references("skill_levels.level"))
    .addColumn("headcount", "integer", (c) => c.notNull().check(sql`headcount between 1 and 500`))
    .addColumn("earliest_start", "text", (c) => c.notNull())
    .addColumn("latest_end", "text", (c) => c.notNull())
    .addColumn("place", "text", (c) => c.notNull())
    .addColumn("notes", "text")
    .addColumn("status", "text", (c) => c.notNull().check(sql.raw(`status in (${DEMAND_STATUSES})`)))
    .addColumn("status_reason", "text")
    .addColumn("tender_id", "text", (c) => c.references("tenders.id"))
    .addColumn("lot_id", "text", (c) => c.references("lots.id"))
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("submitted_at", "text")
    .addCheckConstraint("demands_window", sql`earliest_start <= latest_end`)
    .execute();
  await db.schema.createIndex("demands_enterprise").on("demands").columns(["enterprise_id", "status"]).execute();
  await db.schema.createIndex("demands_status").on("demands").columns(["status", "occupation_code", "level"]).execute();
  await db.schema.createIndex("demands_lot").on("demands").column("lot_id").execute();

  await db.schema
    .createTable("trainees")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("enterprise_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("id_number", "text", (c) => c.notNull())
    .addColumn("phone", "text", (c) => c.notNull())
    .addColumn("current_level", "integer", (c) => c.references("skill_levels.level"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("trainees_enterprise_id_number", ["enterprise_id", "id_number"])
    .execute();

  await db.schema
    .createTable("demand_trainees")
    .addColumn("demand_id", "text", (c) => c.notNull().references("demands.id").onDelete("cascade"))
    .addColumn("trainee_id", "text", (c) => c.notNull().references("trainees.id"))
    .addColumn("added_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("demand_trainees_pk", ["demand_id", "trainee_id"])
    .execute();
  await db.schema.createIndex("demand_trainees_trainee").on("demand_trainees").column("trainee_id").execute();

  await db.schema
    .createTable("workforce_reports")
    .addColumn("enterprise_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("skilled_workers", "integer", (c) => c.notNull().check(sql`skilled_workers >= 0`))
    .addColumn("high_skilled_workers", "integer", (c) => c.notNull().check(sql`high_skilled_workers >= 0`))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("workforce_reports_pk", ["enterprise_id", "year"])
    .addCheckConstraint("workforce_high_within_skilled", sql`high_skilled_workers <= skilled_workers`)
    .execute();

  await db.schema
    .createTable("tender_criteria")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("tender_id", "text", (c) => c.notNull().references("tenders.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text")
    .addColumn("points", "integer", (c) => c.notNull().check(sql`points > 0`))
    .execute();
  await db.schema.createIndex("tender_criteria_tender").on("tender_criteria").columns(["tender_id", "position"]).execute();

  await db.schema
    .createTable("tender_panel_members")
    .addColumn("tender_id", "text", (c) => c.notNull().references("tenders.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('expert','representative')`))
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('active','removed')`))
    .addColumn("removed_reason", "text")
    .addColumn("added_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("tender_panel_members_pk", ["tender_id", "user_id"])
    .execute();

  await db.schema
    .createTable("tender_amendments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("tender_id", "text", (c) => c.notNull().references("tenders.id").onDelete("cascade"))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("by_user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("material", "integer", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("changes_json", "text", (c) => c.notNull())
    .addColumn("deadline_before", "text")
    .addColumn("deadline_after", "text")
    .execute();
  await db.schema.createIndex("tender_amendments_tender").on("tender_amendments").columns(["tender_id", "at"]).execute();

  await db.schema
    .createTable("tender_questions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("tender_id", "text", (c) => c.notNull().references("tenders.id").onDelete("cascade"))
    .addColumn("asked_by_org_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("asked_by_user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("question", "text", (c) => c.notNull())
    .addColumn("asked_at", "text", (c) => c.notNull())
    .addColumn("answer", "text")
    .addColumn("answered_at", "text")
    .addColumn("answered_by", "text", (c) => c.references("users.id"))
    .execute();
  await db.schema.createIndex("tender_questions_tender").on("tender_questions").columns(["tender_id", "asked_at"]).execute();

  await db.schema
    .createTable("reference_counters")
    .addColumn("scope", "text", (c) => c.primaryKey())
    .addColumn("last", "integer", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "reference_counters",
    "tender_questions",
    "tender_amendments",
    "tender_panel_members",
    "tender_criteria",
    "workforce_reports",
    "demand_trainees",
    "trainees",
    "demands",
    "lots",
    "tenders",
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
