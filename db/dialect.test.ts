// The SQLite dialect's transactions take the write lock at BEGIN, so that two processes (cluster workers) that read
// and then write wait for each other instead of failing. Two connections on one file stand in for two processes.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Kysely, sql } from "kysely";
import { describe, expect, it } from "vitest";
import { sqliteDialect } from "./dialect";

describe("SQLite transactions", () => {
  it("take the write lock at BEGIN: a writer that comes second waits, the transaction that read first commits", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "injeungjigi-dialect-")), "t.sqlite");
    const first = new Kysely<any>({ dialect: sqliteDialect({ path: file }) });
    const second = new Kysely<any>({ dialect: sqliteDialect({ path: file, busyTimeoutMs: 50 }) });
    await sql`create table counter (id integer primary key, n integer not null)`.execute(first);
    await sql`insert into counter (id, n) values (1, 0)`.execute(first);

    let secondError: unknown = null;
    await first.transaction().execute(async (trx) => {
      const { n } = await trx.selectFrom("counter").select("n").where("id", "=", 1).executeTakeFirstOrThrow();
      // Another process writes between our read and our write.
      try {
        await sql`update counter set n = 100 where id = 1`.execute(second);
      } catch (error) {
        secondError = error;
      }
      // With a deferred BEGIN this write would fail with SQLITE_BUSY_SNAPSHOT: our snapshot is stale.
      await trx
        .updateTable("counter")
        .set({ n: n + 1 })
        .where("id", "=", 1)
        .execute();
    });
    // The second writer was made to wait (and, with a 50 ms limit, gave up) instead of slipping in.
    expect((secondError as { code?: string } | null)?.code).toBe("SQLITE_BUSY");
    expect(await first.selectFrom("counter").select("n").executeTakeFirstOrThrow()).toEqual({ n: 1 });
    await first.destroy();
    await second.destroy();
  });
});
