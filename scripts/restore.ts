// npm run restore -- BACKUP_DIR [--force]: brings a backup made by `npm run backup` back.
// Every file is checked against the backup's manifest first; nothing is touched if one is damaged.
//   SQLite: the backup file is written into DATABASE_PATH through SQLite's backup API (so a stale -wal beside the
//   target can never be replayed over it); refuses to overwrite an existing database without --force.
//   Stop the app servers first.
//   PostgreSQL (DATABASE_URL set): psql runs the pg_dump script in one transaction (it drops and recreates tables).
// Evidence files are copied into UPLOAD_DIR (content-addressed: files already there are checked, not replaced).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { copyStore, locationsFromEnv, parseArgs, readManifest, verifyBackup } from "./backup-lib";

export async function restore(dir: string, options: { force?: boolean } = {}, env: NodeJS.ProcessEnv = process.env) {
  const manifest = readManifest(dir);
  verifyBackup(dir, manifest);
  const where = locationsFromEnv(env);
  if (manifest.engine !== where.engine) {
    throw new Error(
      `this backup is of ${manifest.engine}, but the target is ${where.engine} (${where.engine === "postgres" ? "DATABASE_URL is set" : "DATABASE_URL is not set"})`,
    );
  }
  const source = path.join(dir, manifest.database.file);
  if (where.engine === "sqlite") {
    if (fs.existsSync(where.databasePath) && !options.force)
      throw new Error(`${where.databasePath} exists; pass --force to replace it`);
    fs.mkdirSync(path.dirname(where.databasePath), { recursive: true });
    const from = new SQLite(source, { readonly: true });
    try {
      await from.backup(where.databasePath);
    } finally {
      from.close();
    }
    const check = new SQLite(where.databasePath);
    try {
      check.pragma("journal_mode = WAL");
      const result = (check.pragma("integrity_check") as { integrity_check: string }[])
        .map((r) => r.integrity_check)
        .join("; ");
      if (result !== "ok") throw new Error(`the restored database failed its integrity check: ${result}`);
    } finally {
      check.close();
    }
  } else {
    const run = spawnSync(
      "psql",
      [
        "--no-psqlrc",
        "--quiet",
        "--set",
        "ON_ERROR_STOP=1",
        "--single-transaction",
        "--file",
        source,
        "--dbname",
        where.databaseUrl!,
      ],
      { stdio: ["ignore", "ignore", "inherit"] },
    );
    if (run.error) throw new Error(`psql could not run: ${run.error.message} (install the PostgreSQL client)`);
    if (run.status !== 0) throw new Error(`psql failed with exit code ${run.status}`);
  }
  const files = copyStore(path.join(dir, "uploads"), where.uploadDir);
  const secret = path.join(dir, "session-secret");
  if (manifest.sessionSecret && fs.existsSync(secret) && (!fs.existsSync(where.secretFile) || options.force)) {
    fs.mkdirSync(path.dirname(where.secretFile), { recursive: true });
    fs.copyFileSync(secret, where.secretFile);
    fs.chmodSync(where.secretFile, 0o600);
  }
  return { manifest, files: files.length };
}

async function main() {
  const { positional, flags } = parseArgs(process.argv.slice(2));
  const dir = positional[0];
  if (!dir) throw new Error("usage: npm run restore -- BACKUP_DIR [--force]");
  const result = await restore(path.resolve(dir), { force: flags.force === true });
  console.log(
    `Restored ${result.manifest.engine} backup of ${result.manifest.createdAt} from ${path.resolve(dir)}: database and ${result.files} evidence file(s)`,
  );
}

// Run as a command (restore.ts through tsx, or lib/restore.mjs in a release), not when a test imports restore().
if (/(^|[\\/])restore\.(ts|mjs)$/.test(process.argv[1] ?? "")) {
  main().catch((error: unknown) => {
    console.error(`Restore failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
