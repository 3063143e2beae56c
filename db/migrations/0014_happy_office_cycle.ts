import { type CreateTableBuilder, type Kysely, PostgresAdapter, sql } from "kysely";

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
 * The 국민행복민원실 인증 cycle of a round (issue 13, ADR 037). Frozen in time.
 *
 * - `happy_office_stages`: one row per stage the coordinator recorded — 신청 (application), 서면심사 (document),
 *   현지실사 (site), 체험평가 (mystery), 선정 (selection) — with its date, a note and, for the selection, whether the
 *   office was selected and the certificate that selection created.
 * - `mystery_visits`: the 체험평가 record (mystery shopping): each visit's date, channel and scenario, what was
 *   observed per criterion (JSON: item code → text), a score out of 100 or a finding, and the follow-up.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("happy_office_stages")
    .ifNotExists()
    .addColumn("round_id", "integer", (c) => c.notNull().references("rounds.id"))
    .addColumn("stage", "text", (c) =>
      c.notNull().check(sql`stage in ('application','document','site','mystery','selection')`),
    )
    /** The day the stage happened (YYYY-MM-DD, Seoul). */
    .addColumn("on_date", "text", (c) => c.notNull())
    /** Only for the selection: selected or not-selected. */
    .addColumn("outcome", "text", (c) => c.check(sql`outcome in ('selected','not-selected')`))
    .addColumn("note", "text")
    .addColumn("certification_id", "integer", (c) => c.references("certifications.id"))
    .addColumn("recorded_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("recorded_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("happy_office_stages_pk", ["round_id", "stage"])
    .execute();

  await withId(db, db.schema.createTable("mystery_visits").ifNotExists())
    .addColumn("round_id", "integer", (c) => c.notNull().references("rounds.id"))
    .addColumn("visited_on", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull().check(sql`channel in ('visit','phone','online')`))
    .addColumn("scenario", "text", (c) => c.notNull())
    /** JSON object: criterion (item code) → what was observed. */
    .addColumn("observations", "text", (c) => c.notNull())
    /** 0–100, when the visit was scored. */
    .addColumn("score", "integer")
    .addColumn("finding", "text")
    .addColumn("follow_up", "text")
    .addColumn("created_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("mystery_visits_round")
    .ifNotExists()
    .on("mystery_visits")
    .columns(["round_id", "visited_on"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("mystery_visits_round").ifExists().execute();
  await db.schema.dropTable("mystery_visits").ifExists().execute();
  await db.schema.dropTable("happy_office_stages").ifExists().execute();
}
