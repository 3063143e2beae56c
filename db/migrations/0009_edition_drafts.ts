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
 * Edition drafts: an administrator copies an edition and edits it (the Ministry's manual arrives as HWP/PDF and is
 * typed in) before publishing it as a new edition. The draft holds the whole edition as JSON, which may not yet
 * balance; `version` makes each save check that nobody saved in between. Publishing writes rubric_editions and
 * marks the draft published (it is read-only afterwards). Frozen in time.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable("edition_drafts").ifNotExists())
    /** The edition it was copied from (the diff is shown against it). */
    .addColumn("base_edition_id", "text", (c) => c.notNull().references("rubric_editions.id"))
    /** The id the edition will have when published (unique among drafts and editions; checked by the app). */
    .addColumn("edition_id", "text", (c) => c.notNull())
    .addColumn("content", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("created_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    /** Set once, when the draft becomes an edition. */
    .addColumn("published_at", "text")
    .execute();
  await db.schema
    .createIndex("edition_drafts_edition_id")
    .ifNotExists()
    .unique()
    .on("edition_drafts")
    .column("edition_id")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("edition_drafts").ifExists().execute();
}
