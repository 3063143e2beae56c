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
 * The evidence library (docs/decisions/036): each department keeps its files once (by the SHA-256 of their content,
 * the name they are stored under) and links one file to several indicators, in this round and later ones. A link is
 * an evidence row with `library_file_id` set, so downloads, the history and the carry-over of answers keep working
 * as before. Existing file evidence moves into the library of the department that leads its indicator (or, without
 * a lead, of the uploader's department); the content is not copied, only named once more. Frozen in time.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable("library_files").ifNotExists())
    .addColumn("institution_id", "integer", (c) => c.notNull().references("institutions.id"))
    .addColumn("department_id", "integer", (c) => c.notNull().references("departments.id"))
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("file_mime", "text", (c) => c.notNull())
    .addColumn("file_size", "integer", (c) => c.notNull())
    .addColumn("created_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("library_files_department_sha256", ["department_id", "sha256"])
    .execute();
  await db.schema.alterTable("evidence").addColumn("library_file_id", "integer").execute();
  await db.schema.createIndex("evidence_library_file").ifNotExists().on("evidence").column("library_file_id").execute();

  // Existing file evidence into the library, oldest first so a file keeps the name it was first given.
  const rows: {
    id: number;
    file_sha256: string;
    file_name: string | null;
    file_mime: string | null;
    file_size: number | null;
    title: string;
    created_by: number;
    created_at: string;
    round_id: number;
    indicator_code: string;
    institution_id: number;
  }[] = await db
    .selectFrom("evidence as e")
    .innerJoin("responses as r", "r.id", "e.response_id")
    .innerJoin("rounds as o", "o.id", "r.round_id")
    .select([
      "e.id",
      "e.file_sha256",
      "e.file_name",
      "e.file_mime",
      "e.file_size",
      "e.title",
      "e.created_by",
      "e.created_at",
      "r.round_id",
      "r.indicator_code",
      "o.institution_id",
    ])
    .where("e.kind", "=", "file")
    .where("e.file_sha256", "is not", null)
    .where("e.library_file_id", "is", null)
    .orderBy("e.created_at")
    .orderBy("e.id")
    .execute();
  if (rows.length === 0) return;
  const leads: { round_id: number; indicator_code: string; department_id: number }[] = await db
    .selectFrom("assignments")
    .select(["round_id", "indicator_code", "department_id"])
    .where("role", "=", "lead")
    .execute();
  const leadOf = new Map(leads.map((a) => [`${a.round_id}:${a.indicator_code}`, a.department_id]));
  const members: { user_id: number; institution_id: number; department_id: number }[] = await db
    .selectFrom("memberships")
    .select(["user_id", "institution_id", "department_id"])
    .where("department_id", "is not", null)
    .execute();
  const memberOf = new Map(members.map((m) => [`${m.user_id}:${m.institution_id}`, m.department_id]));
  const libraryIds = new Map<string, number>();
  for (const row of rows) {
    const departmentId =
      leadOf.get(`${row.round_id}:${row.indicator_code}`) ?? memberOf.get(`${row.created_by}:${row.institution_id}`);
    if (departmentId === undefined) continue;
    const key = `${departmentId}:${row.file_sha256}`;
    let libraryId = libraryIds.get(key);
    if (libraryId === undefined) {
      const existing = await db
        .selectFrom("library_files")
        .select("id")
        .where("department_id", "=", departmentId)
        .where("sha256", "=", row.file_sha256)
        .executeTakeFirst();
      libraryId =
        existing?.id ??
        (
          await db
            .insertInto("library_files")
            .values({
              institution_id: row.institution_id,
              department_id: departmentId,
              sha256: row.file_sha256,
              title: row.title,
              file_name: row.file_name ?? row.title,
              file_mime: row.file_mime ?? "application/octet-stream",
              file_size: row.file_size ?? 0,
              created_by: row.created_by,
              created_at: row.created_at,
            })
            .returning("id")
            .executeTakeFirstOrThrow()
        ).id;
      libraryIds.set(key, libraryId!);
    }
    await db.updateTable("evidence").set({ library_file_id: libraryId }).where("id", "=", row.id).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("evidence_library_file").ifExists().execute();
  await db.schema.alterTable("evidence").dropColumn("library_file_id").execute();
  await db.schema.dropTable("library_files").ifExists().execute();
}
