// The audit log on a real database: the app cannot alter it (the database refuses UPDATE and DELETE), and when
// someone with raw access does, `npm run audit -- verify` and the auditors' page find the edited, deleted or
// reordered row.
import { execFileSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../seeds/demo";
import { action as historyAction } from "~/routes/rounds.$roundId.history";
import { databasePathFromEnv, databaseUrlFromEnv } from "#db/connection";
import pg from "pg";
import { recordEvent } from "~/utils/audit.server";
import { verifyAuditLog } from "~/utils/history.server";
import { db, outcome, requestAs, routeArgs } from "../utils";

const root = path.resolve(import.meta.dirname, "../..");
let roundId: number;
let auditor: number;

/** Raw access to the database, as an intruder would have it: `?` placeholders on both engines. */
interface Raw {
  run(query: string, params?: unknown[]): Promise<void>;
  get(query: string, params?: unknown[]): Promise<Record<string, unknown>>;
}

/**
 * The database tampered with by raw SQL with the guarding triggers out of the way, for the CLI to verify: on SQLite a
 * tampered copy of the file; on PostgreSQL the live database, restored right after the check (rows 1–10 put back).
 */
async function withTampering(tamper: (raw: Raw) => Promise<void>, check: (env: NodeJS.ProcessEnv) => void) {
  const url = databaseUrlFromEnv();
  if (!url) {
    const file = path.join(os.tmpdir(), `tampered-${process.pid}-${Math.random().toString(16).slice(2)}.sqlite`);
    const source = new SQLite(databasePathFromEnv());
    await source.backup(file); // SQLite's online backup: a consistent copy, WAL included
    source.close();
    const sqlite = new SQLite(file);
    sqlite.exec("drop trigger audit_events_no_update; drop trigger audit_events_no_delete;");
    await tamper({ run: async (q, p = []) => void sqlite.prepare(q).run(...p), get: async (q, p = []) => sqlite.prepare(q).get(...p) as Record<string, unknown> });
    sqlite.close();
    check({ ...process.env, DATABASE_PATH: file, DATABASE_URL: "" });
    return;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const numbered = (q: string) => { let n = 0; return q.replace(/\?/g, () => `$${++n}`); };
  const raw: Raw = { run: async (q, p = []) => void (await client.query(numbered(q), p)), get: async (q, p = []) => (await client.query(numbered(q), p)).rows[0] };
  const saved = (await client.query("select * from audit_events where seq <= 10 order by seq")).rows;
  try {
    await client.query("alter table audit_events disable trigger user");
    await tamper(raw);
    check({ ...process.env });
  } finally {
    await client.query("delete from audit_events where seq <= 10");
    for (const r of saved) {
      const cols = Object.keys(r);
      await client.query(`insert into audit_events (${cols.join(", ")}) values (${cols.map((_, i) => `$${i + 1}`).join(", ")})`, cols.map((c) => r[c]));
    }
    await client.query("alter table audit_events enable trigger user");
    await client.end();
  }
}

function verifyCli(env: NodeJS.ProcessEnv): { code: number; out: string } {
  try {
    const out = execFileSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/audit.ts", "verify"], {
      cwd: root, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"],
    });
    return { code: 0, out };
  } catch (error) {
    const e = error as { status: number; stdout: string };
    return { code: e.status, out: e.stdout };
  }
}

beforeAll(async () => {
  const report = await seedDemo(db);
  roundId = report.round!.id;
  auditor = (await db.selectFrom("users").select("id").where("username", "=", "auditor").executeTakeFirstOrThrow()).id;
  // A few more events after the seed's, so there is a chain to tamper with in the middle.
  for (let n = 1; n <= 6; n++) {
    await db.transaction().execute((trx) => recordEvent(trx, {
      actorUserId: auditor, institutionId: report.institutionId, roundId, entity: "comment", entityId: n, action: "add", after: { body: `의견 ${n}` },
    }));
  }
});

describe("the audit log", () => {
  it("cannot be changed or deleted through the database connection the app uses", async () => {
    const first = await db.selectFrom("audit_events").selectAll().orderBy("seq").limit(1).executeTakeFirstOrThrow();
    await expect(db.updateTable("audit_events").set({ action: "edited" }).where("seq", "=", first.seq).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom("audit_events").where("seq", "=", first.seq).execute()).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_events`.execute(db)).rejects.toThrow(/append-only/);
    expect(await db.selectFrom("audit_events").selectAll().orderBy("seq").limit(1).executeTakeFirstOrThrow()).toEqual(first);
  });

  it("verifies clean: the page and the command agree", async () => {
    const result = await verifyAuditLog(db, 7); // small batches: the chain carries across them
    expect(result.ok).toBe(true);
    const count = Number((await db.selectFrom("audit_events").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
    expect(result.checked).toBe(count);
    const page = await outcome(async () => historyAction(routeArgs(await requestAs(auditor, `/rounds/${roundId}/history`, {}), { roundId: String(roundId) })));
    expect(page.body).toMatchObject({ ok: true, checked: count });
    await withTampering(async () => undefined, (env) => {
      const cli = verifyCli(env);
      expect(cli.code).toBe(0);
      expect(cli.out).toContain(`${count} events`);
    });
  });

  it("catches an edited row", async () => {
    await withTampering((raw) => raw.run("update audit_events set after_json = ? where seq = 3", [JSON.stringify({ self_tenths: 999 })]), (env) => {
      const cli = verifyCli(env);
      expect(cli.code).toBe(1);
      expect(cli.out).toMatch(/#3 altered/);
    });
  });

  it("catches a deleted row", async () => {
    await withTampering((raw) => raw.run("delete from audit_events where seq = 4"), (env) => {
      const cli = verifyCli(env);
      expect(cli.code).toBe(1);
      expect(cli.out).toMatch(/#5 (gap|broken-link)/);
    });
  });

  it("catches reordered rows, even with their sequence numbers swapped to match", async () => {
    await withTampering(async (raw) => {
      const a = await raw.get("select * from audit_events where seq = 2");
      const b = await raw.get("select * from audit_events where seq = 3");
      const swap = (from: Record<string, unknown>, seq: number) => raw.run(
        "update audit_events set at = ?, actor_user_id = ?, entity = ?, entity_id = ?, action = ?, before_json = ?, after_json = ?, prev_hash = ?, hash = ? where seq = ?",
        [from.at, from.actor_user_id, from.entity, from.entity_id, from.action, from.before_json, from.after_json, from.prev_hash, from.hash, seq],
      );
      await swap(b, 2);
      await swap(a, 3);
    }, (env) => {
      const cli = verifyCli(env);
      expect(cli.code).toBe(1);
      expect(cli.out).toMatch(/#2 (broken-link|altered)/);
    });
  });
});
