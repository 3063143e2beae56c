import { type CreateTableBuilder, type Kysely, PostgresAdapter } from "kysely";

// Inlined so this migration is frozen in time (it imports nothing that may change).
function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
function withId<T extends string>(db: Kysely<any>, table: CreateTableBuilder<T, never>) {
  return isPostgres(db)
    ? table.addColumn("id", "serial", (c) => c.primaryKey())
    : table.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement());
}

/**
 * Relative grading (민원서비스 종합평가, ADR 030): the peer scores a coordinator enters or imports to estimate the grade,
 * the grades the institution received (overall and per item), and the duty to publish them (시행령 제50조 ②③).
 * Scores are integers in hundredths of a point (82.86 → 8286). Frozen in time.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable("grade_peers").ifNotExists())
    .addColumn("round_id", "integer", (c) => c.notNull().references("rounds.id"))
    /** The peer institution as the coordinator names it (may be "기관 A" when the notice does not name it). */
    .addColumn("name", "text", (c) => c.notNull())
    /** "total", or an item code of the round's edition. */
    .addColumn("part", "text", (c) => c.notNull())
    .addColumn("score_hundredths", "integer", (c) => c.notNull())
    .addColumn("created_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("grade_peers_round_name_part")
    .ifNotExists()
    .unique()
    .on("grade_peers")
    .columns(["round_id", "name", "part"])
    .execute();

  await db.schema
    .createTable("round_grades")
    .ifNotExists()
    .addColumn("round_id", "integer", (c) => c.notNull().references("rounds.id"))
    /** "total", or an item code. */
    .addColumn("part", "text", (c) => c.notNull())
    /** A grade key of the year's rule (ga … ma, best/good/fair, s … d). */
    .addColumn("grade", "text", (c) => c.notNull())
    .addColumn("score_hundredths", "integer")
    .addColumn("recorded_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("recorded_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("round_grades_pk", ["round_id", "part"])
    .execute();

  await db.schema
    .createTable("round_publications")
    .ifNotExists()
    .addColumn("round_id", "integer", (c) => c.primaryKey().references("rounds.id"))
    .addColumn("notified_on", "text")
    .addColumn("published_on", "text")
    /** The last day the notice was shown, once taken down. */
    .addColumn("published_until", "text")
    .addColumn("url", "text")
    .addColumn("updated_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("round_publications").ifExists().execute();
  await db.schema.dropTable("round_grades").ifExists().execute();
  await db.schema.dropTable("grade_peers").ifExists().execute();
}
