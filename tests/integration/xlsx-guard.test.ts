// Zip bombs in workbook imports (issue 11, finding 4): a real round export re-zipped with its sheet XML padded by
// hundreds of megabytes of spaces, and the same with a directory that lies about the sizes. Each import (round
// workbook, rubric edition, registry) refuses with a Korean message and 413/422, changes nothing, and the guard stops
// inflating long before the padding: the bytes it inflated are counted and asserted.
import zlib from "node:zlib";
import yauzl from "yauzl";
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../seeds/demo";
import { translate } from "~/i18n";
import { action as editionImport } from "~/routes/editions.import";
import { action as registryImport } from "~/routes/registry.import";
import { action as roundImport } from "~/routes/rounds.$roundId.import";
import { exportRoundWorkbook } from "~/utils/round-workbook.server";
import { checkXlsx, XLSX_LIMITS } from "#indicators/xlsx-guard";
import { cookieFor, createUser, db, outcome, routeArgs } from "../utils";

interface Part {
  name: string;
  data: Buffer;
  size: number;
  crc: number;
  method: 0 | 8;
  declaredSize?: number;
}

/** The parts of a zip archive, inflated (the export is small). */
async function unzip(bytes: Uint8Array): Promise<{ name: string; content: Buffer }[]> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(Buffer.from(bytes), { lazyEntries: true }, (e, z) => (e ? reject(e) : resolve(z))),
  );
  const out: { name: string; content: Buffer }[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on("entry", (entry: yauzl.Entry) =>
      zip.openReadStream(entry, (error, stream) => {
        if (error) return reject(error);
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          out.push({ name: entry.fileName, content: Buffer.concat(chunks) });
          zip.readEntry();
        });
      }),
    );
    zip.on("end", resolve);
    zip.on("error", reject);
    zip.readEntry();
  });
  return out;
}

/** Deflates head + `pad` spaces + tail without ever holding the padding in memory. */
async function deflatePadded(head: Buffer, pad: number, tail: Buffer): Promise<Part> {
  const deflate = zlib.createDeflateRaw({ level: 9 });
  const chunks: Buffer[] = [];
  deflate.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve) => deflate.on("end", resolve));
  const spaces = Buffer.alloc(1024 * 1024, 0x20);
  const write = (b: Buffer) =>
    new Promise<void>((resolve) => (deflate.write(b) ? resolve() : deflate.once("drain", resolve)));
  let crc = zlib.crc32(head);
  await write(head);
  for (let left = pad; left > 0; left -= spaces.length) {
    const piece = left >= spaces.length ? spaces : spaces.subarray(0, left);
    crc = zlib.crc32(piece, crc);
    await write(piece);
  }
  crc = zlib.crc32(tail, crc);
  deflate.end(tail);
  await done;
  return { name: "", data: Buffer.concat(chunks), size: head.length + pad + tail.length, crc, method: 8 };
}

/** A zip archive written by hand, so a test can make its directory declare any size. */
function zip(parts: Part[]): Uint8Array<ArrayBuffer> {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, "utf8");
    const size = p.declaredSize ?? p.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(p.method, 8);
    local.writeUInt32LE(0, 10);
    local.writeUInt32LE(p.crc >>> 0, 14);
    local.writeUInt32LE(p.data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(p.method, 10);
    dir.writeUInt32LE(0, 12);
    dir.writeUInt32LE(p.crc >>> 0, 16);
    dir.writeUInt32LE(p.data.length, 20);
    dir.writeUInt32LE(size, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    locals.push(local, name, p.data);
    central.push(dir, name);
    offset += local.length + name.length + p.data.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  const all = Buffer.concat([...locals, dirBytes, end]);
  return new Uint8Array(all.buffer.slice(all.byteOffset, all.byteOffset + all.length) as ArrayBuffer);
}

/** The workbook re-zipped with `pad` spaces after the XML declaration of its first worksheet (still valid XML). */
async function padded(
  workbook: Uint8Array,
  pad: number,
  lie?: "declare-original-size",
): Promise<Uint8Array<ArrayBuffer>> {
  const parts: Part[] = [];
  let done = false;
  for (const { name, content } of await unzip(workbook)) {
    if (!done && /^xl\/worksheets\/sheet\d+\.xml$/.test(name)) {
      done = true;
      const cut = content.indexOf("?>") + 2;
      const part = await deflatePadded(content.subarray(0, cut), pad, content.subarray(cut));
      parts.push({ ...part, name, ...(lie ? { declaredSize: content.length } : {}) });
    } else {
      parts.push({
        name,
        data: zlib.deflateRawSync(content),
        size: content.length,
        crc: zlib.crc32(content),
        method: 8,
      });
    }
  }
  expect(done).toBe(true);
  return zip(parts);
}

const MB = 1024 * 1024;
let roundId: number;
let exported: Uint8Array<ArrayBuffer>;
let coordinator: number;
let admin: number;

const snapshot = async () => ({
  responses: await db.selectFrom("responses").selectAll().orderBy("id").execute(),
  editions: await db.selectFrom("rubric_editions").select("id").orderBy("id").execute(),
  certifications: Number(
    (
      await db
        .selectFrom("certifications")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  ),
  events: Number(
    (
      await db
        .selectFrom("audit_events")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  ),
});

function post(user: number, url: string, bytes: Uint8Array<ArrayBuffer>, name: string) {
  return (async () => {
    const form = new FormData();
    form.set("file", new File([bytes], name));
    return new Request(`http://localhost${url}`, {
      method: "POST",
      headers: { Cookie: await cookieFor(user) },
      body: form,
    });
  })();
}

/** The Korean text of the first refusal an import answered with, whatever the route's shape. */
function message(body: {
  fileError?: { key: string; params?: Record<string, string | number> };
  errors?: { key: string; params?: Record<string, string | number> }[];
}): string {
  const e = body.fileError ?? body.errors?.[0];
  if (!e) throw new Error("no refusal in the answer");
  return translate("ko", e.key as never, e.params);
}

beforeAll(async () => {
  const report = await seedDemo(db);
  roundId = report.round!.id;
  const round = await db.selectFrom("rounds").selectAll().where("id", "=", roundId).executeTakeFirstOrThrow();
  exported = await exportRoundWorkbook(db, round, "시험");
  coordinator = (
    await db.selectFrom("users").select("id").where("username", "=", "coordinator").executeTakeFirstOrThrow()
  ).id;
  admin = (await createUser({ admin: true })).id;
}, 60_000);

describe("the guard on a real export", () => {
  it("passes the round export, inflating all of it once", async () => {
    const check = await checkXlsx(exported);
    expect(check.ok).toBe(true);
    const total = (await unzip(exported)).reduce((n, p) => n + p.content.length, 0);
    expect(check.inflatedBytes).toBe(total);
    // The re-zipping helper itself keeps a workbook valid: with no padding the copy passes too.
    expect((await checkXlsx(await padded(exported, 0))).ok).toBe(true);
  });
});

describe("a padded sheet (300 MB of spaces in a file of a few hundred KB)", () => {
  let bomb: Uint8Array<ArrayBuffer>;
  beforeAll(async () => {
    bomb = await padded(exported, 300 * MB);
  }, 60_000);

  it("is refused from its directory alone, before a byte is inflated", async () => {
    expect(bomb.length).toBeLessThan(2 * MB);
    const check = await checkXlsx(bomb);
    expect(check).toMatchObject({ ok: false, status: 413, key: "xlsx.error.tooLargeUnpacked", inflatedBytes: 0 });
  });

  it("round import answers 413 with a Korean message and changes nothing", async () => {
    const before = await snapshot();
    const res = await outcome(async () =>
      roundImport(
        routeArgs(await post(coordinator, `/rounds/${roundId}/import`, bomb, "회차.xlsx"), {
          roundId: String(roundId),
        }),
      ),
    );
    expect(res.status).toBe(413);
    expect(message(res.body)).toBe(
      `엑셀 파일: 압축을 풀면 ${XLSX_LIMITS.maxTotalBytes / MB}MB가 넘습니다. 빈 칸이나 서식으로 부풀려진 파일은 받지 않습니다. 엑셀에서 필요한 행만 남기고 다시 저장하세요.`,
    );
    expect(await snapshot()).toEqual(before);
  });

  it("edition import and registry import refuse it the same way", async () => {
    const before = await snapshot();
    const edition = await outcome(async () =>
      editionImport(routeArgs(await post(admin, "/editions/import", bomb, "편람.xlsx"))),
    );
    expect(edition.status).toBe(413);
    expect(message(edition.body)).toContain("압축을 풀면");
    const registry = await outcome(async () =>
      registryImport(routeArgs(await post(admin, "/registry/import", bomb, "인증현황.xlsx"))),
    );
    expect(registry.status).toBe(413);
    expect(message(registry.body)).toContain("압축을 풀면");
    expect(await snapshot()).toEqual(before);
  });
});

describe("a sheet whose directory lies about its size", () => {
  let liar: Uint8Array<ArrayBuffer>;
  beforeAll(async () => {
    liar = await padded(exported, 300 * MB, "declare-original-size");
  }, 60_000);

  it("passes the directory check, then stops inflating just past the declared size", async () => {
    const check = await checkXlsx(liar);
    expect(check).toMatchObject({ ok: false, status: 422, key: "xlsx.error.sizeMismatch" });
    // Everything before the lying sheet, the declared size of the sheet, and at most one inflate chunk more:
    // nowhere near the 300 MB the sheet really holds.
    expect(check.inflatedBytes).toBeLessThan(2 * MB);
  });

  it("the round import refuses it with 422 and changes nothing", async () => {
    const before = await snapshot();
    const res = await outcome(async () =>
      roundImport(
        routeArgs(await post(coordinator, `/rounds/${roundId}/import`, liar, "회차.xlsx"), {
          roundId: String(roundId),
        }),
      ),
    );
    expect(res.status).toBe(422);
    expect(message(res.body)).toContain("압축 파일의 목록과 실제 내용의 크기가 다릅니다");
    expect(await snapshot()).toEqual(before);
  });
});

describe("other limits", () => {
  it("refuses an entry compressed far beyond what a workbook compresses to, and too many entries", async () => {
    const dense = await deflatePadded(Buffer.from("<x>"), 20 * MB, Buffer.from("</x>"));
    const ratio = await checkXlsx(zip([{ ...dense, name: "xl/worksheets/sheet1.xml" }]));
    expect(ratio).toMatchObject({ ok: false, status: 413, key: "xlsx.error.ratio", inflatedBytes: 0 });
    expect(translate("ko", ratio.ok ? "app.name" : ratio.key, ratio.ok ? {} : ratio.params)).toContain("압축 폭탄");

    const tiny = Buffer.from("<a/>");
    const many = zip(
      Array.from({ length: 40 }, (_, i) => ({
        name: `xl/p${i}.xml`,
        data: tiny,
        size: tiny.length,
        crc: zlib.crc32(tiny),
        method: 0 as const,
      })),
    );
    expect(await checkXlsx(many, { ...XLSX_LIMITS, maxEntries: 30 })).toMatchObject({
      ok: false,
      status: 422,
      key: "xlsx.error.tooManyEntries",
      inflatedBytes: 0,
    });
  });

  it("refuses a part named outside the archive and a file that is not a zip", async () => {
    const tiny = Buffer.from("<a/>");
    const escape = zip([{ name: "../../etc/passwd", data: tiny, size: tiny.length, crc: zlib.crc32(tiny), method: 0 }]);
    expect(await checkXlsx(escape)).toMatchObject({ ok: false, status: 422 });
    expect(await checkXlsx(new TextEncoder().encode("PK\u0003\u0004 not really a zip"))).toMatchObject({
      ok: false,
      status: 422,
      key: "xlsx.error.corrupt",
    });
  });
});
