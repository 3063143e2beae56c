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
import { action as historyAction, loader as historyLoader } from "~/routes/rounds.$roundId.history";
import { action as dashboardAction } from "~/routes/rounds.$roundId._index";
import { action as indicatorAction } from "~/routes/rounds.$roundId.indicators.$code";
import { describeChanges, describeTarget } from "~/text/audit-display";
import { isoToSeoulLocal } from "~/domain/datetime";
import { databasePathFromEnv, databaseUrlFromEnv } from "#db/connection";
import pg from "pg";
import { recordEvent } from "~/utils/audit.server";
import { verifyAudit } from "~/utils/audit-replay.server";
import { db, outcome, requestAs, routeArgs } from "../utils";

const root = path.resolve(import.meta.dirname, "../..");
let roundId: number;
let auditor: number;
let coordinator: number;

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
    await tamper({
      run: async (q, p = []) => void sqlite.prepare(q).run(...p),
      get: async (q, p = []) => sqlite.prepare(q).get(...p) as Record<string, unknown>,
    });
    sqlite.close();
    check({ ...process.env, DATABASE_PATH: file, DATABASE_URL: "" });
    return;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const numbered = (q: string) => {
    let n = 0;
    return q.replace(/\?/g, () => `$${++n}`);
  };
  const raw: Raw = {
    run: async (q, p = []) => void (await client.query(numbered(q), p)),
    get: async (q, p = []) => (await client.query(numbered(q), p)).rows[0],
  };
  const saved = (await client.query("select * from audit_events where seq <= 10 order by seq")).rows;
  try {
    await client.query("alter table audit_events disable trigger user");
    await tamper(raw);
    check({ ...process.env });
  } finally {
    await client.query("delete from audit_events where seq <= 10");
    for (const r of saved) {
      const cols = Object.keys(r);
      await client.query(
        `insert into audit_events (${cols.join(", ")}) values (${cols.map((_, i) => `$${i + 1}`).join(", ")})`,
        cols.map((c) => r[c]),
      );
    }
    await client.query("alter table audit_events enable trigger user");
    await client.end();
  }
}

function verifyCli(env: NodeJS.ProcessEnv): { code: number; out: string } {
  try {
    const out = execFileSync(
      process.execPath,
      [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/audit.ts", "verify"],
      {
        cwd: root,
        env,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
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
  coordinator = (
    await db.selectFrom("users").select("id").where("username", "=", "coordinator").executeTakeFirstOrThrow()
  ).id;
  // A few more events after the seed's, so there is a chain to tamper with in the middle.
  for (let n = 1; n <= 6; n++) {
    await db.transaction().execute((trx) =>
      recordEvent(trx, {
        actorUserId: auditor,
        institutionId: report.institutionId,
        roundId,
        entity: "comment",
        entityId: n,
        action: "add",
        after: { body: `의견 ${n}` },
      }),
    );
  }
});

describe("the audit log", () => {
  it("cannot be changed or deleted through the database connection the app uses", async () => {
    const first = await db.selectFrom("audit_events").selectAll().orderBy("seq").limit(1).executeTakeFirstOrThrow();
    await expect(
      db.updateTable("audit_events").set({ action: "edited" }).where("seq", "=", first.seq).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom("audit_events").where("seq", "=", first.seq).execute()).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_events`.execute(db)).rejects.toThrow(/append-only/);
    expect(await db.selectFrom("audit_events").selectAll().orderBy("seq").limit(1).executeTakeFirstOrThrow()).toEqual(
      first,
    );
  });

  it("verifies clean: the page and the command agree", async () => {
    const result = await verifyAudit(db, { batch: 7 }); // small batches: the chain and the replay carry across them
    expect(result.ok).toBe(true);
    const count = Number(
      (
        await db
          .selectFrom("audit_events")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(result.checked).toBe(count);
    const page = await outcome(async () =>
      historyAction(
        routeArgs(await requestAs(auditor, `/rounds/${roundId}/history`, {}), { roundId: String(roundId) }),
      ),
    );
    expect(page.body).toMatchObject({ ok: true, checked: count });
    await withTampering(
      async () => undefined,
      (env) => {
        const cli = verifyCli(env);
        expect(cli.code).toBe(0);
        expect(cli.out).toContain(`${count} events`);
      },
    );
  });

  it("catches an edited row", async () => {
    await withTampering(
      (raw) => raw.run("update audit_events set after_json = ? where seq = 3", [JSON.stringify({ self_tenths: 999 })]),
      (env) => {
        const cli = verifyCli(env);
        expect(cli.code).toBe(1);
        expect(cli.out).toMatch(/#3 altered/);
      },
    );
  });

  it("catches a deleted row", async () => {
    await withTampering(
      (raw) => raw.run("delete from audit_events where seq = 4"),
      (env) => {
        const cli = verifyCli(env);
        expect(cli.code).toBe(1);
        expect(cli.out).toMatch(/#5 (gap|broken-link)/);
      },
    );
  });

  it("catches reordered rows, even with their sequence numbers swapped to match", async () => {
    await withTampering(
      async (raw) => {
        const a = await raw.get("select * from audit_events where seq = 2");
        const b = await raw.get("select * from audit_events where seq = 3");
        const swap = (from: Record<string, unknown>, seq: number) =>
          raw.run(
            "update audit_events set at = ?, actor_user_id = ?, entity = ?, entity_id = ?, action = ?, before_json = ?, after_json = ?, prev_hash = ?, hash = ? where seq = ?",
            [
              from.at,
              from.actor_user_id,
              from.entity,
              from.entity_id,
              from.action,
              from.before_json,
              from.after_json,
              from.prev_hash,
              from.hash,
              seq,
            ],
          );
        await swap(b, 2);
        await swap(a, 3);
      },
      (env) => {
        const cli = verifyCli(env);
        expect(cli.code).toBe(1);
        expect(cli.out).toMatch(/#2 (broken-link|altered)/);
      },
    );
  });
});

describe("what the log records and how the history reads it", () => {
  const eventCount = async () =>
    Number(
      (
        await db
          .selectFrom("audit_events")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const round = () => db.selectFrom("rounds").selectAll().where("id", "=", roundId).executeTakeFirstOrThrow();
  const setDeadline = async (deadline: string, latePolicy = "accept") => {
    const { version } = await round();
    return outcome(async () =>
      dashboardAction(
        routeArgs(
          await requestAs(coordinator, `/rounds/${roundId}`, {
            intent: "setDeadline",
            version: String(version),
            deadline,
            latePolicy,
          }),
          { roundId: String(roundId) },
        ),
      ),
    );
  };

  it("records nothing when a deadline is saved unchanged, and says so; a changed one is recorded with before and after", async () => {
    const before = await round();
    const events = await eventCount();
    const same = await setDeadline(isoToSeoulLocal(before.deadline_at!));
    expect(same.status).toBe(200);
    expect(same.body).toMatchObject({ ok: true, notice: { key: "history.unchanged.deadline" } });
    expect(await eventCount()).toBe(events);
    expect((await round()).version).toBe(before.version);

    const moved = await setDeadline("2014-09-05T18:00");
    expect(moved.body).toMatchObject({ ok: true, notice: { key: "rounds.notice.deadlineSet" } });
    expect(await eventCount()).toBe(events + 1);
    const last = await db
      .selectFrom("audit_events")
      .selectAll()
      .orderBy("seq", "desc")
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(last).toMatchObject({ entity: "round", action: "set_deadline", actor_user_id: coordinator });
    expect(JSON.parse(last.before_json!)).toEqual({ deadline_at: before.deadline_at, late_policy: "accept" });
    await setDeadline(isoToSeoulLocal(before.deadline_at!)); // back as the seed had it
  });

  it("gives the history page the names its events need: indicator titles and departments, whatever the page holds", async () => {
    // A real review, so the page has a response event to name.
    const handedIn = await db
      .selectFrom("responses")
      .select(["indicator_code", "version"])
      .where("round_id", "=", roundId)
      .where("status", "=", "submitted")
      .orderBy("id")
      .limit(1)
      .executeTakeFirstOrThrow();
    const approved = await outcome(async () =>
      indicatorAction(
        routeArgs(
          await requestAs(auditor, `/rounds/${roundId}/indicators/${handedIn.indicator_code}`, {
            intent: "approve",
            version: String(handedIn.version),
          }),
          { roundId: String(roundId), code: handedIn.indicator_code },
        ),
      ),
    );
    expect(approved.status).toBe(200);
    const page = await outcome(async () =>
      historyLoader(
        routeArgs(await requestAs(auditor, `/rounds/${roundId}/history?entity=response`), { roundId: String(roundId) }),
      ),
    );
    const { entries, lookups } = page.body.history as {
      entries: Parameters<typeof describeTarget>[1][];
      lookups: Parameters<typeof describeTarget>[2];
    };
    expect(entries.map((e) => [describeTarget("ko", e, lookups).code, e.action])).toContainEqual([
      handedIn.indicator_code,
      "approve",
    ]);
    const departments = await db
      .selectFrom("departments")
      .select(["id", "name"])
      .where("institution_id", "=", (await round()).institution_id)
      .execute();
    expect(lookups!.departments).toEqual(Object.fromEntries(departments.map((d) => [String(d.id), d.name])));
    for (const entry of entries) {
      const target = describeTarget("ko", entry, lookups);
      expect(target.code, `#${entry.entityId}`).toMatch(/^\d+\.\d+\.\d+/);
      expect(target.title).toEqual(expect.any(String));
      // No internal field name or stored value shows through.
      for (const c of describeChanges("ko", entry, lookups).changes) expect(c.label).not.toMatch(/^[a-z_]+$/);
    }
    // The comments added above name no indicator: they show as the comment's number, not as nothing.
    const comments = await outcome(async () =>
      historyLoader(
        routeArgs(await requestAs(auditor, `/rounds/${roundId}/history?entity=comment`), { roundId: String(roundId) }),
      ),
    );
    const bare = (comments.body.history.entries as Parameters<typeof describeTarget>[1][]).find(
      (e) => e.entityId === "6",
    )!;
    expect(describeTarget("ko", bare)).toMatchObject({ entity: "의견", code: null, ref: "#6" });
  });
});
