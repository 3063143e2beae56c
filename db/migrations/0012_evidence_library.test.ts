// Migration 0012 moves existing file evidence into the department libraries: one library file per department and
// content (the store already holds the bytes once), every evidence row pointing at it, nothing copied.
import { type Kysely, Migrator } from "kysely";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../connection";
import type { Database } from "../schema";
import { migrations } from "./index";

async function migrateUpTo(db: Kysely<Database>, last: string) {
  const names = Object.keys(migrations);
  const wanted = Object.fromEntries(names.slice(0, names.indexOf(last) + 1).map((n) => [n, migrations[n]]));
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => wanted },
    allowUnorderedMigrations: true,
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
}

describe("migration 0012_evidence_library", () => {
  it("puts existing file evidence into the lead department's library once per content", async () => {
    const db = openDatabase({ path: ":memory:" });
    const before = Object.keys(migrations)[Object.keys(migrations).indexOf("0012_evidence_library") - 1];
    await migrateUpTo(db, before);
    const now = "2014-05-01T00:00:00.000Z";
    const inst = await db
      .insertInto("institutions")
      .values({ code: "m", name: "이관구", region: "서울특별시", type: "sigungu", created_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    const [planning, civil] = await Promise.all(
      ["기획예산과", "민원여권과"].map((name) =>
        db
          .insertInto("departments")
          .values({ institution_id: inst.id, name, created_at: now })
          .returning("id")
          .executeTakeFirstOrThrow(),
      ),
    );
    const user = await db
      .insertInto("users")
      .values({ username: "u", display_name: "담당자", password_hash: "x", created_at: now, updated_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("memberships")
      .values({
        user_id: user.id,
        institution_id: inst.id,
        role: "department_member",
        department_id: civil.id,
        created_at: now,
      })
      .execute();
    await db
      .insertInto("rubric_editions")
      .values({
        id: "e",
        year: 2014,
        institution_type: "sigungu",
        title: "t",
        source: "shipped",
        reconstruction: 1,
        content: "{}",
        content_hash: "h",
        total_tenths: 10000,
        indicator_count: 0,
        created_at: now,
      })
      .execute();
    const round = await db
      .insertInto("rounds")
      .values({
        institution_id: inst.id,
        edition_id: "e",
        year: 2014,
        title: "r",
        state: "open",
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (const code of ["1.1.1", "1.1.2"])
      await db
        .insertInto("assignments")
        .values({ round_id: round.id, indicator_code: code, department_id: planning.id, role: "lead", created_at: now })
        .execute();
    const evidence: number[] = [];
    for (const [code, sha, kind] of [
      ["1.1.1", "a".repeat(64), "file"],
      ["1.1.2", "a".repeat(64), "file"],
      ["1.1.2", "b".repeat(64), "file"],
      ["9.9.9", "a".repeat(64), "file"], // no lead: the uploader's department
      ["1.1.1", null, "note"],
    ] as const) {
      const response = await db
        .insertInto("responses")
        .values({
          round_id: round.id,
          indicator_code: code,
          status: "draft",
          implemented: null,
          answer: null,
          self_tenths: null,
          narrative: null,
          updated_by: user.id,
          updated_at: now,
          submitted_at: null,
        })
        .onConflict((oc) => oc.columns(["round_id", "indicator_code"]).doUpdateSet({ status: "draft" }))
        .returning("id")
        .executeTakeFirstOrThrow();
      const row = await (db as Kysely<any>)
        .insertInto("evidence")
        .values({
          response_id: response.id,
          kind,
          title: kind === "file" ? `규정 ${sha![0]}` : "메모",
          url: null,
          note: kind === "note" ? "메모" : null,
          file_sha256: sha,
          file_name: kind === "file" ? "규정.pdf" : null,
          file_mime: kind === "file" ? "application/pdf" : null,
          file_size: kind === "file" ? 100 : null,
          created_by: user.id,
          created_at: now,
          deleted_at: null,
          deleted_by: null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      evidence.push(row.id);
    }
    await migrateUpTo(db, "0012_evidence_library");
    const library = await db.selectFrom("library_files").selectAll().orderBy("id").execute();
    expect(library.map((l) => [l.department_id, l.sha256[0]])).toEqual([
      [planning.id, "a"],
      [planning.id, "b"],
      [civil.id, "a"],
    ]);
    const rows = await db.selectFrom("evidence").select(["id", "library_file_id"]).orderBy("id").execute();
    expect(rows.map((r) => r.library_file_id)).toEqual([
      library[0].id,
      library[0].id,
      library[1].id,
      library[2].id,
      null,
    ]);
    expect(evidence).toHaveLength(5);
    await db.destroy();
  });
});
