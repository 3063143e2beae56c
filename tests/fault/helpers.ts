// Shared by the fault tests: temporary data directories, running the TypeScript scripts, reading a SQLite file.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
export { freePort } from "../../scripts/free-port";

export const root = path.resolve(import.meta.dirname, "../..");
const tsxCli = path.join(root, "node_modules/tsx/dist/cli.mjs");

export interface Place {
  dir: string;
  env: NodeJS.ProcessEnv;
  databasePath: string;
  uploadDir: string;
}

/** A fresh data directory and the environment that points the app and the scripts at it. */
export function place(name: string, extra: Record<string, string> = {}): Place {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `injeungjigi-${name}-`));
  const databasePath = path.join(dir, "data", "app.sqlite");
  const uploadDir = path.join(dir, "data", "uploads");
  const env = {
    ...process.env,
    NODE_ENV: "production" as const,
    DATABASE_PATH: databasePath,
    UPLOAD_DIR: uploadDir,
    SESSION_SECRET: "fault-secret-fault-secret-fault-secret-0123456789",
    SECURE_COOKIES: "false",
    DATABASE_URL: "",
    ...extra,
  };
  return { dir, env, databasePath, uploadDir };
}

/** Runs a TypeScript script (scripts/*.ts or a test helper) to completion; returns its stdout. */
export function runScript(script: string, args: string[], env: NodeJS.ProcessEnv): string {
  return execFileSync(process.execPath, [tsxCli, script, ...args], {
    cwd: root,
    env,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

export function startScript(script: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [tsxCli, script, ...args], { cwd: root, env, stdio: ["ignore", "pipe", "inherit"] });
}

export function withSqlite<T>(file: string, work: (db: SQLite.Database) => T): T {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    return work(db);
  } finally {
    db.close();
  }
}

export function tableNames(db: SQLite.Database): string[] {
  return (
    db
      .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
      .all() as { name: string }[]
  ).map((t) => t.name);
}

/** Every row of every table, keyed "table" → rows in a stable order (by every column). */
export function dumpAll(file: string): Record<string, unknown[]> {
  return withSqlite(file, (db) =>
    Object.fromEntries(
      tableNames(db).map((t) => {
        const cols = (db.prepare(`pragma table_info("${t}")`).all() as { name: string }[]).map((c) => `"${c.name}"`);
        return [t, db.prepare(`select * from "${t}" order by ${cols.join(", ")}`).all()];
      }),
    ),
  );
}

export function integrityCheck(file: string): string {
  return withSqlite(file, (db) =>
    (db.pragma("integrity_check") as { integrity_check: string }[]).map((r) => r.integrity_check).join("; "),
  );
}

/**
 * Whether the PostgreSQL suites can run: TEST_PG_URL set. Without it they are skipped, but never silently: in CI
 * (CI=true, where PostgreSQL is installed) a missing URL is an error, elsewhere a warning names what was skipped.
 */
export function postgresAvailable(suite: string): boolean {
  if (process.env.TEST_PG_URL?.trim()) return true;
  const message = `${suite}: TEST_PG_URL is not set, so this PostgreSQL suite does not run (bash scripts/ensure-postgres.sh, then TEST_PG_URL=postgres://postgres@127.0.0.1:55432/postgres)`;
  if (process.env.CI === "true") throw new Error(message);
  console.warn(`\n⚠ SKIPPED ${message}\n`);
  return false;
}
