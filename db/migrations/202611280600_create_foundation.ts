import { sql, type Kysely } from "kysely";

// Frozen once landed: later changes get their own migration.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("organisations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('enterprise','institution','bureau')`))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("credit_code", "text", (c) => c.unique())
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('pending','verified','rejected','suspended')`),
    )
    .addColumn("contact_name", "text")
    .addColumn("contact_phone", "text")
    .addColumn("address", "text")
    .addColumn("status_reason", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("organisations_kind_status").on("organisations").columns(["kind", "status"]).execute();

  await db.schema
    .createTable("users")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('active','disabled')`))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("password_changed_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("users_organisation").on("users").column("organisation_id").execute();

  await db.schema
    .createTable("user_roles")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("role", "text", (c) =>
      c.notNull().check(sql`role in ('member','admin','officer','evaluator','finance')`),
    )
    .addPrimaryKeyConstraint("user_roles_pk", ["user_id", "role"])
    .execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_active_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("idle_seconds", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sessions_user").on("sessions").column("user_id").execute();

  await db.schema
    .createTable("sign_in_attempts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("email_key", "text", (c) => c.notNull())
    .addColumn("address", "text", (c) => c.notNull())
    .addColumn("succeeded", "integer", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sign_in_attempts_email_at").on("sign_in_attempts").columns(["email_key", "at"]).execute();
  await db.schema.createIndex("sign_in_attempts_address_at").on("sign_in_attempts").columns(["address", "at"]).execute();

  await db.schema
    .createTable("occupations")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("name_zh", "text", (c) => c.notNull())
    .addColumn("name_en", "text", (c) => c.notNull())
    .addColumn("category_zh", "text", (c) => c.notNull())
    .addColumn("level_lowest", "integer")
    .addColumn("level_highest", "integer")
    .addColumn("source", "text")
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable("skill_levels")
    .addColumn("level", "integer", (c) => c.primaryKey().check(sql`level between 1 and 5`))
    .addColumn("name_zh", "text", (c) => c.notNull())
    .addColumn("name_en", "text", (c) => c.notNull())
    .addColumn("is_high_skilled", "integer", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("subsidy_standards")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("occupation_code", "text", (c) => c.references("occupations.code"))
    .addColumn("level", "integer", (c) => c.notNull().references("skill_levels.level"))
    .addColumn("cap_fen", "bigint", (c) => c.notNull().check(sql`cap_fen > 0`))
    .addColumn("illustrative", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("note", "text")
    .execute();
  await db.schema
    .createIndex("subsidy_standards_unique")
    .on("subsidy_standards")
    .columns(["year", "occupation_code", "level"])
    .unique()
    .execute();

  await db.schema
    .createTable("calendar_days")
    .addColumn("date", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('holiday','workday')`))
    .addColumn("name_zh", "text", (c) => c.notNull())
    .addColumn("name_en", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("procurement_rules")
    .addColumn("regime", "text", (c) => c.notNull().check(sql`regime in ('GP','TB')`))
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("value", "integer", (c) => c.notNull())
    .addColumn("unit", "text", (c) => c.notNull().check(sql`unit in ('D','WD','count','percent')`))
    .addColumn("source", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("procurement_rules_pk", ["regime", "key"])
    .execute();

  await db.schema
    .createTable("yearly_targets")
    .addColumn("year", "integer", (c) => c.primaryKey())
    .addColumn("trained_min", "integer", (c) => c.notNull())
    .addColumn("high_skilled_min", "integer", (c) => c.notNull())
    .addColumn("high_skilled_share_pct", "integer", (c) => c.notNull())
    .addColumn("budget_fen", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("audit_log")
    .addColumn("seq", "bigint", (c) => c.primaryKey())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_user_id", "text")
    .addColumn("actor_org_id", "text")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("record_type", "text", (c) => c.notNull())
    .addColumn("record_id", "text")
    .addColumn("before_json", "text")
    .addColumn("after_json", "text")
    .addColumn("prev_hash", "text", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("audit_log_record").on("audit_log").columns(["record_type", "record_id"]).execute();
  await db.schema.createIndex("audit_log_actor_org").on("audit_log").columns(["actor_org_id", "seq"]).execute();

  // One row: the chain's head. Updating it first serialises appenders on both databases.
  await db.schema
    .createTable("audit_head")
    .addColumn("id", "integer", (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn("seq", "bigint", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .execute();
  await db
    .insertInto("audit_head")
    .values({ id: 1, seq: 0, hash: "0".repeat(64) })
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "audit_head",
    "audit_log",
    "yearly_targets",
    "procurement_rules",
    "calendar_days",
    "subsidy_standards",
    "skill_levels",
    "occupations",
    "sign_in_attempts",
    "sessions",
    "user_roles",
    "users",
    "organisations",
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
