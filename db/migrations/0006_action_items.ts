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
 * Action items on a round's gaps: who must act on an indicator below full points, by when, how far they are.
 * One per indicator and round; guarded by a version column like the responses. Frozen in time.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable("action_items").ifNotExists())
    .addColumn("round_id", "integer", (c) => c.notNull().references("rounds.id"))
    .addColumn("indicator_code", "text", (c) => c.notNull())
    /** The department that must act. */
    .addColumn("department_id", "integer", (c) => c.notNull().references("departments.id"))
    /** Calendar date YYYY-MM-DD (Asia/Seoul), or null when none was set. */
    .addColumn("due_date", "text")
    /** open | in_progress | done | dropped */
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("notes", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "integer", (c) => c.references("users.id"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint("action_items_round_indicator", ["round_id", "indicator_code"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("action_items").ifExists().execute();
}
