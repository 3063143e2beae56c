// Finished PDFs on disk, shared by the server's workers: node:cluster sends each connection to any worker, so a
// cache in one worker's memory would answer only half of the repeated requests on two workers. Files are named by a
// hash of the key (which names the round's data version, the day, the locale and the requester), private to the
// server's user, written atomically, and the oldest are removed past `maxFiles`.
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";

export interface FileCache {
  get(key: string): Promise<Uint8Array<ArrayBuffer> | null>;
  set(key: string, bytes: Uint8Array): Promise<void>;
}

const hash = (text: string) => createHash("sha256").update(text).digest("hex");

/** PDF_CACHE_DIR, else a directory in the system's temporary directory named for this server's database. */
export function defaultPdfCacheDir(env: Record<string, string | undefined> = process.env): string {
  if (env.PDF_CACHE_DIR) return env.PDF_CACHE_DIR;
  const database = env.DATABASE_URL || path.resolve(env.DATABASE_PATH || "data/app.sqlite");
  return path.join(os.tmpdir(), `injeungjigi-pdf-${hash(database).slice(0, 16)}`);
}

export function createFileCache(dir: string, maxFiles = 200): FileCache {
  let ready: Promise<unknown> | null = null;
  const ensureDir = () => (ready ??= fs.mkdir(dir, { recursive: true, mode: 0o700 }));
  const fileOf = (key: string) => path.join(dir, `${hash(key)}.pdf`);

  async function prune() {
    const names = (await fs.readdir(dir)).filter((n) => n.endsWith(".pdf"));
    if (names.length <= maxFiles) return;
    const stats = await Promise.all(
      names.map(async (n) => ({ n, t: (await fs.stat(path.join(dir, n)).catch(() => null))?.mtimeMs ?? 0 })),
    );
    stats.sort((a, b) => a.t - b.t);
    await Promise.all(stats.slice(0, names.length - maxFiles).map((s) => fs.rm(path.join(dir, s.n), { force: true })));
  }

  return {
    async get(key) {
      try {
        const bytes = await fs.readFile(fileOf(key));
        return new Uint8Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
      } catch {
        return null;
      }
    },
    async set(key, bytes) {
      try {
        await ensureDir();
        const tmp = path.join(dir, `.${randomBytes(8).toString("hex")}.tmp`);
        await fs.writeFile(tmp, bytes, { mode: 0o600 });
        await fs.rename(tmp, fileOf(key));
        await prune();
      } catch (error) {
        // A cache that cannot be written costs a print next time, nothing more.
        console.error(`PDF cache: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
  };
}
