// npm run backup [-- --out DIR]: a consistent copy of a running system.
//   SQLite: SQLite's online backup API (better-sqlite3's backup()) copies a snapshot page by page while the app
//   keeps serving; writers are not blocked, and a write during the copy restarts it so the copy is one moment.
//   PostgreSQL (DATABASE_URL set): pg_dump, which reads one snapshot in a single transaction.
// Then the evidence files (content-addressed, never changed once written: every file the snapshot refers to is
// already on disk) and the local session secret. Prints the backup directory; exits non-zero on any failure.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { copyStore, FORMAT, locationsFromEnv, type Manifest, MANIFEST, parseArgs, sha256File } from "./backup-lib";

function countSqlite(file: string): Record<string, number> {
  const db = new SQLite(file, { readonly: true });
  try {
    const tables = db
      .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
      .all() as { name: string }[];
    return Object.fromEntries(
      tables.map((t) => [t.name, (db.prepare(`select count(*) as n from "${t.name}"`).get() as { n: number }).n]),
    );
  } finally {
    db.close();
  }
}

export async function backup(outDir: string, env: NodeJS.ProcessEnv = process.env): Promise<Manifest> {
  const where = locationsFromEnv(env);
  if (fs.existsSync(outDir) && fs.readdirSync(outDir).length) throw new Error(`${outDir} is not empty`);
  fs.mkdirSync(outDir, { recursive: true, mode: 0o750 });
  const partial = path.join(outDir, `${MANIFEST}.partial`);
  fs.writeFileSync(partial, "incomplete backup\n");

  let database: Manifest["database"];
  let tables: Record<string, number> = {};
  if (where.engine === "sqlite") {
    if (!fs.existsSync(where.databasePath)) throw new Error(`no database at ${where.databasePath}`);
    const file = path.join(outDir, "database.sqlite");
    const source = new SQLite(where.databasePath, { fileMustExist: true });
    try {
      source.pragma("busy_timeout = 5000");
      // Online backup: a consistent snapshot even while the app writes (WAL content included).
      await source.backup(file);
    } finally {
      source.close();
    }
    const check = new SQLite(file);
    try {
      // One self-contained file: rollback journal mode, so no -wal or -shm lies beside it.
      check.pragma("journal_mode = DELETE");
      const result = (check.pragma("integrity_check") as { integrity_check: string }[])
        .map((r) => r.integrity_check)
        .join("; ");
      if (result !== "ok") throw new Error(`the copy failed its integrity check: ${result}`);
    } finally {
      check.close();
    }
    tables = countSqlite(file);
    database = { file: "database.sqlite", sha256: sha256File(file), bytes: fs.statSync(file).size };
  } else {
    const file = path.join(outDir, "database.sql");
    const run = spawnSync(
      "pg_dump",
      [
        "--no-owner",
        "--no-privileges",
        "--clean",
        "--if-exists",
        "--quote-all-identifiers",
        "--file",
        file,
        "--dbname",
        where.databaseUrl!,
      ],
      { stdio: ["ignore", "inherit", "inherit"] },
    );
    if (run.error) throw new Error(`pg_dump could not run: ${run.error.message} (install the PostgreSQL client)`);
    if (run.status !== 0) throw new Error(`pg_dump failed with exit code ${run.status}`);
    database = { file: "database.sql", sha256: sha256File(file), bytes: fs.statSync(file).size };
  }

  const files = copyStore(where.uploadDir, path.join(outDir, "uploads"));
  const sessionSecret = fs.existsSync(where.secretFile);
  if (sessionSecret) fs.copyFileSync(where.secretFile, path.join(outDir, "session-secret"));
  fs.chmodSync(outDir, 0o750);

  const manifest: Manifest = {
    format: FORMAT,
    createdAt: new Date().toISOString(),
    engine: where.engine,
    database,
    tables,
    files,
    sessionSecret,
  };
  fs.writeFileSync(path.join(outDir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  fs.rmSync(partial);
  return manifest;
}

async function main() {
  const { flags } = parseArgs(process.argv.slice(2));
  const stamp = new Date()
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  const out = path.resolve(
    typeof flags.out === "string" ? flags.out : path.join(process.env.BACKUP_DIR ?? "backups", stamp),
  );
  const started = Date.now();
  const manifest = await backup(out);
  const bytes = manifest.files.reduce((n, f) => n + f.bytes, 0);
  console.log(`Backup written to ${out} in ${Date.now() - started} ms`);
  console.log(`  database (${manifest.engine}): ${manifest.database.file}, ${manifest.database.bytes} bytes`);
  console.log(`  evidence files: ${manifest.files.length}, ${bytes} bytes`);
  if (manifest.engine === "sqlite")
    console.log(
      `  rows: ${Object.entries(manifest.tables)
        .map(([t, n]) => `${t} ${n}`)
        .join(", ")}`,
    );
}

// Run as a command (backup.ts through tsx, or lib/backup.mjs in a release), not when a test imports backup().
if (/(^|[\\/])backup\.(ts|mjs)$/.test(process.argv[1] ?? "")) {
  main().catch((error: unknown) => {
    console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
