// The journeys' database (SQLite or PostgreSQL, whichever tests/setup/e2e-global.ts started the server on), opened
// through the app's own connection code, for preparing data and checking counts with dialect-agnostic queries.
import type { Kysely } from "kysely";
import { inject } from "vitest";
import { openDatabase } from "#db/connection";
import type { Database } from "#db/schema";

/** Opens the server's database; the caller destroys it (or use withDatabase). */
export function openE2eDatabase(): Kysely<Database> {
  const target = inject("database");
  return openDatabase(target.engine === "postgres" ? { url: target.url } : { path: target.path });
}

/** Runs `work` on the server's database and closes the connection afterwards, whatever happens. */
export async function withDatabase<T>(work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  const db = openE2eDatabase();
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}
