import { type CreateTableBuilder, type Kysely, PostgresAdapter } from "kysely";

// Inlined so this migration is frozen in time (it imports nothing that may change).
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
 * The coordinator's tools (issue 15): the planner's effort weights per round, the report's 결재 fields per round,
 * the mail outbox (one row per message, its dedupe key unique so several server processes never send one twice)
 * and each user's mail opt-out. Frozen in time.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // Effort weights: subject is "kind:<gap kind>" or "indicator:<code>"; a missing row means the default.
  await withId(db, db.schema.createTable("plan_efforts").ifNotExists())
    .addColumn("round_id", "integer", (c) => c.notNull().references("rounds.id"))
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("effort", "integer", (c) => c.notNull())
    .addColumn("updated_by", "integer", (c) => c.references("users.id"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("plan_efforts_round_subject", ["round_id", "subject"])
    .execute();

  await withId(db, db.schema.createTable("report_signoffs").ifNotExists())
    .addColumn("round_id", "integer", (c) => c.notNull().unique().references("rounds.id"))
    .addColumn("document_number", "text", (c) => c.notNull().defaultTo(""))
    /** YYYY-MM-DD (Asia/Seoul) or null. */
    .addColumn("effective_date", "text")
    .addColumn("drafter", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("reviewer", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("approver", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("updated_by", "integer", (c) => c.references("users.id"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable("mail_outbox").ifNotExists())
    /** What makes the message unique, e.g. "deadline-d7:round:3:user:9"; a second insert with it is ignored. */
    .addColumn("dedupe_key", "text", (c) => c.notNull().unique())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    /** What the message is about, as JSON; the text is written when it is sent, in the person's language. */
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    /** Set by the process that sends it (a claim older than a few minutes may be taken over). */
    .addColumn("claimed_by", "text")
    .addColumn("claimed_at", "text")
    .addColumn("sent_at", "text")
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_error", "text")
    .execute();
  await db.schema.createIndex("mail_outbox_unsent").ifNotExists().on("mail_outbox").columns(["sent_at"]).execute();

  await db.schema
    .alterTable("users")
    .addColumn("mail_opt_out", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").dropColumn("mail_opt_out").execute();
  await db.schema.dropTable("mail_outbox").ifExists().execute();
  await db.schema.dropTable("report_signoffs").ifExists().execute();
  await db.schema.dropTable("plan_efforts").ifExists().execute();
}
