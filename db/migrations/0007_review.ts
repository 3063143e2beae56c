import { type CreateTableBuilder, type Kysely, PostgresAdapter, sql } from "kysely";

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
 * Review: who reviewed a response and why its score was adjusted; threaded comments on an indicator; the Ministry's
 * review stages (서면심사, 교차심사, 현지심사, 인증심사위원회) on a round's timeline; grants that let another
 * institution's auditors review one submitted round. And the audit log becomes append-only in the database itself:
 * triggers refuse any UPDATE or DELETE of audit_events. Frozen in time.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("responses").addColumn("review_reason", "text").execute();
  await db.schema
    .alterTable("responses")
    .addColumn("reviewed_by", "integer", (c) => c.references("users.id"))
    .execute();
  await db.schema.alterTable("responses").addColumn("reviewed_at", "text").execute();

  await withId(db, db.schema.createTable("comments").ifNotExists())
    .addColumn("round_id", "integer", (c) => c.notNull().references("rounds.id"))
    .addColumn("indicator_code", "text", (c) => c.notNull())
    /** The comment this one answers, or null for a new thread. */
    .addColumn("parent_id", "integer", (c) => c.references("comments.id"))
    .addColumn("author_user_id", "integer", (c) => c.notNull().references("users.id"))
    /** comment | return (the reason an auditor sent the indicator back) | adjust (the reason for a reviewed score) */
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("comments_round_indicator")
    .ifNotExists()
    .on("comments")
    .columns(["round_id", "indicator_code"])
    .execute();

  await withId(db, db.schema.createTable("review_stages").ifNotExists())
    .addColumn("round_id", "integer", (c) => c.notNull().references("rounds.id"))
    /** document (서면심사) | cross (교차심사) | site (현지심사) | committee (인증심사위원회) */
    .addColumn("stage", "text", (c) => c.notNull())
    /** YYYY-MM-DD (Asia/Seoul). */
    .addColumn("held_on", "text", (c) => c.notNull())
    .addColumn("notes", "text", (c) => c.notNull())
    /** The committee's decision: certified | not_certified; null for the other stages. */
    .addColumn("decision", "text")
    .addColumn("recorded_by", "integer", (c) => c.notNull().references("users.id"))
    /** The institution the recorder reviewed for (their own, or the cross-reviewing one). */
    .addColumn("reviewer_institution_id", "integer", (c) => c.references("institutions.id"))
    .addColumn("recorded_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("review_stages_round").ifNotExists().on("review_stages").column("round_id").execute();

  await withId(db, db.schema.createTable("cross_review_grants").ifNotExists())
    .addColumn("round_id", "integer", (c) => c.notNull().references("rounds.id"))
    /** Whose auditors may read and review the round. */
    .addColumn("reviewer_institution_id", "integer", (c) => c.notNull().references("institutions.id"))
    .addColumn("granted_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("granted_at", "text", (c) => c.notNull())
    .addColumn("revoked_by", "integer", (c) => c.references("users.id"))
    .addColumn("revoked_at", "text")
    .execute();
  await db.schema
    .createIndex("cross_review_grants_reviewer")
    .ifNotExists()
    .on("cross_review_grants")
    .column("reviewer_institution_id")
    .execute();

  if (isPostgres(db)) {
    await sql`create or replace function audit_events_append_only() returns trigger language plpgsql as $$
      begin raise exception 'audit_events is append-only'; end; $$`.execute(db);
    await sql`drop trigger if exists audit_events_no_change on audit_events`.execute(db);
    await sql`create trigger audit_events_no_change before update or delete on audit_events
      for each row execute function audit_events_append_only()`.execute(db);
  } else {
    await sql`create trigger if not exists audit_events_no_update before update on audit_events
      begin select raise(abort, 'audit_events is append-only'); end`.execute(db);
    await sql`create trigger if not exists audit_events_no_delete before delete on audit_events
      begin select raise(abort, 'audit_events is append-only'); end`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`drop trigger if exists audit_events_no_change on audit_events`.execute(db);
    await sql`drop function if exists audit_events_append_only()`.execute(db);
  } else {
    await sql`drop trigger if exists audit_events_no_update`.execute(db);
    await sql`drop trigger if exists audit_events_no_delete`.execute(db);
  }
  await db.schema.dropTable("cross_review_grants").ifExists().execute();
  await db.schema.dropTable("review_stages").ifExists().execute();
  await db.schema.dropTable("comments").ifExists().execute();
  await db.schema.alterTable("responses").dropColumn("reviewed_at").execute();
  await db.schema.alterTable("responses").dropColumn("reviewed_by").execute();
  await db.schema.alterTable("responses").dropColumn("review_reason").execute();
}
