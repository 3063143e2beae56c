// An .xlsx file is a zip archive, and exceljs inflates every part of it into memory before it reads a cell: a 2 MB
// upload whose sheet XML was padded with spaces unpacks to 2 GB and takes a worker with it. Every workbook import
// (round workbook, rubric edition, certification registry) asks this guard first. It reads the archive's central
// directory (entry count, names, declared sizes, compression ratio), then inflates every entry once into nothing while
// counting the bytes, and stops at the cap even when the directory lied about the sizes. Only then may exceljs parse.
import yauzl from "yauzl";

/**
 * The translation keys of the guard's refusals (app/i18n/ko/common.ts). Plain strings here: this module sits on the
 * indicators floor, below the app, because the rubric loader checks workbooks too; the app's translation types accept
 * these keys as they are.
 */
export type XlsxMessageKey =
  | "xlsx.error.tooManyEntries"
  | "xlsx.error.badName"
  | "xlsx.error.tooLargeUnpacked"
  | "xlsx.error.ratio"
  | "xlsx.error.sizeMismatch"
  | "xlsx.error.corrupt";

export interface XlsxLimits {
  /** Entries in the archive (a workbook has a few per sheet). */
  maxEntries: number;
  /** Bytes of all entries together once inflated. */
  maxTotalBytes: number;
  /** Inflated ÷ compressed size of one entry, for entries past `ratioFloorBytes`. */
  maxRatio: number;
  ratioFloorBytes: number;
}

/**
 * A round export unpacks to a few MB at most and compresses well under 50 : 1 (the seeded round: see the test); the limits
 * leave an order of magnitude of room for real files and none for a bomb (space padding deflates about 1000 : 1).
 */
export const XLSX_LIMITS: XlsxLimits = {
  maxEntries: 2_000,
  maxTotalBytes: 64 * 1024 * 1024,
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
};

export interface XlsxRefusal {
  key: XlsxMessageKey;
  params?: Record<string, string | number>;
  /** 413 when the contents are too large once unpacked, 422 when the archive itself is malformed or lies. */
  status: 413 | 422;
}

export type XlsxCheck = { ok: true; inflatedBytes: number } | ({ ok: false; inflatedBytes: number } & XlsxRefusal);

const MB = 1024 * 1024;
const mb = (bytes: number) => Math.ceil(bytes / MB);

/** A name a workbook part may have: relative, forward slashes, no parent steps, no control characters. */
function badName(name: string): boolean {
  return (
    name.length === 0 ||
    name.length > 255 ||
    name.startsWith("/") ||
    name.includes("\\") ||
    // eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
    /[\u0000-\u001f]/.test(name) ||
    /^[A-Za-z]:/.test(name) ||
    name.split("/").some((part) => part === "..")
  );
}

class Refused extends Error {
  constructor(readonly refusal: XlsxRefusal) {
    super(refusal.key);
  }
}

/** Checks the archive and inflates it into nothing; resolves with the verdict, never throws. */
export async function checkXlsx(bytes: Uint8Array, limits: XlsxLimits = XLSX_LIMITS): Promise<XlsxCheck> {
  let inflatedBytes = 0;
  let zip: yauzl.ZipFile | undefined;
  try {
    zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      yauzl.fromBuffer(
        Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
        { lazyEntries: true, validateEntrySizes: false, strictFileNames: false },
        (error, z) => (error ? reject(error) : resolve(z)),
      ),
    );
    const file = zip;
    if (file.entryCount > limits.maxEntries) {
      throw new Refused({
        key: "xlsx.error.tooManyEntries",
        params: { count: file.entryCount, max: limits.maxEntries },
        status: 422,
      });
    }
    // Pass 1: the directory alone, before anything is inflated.
    const entries: yauzl.Entry[] = [];
    await new Promise<void>((resolve, reject) => {
      file.on("entry", (entry: yauzl.Entry) => {
        entries.push(entry);
        file.readEntry();
      });
      file.on("end", resolve);
      file.on("error", reject);
      file.readEntry();
    });
    let declared = 0;
    for (const entry of entries) {
      if (badName(entry.fileName))
        throw new Refused({ key: "xlsx.error.badName", params: { name: entry.fileName.slice(0, 80) }, status: 422 });
      declared += entry.uncompressedSize;
      if (declared > limits.maxTotalBytes)
        throw new Refused({
          key: "xlsx.error.tooLargeUnpacked",
          params: { max: mb(limits.maxTotalBytes) },
          status: 413,
        });
      if (
        entry.uncompressedSize > limits.ratioFloorBytes &&
        entry.uncompressedSize / Math.max(1, entry.compressedSize) > limits.maxRatio
      ) {
        throw new Refused({
          key: "xlsx.error.ratio",
          params: {
            name: entry.fileName.slice(0, 80),
            ratio: Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize)),
          },
          status: 413,
        });
      }
    }
    // Pass 2: inflate each entry into nothing, counting; stop at the cap, or as soon as an entry grows past the size
    // the directory declared for it (a directory that lies is refused, not believed).
    for (const entry of entries) {
      if (entry.fileName.endsWith("/")) continue;
      await new Promise<void>((resolve, reject) => {
        file.openReadStream(entry, (error, stream) => {
          if (error) return reject(error);
          let entryBytes = 0;
          const stop = (refusal: XlsxRefusal) => {
            stream.destroy();
            reject(new Refused(refusal));
          };
          stream.on("data", (chunk: Buffer) => {
            entryBytes += chunk.length;
            inflatedBytes += chunk.length;
            if (inflatedBytes > limits.maxTotalBytes)
              stop({ key: "xlsx.error.tooLargeUnpacked", params: { max: mb(limits.maxTotalBytes) }, status: 413 });
            else if (entryBytes > entry.uncompressedSize) stop({ key: "xlsx.error.sizeMismatch", status: 422 });
          });
          stream.on("error", reject);
          stream.on("end", () =>
            entryBytes === entry.uncompressedSize
              ? resolve()
              : reject(new Refused({ key: "xlsx.error.sizeMismatch", status: 422 })),
          );
        });
      });
    }
    return { ok: true, inflatedBytes };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, inflatedBytes, ...error.refusal };
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      inflatedBytes,
      key: "xlsx.error.corrupt",
      params: { reason: reason.slice(0, 200) },
      status: 422,
    };
  } finally {
    try {
      zip?.close();
    } catch {
      // already closed
    }
  }
}

/** Thrown by `assertXlsxSafe`, for readers that answer by throwing; the route turns it into its refusal. */
export class XlsxRefused extends Error {
  constructor(readonly refusal: XlsxRefusal) {
    super(`the workbook was refused before reading (${refusal.key})`);
  }
}

/** Throws `XlsxRefused` unless the archive is safe to hand to exceljs. */
export async function assertXlsxSafe(bytes: Uint8Array, limits: XlsxLimits = XLSX_LIMITS): Promise<void> {
  const check = await checkXlsx(bytes, limits);
  if (!check.ok) throw new XlsxRefused({ key: check.key, params: check.params, status: check.status });
}
