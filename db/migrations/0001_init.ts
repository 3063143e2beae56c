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

/** The foundation schema: institutions, people, sessions, rubric editions, rounds, responses, evidence, registry, audit log. */
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable("institutions").ifNotExists())
    .addColumn("code", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("region", "text", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull().check(sql`type in ('sido','sigungu','central')`))
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable("departments").ifNotExists())
    .addColumn("institution_id", "integer", (c) => c.notNull().references("institutions.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("is_lead", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("sort_order", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("departments_institution_name", ["institution_id", "name"])
    .execute();

  await withId(db, db.schema.createTable("users").ifNotExists())
    .addColumn("username", "text", (c) => c.notNull().unique())
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("email", "text")
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("is_system_admin", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("must_change_password", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("locale", "text", (c) => c.notNull().defaultTo("ko"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable("memberships").ifNotExists())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("institution_id", "integer", (c) => c.notNull().references("institutions.id"))
    .addColumn("role", "text", (c) => c.notNull().check(sql`role in ('coordinator','department_member','auditor')`))
    .addColumn("department_id", "integer", (c) => c.references("departments.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("memberships_user_institution", ["user_id", "institution_id"])
    .execute();

  await db.schema
    .createTable("sessions")
    .ifNotExists()
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("user_agent", "text")
    .execute();
  await db.schema.createIndex("sessions_user").ifNotExists().on("sessions").column("user_id").execute();

  await withId(db, db.schema.createTable("login_attempts").ifNotExists())
    .addColumn("username", "text", (c) => c.notNull())
    .addColumn("ip", "text", (c) => c.notNull())
    .addColumn("succeeded", "integer", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("login_attempts_username_at")
    .ifNotExists()
    .on("login_attempts")
    .columns(["username", "at"])
    .execute();
  await db.schema
    .createIndex("login_attempts_ip_at")
    .ifNotExists()
    .on("login_attempts")
    .columns(["ip", "at"])
    .execute();

  await db.schema
    .createTable("rubric_editions")
    .ifNotExists()
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("institution_type", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("reconstruction", "integer", (c) => c.notNull())
    .addColumn("content", "text", (c) => c.notNull())
    .addColumn("content_hash", "text", (c) => c.notNull())
    .addColumn("total_tenths", "integer", (c) => c.notNull())
    .addColumn("indicator_count", "integer", (c) => c.notNull())
    .addColumn("supersedes", "text")
    .addColumn("superseded_by", "text")
    .addColumn("imported_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("edition_indicators")
    .ifNotExists()
    .addColumn("edition_id", "text", (c) => c.notNull().references("rubric_editions.id"))
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("area_code", "text", (c) => c.notNull())
    .addColumn("item_code", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("max_tenths", "integer", (c) => c.notNull())
    .addColumn("scoring_kind", "text", (c) => c.notNull())
    .addColumn("owner_department", "text", (c) => c.notNull())
    .addColumn("tags", "text", (c) => c.notNull())
    .addColumn("sort_order", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("edition_indicators_pk", ["edition_id", "code"])
    .execute();

  await withId(db, db.schema.createTable("rounds").ifNotExists())
    .addColumn("institution_id", "integer", (c) => c.notNull().references("institutions.id"))
    .addColumn("edition_id", "text", (c) => c.notNull().references("rubric_editions.id"))
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) =>
      c.notNull().check(sql`state in ('draft','open','submitted','under_review','concluded')`),
    )
    .addColumn("deadline_at", "text")
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint("rounds_institution_year", ["institution_id", "year"])
    .execute();

  await withId(db, db.schema.createTable("assignments").ifNotExists())
    .addColumn("round_id", "integer", (c) => c.notNull().references("rounds.id"))
    .addColumn("indicator_code", "text", (c) => c.notNull())
    .addColumn("department_id", "integer", (c) => c.notNull().references("departments.id"))
    .addColumn("role", "text", (c) => c.notNull().check(sql`role in ('lead','support')`))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("assignments_round_indicator_department", ["round_id", "indicator_code", "department_id"])
    .execute();
  await db.schema
    .createIndex("assignments_department")
    .ifNotExists()
    .on("assignments")
    .columns(["department_id", "round_id"])
    .execute();

  await withId(db, db.schema.createTable("responses").ifNotExists())
    .addColumn("round_id", "integer", (c) => c.notNull().references("rounds.id"))
    .addColumn("indicator_code", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('not_started','draft','submitted','returned','approved')`),
    )
    .addColumn("implemented", "integer")
    .addColumn("answer", "text")
    .addColumn("self_tenths", "integer")
    .addColumn("reviewed_tenths", "integer")
    .addColumn("narrative", "text")
    .addColumn("carried_over", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("updated_by", "integer", (c) => c.references("users.id"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("submitted_at", "text")
    .addUniqueConstraint("responses_round_indicator", ["round_id", "indicator_code"])
    .execute();

  await withId(db, db.schema.createTable("evidence").ifNotExists())
    .addColumn("response_id", "integer", (c) => c.notNull().references("responses.id"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('file','link','note')`))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("url", "text")
    .addColumn("note", "text")
    .addColumn("file_sha256", "text")
    .addColumn("file_name", "text")
    .addColumn("file_mime", "text")
    .addColumn("file_size", "integer")
    .addColumn("created_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("deleted_at", "text")
    .addColumn("deleted_by", "integer", (c) => c.references("users.id"))
    .execute();
  await db.schema.createIndex("evidence_response").ifNotExists().on("evidence").column("response_id").execute();

  await withId(db, db.schema.createTable("certifications").ifNotExists())
    .addColumn("institution_id", "integer", (c) => c.notNull().references("institutions.id"))
    .addColumn("award_date", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('initial','renewal')`))
    .addColumn("score_tenths", "integer")
    .addColumn("round_id", "integer", (c) => c.references("rounds.id"))
    .addColumn("revoked_at", "text")
    .addColumn("revoked_reason", "text")
    .addColumn("note", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("certifications_institution_award", ["institution_id", "award_date"])
    .execute();

  await withId(db, db.schema.createTable("audit_events").ifNotExists())
    .addColumn("seq", "integer", (c) => c.notNull().unique())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_user_id", "integer")
    .addColumn("institution_id", "integer")
    .addColumn("round_id", "integer")
    .addColumn("entity", "text", (c) => c.notNull())
    .addColumn("entity_id", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("before_json", "text")
    .addColumn("after_json", "text")
    .addColumn("prev_hash", "text", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("audit_events_round")
    .ifNotExists()
    .on("audit_events")
    .columns(["round_id", "seq"])
    .execute();
  await db.schema
    .createIndex("audit_events_entity")
    .ifNotExists()
    .on("audit_events")
    .columns(["entity", "entity_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "audit_events",
    "certifications",
    "evidence",
    "responses",
    "assignments",
    "rounds",
    "edition_indicators",
    "rubric_editions",
    "login_attempts",
    "sessions",
    "memberships",
    "users",
    "departments",
    "institutions",
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
