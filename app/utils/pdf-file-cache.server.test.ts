// The PDF cache the workers share: what one process wrote, another reads; the oldest files go past the limit.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createFileCache, defaultPdfCacheDir } from "./pdf-file-cache.server";

describe("the shared PDF file cache", () => {
  it("answers another instance (another worker) with the bytes one wrote, and keeps at most maxFiles", async () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pdf-files-")), "cache");
    const writer = createFileCache(dir, 2);
    const reader = createFileCache(dir, 2);
    expect(await reader.get("a")).toBeNull();
    await writer.set("a", new TextEncoder().encode("%PDF-a"));
    expect(new TextDecoder().decode((await reader.get("a"))!)).toBe("%PDF-a");
    expect(fs.statSync(dir).mode & 0o077).toBe(0);
    await new Promise((r) => setTimeout(r, 20));
    await writer.set("b", new TextEncoder().encode("%PDF-b"));
    await new Promise((r) => setTimeout(r, 20));
    await writer.set("c", new TextEncoder().encode("%PDF-c"));
    expect(await reader.get("a")).toBeNull();
    expect(await reader.get("c")).not.toBeNull();
    expect(fs.readdirSync(dir).filter((n) => n.endsWith(".pdf"))).toHaveLength(2);
  });

  it("names the default directory for the database, so two servers on one machine never share PDFs", () => {
    const one = defaultPdfCacheDir({ DATABASE_PATH: "/srv/a/app.sqlite" });
    const two = defaultPdfCacheDir({ DATABASE_PATH: "/srv/b/app.sqlite" });
    expect(one).not.toBe(two);
    expect(defaultPdfCacheDir({ PDF_CACHE_DIR: "/var/cache/x" })).toBe("/var/cache/x");
  });
});
