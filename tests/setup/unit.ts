// Shared setup for unit and integration tests: every test file gets its own fresh SQLite file, built by the
// migrations when app code first opens it. Times are checked in UTC so Seoul conversions are really exercised.
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeEach, vi } from "vitest";

process.env.TZ = "UTC";
process.env.NODE_ENV = "test";
const dir = path.join(os.tmpdir(), "injeungjigi-tests");
process.env.DATABASE_PATH = path.join(dir, `t-${process.pid}-${randomBytes(6).toString("hex")}.sqlite`);
process.env.UPLOAD_DIR = path.join(dir, `uploads-${process.pid}-${randomBytes(6).toString("hex")}`);
process.env.SESSION_SECRET = "test-secret-test-secret-test-secret-0123456789";
// The audit signing key outside the database (generated on first use), shared with the CLI the tests start.
process.env.AUDIT_SIGNING_KEY_FILE = path.join(dir, `audit-key-${process.pid}-${randomBytes(6).toString("hex")}.pem`);

// TEST_PG_URL (a server scripts/ensure-postgres.sh started): the same suite on PostgreSQL, a fresh database per file.
const pgAdminUrl = process.env.TEST_PG_URL?.trim();
let pgDatabase: string | null = null;
if (pgAdminUrl) {
  const { default: pg } = await import("pg");
  pgDatabase = `t_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: pgAdminUrl });
  await admin.connect();
  await admin.query(`create database "${pgDatabase}"`);
  await admin.end();
  const url = new URL(pgAdminUrl);
  url.pathname = `/${pgDatabase}`;
  process.env.DATABASE_URL = url.toString();
  process.env.PG_POOL_SIZE = "4";
}

// An unexpected console.error is a bug: fail the test that caused it.
let errors: unknown[][] = [];
beforeEach(() => {
  errors = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    errors.push(args);
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  if (errors.length)
    throw new Error(`console.error was called: ${errors.map((a) => a.map(String).join(" ")).join("\n")}`);
});
afterAll(async () => {
  if (!pgAdminUrl || !pgDatabase) return;
  const { default: pg } = await import("pg");
  const admin = new pg.Client({ connectionString: pgAdminUrl });
  await admin.connect();
  await admin.query(`drop database if exists "${pgDatabase}" with (force)`);
  await admin.end();
});
