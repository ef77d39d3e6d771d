import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("accreditations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("institution_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("occupation_code", "text", (c) => c.notNull().references("occupations.code"))
    .addColumn("highest_level", "integer", (c) => c.notNull().references("skill_levels.level"))
    .addColumn("licence_number", "text", (c) => c.notNull())
    .addColumn("valid_from", "text", (c) => c.notNull())
    .addColumn("valid_to", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('applied','approved','refused','suspended','revoked','withdrawn')`),
    )
    .addColumn("status_reason", "text")
    .addColumn("decided_by", "text", (c) => c.references("users.id"))
    .addColumn("decided_at", "text")
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addCheckConstraint("accreditations_validity", sql`valid_from <= valid_to`)
    .execute();
  await db.schema.createIndex("accreditations_institution").on("accreditations").columns(["institution_id", "status"]).execute();
  await db.schema.createIndex("accreditations_occupation").on("accreditations").columns(["occupation_code", "status"]).execute();

  await db.schema
    .createTable("bids")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("lot_id", "text", (c) => c.notNull().references("lots.id"))
    .addColumn("institution_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .check(sql`status in ('draft','submitted','withdrawn','discarded','valid','rejected','awarded','not_awarded')`),
    )
    // Sealed content (AES-256-GCM); readable by no one but its author before the deadline.
    .addColumn("ciphertext", "text", (c) => c.notNull())
    .addColumn("iv", "text", (c) => c.notNull())
    .addColumn("tag", "text", (c) => c.notNull())
    .addColumn("key_id", "text", (c) => c.notNull())
    .addColumn("receipt_hash", "text")
    .addColumn("submitted_at", "text")
    .addColumn("confirmed_at", "text")
    // Filled only at opening, after the deadline.
    .addColumn("price_fen", "bigint")
    .addColumn("capacity", "integer")
    .addColumn("opened_content_json", "text")
    .addColumn("receipt_ok", "integer")
    .addColumn("rejection_reason", "text")
    .addColumn("compliance_by", "text", (c) => c.references("users.id"))
    .addColumn("compliance_at", "text")
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("bids_lot_status").on("bids").columns(["lot_id", "status"]).execute();
  await db.schema.createIndex("bids_institution").on("bids").columns(["institution_id", "status"]).execute();
  // One live bid per institution per lot (DESIGN.md "Bid — sealed").
  await db.schema
    .createIndex("bids_one_live_per_institution")
    .on("bids")
    .columns(["lot_id", "institution_id"])
    .unique()
    .where(sql.ref("status"), "in", ["draft", "submitted"])
    .execute();

  await db.schema
    .createTable("lot_openings")
    .addColumn("lot_id", "text", (c) => c.primaryKey().references("lots.id"))
    .addColumn("opened_at", "text", (c) => c.notNull())
    .addColumn("opened_by", "text", (c) => c.references("users.id"))
    .addColumn("valid_bid_count", "integer", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.notNull().check(sql`outcome in ('proceed','unsuccessful')`))
    .addColumn("record_json", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("panel_declarations")
    .addColumn("lot_id", "text", (c) => c.notNull().references("lots.id"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("has_conflict", "integer", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("declared_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("panel_declarations_pk", ["lot_id", "user_id"])
    .execute();

  await db.schema
    .createTable("bid_scores")
    .addColumn("bid_id", "text", (c) => c.notNull().references("bids.id"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("criterion_id", "text", (c) => c.notNull().references("tender_criteria.id"))
    .addColumn("score_hundredths", "integer", (c) => c.notNull().check(sql`score_hundredths >= 0`))
    .addColumn("comment", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("bid_scores_pk", ["bid_id", "user_id", "criterion_id"])
    .execute();

  await db.schema
    .createTable("panel_submissions")
    .addColumn("lot_id", "text", (c) => c.notNull().references("lots.id"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("submitted_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("panel_submissions_pk", ["lot_id", "user_id"])
    .execute();

  await db.schema
    .createTable("evaluation_reports")
    .addColumn("lot_id", "text", (c) => c.primaryKey().references("lots.id"))
    .addColumn("ranking_json", "text", (c) => c.notNull())
    .addColumn("members_json", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("confirmed_by", "text", (c) => c.references("users.id"))
    .addColumn("confirmed_at", "text")
    .execute();

  await db.schema
    .createTable("awards")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("lot_id", "text", (c) => c.notNull().references("lots.id"))
    .addColumn("bid_id", "text", (c) => c.notNull().references("bids.id"))
    .addColumn("institution_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("rank", "integer", (c) => c.notNull())
    .addColumn("headcount", "integer", (c) => c.notNull().check(sql`headcount > 0`))
    .addColumn("price_fen", "bigint", (c) => c.notNull())
    .addColumn("value_fen", "bigint", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('proposed','published','confirmed','cancelled','lapsed')`),
    )
    .addColumn("published_at", "text")
    .addColumn("publicity_ends_at", "text")
    .addColumn("objection_deadline", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("awards_lot").on("awards").columns(["lot_id", "status"]).execute();
  // At most one live award per bid.
  await db.schema
    .createIndex("awards_one_live_per_bid")
    .on("awards")
    .column("bid_id")
    .unique()
    .where(sql.ref("status"), "in", ["proposed", "published", "confirmed"])
    .execute();

  await db.schema
    .createTable("award_demands")
    .addColumn("award_id", "text", (c) => c.notNull().references("awards.id"))
    .addColumn("demand_id", "text", (c) => c.notNull().references("demands.id"))
    .addColumn("headcount", "integer", (c) => c.notNull().check(sql`headcount > 0`))
    .addPrimaryKeyConstraint("award_demands_pk", ["award_id", "demand_id"])
    .execute();

  await db.schema
    .createTable("objections")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("lot_id", "text", (c) => c.notNull().references("lots.id"))
    .addColumn("award_id", "text", (c) => c.references("awards.id"))
    .addColumn("institution_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("lodged_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("grounds", "text", (c) => c.notNull())
    .addColumn("lodged_at", "text", (c) => c.notNull())
    .addColumn("answer_due_at", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('pending','upheld','dismissed')`))
    .addColumn("outcome", "text", (c) => c.check(sql`outcome is null or outcome in ('reevaluate','next_ranked')`))
    .addColumn("answer", "text")
    .addColumn("answered_at", "text")
    .addColumn("answered_by", "text", (c) => c.references("users.id"))
    .execute();
  await db.schema.createIndex("objections_lot").on("objections").columns(["lot_id", "status"]).execute();

  await db.schema
    .createTable("contracts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("reference", "text", (c) => c.notNull().unique())
    .addColumn("award_id", "text", (c) => c.notNull().unique().references("awards.id"))
    .addColumn("tender_id", "text", (c) => c.notNull().references("tenders.id"))
    .addColumn("lot_id", "text", (c) => c.notNull().references("lots.id"))
    .addColumn("institution_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('pending_signature','active','completed','terminated','lapsed')`),
    )
    .addColumn("headcount", "integer", (c) => c.notNull())
    .addColumn("price_fen", "bigint", (c) => c.notNull())
    .addColumn("value_fen", "bigint", (c) => c.notNull())
    .addColumn("sign_due_at", "text", (c) => c.notNull())
    .addColumn("bureau_signed_at", "text")
    .addColumn("bureau_signed_by", "text", (c) => c.references("users.id"))
    .addColumn("institution_signed_at", "text")
    .addColumn("institution_signed_by", "text", (c) => c.references("users.id"))
    .addColumn("status_reason", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("completed_at", "text")
    .execute();
  await db.schema.createIndex("contracts_institution").on("contracts").columns(["institution_id", "status"]).execute();
  await db.schema.createIndex("contracts_status").on("contracts").columns(["status", "created_at"]).execute();

  await db.schema
    .createTable("notifications")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("params_json", "text", (c) => c.notNull())
    .addColumn("link", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("read_at", "text")
    .execute();
  await db.schema.createIndex("notifications_org").on("notifications").columns(["organisation_id", "created_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "notifications",
    "contracts",
    "objections",
    "award_demands",
    "awards",
    "evaluation_reports",
    "panel_submissions",
    "bid_scores",
    "panel_declarations",
    "lot_openings",
    "bids",
    "accreditations",
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
