// The content-addressed evidence store: same content stored once, size limits while streaming, corruption detected on read.
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FileCorruptError, FileTooLargeError, localFileStore } from "~/utils/storage.server";

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

async function* chunks(buffer: Buffer, size = 7) {
  for (let i = 0; i < buffer.length; i += size) yield buffer.subarray(i, i + size);
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

const tmpRoot = () => fs.mkdtempSync(path.join(os.tmpdir(), "store-"));

describe("local file store", () => {
  it("stores by SHA-256, once per content, and reads back the same bytes", async () => {
    const root = tmpRoot();
    const store = localFileStore(root);
    const content = Buffer.from("%PDF-1.4\n증빙자료 내용\n".repeat(100));
    const a = await store.put(chunks(content));
    const b = await store.put(chunks(content, 1000));
    expect(a).toEqual({ sha256: sha(content), size: content.length });
    expect(b).toEqual(a);
    const file = path.join(root, a.sha256.slice(0, 2), a.sha256.slice(2, 4), a.sha256);
    expect(fs.existsSync(file)).toBe(true);
    expect(fs.readdirSync(path.join(root, ".tmp"))).toEqual([]);
    const got = await store.get(a.sha256);
    expect(got?.size).toBe(content.length);
    expect((await readAll(got!.stream)).equals(content)).toBe(true);
  });

  it("refuses content over the limit while streaming and leaves nothing behind", async () => {
    const root = tmpRoot();
    const store = localFileStore(root);
    await expect(store.put(chunks(Buffer.alloc(1001, 1), 100), { maxBytes: 1000 })).rejects.toBeInstanceOf(
      FileTooLargeError,
    );
    expect(fs.readdirSync(root).filter((f) => f !== ".tmp")).toEqual([]);
    expect(fs.readdirSync(path.join(root, ".tmp"))).toEqual([]);
    expect((await store.put(chunks(Buffer.alloc(1000, 1)), { maxBytes: 1000 })).size).toBe(1000);
  });

  it("fails the read when the stored bytes no longer match their hash", async () => {
    const root = tmpRoot();
    const store = localFileStore(root);
    const { sha256 } = await store.put(chunks(Buffer.from("original content")));
    fs.writeFileSync(path.join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256), "tampered content");
    const got = await store.get(sha256);
    await expect(readAll(got!.stream)).rejects.toBeInstanceOf(FileCorruptError);
  });

  it("answers null for unknown or malformed hashes (no path tricks through the hash)", async () => {
    const store = localFileStore(tmpRoot());
    expect(await store.get("0".repeat(64))).toBeNull();
    expect(await store.get("../../etc/passwd")).toBeNull();
    expect(await store.get("A".repeat(64))).toBeNull();
  });
});
