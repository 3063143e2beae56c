// An attacker who can write the database (the append-only triggers dropped first, as anyone with the file or a
// superuser can) against `npm run audit -- verify` and the history page: the last events deleted, an event rewritten
// with every later hash recomputed by the public formula, a response changed directly in its table. Each is caught —
// by a signed checkpoint (held in the database or kept outside as a file) or by replaying the rows from the log — and a
// clean log with valid checkpoints still passes. Runs on SQLite and, with TEST_PG_URL, on PostgreSQL.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databasePathFromEnv, databaseUrlFromEnv } from "#db/connection";
import { hashEvent } from "~/utils/audit-chain.server";
import { action as historyAction } from "~/routes/rounds.$roundId.history";
import { recordEvent } from "~/utils/audit.server";
import { recordCheckpoint } from "~/utils/checkpoints.server";
import { seedDemo } from "../../seeds/demo";
import { db, outcome, requestAs, routeArgs } from "../utils";

const root = path.resolve(import.meta.dirname, "../..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tamper-"));
let roundId: number;
let auditor: number;
let outside: string;

type Row = Record<string, unknown>;
/** Raw SQL on the same database as an intruder would run it: `?` placeholders on both engines. */
interface Raw {
  run(query: string, params?: unknown[]): Promise<void>;
  all(query: string, params?: unknown[]): Promise<Row[]>;
  /** Drops (or disables) the triggers that keep audit_events and audit_checkpoints append-only. */
  dropGuards(): Promise<void>;
  restoreGuards(): Promise<void>;
  close(): Promise<void>;
}

async function openRaw(): Promise<Raw> {
  const url = databaseUrlFromEnv();
  if (!url) {
    const sqlite = new SQLite(databasePathFromEnv());
    const guards = [
      "audit_events_no_update",
      "audit_events_no_delete",
      "audit_checkpoints_no_update",
      "audit_checkpoints_no_delete",
    ];
    let saved: { name: string; sql: string }[] = [];
    return {
      run: async (q, p = []) => void sqlite.prepare(q).run(...(p as never[])),
      all: async (q, p = []) => sqlite.prepare(q).all(...(p as never[])) as Row[],
      async dropGuards() {
        saved = sqlite
          .prepare(
            `select name, sql from sqlite_master where type = 'trigger' and name in (${guards.map(() => "?").join(",")})`,
          )
          .all(...guards) as typeof saved;
        for (const t of saved) sqlite.exec(`drop trigger ${t.name}`);
      },
      async restoreGuards() {
        for (const t of saved) sqlite.exec(t.sql);
      },
      close: async () => void sqlite.close(),
    };
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const numbered = (q: string) => {
    let n = 0;
    return q.replace(/\?/g, () => `$${++n}`);
  };
  return {
    run: async (q, p = []) => void (await client.query(numbered(q), p)),
    all: async (q, p = []) => (await client.query(numbered(q), p)).rows,
    async dropGuards() {
      await client.query("alter table audit_events disable trigger user");
      await client.query("alter table audit_checkpoints disable trigger user");
    },
    async restoreGuards() {
      await client.query("alter table audit_events enable trigger user");
      await client.query("alter table audit_checkpoints enable trigger user");
    },
    close: () => client.end(),
  };
}

/** Tampers, checks, then puts everything back as it was (the test database is shared by the file's tests). */
async function tampered(tamper: (raw: Raw) => Promise<() => Promise<void>>, check: () => Promise<void>) {
  const raw = await openRaw();
  await raw.dropGuards();
  const undo = await tamper(raw);
  try {
    await check();
  } finally {
    await undo();
    await raw.restoreGuards();
    await raw.close();
  }
}

function cli(...args: string[]): { code: number; out: string } {
  try {
    const out = execFileSync(
      process.execPath,
      [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/audit.ts", ...args],
      {
        cwd: root,
        env: process.env,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    return { code: 0, out };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { code: e.status, out: `${e.stdout}${e.stderr}` };
  }
}

async function page(): Promise<{ ok: boolean; problems: { kind: string; seq: number | null; message: string }[] }> {
  const result = await outcome(async () =>
    historyAction(
      routeArgs(await requestAs(auditor, `/rounds/${roundId}/history`, { intent: "verify" }), {
        roundId: String(roundId),
      }),
    ),
  );
  expect(result.status).toBe(200);
  return result.body;
}

const eventRows = (raw: Raw, fromSeq: number) =>
  raw.all("select * from audit_events where seq >= ? order by seq", [fromSeq]);

beforeAll(async () => {
  const report = await seedDemo(db);
  roundId = report.round!.id;
  auditor = (await db.selectFrom("users").select("id").where("username", "=", "auditor").executeTakeFirstOrThrow()).id;
  // Comments after the seed: events whose loss only a checkpoint can reveal (no row replays from them).
  for (let n = 1; n <= 4; n++) {
    await db.transaction().execute((trx) =>
      recordEvent(trx, {
        actorUserId: auditor,
        institutionId: report.institutionId,
        roundId,
        entity: "comment",
        entityId: 9000 + n,
        action: "add",
        after: { body: `의견 ${n}` },
      }),
    );
  }
  await recordCheckpoint(db, "manual");
  outside = path.join(dir, "kept-elsewhere.json");
  const signed = cli("checkpoint", "--out", outside);
  expect(signed.code, signed.out).toBe(0);
}, 120_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("verify against an attacker with write access to the database", () => {
  it("passes a clean log with valid checkpoints, held and kept outside", async () => {
    const result = cli("verify", "--checkpoint", outside);
    expect(result.code, result.out).toBe(0);
    expect(result.out).toMatch(
      /audit log OK: \d+ events.*; [2-9]\d* signed checkpoint\(s\) match; \d+ rows hold what the log says/,
    );
    const verdict = await page();
    expect(verdict.problems).toEqual([]);
    expect(verdict.ok).toBe(true);
  }, 60_000);

  it("catches the last events deleted: the checkpoint proves the log once reached further", async () => {
    await tampered(
      async (raw) => {
        const [{ last }] = await raw.all("select max(seq) as last from audit_events");
        const cut = await eventRows(raw, Number(last) - 2);
        await raw.run("delete from audit_events where seq >= ?", [Number(last) - 2]);
        return async () => {
          for (const r of cut) {
            const cols = Object.keys(r);
            await raw.run(
              `insert into audit_events (${cols.join(", ")}) values (${cols.map(() => "?").join(", ")})`,
              cols.map((c) => r[c]),
            );
          }
        };
      },
      async () => {
        const result = cli("verify");
        expect(result.code, result.out).toBe(1);
        expect(result.out).toMatch(
          /checkpoint-truncated: A signed checkpoint \(held in the database, signed .*\) proves the log reached #\d+, but it now ends at #\d+/,
        );
        const verdict = await page();
        expect(verdict.ok).toBe(false);
        expect(verdict.problems.map((p) => p.kind)).toContain("checkpoint-truncated");
        expect(verdict.problems.find((p) => p.kind === "checkpoint-truncated")!.message).toMatch(
          /마지막 기록이 잘려 나갔습니다/,
        );
      },
    );
  }, 60_000);

  it("catches the same cut when the attacker also deleted the checkpoints the database held, with the one kept outside", async () => {
    await tampered(
      async (raw) => {
        const [{ last }] = await raw.all("select max(seq) as last from audit_events");
        const cut = await eventRows(raw, Number(last) - 2);
        const checkpoints = await raw.all("select * from audit_checkpoints order by id");
        await raw.run("delete from audit_events where seq >= ?", [Number(last) - 2]);
        await raw.run("delete from audit_checkpoints");
        return async () => {
          for (const [table, rows] of [
            ["audit_events", cut],
            ["audit_checkpoints", checkpoints],
          ] as const) {
            for (const r of rows) {
              const cols = Object.keys(r);
              await raw.run(
                `insert into ${table} (${cols.join(", ")}) values (${cols.map(() => "?").join(", ")})`,
                cols.map((c) => r[c]),
              );
            }
          }
        };
      },
      async () => {
        expect(cli("verify").code).toBe(0); // nothing inside the database betrays the cut any more …
        const result = cli("verify", "--checkpoint", outside); // … the copy kept elsewhere does
        expect(result.code, result.out).toBe(1);
        expect(result.out).toMatch(/checkpoint-truncated: A signed checkpoint \(kept-elsewhere\.json/);
      },
    );
  }, 60_000);

  it("catches an event rewritten with every later hash recomputed: the chain holds, the signed head does not", async () => {
    await tampered(
      async (raw) => {
        const rows = await eventRows(raw, 7);
        let prev = String(rows[0].prev_hash);
        for (const r of rows) {
          const content = {
            ...r,
            actor_user_id: r.seq === 7 ? null : r.actor_user_id,
            at: r.seq === 7 ? "2014-01-01T00:00:00.000Z" : r.at,
          } as never as Parameters<typeof hashEvent>[0];
          const hash = hashEvent(content, prev);
          await raw.run("update audit_events set at = ?, actor_user_id = ?, prev_hash = ?, hash = ? where seq = ?", [
            content.at,
            content.actor_user_id,
            prev,
            hash,
            r.seq,
          ]);
          prev = hash;
        }
        return async () => {
          for (const r of rows)
            await raw.run("update audit_events set at = ?, actor_user_id = ?, prev_hash = ?, hash = ? where seq = ?", [
              r.at,
              r.actor_user_id,
              r.prev_hash,
              r.hash,
              r.seq,
            ]);
        };
      },
      async () => {
        const result = cli("verify", "--checkpoint", outside);
        expect(result.code, result.out).toBe(1);
        expect(result.out).not.toMatch(/altered|broken-link|gap/); // the recomputed chain itself looks whole
        expect(result.out).toMatch(
          /#\d+ checkpoint-rewritten: #\d+: differs from the signed checkpoint \(held in the database/,
        );
        expect(result.out).toMatch(/checkpoint-rewritten: .*kept-elsewhere\.json/);
        const verdict = await page();
        const rewritten = verdict.problems.find((p) => p.kind === "checkpoint-rewritten");
        expect(rewritten?.message).toMatch(/다시 쓰였습니다/);
        expect(rewritten?.seq).toEqual(expect.any(Number)); // the page marks that event's row
      },
    );
  }, 60_000);

  it("names a response whose reviewed score was changed directly in its table", async () => {
    const approved = await db
      .selectFrom("responses")
      .select(["id", "indicator_code", "reviewed_tenths"])
      .where("round_id", "=", roundId)
      .where("status", "=", "approved")
      .orderBy("id")
      .limit(1)
      .executeTakeFirstOrThrow();
    await tampered(
      async (raw) => {
        await raw.run("update responses set reviewed_tenths = ? where id = ?", [
          approved.reviewed_tenths! - 10,
          approved.id,
        ]);
        return () =>
          raw.run("update responses set reviewed_tenths = ? where id = ?", [approved.reviewed_tenths, approved.id]);
      },
      async () => {
        const result = cli("verify");
        expect(result.code, result.out).toBe(1);
        expect(result.out).toContain(
          `row-differs: Response ${approved.indicator_code} #${approved.id}: the table differs from the log — Reviewed score: log ${(approved.reviewed_tenths! / 10).toFixed(1)}`,
        );
        const verdict = await page();
        const differs = verdict.problems.filter((p) => p.kind === "row-differs");
        expect(differs).toHaveLength(1);
        expect(differs[0].message).toContain(
          `응답 ${approved.indicator_code} #${approved.id}: 표의 값이 기록과 다릅니다 — 검토 점수: 기록 ${(approved.reviewed_tenths! / 10).toFixed(1)}점, 표 ${((approved.reviewed_tenths! - 10) / 10).toFixed(1)}점`,
        );
        // The event the table no longer matches is the one the page marks.
        const last = await db
          .selectFrom("audit_events")
          .select("seq")
          .where("entity", "=", "response")
          .where("entity_id", "=", String(approved.id))
          .orderBy("seq", "desc")
          .limit(1)
          .executeTakeFirstOrThrow();
        expect(differs[0].seq).toBe(last.seq);
      },
    );
  }, 60_000);
});
