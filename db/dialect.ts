// Everything that is specific to one database engine lives here. Query code elsewhere stays dialect-agnostic.
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresDialect,
  sql,
  SqliteDialect,
  SqliteDriver,
  type SqliteDialectConfig,
} from "kysely";
import pg from "pg";

export interface SqliteOptions {
  /** File path, or ":memory:". */
  path: string;
  /** How long a writer waits for another process's lock before failing, in ms. */
  busyTimeoutMs?: number;
}

/** better-sqlite3 with WAL (readers never block the writer), foreign keys enforced and a busy timeout. */
export function sqliteDialect({ path: file, busyTimeoutMs = 5000 }: SqliteOptions): Dialect {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const database = new SQLite(file);
  database.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
  database.pragma("journal_mode = WAL");
  database.pragma("synchronous = NORMAL");
  database.pragma("foreign_keys = ON");
  return new ImmediateSqliteDialect({ database: withStatementCache(database) });
}

/**
 * better-sqlite3 compiles a statement on every prepare(); the app runs the same few hundred SQL texts over and over,
 * so compiled statements are kept (least recently used out first). Safe: the driver is synchronous and the app
 * never streams, so one statement is never in use twice at once.
 */
function withStatementCache(database: SQLite.Database, limit = 500) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => database.close(),
    prepare(text: string) {
      let statement = cache.get(text);
      if (statement) {
        cache.delete(text);
      } else {
        statement = database.prepare(text);
        if (cache.size >= limit) cache.delete(cache.keys().next().value!);
      }
      cache.set(text, statement);
      return statement;
    },
  };
}

/**
 * Kysely's SQLite driver opens transactions with a plain (deferred) `BEGIN`: the write lock is taken at the first
 * write. With several processes on one file (the cluster workers), a transaction that read first and then writes
 * fails at once with SQLITE_BUSY when another process wrote in between; the busy timeout cannot help, because
 * waiting would not make its snapshot current. Every transaction of the app writes, so each takes the write lock
 * at its start (`BEGIN IMMEDIATE`) and waits its turn within the busy timeout instead. Reads outside transactions
 * never wait (WAL).
 */
class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly settings: SqliteDialectConfig) {
    super(settings);
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.settings);
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

/** `PRAGMA integrity_check` on SQLite; the answer is "ok" when the file is sound. */
export function sqliteIntegrityCheck(file: string): string {
  const database = new SQLite(file, { readonly: true });
  try {
    const rows = database.pragma("integrity_check") as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check).join("\n");
  } finally {
    database.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// PostgreSQL, for several app servers on one database (DATABASE_URL=postgres://…).

export interface PostgresOptions {
  url: string;
  /** Connections per process; a 2-core worker needs few. */
  poolSize?: number;
}

// COUNT and SUM come back as bigint/numeric, which pg hands over as strings to keep precision. Our counts and sums of
// tenths fit comfortably in a double, and the query code reads them as numbers on both engines.
pg.types.setTypeParser(20, (v) => Number(v)); // int8
pg.types.setTypeParser(1700, (v) => Number(v)); // numeric

export function postgresDialect({ url, poolSize = Number(process.env.PG_POOL_SIZE || 10) }: PostgresOptions): Dialect {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle connection the server closed (a restart, a failover, an administrator) is dropped from the pool and the
  // next query opens a new one; without this listener the error would take the whole process down.
  pool.on("error", (error: Error & { code?: string }) => {
    if (error.code !== "57P01") console.warn(`PostgreSQL: an idle connection failed and was dropped: ${error.message}`);
  });
  return new PostgresDialect({ pool });
}

export function isPostgresDb(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * Serializes appends to the audit chain inside the caller's transaction. SQLite needs nothing (a writing transaction
 * holds the database's write lock from its start); on PostgreSQL two transactions could read the same last event
 * and one would fail on the unique sequence number, so each takes a transaction-scoped advisory lock first.
 */
export async function lockAuditChain(trx: Kysely<any>): Promise<void> {
  if (isPostgresDb(trx)) await sql`select pg_advisory_xact_lock(7303)`.execute(trx);
}
