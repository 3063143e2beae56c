import path from "node:path";
import { Kysely, Migrator, type Transaction } from "kysely";
import { postgresDialect, sqliteDialect } from "./dialect";
import { migrations } from "./migrations/index";
import type { Database } from "./schema";

export type Db = Kysely<Database> | Transaction<Database>;

/**
 * Runs `work` in a transaction, or directly inside the caller's when `db` already is one: data functions take `db`
 * first and wrap their multi-row writes in this, so they work on their own and as part of a larger change.
 */
export async function inTransaction<T>(db: Db, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db as Transaction<Database>);
  return (db as Kysely<Database>).transaction().execute(work);
}

export const DEFAULT_DATABASE_PATH = path.join("data", "injeungjigi.sqlite");

/** Where the embedded database lives: DATABASE_PATH, or data/injeungjigi.sqlite under the working directory. */
export function databasePathFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return env.DATABASE_PATH?.trim() || DEFAULT_DATABASE_PATH;
}

/** PostgreSQL's connection URL when the app runs on PostgreSQL (several servers), else null (embedded SQLite). */
export function databaseUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string | null {
  const url = env.DATABASE_URL?.trim();
  return url && /^postgres(ql)?:\/\//.test(url) ? url : null;
}

/** Where the app's data lives, for logs: the SQLite file, or the PostgreSQL URL without its credentials. */
export function describeDatabase(env: NodeJS.ProcessEnv = process.env): string {
  const url = databaseUrlFromEnv(env);
  return url ? url.replace(/\/\/[^@/]*@/, "//…@") : databasePathFromEnv(env);
}

/**
 * Counts queries for tests (a page's number of queries must not grow with the data). Off unless a test sets it.
 */
export const queryCounter: { count: number; enabled: boolean } = { count: 0, enabled: false };
const log = () => {
  if (queryCounter.enabled) queryCounter.count += 1;
};

/** The database: PostgreSQL when DATABASE_URL is set (or `url` is given), else the SQLite file at `path`/DATABASE_PATH. */
export function openDatabase(options: { path?: string; url?: string } = {}): Kysely<Database> {
  const url = options.url ?? (options.path ? null : databaseUrlFromEnv());
  if (url) return new Kysely<Database>({ dialect: postgresDialect({ url }), log });
  const file = options.path ?? databasePathFromEnv();
  return new Kysely<Database>({ dialect: sqliteDialect({ path: file }), log });
}

/** Runs every pending migration; throws with the failing migration's name if one fails. Safe to call on every start. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  // Unordered: migrations numbered by feature may land in a different order than their numbers; each is
  // independent of the others, so a database that already ran a later number still takes an earlier one.
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error || failed) {
    const name = failed?.migrationName ?? "unknown";
    throw new Error(`Migration ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

/** A boolean as the 0/1 the tables store it as. */
export const asFlag = (on: boolean): 0 | 1 => (on ? 1 : 0);

export function nowIso(): string {
  return new Date().toISOString();
}
