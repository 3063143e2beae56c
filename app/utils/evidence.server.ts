// Evidence (증빙자료) of a response: files streamed into the content-addressed store, links and notes.
// Files are checked by their content (magic bytes), not only by their name; nothing is held whole in memory.
import { type Db, inTransaction, nowIso } from "#db/connection";
import type { EvidenceKind, Round } from "#db/schema";
import { checkEvidenceFileName, type EvidenceType, extensionOf } from "~/domain/response-rules";
import { recordEvent } from "./audit.server";
import { storableText } from "./forms";
import { MultipartError, multipartBoundary, parseMultipart } from "./multipart.server";
import { ensureResponse } from "./responses.server";
import { type FileStore, FileTooLargeError, type StoredFile } from "./storage.server";

// ---------------------------------------------------------------------------------------------------------------
// Content checks

type Family = EvidenceType["families"][number];

const startsWith = (head: Uint8Array, bytes: number[]) => bytes.every((b, i) => head[i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** What the first bytes say a file is; null when they match no accepted format. */
export function sniffFamily(head: Uint8Array): Family | null {
  if (startsWith(head, ascii("%PDF-"))) return "pdf";
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (startsWith(head, [0xff, 0xd8, 0xff])) return "jpeg";
  if (startsWith(head, ascii("GIF87a")) || startsWith(head, ascii("GIF89a"))) return "gif";
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return "ole";
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return "zip";
  if (startsWith(head, ascii("HWP Document File"))) return "hwp3";
  return null;
}

/** Bytes needed to recognise every accepted format. */
const SNIFF_BYTES = 32;

export type UploadProblem =
  | { key: "work.evidence.noFile" | "work.evidence.tooMany" | "work.evidence.malformed" | "work.evidence.nameTooLong" }
  | { key: "work.evidence.empty" | "work.evidence.badType" | "work.evidence.badName"; name: string }
  | { key: "work.evidence.mismatch"; name: string; ext: string }
  | { key: "work.evidence.tooLarge"; maxMb: number };

export interface ReceivedFile extends StoredFile {
  name: string;
  mime: string;
}

export interface ReceivedUpload {
  fields: Record<string, string>;
  /** Every value of each text field, in order (for checkbox lists such as the library's indicator codes). */
  lists: Record<string, string[]>;
  file: ReceivedFile | null;
  problem: UploadProblem | null;
}

const TEXT_FIELD_MAX = 64 * 1024;

async function drain(data: AsyncIterable<Uint8Array>) {
  for await (const _chunk of data) {
    // discard: the client is still sending; answering before the body is read would leave it hanging.
  }
}

/** Reads a request body to its end without keeping it, so a refusal reaches a client that is still uploading. */
export async function discardBody(request: Request): Promise<void> {
  if (!request.body || request.bodyUsed) return;
  try {
    await drain(request.body as unknown as AsyncIterable<Uint8Array>);
  } catch {
    // the client went away: nothing to answer
  }
}

/** The first `n` bytes of a part (fewer if it is shorter) and the iterator positioned after them. */
async function readHead(iterator: AsyncIterator<Buffer>, n: number): Promise<Buffer> {
  const head: Buffer[] = [];
  let size = 0;
  while (size < n) {
    const next = await iterator.next();
    if (next.done) break;
    head.push(next.value);
    size += next.value.length;
  }
  return head.length === 1 ? head[0] : Buffer.concat(head);
}

/**
 * Parses a multipart evidence upload: small text fields into `fields`, and at most one file (field `file`) streamed
 * through the content check into the store. A refused file is read to its end and discarded, never stored.
 * File names are checked as the client sent them, so "../x.pdf" is refused rather than quietly shortened.
 */
export async function receiveUpload(request: Request, store: FileStore, maxBytes: number): Promise<ReceivedUpload> {
  const fields: Record<string, string> = {};
  // No prototype: a field named "constructor" or "__proto__" is just a field.
  const lists: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  let file: ReceivedFile | null = null;
  let problem: UploadProblem | null = null;
  let files = 0;
  const boundary = multipartBoundary(request.headers.get("content-type"));
  if (!request.body || !boundary) {
    await discardBody(request);
    return { fields, lists, file: null, problem: { key: "work.evidence.malformed" } };
  }
  try {
    for await (const part of parseMultipart(request.body as unknown as AsyncIterable<Uint8Array>, boundary)) {
      if (part.filename === null) {
        const chunks: Buffer[] = [];
        let size = 0;
        for await (const chunk of part.body) {
          size += chunk.length;
          if (size <= TEXT_FIELD_MAX) chunks.push(Buffer.from(chunk));
        }
        if (size > TEXT_FIELD_MAX) problem ??= { key: "work.evidence.malformed" };
        else {
          fields[part.name] = storableText(Buffer.concat(chunks).toString("utf8"));
          if (Object.hasOwn(lists, part.name)) lists[part.name].push(fields[part.name]);
          else lists[part.name] = [fields[part.name]];
        }
        continue;
      }
      if (part.name !== "file") continue;
      if (++files > 1) {
        problem ??= { key: "work.evidence.tooMany" };
        continue;
      }
      // A form sent without choosing a file: an empty part with an empty name.
      if (part.filename === "" || problem) continue;
      const checked = checkEvidenceFileName(part.filename);
      if (!checked.ok) {
        problem =
          checked.reason === "tooLong"
            ? { key: "work.evidence.nameTooLong" }
            : checked.reason === "type"
              ? { key: "work.evidence.badType", name: checked.name }
              : { key: "work.evidence.badName", name: checked.name };
        continue;
      }
      const { type, name } = checked;
      // The first bytes decide; only then does the content flow on into the store.
      const iterator = part.body[Symbol.asyncIterator]();
      const first = await readHead(iterator, SNIFF_BYTES);
      const family = first.length ? sniffFamily(first) : null;
      if (first.length === 0) {
        problem = { key: "work.evidence.empty", name };
        continue;
      }
      if (!family || !(type.families as readonly string[]).includes(family)) {
        problem = { key: "work.evidence.mismatch", name, ext: extensionOf(name) };
        continue;
      }
      async function* content(): AsyncGenerator<Uint8Array> {
        yield first;
        for (;;) {
          const next = await iterator.next();
          if (next.done) return;
          yield next.value;
        }
      }
      try {
        const stored = await store.put(content(), { maxBytes });
        file = { ...stored, name, mime: type.mime };
      } catch (error) {
        if (!(error instanceof FileTooLargeError)) throw error;
        problem = { key: "work.evidence.tooLarge", maxMb: Math.round(maxBytes / 1024 / 1024) };
      }
    }
  } catch (error) {
    if (!(error instanceof MultipartError)) throw error;
    await discardBody(request);
    return { fields, lists, file: null, problem: problem ?? { key: "work.evidence.malformed" } };
  }
  if (!problem && !file) problem = { key: "work.evidence.noFile" };
  return { fields, lists, file: problem ? null : file, problem };
}

// ---------------------------------------------------------------------------------------------------------------
// Rows

export interface EvidenceView {
  id: number;
  kind: EvidenceKind;
  title: string;
  url: string | null;
  note: string | null;
  fileName: string | null;
  fileSize: number | null;
  /** The sniffed content type, for showing PDFs and images in the browser. */
  fileMime: string | null;
  createdBy: string;
  createdById: number;
  createdAt: string;
  /** The department library file this evidence links, if any (docs/decisions/036). */
  libraryFileId: number | null;
}

export async function listEvidence(db: Db, responseId: number | null): Promise<EvidenceView[]> {
  if (responseId === null) return [];
  const rows = await db
    .selectFrom("evidence as e")
    .innerJoin("users as u", "u.id", "e.created_by")
    .select([
      "e.id",
      "e.kind",
      "e.title",
      "e.url",
      "e.note",
      "e.file_name",
      "e.file_size",
      "e.file_mime",
      "e.created_at",
      "e.created_by",
      "e.library_file_id",
      "u.display_name",
    ])
    .where("e.response_id", "=", responseId)
    .where("e.deleted_at", "is", null)
    .orderBy("e.created_at")
    .orderBy("e.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    title: r.title,
    url: r.url,
    note: r.note,
    fileName: r.file_name,
    fileSize: r.file_size,
    fileMime: r.file_mime,
    createdBy: r.display_name,
    createdById: r.created_by,
    createdAt: r.created_at,
    libraryFileId: r.library_file_id,
  }));
}

export type NewEvidence =
  | { kind: "file"; title: string; file: ReceivedFile }
  | { kind: "link"; title: string; url: string }
  | { kind: "note"; title: string; note: string };

/** Adds evidence to the indicator's response (creating the response row if needed) with its audit event. */
export async function addEvidence(
  db: Db,
  actorUserId: number,
  round: Round,
  code: string,
  input: NewEvidence,
  libraryFileId: number | null = null,
): Promise<number> {
  return inTransaction(db, (trx) => insertEvidence(trx, actorUserId, round, code, input, libraryFileId));
}

/** The write of addEvidence, for a caller already in a transaction (linking one library file to several indicators). */
export async function insertEvidence(
  trx: Db,
  actorUserId: number,
  round: Round,
  code: string,
  input: NewEvidence,
  libraryFileId: number | null,
): Promise<number> {
  const response = await ensureResponse(trx, actorUserId, round, code);
  const now = nowIso();
  const row = await trx
    .insertInto("evidence")
    .values({
      response_id: response.id,
      kind: input.kind,
      title: input.title,
      url: input.kind === "link" ? input.url : null,
      note: input.kind === "note" ? input.note : null,
      file_sha256: input.kind === "file" ? input.file.sha256 : null,
      file_name: input.kind === "file" ? input.file.name : null,
      file_mime: input.kind === "file" ? input.file.mime : null,
      file_size: input.kind === "file" ? input.file.size : null,
      created_by: actorUserId,
      created_at: now,
      library_file_id: libraryFileId,
    })
    .returning(["id", "kind", "title", "url", "file_sha256", "file_name", "file_size"])
    .executeTakeFirstOrThrow();
  if (response.status === "not_started") {
    // Evidence is work in progress; the answer's version stays, so an open form does not conflict with an upload.
    await trx
      .updateTable("responses")
      .set({ status: "draft", updated_at: now })
      .where("id", "=", response.id)
      .where("status", "=", "not_started")
      .execute();
  }
  await recordEvent(trx, {
    actorUserId,
    institutionId: round.institution_id,
    roundId: round.id,
    entity: "evidence",
    entityId: row.id,
    action: "add",
    before: null,
    after: {
      indicator: code,
      response_id: response.id,
      ...row,
      ...(libraryFileId === null ? {} : { library_file_id: libraryFileId }),
    },
  });
  return row.id;
}

/** The live evidence of one indicator of a round, joined to its response; the caller narrows it (one row, one file). */
export function liveEvidenceOf(trx: Db, round: Round, code: string) {
  return trx
    .selectFrom("evidence as e")
    .innerJoin("responses as r", "r.id", "e.response_id")
    .select([
      "e.id",
      "e.kind",
      "e.title",
      "e.file_sha256",
      "e.file_name",
      "e.url",
      "e.response_id",
      "e.library_file_id",
    ])
    .where("r.round_id", "=", round.id)
    .where("r.indicator_code", "=", code)
    .where("e.deleted_at", "is", null);
}

type LiveEvidence = Awaited<ReturnType<ReturnType<typeof liveEvidenceOf>["executeTakeFirstOrThrow"]>>;

/**
 * Removes evidence rows softly (the stored file stays: another link or an old round may use it), one audit event
 * each, in the caller's transaction. The one way evidence leaves an indicator: a delete and a library unlink.
 */
export async function removeEvidenceRows(
  trx: Db,
  actorUserId: number,
  round: Round,
  code: string,
  rows: readonly LiveEvidence[],
): Promise<void> {
  const stamp = nowIso();
  for (const row of rows) {
    await trx
      .updateTable("evidence")
      .set({ deleted_at: stamp, deleted_by: actorUserId })
      .where("id", "=", row.id)
      .execute();
    await recordEvent(trx, {
      actorUserId,
      institutionId: round.institution_id,
      roundId: round.id,
      entity: "evidence",
      entityId: row.id,
      action: "delete",
      before: { indicator: code, ...row },
      after: null,
    });
  }
}

/** Marks one evidence row of the response deleted (the file stays in the store; the history keeps the row). */
export async function deleteEvidence(
  db: Db,
  actorUserId: number,
  round: Round,
  code: string,
  evidenceId: number,
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const row = await liveEvidenceOf(trx, round, code).where("e.id", "=", evidenceId).executeTakeFirst();
    if (!row) return false;
    await removeEvidenceRows(trx, actorUserId, round, code, [row]);
    return true;
  });
}

/** A stored file with what a permission check needs: its round and indicator. */
export async function evidenceFile(db: Db, evidenceId: number) {
  return db
    .selectFrom("evidence as e")
    .innerJoin("responses as r", "r.id", "e.response_id")
    .select(["e.id", "e.file_sha256", "e.file_name", "e.file_mime", "e.file_size", "r.round_id", "r.indicator_code"])
    .where("e.id", "=", evidenceId)
    .where("e.kind", "=", "file")
    .where("e.deleted_at", "is", null)
    .executeTakeFirst();
}

/** Content types a browser shows by itself, safely: the evidence viewer opens these inline. */
export const INLINE_MIMES = ["application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp"] as const;

/** `Content-Disposition` that keeps a Korean name: an ASCII fallback plus RFC 5987/6266 `filename*`. */
export function contentDisposition(name: string, disposition: "attachment" | "inline" = "attachment"): string {
  const fallback =
    name
      .normalize("NFC")
      .replace(/[^\x20-\x7e]/g, "_")
      .replace(/["\\%;]/g, "_") || "download";
  const encoded = encodeURIComponent(name.normalize("NFC")).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
