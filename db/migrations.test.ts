import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { migrateToLatest, openDatabase } from "./connection";
import { migrations } from "./migrations/index";

describe("migrations", () => {
  it("create every table on an empty database and are idempotent", async () => {
    const db = openDatabase({ path: ":memory:" });
    const applied = await migrateToLatest(db);
    expect(applied).toEqual(Object.keys(migrations));
    expect(await migrateToLatest(db)).toEqual([]);
    const tables = (await db.introspection.getTables()).map((t) => t.name).sort();
    for (const t of [
      "institutions",
      "departments",
      "users",
      "memberships",
      "sessions",
      "rubric_editions",
      "edition_indicators",
      "rounds",
      "assignments",
      "responses",
      "evidence",
      "certifications",
      "audit_events",
    ]) {
      expect(tables).toContain(t);
    }
    await db.destroy();
  });

  it("enforce foreign keys and the one-round-per-institution-and-year rule", async () => {
    const db = openDatabase({ path: ":memory:" });
    await migrateToLatest(db);
    const now = new Date().toISOString();
    await expect(
      db.insertInto("departments").values({ institution_id: 999, name: "x", created_at: now }).execute(),
    ).rejects.toThrow(/FOREIGN KEY/);
    const inst = await db
      .insertInto("institutions")
      .values({ code: "t", name: "테스트구", region: "서울특별시", type: "sigungu", created_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
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
    const round = {
      institution_id: inst.id,
      edition_id: "e",
      year: 2014,
      title: "r",
      state: "open" as const,
      created_at: now,
      updated_at: now,
    };
    await db.insertInto("rounds").values(round).execute();
    await expect(db.insertInto("rounds").values(round).execute()).rejects.toThrow(/UNIQUE/);
    await expect(
      db
        .insertInto("rounds")
        .values({ ...round, year: 2015, state: "bogus" as never })
        .execute(),
    ).rejects.toThrow(/CHECK/);
    await db.destroy();
  });

  it("can be rolled back to an empty database", async () => {
    const db = openDatabase({ path: ":memory:" });
    await migrateToLatest(db);
    for (const m of Object.values(migrations).reverse()) await m.down?.(db);
    const { rows } = await sql<{
      name: string;
    }>`select name from sqlite_master where type = 'table' and name not like 'kysely_%' and name not like 'sqlite_%'`.execute(
      db,
    );
    expect(rows).toEqual([]);
    await db.destroy();
  });
});
