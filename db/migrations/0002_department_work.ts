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
 * Department work: which in-app notices a person has read, and an index to find evidence by its stored file.
 * Notices themselves are derived from the round (assignments, returned responses, the deadline), so only the
 * reading is stored. Frozen in time: imports nothing from the app.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable("notice_reads").ifNotExists())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    /** Stable key of the notice, e.g. "assigned:12" (assignment id) or "returned:40:7" (response id and version). */
    .addColumn("notice_key", "text", (c) => c.notNull())
    .addColumn("read_at", "text", (c) => c.notNull())
    .addUniqueConstraint("notice_reads_user_key", ["user_id", "notice_key"])
    .execute();

  await db.schema.createIndex("evidence_file_sha256").ifNotExists().on("evidence").column("file_sha256").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("evidence_file_sha256").ifExists().execute();
  await db.schema.dropTable("notice_reads").ifExists().execute();
}
