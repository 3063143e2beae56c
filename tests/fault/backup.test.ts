// npm run backup / npm run restore round trip on a seeded system with evidence files:
//   1. taken while a writer commits continuously, the backup is one consistent moment: the restored database
//      passes its integrity check, its audit chain verifies end to end, and every restored row is exactly the
//      source's row (the source only has more, written after the snapshot);
//   2. taken at rest, the restore is identical to the source: every row of every table, every evidence file's
//      bytes, the session secret;
//   3. a damaged backup is refused before anything is written.
import type { ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import type { ChainedEvent } from "~/domain/audit-chain";
import { verifyChain } from "~/utils/audit-chain.server";
import { dumpAll, integrityCheck, place, postgresAvailable, runScript, startScript, withSqlite } from "./helpers";

function storeFile(uploadDir: string, bytes: Buffer): string {
  const sha = createHash("sha256").update(bytes).digest("hex");
  const file = path.join(uploadDir, sha.slice(0, 2), sha.slice(2, 4), sha);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bytes);
  return sha;
}

function filesOf(dir: string): Record<string, string> {
  if (!fs.existsSync(dir)) return {};
  const out: Record<string, string> = {};
  for (const rel of fs.readdirSync(dir, { recursive: true }).map(String).sort()) {
    const file = path.join(dir, rel);
    if (fs.statSync(file).isFile()) out[rel] = createHash("sha256").update(fs.readFileSync(file)).digest("hex");
  }
  return out;
}

function auditChain(file: string) {
  return withSqlite(file, (db) =>
    verifyChain(db.prepare("select * from audit_events order by seq").all() as ChainedEvent[]),
  );
}

const primaryKey = (row: Record<string, unknown>) =>
  JSON.stringify(row.id ?? row.seq ?? row.name ?? Object.values(row).slice(0, 2));

function waitForLine(child: ChildProcess, line: string): Promise<void> {
  let seen = "";
  return new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (d) => {
      seen += String(d);
      if (seen.split("\n").includes(line)) resolve();
    });
    child.on("exit", (code) => reject(new Error(`process exited (${code}) before printing "${line}"`)));
  });
}

async function seededSystem() {
  const src = place("backup-src");
  runScript("scripts/seed.ts", [], src.env);
  // Evidence files: some referenced by evidence rows, one large, one with every byte value.
  const files = [
    Buffer.from("%PDF-1.4 증빙자료\n"),
    Buffer.alloc(3 * 1024 * 1024, 7),
    Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
  ];
  for (const bytes of files) storeFile(src.uploadDir, bytes);
  fs.writeFileSync(
    path.join(path.dirname(src.databasePath), ".session-secret"),
    "local-secret-local-secret-local-secret-42\n",
    { mode: 0o600 },
  );
  return src;
}

describe("backup and restore", () => {
  it("takes a consistent snapshot of a system that is writing, and restores it", async () => {
    const src = await seededSystem();
    const writer = startScript("tests/fault/audit-writer.ts", [], src.env);
    let out = "";
    writer.stdout!.on("data", (d) => (out += String(d)));
    await waitForLine(writer, "ready");
    await new Promise((r) => setTimeout(r, 300));
    const backupDir = path.join(src.dir, "backup-live");
    runScript("scripts/backup.ts", ["--out", backupDir], src.env);
    await new Promise((r) => setTimeout(r, 200));
    writer.kill("SIGTERM");
    await new Promise((r) => writer.on("exit", r));
    const committed = Number(/committed (\d+)/.exec(out)?.[1]);
    expect(committed).toBeGreaterThan(50);

    const dst = place("backup-dst");
    runScript("scripts/restore.ts", [backupDir], dst.env);
    expect(integrityCheck(dst.databasePath)).toBe("ok");
    const chain = auditChain(dst.databasePath);
    expect(chain.problems).toEqual([]);
    // The snapshot holds some of the writer's transactions, not none and not all: it really was taken mid-stream.
    const restored = dumpAll(dst.databasePath);
    const source = dumpAll(src.databasePath);
    const touches = (restored.audit_events as { action: string }[]).filter((e) => e.action === "touch").length;
    expect(touches).toBeGreaterThan(0);
    expect(touches).toBeLessThan(committed);
    // Every restored row is exactly the source's row, except the one response the writer kept changing.
    const touchedId = (restored.audit_events as { action: string; entity_id: string }[]).find(
      (e) => e.action === "touch",
    )!.entity_id;
    for (const [table, rows] of Object.entries(restored)) {
      const byKey = new Map((source[table] as Record<string, unknown>[]).map((r) => [primaryKey(r), r]));
      for (const row of rows as Record<string, unknown>[]) {
        if (table === "responses" && String(row.id) === touchedId) continue;
        expect(byKey.get(primaryKey(row)), `${table} ${primaryKey(row)}`).toEqual(row);
      }
    }
    // Each writer transaction changed the response and appended its event together: the snapshot has both or
    // neither, so the response's version moved by exactly the number of events it holds.
    const versionOf = (rows: unknown[]) =>
      (rows as { id: number; version: number }[]).find((r) => String(r.id) === touchedId)!.version;
    expect(versionOf(restored.responses) - touches).toBe(versionOf(source.responses) - committed);
  });

  it("round-trips a system at rest exactly: every row, every evidence file, the session secret", async () => {
    const src = await seededSystem();
    // A server that has just written and still holds the database open: its latest commits live in the WAL.
    const server = startScript("tests/fault/audit-writer.ts", ["--count", "40"], src.env);
    await waitForLine(server, "idle");
    const backupDir = path.join(src.dir, "backup");
    const printed = runScript("scripts/backup.ts", ["--out", backupDir], src.env);
    expect(printed).toMatch(/evidence files: 3/);
    const dst = place("restore-dst");
    runScript("scripts/restore.ts", [backupDir], dst.env);
    expect(fs.statSync(`${src.databasePath}-wal`).size).toBeGreaterThan(0);
    const atBackup = dumpAll(src.databasePath);
    server.kill("SIGTERM");
    await new Promise((r) => server.on("exit", r));
    expect((atBackup.audit_events as { action: string }[]).filter((e) => e.action === "touch")).toHaveLength(40);

    expect(integrityCheck(dst.databasePath)).toBe("ok");
    expect(dumpAll(dst.databasePath)).toEqual(atBackup);
    expect(dumpAll(src.databasePath)).toEqual(atBackup);
    expect(auditChain(dst.databasePath).ok).toBe(true);
    expect(filesOf(dst.uploadDir)).toEqual(filesOf(src.uploadDir));
    expect(Object.keys(filesOf(src.uploadDir))).toHaveLength(3);
    expect(fs.readFileSync(path.join(path.dirname(dst.databasePath), ".session-secret"), "utf8")).toBe(
      fs.readFileSync(path.join(path.dirname(src.databasePath), ".session-secret"), "utf8"),
    );

    // Restoring over an existing database needs --force, and then gives the same result again.
    expect(() => runScript("scripts/restore.ts", [backupDir], dst.env)).toThrow(/--force/);
    runScript("scripts/restore.ts", [backupDir, "--force"], dst.env);
    expect(dumpAll(dst.databasePath)).toEqual(dumpAll(src.databasePath));
  });

  it("refuses a damaged backup before touching anything", async () => {
    const src = await seededSystem();
    const backupDir = path.join(src.dir, "backup");
    runScript("scripts/backup.ts", ["--out", backupDir], src.env);
    const manifest = JSON.parse(fs.readFileSync(path.join(backupDir, "backup.json"), "utf8")) as {
      files: { path: string }[];
    };
    fs.appendFileSync(path.join(backupDir, "uploads", manifest.files[0].path), "x");
    const dst = place("restore-damaged");
    expect(() => runScript("scripts/restore.ts", [backupDir], dst.env)).toThrow(/damaged/);
    expect(fs.existsSync(dst.databasePath)).toBe(false);
  });
});

describe.skipIf(!postgresAvailable("backup and restore on PostgreSQL"))("backup and restore on PostgreSQL", () => {
  async function pgDump(url: string): Promise<Record<string, unknown[]>> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const tables = (
        await client.query(
          "select table_name from information_schema.tables where table_schema = 'public' order by table_name",
        )
      ).rows.map((r: { table_name: string }) => r.table_name);
      const out: Record<string, unknown[]> = {};
      for (const t of tables) out[t] = (await client.query(`select * from "${t}" order by 1`)).rows;
      return out;
    } finally {
      await client.end();
    }
  }
  async function freshDatabase(name: string): Promise<string> {
    const admin = new pg.Client({ connectionString: process.env.TEST_PG_URL });
    await admin.connect();
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.query(`create database "${name}"`);
    await admin.end();
    const url = new URL(process.env.TEST_PG_URL!);
    url.pathname = `/${name}`;
    return url.toString();
  }

  it("round-trips a seeded system through pg_dump and psql: every row, every evidence file, the audit chain", async () => {
    const srcUrl = await freshDatabase(`backup_src_${process.pid}`);
    const dstUrl = await freshDatabase(`backup_dst_${process.pid}`);
    const src = place("pg-backup-src", { DATABASE_URL: srcUrl });
    runScript("scripts/seed.ts", [], src.env);
    storeFile(src.uploadDir, Buffer.from("%PDF-1.4 증빙자료\n"));
    const backupDir = path.join(src.dir, "backup");
    expect(runScript("scripts/backup.ts", ["--out", backupDir], src.env)).toMatch(/evidence files: 1/);
    const dst = place("pg-backup-dst", { DATABASE_URL: dstUrl });
    runScript("scripts/restore.ts", [backupDir], dst.env);
    const restored = await pgDump(dstUrl);
    expect(restored).toEqual(await pgDump(srcUrl));
    // The demo's responses: 133 of the 2014 인증 round and 20 of the 2024 종합평가 round (the 국민행복민원실 round is
    // a draft, with none).
    expect((restored.responses as unknown[]).length).toBe(153);
    expect(verifyChain((restored.audit_events as ChainedEvent[]).map((e) => ({ ...e, seq: Number(e.seq) }))).ok).toBe(
      true,
    );
    expect(filesOf(dst.uploadDir)).toEqual(filesOf(src.uploadDir));
  });
});
