import { sql, type Kysely } from "kysely";

/**
 * Evaluation by rounds and per-lot panels. A lot's panel starts as the tender's and changes only
 * for that lot (a member who declares a conflict with one lot's bidders leaves that lot's panel;
 * the officer names a replacement). An upheld objection may send a lot back to evaluation: the
 * new round's declarations, scores, submissions and report are kept beside the earlier ones.
 * The four evaluation tables of 202611280900 were never written to; they are recreated keyed
 * by round.
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const t of ["evaluation_reports", "panel_submissions", "bid_scores", "panel_declarations"]) {
    await db.schema.dropTable(t).execute();
  }

  await db.schema
    .alterTable("lots")
    .addColumn("evaluation_round", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  // A bid taken out of the running after the ranking (an upheld objection, a lapsed contract).
  await db.schema.alterTable("bids").addColumn("excluded_reason", "text").execute();

  await db.schema
    .createTable("lot_panel_members")
    .addColumn("lot_id", "text", (c) => c.notNull().references("lots.id"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('expert','representative')`))
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('active','conflicted','removed')`))
    .addColumn("replaces_user_id", "text", (c) => c.references("users.id"))
    .addColumn("added_by", "text", (c) => c.references("users.id"))
    .addColumn("added_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("lot_panel_members_pk", ["lot_id", "user_id"])
    .execute();
  await db.schema.createIndex("lot_panel_members_user").on("lot_panel_members").columns(["user_id", "status"]).execute();

  await db.schema
    .createTable("panel_declarations")
    .addColumn("lot_id", "text", (c) => c.notNull().references("lots.id"))
    .addColumn("round", "integer", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("has_conflict", "integer", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("declared_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("panel_declarations_pk", ["lot_id", "round", "user_id"])
    .execute();

  await db.schema
    .createTable("bid_scores")
    .addColumn("bid_id", "text", (c) => c.notNull().references("bids.id"))
    .addColumn("round", "integer", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("criterion_id", "text", (c) => c.notNull().references("tender_criteria.id"))
    .addColumn("score_hundredths", "integer", (c) => c.notNull().check(sql`score_hundredths >= 0`))
    .addColumn("comment", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("bid_scores_pk", ["bid_id", "round", "user_id", "criterion_id"])
    .execute();

  await db.schema
    .createTable("panel_submissions")
    .addColumn("lot_id", "text", (c) => c.notNull().references("lots.id"))
    .addColumn("round", "integer", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("submitted_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("panel_submissions_pk", ["lot_id", "round", "user_id"])
    .execute();

  await db.schema
    .createTable("evaluation_reports")
    .addColumn("lot_id", "text", (c) => c.notNull().references("lots.id"))
    .addColumn("round", "integer", (c) => c.notNull())
    .addColumn("ranking_json", "text", (c) => c.notNull())
    .addColumn("members_json", "text", (c) => c.notNull())
    .addColumn("scores_json", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("confirmed_by", "text", (c) => c.references("users.id"))
    .addColumn("confirmed_at", "text")
    .addPrimaryKeyConstraint("evaluation_reports_pk", ["lot_id", "round"])
    .execute();

  await db.schema.alterTable("awards").addColumn("round", "integer", (c) => c.notNull().defaultTo(1)).execute();
  // An award made to the next-ranked bid after another lapsed or was cancelled.
  await db.schema.alterTable("awards").addColumn("replaces_award_id", "text", (c) => c.references("awards.id")).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("awards").dropColumn("replaces_award_id").execute();
  await db.schema.alterTable("awards").dropColumn("round").execute();
  for (const t of ["evaluation_reports", "panel_submissions", "bid_scores", "panel_declarations", "lot_panel_members"]) {
    await db.schema.dropTable(t).execute();
  }
  await db.schema.alterTable("bids").dropColumn("excluded_reason").execute();
  await db.schema.alterTable("lots").dropColumn("evaluation_round").execute();
  // The pre-round shapes of 202611280900.
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
    .addColumn("score_hundredths", "integer", (c) => c.notNull())
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
}
