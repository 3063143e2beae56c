// Evidence files, stored by the SHA-256 of their content in a local directory outside public/.
// The interface is small on purpose (put a stream, get a stream) so an object store can replace the directory later.
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { Readable, Transform, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";

export interface StoredFile {
  sha256: string;
  size: number;
}

export interface FileStore {
  /** Streams the content to the store and returns its hash and size. Never holds the whole content in memory. */
  put(source: AsyncIterable<Uint8Array>, options?: { maxBytes?: number }): Promise<StoredFile>;
  /** The content, or null when absent. The stream fails at its end if the bytes no longer match the hash. */
  get(sha256: string): Promise<{ stream: Readable; size: number } | null>;
}

export class FileTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`file exceeds ${maxBytes} bytes`);
    this.name = "FileTooLargeError";
  }
}

export class FileCorruptError extends Error {
  constructor(readonly sha256: string) {
    super(`stored file ${sha256} does not match its hash`);
    this.name = "FileCorruptError";
  }
}

const SHA256 = /^[0-9a-f]{64}$/;

export function isSha256(value: string): boolean {
  return SHA256.test(value);
}

/** Hashes and counts the bytes flowing through; fails once more than `maxBytes` have passed. */
class HashingLimit extends Transform {
  readonly hash = createHash("sha256");
  size = 0;
  constructor(private readonly maxBytes: number) {
    super();
  }
  _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
    this.size += chunk.length;
    if (this.size > this.maxBytes) return callback(new FileTooLargeError(this.maxBytes));
    this.hash.update(chunk);
    callback(null, chunk);
  }
}

/** Re-hashes content on its way out and fails at the end when it differs from the name it is stored under. */
class VerifyOnRead extends Transform {
  private readonly hash = createHash("sha256");
  constructor(private readonly expected: string) {
    super();
  }
  _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
    this.hash.update(chunk);
    callback(null, chunk);
  }
  _flush(callback: TransformCallback) {
    const actual = this.hash.digest("hex");
    callback(actual === this.expected ? null : new FileCorruptError(this.expected));
  }
}

/** A directory of files named by their hash: `<root>/ab/cd/abcd…`. Same content, same file, stored once. */
export function localFileStore(root: string): FileStore {
  const tmpDir = path.join(root, ".tmp");
  const fileOf = (sha256: string) => path.join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);

  return {
    async put(source, options = {}) {
      await fsp.mkdir(tmpDir, { recursive: true, mode: 0o750 });
      const tmp = path.join(tmpDir, `${Date.now()}-${randomBytes(8).toString("hex")}`);
      const counter = new HashingLimit(options.maxBytes ?? Number.MAX_SAFE_INTEGER);
      const out = fs.createWriteStream(tmp, { flags: "wx", mode: 0o640 });
      // A write stream opens its file asynchronously: a refusal early in the stream can settle the pipeline before the
      // file exists, and the open would then create it after the cleanup below. Wait for the stream to close first.
      const closed = new Promise<void>((resolve) => out.once("close", () => resolve()));
      try {
        await pipeline(Readable.from(source, { objectMode: false }), counter, out);
        const sha256 = counter.hash.digest("hex");
        const target = fileOf(sha256);
        await fsp.mkdir(path.dirname(target), { recursive: true, mode: 0o750 });
        // rename is atomic within one file system: a reader sees the whole file or none.
        await fsp.rename(tmp, target);
        return { sha256, size: counter.size };
      } finally {
        await closed;
        await fsp.rm(tmp, { force: true });
      }
    },

    async get(sha256) {
      if (!isSha256(sha256)) return null;
      const file = fileOf(sha256);
      let size: number;
      try {
        size = (await fsp.stat(file)).size;
      } catch {
        return null;
      }
      const verify = new VerifyOnRead(sha256);
      const read = fs.createReadStream(file);
      read.on("error", (error) => verify.destroy(error));
      return { stream: read.pipe(verify), size };
    },
  };
}
