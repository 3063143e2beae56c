// The streaming multipart reader behind evidence uploads: correct at every chunk split, names kept as sent.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { MultipartError, multipartBoundary, parseMultipart } from "~/utils/multipart.server";

const BOUNDARY = "----WebKitFormBoundaryAbC123";

function body(parts: { name: string; filename?: string; content: Buffer | string }[], boundary = BOUNDARY): Buffer {
  const out: Buffer[] = [Buffer.from("preamble to ignore\r\n")];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ""}`;
    out.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${p.filename !== undefined ? "Content-Type: application/pdf\r\n" : ""}\r\n`,
      ),
    );
    out.push(Buffer.isBuffer(p.content) ? p.content : Buffer.from(p.content));
    out.push(Buffer.from("\r\n"));
  }
  out.push(Buffer.from(`--${boundary}--\r\nepilogue`));
  return Buffer.concat(out);
}

async function* split(buffer: Buffer, sizes: () => number) {
  for (let i = 0; i < buffer.length;) {
    const n = Math.max(1, sizes());
    yield new Uint8Array(buffer.subarray(i, i + n));
    i += n;
  }
}

async function collect(source: AsyncIterable<Uint8Array>, boundary = BOUNDARY) {
  const out: { name: string; filename: string | null; content: Buffer }[] = [];
  for await (const part of parseMultipart(source, boundary)) {
    const chunks: Buffer[] = [];
    for await (const c of part.body) chunks.push(Buffer.from(c));
    out.push({ name: part.name, filename: part.filename, content: Buffer.concat(chunks) });
  }
  return out;
}

describe("multipart reader", () => {
  // Content full of near-boundaries: CRLF, dashes, a boundary prefix, and random bytes.
  const tricky = Buffer.concat([
    Buffer.from(`%PDF-1.4\r\n--${BOUNDARY.slice(0, 10)}\r\n\r\n--\r\n-`),
    randomBytes(70_000),
    Buffer.from(`\r\n--${BOUNDARY.slice(0, -1)}X\r\n`),
  ]);
  const parts = [
    { name: "intent", content: "upload" },
    { name: "title", content: "증빙 제목" },
    { name: "file", filename: "2014년 계획(안).pdf", content: tricky },
    { name: "empty", content: "" },
  ];
  const raw = body(parts);

  for (const [label, sizes] of [
    ["one chunk", () => raw.length],
    ["1-byte chunks", () => 1],
    ["3-byte chunks", () => 3],
    ["64 KB chunks", () => 65536],
    ["random chunks", () => Math.floor(Math.random() * 5000)],
  ] as const) {
    it(`reads every part intact with ${label}`, async () => {
      const got = await collect(split(raw, sizes));
      expect(got.map((p) => p.name)).toEqual(["intent", "title", "file", "empty"]);
      expect(got[0].content.toString()).toBe("upload");
      expect(got[1].content.toString()).toBe("증빙 제목");
      expect(got[2].filename).toBe("2014년 계획(안).pdf");
      expect(got[2].content.equals(tricky)).toBe(true);
      expect(got[3].content.length).toBe(0);
      expect(got[0].filename).toBeNull();
    });
  }

  it("keeps the file name exactly as sent, path and all", async () => {
    const got = await collect(split(body([{ name: "file", filename: "../../etc/passwd.pdf", content: "x" }]), () => 7));
    expect(got[0].filename).toBe("../../etc/passwd.pdf");
  });

  it("skips a part the reader leaves unread", async () => {
    const names: string[] = [];
    for await (const part of parseMultipart(
      split(raw, () => 1000),
      BOUNDARY,
    )) {
      names.push(part.name);
      if (part.name === "file") {
        for await (const _ of part.body) break;
      }
    }
    expect(names).toEqual(["intent", "title", "file", "empty"]);
  });

  it("fails on a truncated body and on too many parts", async () => {
    await expect(collect(split(raw.subarray(0, raw.length - 40), () => 100))).rejects.toBeInstanceOf(MultipartError);
    const many = body(Array.from({ length: 25 }, (_, i) => ({ name: `f${i}`, content: "v" })));
    await expect(collect(split(many, () => 100))).rejects.toThrow(/too many parts/);
  });

  it("reads the boundary from the content type", () => {
    expect(multipartBoundary(`multipart/form-data; boundary=${BOUNDARY}`)).toBe(BOUNDARY);
    expect(multipartBoundary('multipart/form-data; boundary="a b"')).toBe("a b");
    expect(multipartBoundary("application/x-www-form-urlencoded")).toBeNull();
    expect(multipartBoundary("multipart/form-data")).toBeNull();
  });
});
