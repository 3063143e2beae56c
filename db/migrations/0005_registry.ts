import { type CreateTableBuilder, type Kysely, PostgresAdapter } from "kysely";

// Inlined from the former ./helpers so this migration is frozen in time (it imports nothing that may change).
function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** An auto-incrementing integer primary key named `id`, spelled the way each dialect wants it. */
function withId<T extends string>(db: Kysely<any>, table: CreateTableBuilder<T, never>) {
  return isPostgres(db)
    ? table.addColumn("id", "serial", (c) => c.primaryKey())
    : table.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement());
}

/**
 * The certification registry: its settings (validity terms, expiring window, grace period, the yearly renewal
 * calendar) as key → JSON rows, and the renewal plans that created a renewal round for a certificate.
 * Frozen in time: imports nothing from the app.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("registry_settings")
    .ifNotExists()
    .addColumn("key", "text", (c) => c.primaryKey())
    /** JSON text, validated by the app; a missing key means the app's default. */
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("updated_by", "integer", (c) => c.references("users.id"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable("renewal_plans").ifNotExists())
    .addColumn("institution_id", "integer", (c) => c.notNull().references("institutions.id"))
    /** The certificate the round renews. */
    .addColumn("certification_id", "integer", (c) => c.notNull().references("certifications.id"))
    .addColumn("round_id", "integer", (c) => c.notNull().references("rounds.id").unique())
    .addColumn("year", "integer", (c) => c.notNull())
    /** Calendar dates YYYY-MM-DD (Asia/Seoul). */
    .addColumn("self_diagnosis_from", "text", (c) => c.notNull())
    .addColumn("self_diagnosis_until", "text", (c) => c.notNull())
    /** ISO UTC, as rounds.deadline_at. */
    .addColumn("deadline_at", "text", (c) => c.notNull())
    /** Months YYYY-MM. */
    .addColumn("review_from", "text", (c) => c.notNull())
    .addColumn("review_until", "text", (c) => c.notNull())
    .addColumn("award_month", "text", (c) => c.notNull())
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("renewal_plans_certification")
    .ifNotExists()
    .on("renewal_plans")
    .column("certification_id")
    .execute();
  await db.schema
    .createIndex("certifications_award_date")
    .ifNotExists()
    .on("certifications")
    .column("award_date")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("certifications_award_date").ifExists().execute();
  await db.schema.dropTable("renewal_plans").ifExists().execute();
  await db.schema.dropTable("registry_settings").ifExists().execute();
}
