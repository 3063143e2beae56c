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
 * Trust in the log and the auditor's tools: signed checkpoints of the audit chain's head (append-only, like the log);
 * review stages that can be voided with a reason instead of edited; certification proposals a committee decision
 * raises for the Ministry (admin) to confirm into the registry. Frozen in time: imports nothing from the app.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable("audit_checkpoints").ifNotExists())
    /** The chain head the signature covers: the event's sequence number and hash. */
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    /** When it was signed, ISO UTC (part of the signed text). */
    .addColumn("signed_at", "text", (c) => c.notNull())
    /** The first 16 hex digits of SHA-256 over the signing public key (SPKI DER). */
    .addColumn("key_id", "text", (c) => c.notNull())
    /** Ed25519 signature, base64. */
    .addColumn("signature", "text", (c) => c.notNull())
    /** periodic | round-state | manual */
    .addColumn("reason", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("audit_checkpoints_seq").ifNotExists().on("audit_checkpoints").column("seq").execute();

  await db.schema.alterTable("review_stages").addColumn("voided_at", "text").execute();
  await db.schema
    .alterTable("review_stages")
    .addColumn("voided_by", "integer", (c) => c.references("users.id"))
    .execute();
  await db.schema.alterTable("review_stages").addColumn("void_reason", "text").execute();

  await withId(db, db.schema.createTable("certification_proposals").ifNotExists())
    .addColumn("round_id", "integer", (c) => c.notNull().references("rounds.id"))
    .addColumn("institution_id", "integer", (c) => c.notNull().references("institutions.id"))
    /** The committee stage whose decision raised it. */
    .addColumn("review_stage_id", "integer", (c) => c.notNull().references("review_stages.id"))
    /** The committee's date, proposed as the award date (YYYY-MM-DD). */
    .addColumn("award_date", "text", (c) => c.notNull())
    .addColumn("score_tenths", "integer")
    /** proposed | confirmed | withdrawn */
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("proposed_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("proposed_at", "text", (c) => c.notNull())
    .addColumn("decided_by", "integer", (c) => c.references("users.id"))
    .addColumn("decided_at", "text")
    .addColumn("certification_id", "integer", (c) => c.references("certifications.id"))
    .execute();
  await db.schema
    .createIndex("certification_proposals_status")
    .ifNotExists()
    .on("certification_proposals")
    .column("status")
    .execute();

  if (isPostgres(db)) {
    await sql`drop trigger if exists audit_checkpoints_no_change on audit_checkpoints`.execute(db);
    await sql`create trigger audit_checkpoints_no_change before update or delete on audit_checkpoints
      for each row execute function audit_events_append_only()`.execute(db);
  } else {
    await sql`create trigger if not exists audit_checkpoints_no_update before update on audit_checkpoints
      begin select raise(abort, 'audit_checkpoints is append-only'); end`.execute(db);
    await sql`create trigger if not exists audit_checkpoints_no_delete before delete on audit_checkpoints
      begin select raise(abort, 'audit_checkpoints is append-only'); end`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) await sql`drop trigger if exists audit_checkpoints_no_change on audit_checkpoints`.execute(db);
  else {
    await sql`drop trigger if exists audit_checkpoints_no_update`.execute(db);
    await sql`drop trigger if exists audit_checkpoints_no_delete`.execute(db);
  }
  await db.schema.dropTable("certification_proposals").ifExists().execute();
  await db.schema.alterTable("review_stages").dropColumn("void_reason").execute();
  await db.schema.alterTable("review_stages").dropColumn("voided_by").execute();
  await db.schema.alterTable("review_stages").dropColumn("voided_at").execute();
  await db.schema.dropTable("audit_checkpoints").ifExists().execute();
}
