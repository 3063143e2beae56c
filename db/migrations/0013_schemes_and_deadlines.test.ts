// Migration 0013 keeps what was there: every existing certificate is a 인증 certificate without a plaque, every
// existing round accepts late hand-ins (the rule before it), and the new columns refuse values outside their lists.
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

describe("migration 0013_schemes_and_deadlines", () => {
  it("marks existing certificates as 인증 ones and existing rounds as accepting late hand-ins", async () => {
    const db = openDatabase({ path: ":memory:" });
    const raw = db as Kysely<any>;
    await migrateUpTo(db, "0012_evidence_library");
    const now = "2014-05-01T00:00:00.000Z";
    const inst = await raw
      .insertInto("institutions")
      .values({ code: "m", name: "이관구", region: "서울특별시", type: "sigungu", created_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    await raw
      .insertInto("certifications")
      .values({ institution_id: inst.id, award_date: "2013-12-05", kind: "initial", created_at: now })
      .execute();
    await raw
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
    await raw
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
      .execute();

    await migrateUpTo(db, "0013_schemes_and_deadlines");
    expect(await db.selectFrom("certifications").select(["scheme", "plaque"]).execute()).toEqual([
      { scheme: "certification", plaque: null },
    ]);
    expect(await db.selectFrom("rounds").select("late_policy").execute()).toEqual([{ late_policy: "accept" }]);

    const bad = [
      raw.updateTable("certifications").set({ scheme: "종합평가" }),
      raw.updateTable("certifications").set({ plaque: "bronze" }),
      raw.updateTable("rounds").set({ late_policy: "maybe" }),
    ];
    for (const q of bad) await expect(q.execute()).rejects.toThrow(/CHECK constraint/);
    await db.destroy();
  });
});
