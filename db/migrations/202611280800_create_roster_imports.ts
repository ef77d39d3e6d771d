import { sql, type Kysely } from "kysely";

/**
 * A roster file checked but not yet imported: the good rows, kept between "check the file" and
 * "import the good rows only" so that the second step does not need the file again. Consumed
 * once; its rows are cleared when consumed (no personal data kept longer than needed).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("roster_imports")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("demand_id", "text", (c) => c.notNull().references("demands.id").onDelete("cascade"))
    .addColumn("enterprise_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("rows_json", "text", (c) => c.notNull())
    .addColumn("bad_count", "integer", (c) => c.notNull().check(sql`bad_count >= 0`))
    .addColumn("total_count", "integer", (c) => c.notNull().check(sql`total_count >= 0`))
    .addColumn("consumed_at", "text")
    .execute();
  await db.schema.createIndex("roster_imports_demand").on("roster_imports").columns(["demand_id", "created_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("roster_imports").ifExists().execute();
}
