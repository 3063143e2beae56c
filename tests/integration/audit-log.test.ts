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
import { databasePathFromEnv } from "#db/connection";
import { recordEvent } from "~/utils/audit.server";
import { verifyAuditLog } from "~/utils/history.server";
import { db, outcome, requestAs, routeArgs } from "../utils";

const root = path.resolve(import.meta.dirname, "../..");
let roundId: number;
let auditor: number;

/** A copy of the test database, tampered with by raw SQL with the guarding triggers dropped, as an intruder would. */
async function tamperedCopy(tamper: (raw: SQLite.Database) => void): Promise<string> {
  const file = path.join(os.tmpdir(), `tampered-${process.pid}-${Math.random().toString(16).slice(2)}.sqlite`);
  // SQLite's online backup: a consistent copy, WAL included.
  const source = new SQLite(databasePathFromEnv());
  await source.backup(file);
  source.close();
  const raw = new SQLite(file);
  raw.exec("drop trigger audit_events_no_update; drop trigger audit_events_no_delete;");
  tamper(raw);
  raw.close();
  return file;
}

function verifyCli(file: string): { code: number; out: string } {
  try {
    const out = execFileSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/audit.ts", "verify"], {
      cwd: root, env: { ...process.env, DATABASE_PATH: file }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"],
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
    const cli = verifyCli(await tamperedCopy(() => undefined));
    expect(cli.code).toBe(0);
    expect(cli.out).toContain(`${count} events`);
  });

  it("catches an edited row", async () => {
    const file = await tamperedCopy((raw) => raw.prepare("update audit_events set after_json = ? where seq = 3").run(JSON.stringify({ self_tenths: 999 })));
    const cli = verifyCli(file);
    expect(cli.code).toBe(1);
    expect(cli.out).toMatch(/#3 altered/);
  });

  it("catches a deleted row", async () => {
    const cli = verifyCli(await tamperedCopy((raw) => raw.prepare("delete from audit_events where seq = 4").run()));
    expect(cli.code).toBe(1);
    expect(cli.out).toMatch(/#5 (gap|broken-link)/);
  });

  it("catches reordered rows, even with their sequence numbers swapped to match", async () => {
    const cli = verifyCli(await tamperedCopy((raw) => {
      const a = raw.prepare("select * from audit_events where seq = 2").get() as Record<string, unknown>;
      const b = raw.prepare("select * from audit_events where seq = 3").get() as Record<string, unknown>;
      const put = raw.prepare("update audit_events set at = ?, actor_user_id = ?, entity = ?, entity_id = ?, action = ?, before_json = ?, after_json = ?, prev_hash = ?, hash = ? where seq = ?");
      const swap = (from: Record<string, unknown>, seq: number) =>
        put.run(from.at, from.actor_user_id, from.entity, from.entity_id, from.action, from.before_json, from.after_json, from.prev_hash, from.hash, seq);
      swap(b, 2);
      swap(a, 3);
    }));
    expect(cli.code).toBe(1);
    expect(cli.out).toMatch(/#2 (broken-link|altered)/);
  });
});
