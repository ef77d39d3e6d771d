import { sql, type Kysely } from "kysely";

/**
 * Delivery and payment (DESIGN.md "Contract and delivery").
 *
 * - A contract's cohort is its enrolments: a trainee of a covered demand is offered, then
 *   confirmed by the institution; at most one confirmed enrolment per trainee (a partial unique
 *   index, so two cohorts cannot both hold the same person even under a race).
 * - Course sessions with planned minutes; attendance in minutes per session and enrolment.
 * - Results (assessment, certification) on the enrolment; enterprises' ratings per contract.
 * - Acceptance (验收) on the contract.
 * - Milestones computed from delivery data; each approved milestone is paid by one payment
 *   attempt at a time (a partial unique index on live attempts), whose idempotency key is stored
 *   before Stripe is called. Stripe events are kept by id so a replay changes nothing.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // The share of planned hours a trainee must attend to complete (default 80 %), per tender.
  await db.schema
    .alterTable("tenders")
    .addColumn("completion_pct", "integer", (c) => c.notNull().defaultTo(80))
    .execute();
  await db.schema.alterTable("contracts").addColumn("accepted_at", "text").execute();
  await db.schema.alterTable("contracts").addColumn("accepted_by", "text").execute();
  await db.schema.alterTable("contracts").addColumn("acceptance_json", "text").execute();

  await db.schema
    .createTable("enrolments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("contract_id", "text", (c) => c.notNull().references("contracts.id"))
    .addColumn("demand_id", "text", (c) => c.notNull().references("demands.id"))
    .addColumn("trainee_id", "text", (c) => c.notNull().references("trainees.id"))
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('offered','confirmed','declined','replaced','dropped')`))
    .addColumn("status_reason", "text")
    .addColumn("replaces_enrolment_id", "text", (c) => c.references("enrolments.id"))
    .addColumn("confirmed_at", "text")
    .addColumn("confirmed_by", "text", (c) => c.references("users.id"))
    // Trainee progress: null while in training, then completed | not_completed, then certified | not_certified.
    .addColumn("progress", "text", (c) => c.check(sql`progress in ('completed','not_completed','certified','not_certified')`))
    .addColumn("progress_reason", "text")
    .addColumn("assessment_passed", "integer")
    .addColumn("certificate_number", "text")
    .addColumn("level_reached", "integer")
    .addColumn("certified_on", "text")
    .addColumn("result_recorded_at", "text")
    .addColumn("result_recorded_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("enrolments_contract").on("enrolments").columns(["contract_id", "status"]).execute();
  await db.schema.createIndex("enrolments_trainee").on("enrolments").columns(["trainee_id", "status"]).execute();
  await db.schema
    .createIndex("enrolments_one_confirmed")
    .on("enrolments")
    .column("trainee_id")
    .unique()
    .where(sql<boolean>`status = 'confirmed'`)
    .execute();
  await db.schema
    .createIndex("enrolments_one_offer")
    .on("enrolments")
    .columns(["contract_id", "trainee_id"])
    .unique()
    .where(sql<boolean>`status = 'offered'`)
    .execute();

  await db.schema
    .createTable("course_sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("contract_id", "text", (c) => c.notNull().references("contracts.id"))
    .addColumn("starts_at", "text", (c) => c.notNull())
    .addColumn("planned_minutes", "integer", (c) => c.notNull().check(sql`planned_minutes > 0`))
    .addColumn("topic", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("course_sessions_contract").on("course_sessions").columns(["contract_id", "starts_at"]).execute();

  await db.schema
    .createTable("attendance")
    .addColumn("session_id", "text", (c) => c.notNull().references("course_sessions.id"))
    .addColumn("enrolment_id", "text", (c) => c.notNull().references("enrolments.id"))
    .addColumn("attended_minutes", "integer", (c) => c.notNull().check(sql`attended_minutes >= 0`))
    .addColumn("recorded_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("recorded_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("attendance_pk", ["session_id", "enrolment_id"])
    .execute();
  await db.schema.createIndex("attendance_enrolment").on("attendance").column("enrolment_id").execute();

  await db.schema
    .createTable("ratings")
    .addColumn("contract_id", "text", (c) => c.notNull().references("contracts.id"))
    .addColumn("enterprise_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("score", "integer", (c) => c.notNull().check(sql`score between 1 and 5`))
    .addColumn("comment", "text", (c) => c.notNull())
    .addColumn("rated_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("rated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("ratings_pk", ["contract_id", "enterprise_id"])
    .execute();

  await db.schema
    .createTable("payout_accounts")
    .addColumn("organisation_id", "text", (c) => c.primaryKey().references("organisations.id"))
    .addColumn("account_id", "text", (c) => c.notNull().unique())
    .addColumn("mode", "text", (c) => c.notNull().check(sql`mode in ('stripe','offline')`))
    .addColumn("can_receive", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("details_submitted", "integer", (c) => c.notNull().defaultTo(0))
    // Stripe's own words on what is missing (requirements.currently_due / disabled_reason), shown to people.
    .addColumn("requirements", "text")
    // The Stripe event time (seconds) of the last status applied, so an older event cannot undo a newer one.
    .addColumn("status_as_of", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("milestones")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("contract_id", "text", (c) => c.notNull().references("contracts.id"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('advance','balance')`))
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("trainee_count", "integer", (c) => c.notNull().check(sql`trainee_count > 0`))
    .addColumn("amount_fen", "integer", (c) => c.notNull().check(sql`amount_fen > 0`))
    .addColumn("basis_json", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('requested','refused','approved','paid')`))
    .addColumn("requested_at", "text", (c) => c.notNull())
    .addColumn("requested_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("decided_at", "text")
    .addColumn("decided_by", "text", (c) => c.references("users.id"))
    .addColumn("refusal_reason", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("milestones_number", ["contract_id", "number"])
    .execute();
  await db.schema.createIndex("milestones_status").on("milestones").columns(["status", "requested_at"]).execute();

  // The trainees whose balance a milestone pays: a trainee's balance is in one live milestone at most.
  await db.schema
    .createTable("milestone_trainees")
    .addColumn("enrolment_id", "text", (c) => c.primaryKey().references("enrolments.id"))
    .addColumn("milestone_id", "text", (c) => c.notNull().references("milestones.id"))
    .addColumn("amount_fen", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("milestone_trainees_milestone").on("milestone_trainees").column("milestone_id").execute();

  await db.schema
    .createTable("payments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("milestone_id", "text", (c) => c.notNull().references("milestones.id"))
    .addColumn("attempt", "integer", (c) => c.notNull())
    // Written before the transfer is requested; the same key on a retry makes Stripe replay, not pay again.
    .addColumn("idempotency_key", "text", (c) => c.notNull().unique())
    .addColumn("mode", "text", (c) => c.notNull().check(sql`mode in ('stripe','offline')`))
    .addColumn("destination", "text", (c) => c.notNull())
    .addColumn("amount_fen", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('pending','sent','paid','failed','reversed')`))
    .addColumn("transfer_id", "text", (c) => c.unique())
    .addColumn("failure_reason", "text")
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("sent_at", "text")
    .addColumn("settled_at", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("payments_attempt", ["milestone_id", "attempt"])
    .execute();
  // At most one live payment per milestone: the database itself refuses a second transfer.
  await db.schema
    .createIndex("payments_one_live")
    .on("payments")
    .column("milestone_id")
    .unique()
    .where(sql<boolean>`status in ('pending','sent','paid')`)
    .execute();

  await db.schema
    .createTable("stripe_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("object_id", "text")
    .addColumn("created", "integer", (c) => c.notNull())
    .addColumn("received_at", "text", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["stripe_events", "payments", "milestone_trainees", "milestones", "payout_accounts", "ratings", "attendance", "course_sessions", "enrolments"]) {
    await db.schema.dropTable(t).execute();
  }
  for (const c of ["acceptance_json", "accepted_by", "accepted_at"]) await db.schema.alterTable("contracts").dropColumn(c).execute();
  await db.schema.alterTable("tenders").dropColumn("completion_pct").execute();
}
