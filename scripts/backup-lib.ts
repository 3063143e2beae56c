// What `npm run backup` writes and `npm run restore` reads: one directory holding the database (a SQLite file made
// by SQLite's online backup, or a pg_dump script), the evidence files exactly as stored (content-addressed:
// ab/cd/abcd…), the local session secret if there is one, and backup.json listing every file with its SHA-256.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { databasePathFromEnv } from "#db/connection";

export const MANIFEST = "backup.json";
export const FORMAT = 1;

export interface Manifest {
  format: number;
  createdAt: string;
  engine: "sqlite" | "postgres";
  /** The database file in the backup directory and its SHA-256. */
  database: { file: string; sha256: string; bytes: number };
  /** Row counts per table at the moment of the snapshot (for a person reading it; restore re-counts). */
  tables: Record<string, number>;
  /** Evidence files, relative to the backup's uploads/ directory, with their SHA-256 (= their name). */
  files: { path: string; sha256: string; bytes: number }[];
  sessionSecret: boolean;
}

export interface Locations {
  engine: "sqlite" | "postgres";
  databasePath: string;
  databaseUrl: string | null;
  uploadDir: string;
  secretFile: string;
}

/** Where the running system keeps its data, by the same rules as app/utils/env.server.ts. */
export function locationsFromEnv(env: NodeJS.ProcessEnv = process.env): Locations {
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  const databasePath = path.resolve(databasePathFromEnv(env));
  const dataDir = path.dirname(databasePath);
  return {
    engine: databaseUrl ? "postgres" : "sqlite",
    databasePath,
    databaseUrl,
    uploadDir: path.resolve(env.UPLOAD_DIR?.trim() || path.join(dataDir, "uploads")),
    secretFile: path.join(dataDir, ".session-secret"),
  };
}

export function sha256File(file: string): string {
  const hash = createHash("sha256");
  const fd = fs.openSync(file, "r");
  try {
    const buffer = Buffer.allocUnsafe(1 << 20);
    for (let n; (n = fs.readSync(fd, buffer, 0, buffer.length, null)) > 0;) hash.update(buffer.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest("hex");
}

const SHA = /^[0-9a-f]{64}$/;

/** Stored evidence files under a store root (skipping the store's .tmp directory), relative paths. */
export function storedFiles(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[])
    .map(String)
    .filter(
      (rel) =>
        !rel.split(path.sep).includes(".tmp") &&
        SHA.test(path.basename(rel)) &&
        fs.statSync(path.join(root, rel)).isFile(),
    )
    .sort();
}

/**
 * Copies every stored file from one store to another, checking on the way that each file's content still has the
 * hash it is named by. Files already present in the target are checked, not copied again.
 */
export function copyStore(from: string, to: string): Manifest["files"] {
  const out: Manifest["files"] = [];
  for (const rel of storedFiles(from)) {
    const source = path.join(from, rel);
    const name = path.basename(rel);
    const actual = sha256File(source);
    if (actual !== name)
      throw new Error(
        `evidence file ${rel} does not match its hash (found ${actual}); refusing to copy a damaged file`,
      );
    const target = path.join(to, rel);
    fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o750 });
    if (fs.existsSync(target)) {
      if (sha256File(target) !== name) throw new Error(`${target} exists with other content`);
    } else {
      // Copy to a temporary name, then rename: a reader never sees half a file.
      const tmp = `${target}.partial`;
      fs.copyFileSync(source, tmp);
      fs.renameSync(tmp, target);
    }
    out.push({ path: rel.split(path.sep).join("/"), sha256: name, bytes: fs.statSync(source).size });
  }
  return out;
}

export function readManifest(dir: string): Manifest {
  const file = path.join(dir, MANIFEST);
  if (!fs.existsSync(file)) throw new Error(`${dir} is not a backup: ${MANIFEST} is missing`);
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as Manifest;
  if (manifest.format !== FORMAT)
    throw new Error(`backup format ${manifest.format} is not supported (expected ${FORMAT})`);
  return manifest;
}

/** Checks every file of a backup against its manifest; throws naming the first damaged or missing one. */
export function verifyBackup(dir: string, manifest: Manifest): void {
  const db = path.join(dir, manifest.database.file);
  if (!fs.existsSync(db)) throw new Error(`backup database ${manifest.database.file} is missing`);
  if (sha256File(db) !== manifest.database.sha256)
    throw new Error(`backup database ${manifest.database.file} is damaged (hash differs)`);
  for (const f of manifest.files) {
    const file = path.join(dir, "uploads", f.path);
    if (!fs.existsSync(file)) throw new Error(`evidence file ${f.path} is missing from the backup`);
    if (sha256File(file) !== f.sha256) throw new Error(`evidence file ${f.path} in the backup is damaged`);
  }
}

export function parseArgs(argv: string[]): { positional: string[]; flags: Record<string, string | true> } {
  const positional: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith("--")) {
      const [k, v] = a.slice(2).split("=", 2);
      if (v !== undefined) flags[k] = v;
      else if (argv[i + 1] && !argv[i + 1].startsWith("--")) flags[k] = argv[++i];
      else flags[k] = true;
    } else positional.push(a);
  }
  return { positional, flags };
}
