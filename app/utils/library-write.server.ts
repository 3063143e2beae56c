// The department's evidence library, write side (docs/decisions/036): files stored once by content, linked to several
// indicators of a round and offered again in later rounds. A link is an evidence row with `library_file_id`; unlinking
// marks that row deleted and nothing else, so the content another indicator, another round or the audit log names
// stays.
import { type Db, inTransaction, nowIso } from "#db/connection";
import type { Round } from "#db/schema";
import { type LinkPlan, planLinks } from "~/domain/evidence-library";
import type { MessageKey } from "~/i18n";
import { recordEvent } from "./audit.server";
import { insertEvidence, liveEvidenceOf, type ReceivedFile, removeEvidenceRows } from "./evidence.server";
import { departmentTargets, libraryFile } from "./library-read.server";

export type LibraryOutcome =
  { ok: true; codes: string[] } | Exclude<LinkPlan, { ok: true }> | { ok: false; reason: "not-linked" };

/**
 * Puts a received file into the department's library: the same content already there is the same library file (the
 * store holds it once either way), so uploading it again only links. A new file is audited.
 */
export async function storeInLibrary(
  db: Db,
  actorUserId: number,
  institutionId: number,
  departmentId: number,
  file: ReceivedFile,
  title: string,
): Promise<{ id: number; created: boolean }> {
  return inTransaction(db, async (trx) => {
    const existing = await trx
      .selectFrom("library_files")
      .select("id")
      .where("department_id", "=", departmentId)
      .where("sha256", "=", file.sha256)
      .executeTakeFirst();
    if (existing) return { id: existing.id, created: false };
    const row = await trx
      .insertInto("library_files")
      .values({
        institution_id: institutionId,
        department_id: departmentId,
        sha256: file.sha256,
        title,
        file_name: file.name,
        file_mime: file.mime,
        file_size: file.size,
        created_by: actorUserId,
        created_at: nowIso(),
      })
      .returning(["id", "department_id", "sha256", "title", "file_name", "file_size"])
      .executeTakeFirstOrThrow();
    await recordEvent(trx, {
      actorUserId,
      institutionId,
      roundId: null,
      entity: "library_file",
      entityId: row.id,
      action: "add",
      before: null,
      after: row,
    });
    return { id: row.id, created: true };
  });
}

async function linkedCodes(db: Db, roundId: number, fileId: number): Promise<Set<string>> {
  const rows = await db
    .selectFrom("evidence as e")
    .innerJoin("responses as r", "r.id", "e.response_id")
    .select("r.indicator_code")
    .where("r.round_id", "=", roundId)
    .where("e.library_file_id", "=", fileId)
    .where("e.deleted_at", "is", null)
    .execute();
  return new Set(rows.map((r) => r.indicator_code));
}

/**
 * Links a library file to indicators of the round: all of them or none (planLinks). Each link is one evidence row
 * with its audit event, added exactly as an upload on the indicator page would be.
 */
export async function linkFile(
  db: Db,
  actorUserId: number,
  round: Round,
  fileId: number,
  codes: readonly string[],
): Promise<LibraryOutcome> {
  return inTransaction(db, async (trx) => {
    const file = await libraryFile(trx, fileId);
    if (!file || file.institution_id !== round.institution_id) return { ok: false, reason: "not-assigned", codes: [] };
    const plan = planLinks({
      roundState: round.state,
      requested: codes,
      targets: await departmentTargets(trx, round.id, file.department_id),
      alreadyLinked: await linkedCodes(trx, round.id, file.id),
    });
    if (!plan.ok) return plan;
    for (const code of plan.codes) {
      await insertEvidence(
        trx,
        actorUserId,
        round,
        code,
        {
          kind: "file",
          title: file.title,
          file: { sha256: file.sha256, size: file.file_size, name: file.file_name, mime: file.file_mime },
        },
        file.id,
      );
    }
    return { ok: true, codes: plan.codes };
  });
}

/** Removes the link of a library file to one indicator of the round; the file and every other link stay. */
export async function unlinkFile(
  db: Db,
  actorUserId: number,
  round: Round,
  fileId: number,
  code: string,
): Promise<LibraryOutcome> {
  return inTransaction(db, async (trx) => {
    const file = await libraryFile(trx, fileId);
    if (!file || file.institution_id !== round.institution_id) return { ok: false, reason: "not-linked" };
    const plan = planLinks({
      roundState: round.state,
      requested: [code],
      targets: await departmentTargets(trx, round.id, file.department_id),
    });
    if (!plan.ok) return plan;
    const rows = await liveEvidenceOf(trx, round, code).where("e.library_file_id", "=", file.id).execute();
    if (rows.length === 0) return { ok: false, reason: "not-linked" };
    await removeEvidenceRows(trx, actorUserId, round, code, rows);
    return { ok: true, codes: [code] };
  });
}

/**
 * Upload once, link to several: stores the file in the department's library and links it to `codes` in one
 * transaction. The links are checked first, so a refused link leaves the library as it was.
 */
export async function uploadToLibrary(
  db: Db,
  actorUserId: number,
  round: Round,
  departmentId: number,
  file: ReceivedFile,
  title: string,
  codes: readonly string[],
): Promise<LibraryOutcome & { fileId?: number; created?: boolean }> {
  return inTransaction(db, async (trx) => {
    if (round.state !== "open") return { ok: false, reason: "round-locked" };
    if (codes.length) {
      const plan = planLinks({
        roundState: round.state,
        requested: codes,
        targets: await departmentTargets(trx, round.id, departmentId),
      });
      if (!plan.ok) return plan;
    }
    const stored = await storeInLibrary(trx, actorUserId, round.institution_id, departmentId, file, title);
    if (!codes.length) return { ok: true, codes: [], fileId: stored.id, created: stored.created };
    const linked = await linkFile(trx, actorUserId, round, stored.id, codes);
    return { ...linked, fileId: stored.id, created: stored.created };
  });
}

export interface LibraryMessage {
  key: MessageKey;
  params?: Record<string, string | number>;
}

/** A refused library change as the page says it, with its HTTP status (409 for what is locked now). */
export function refusal(outcome: Exclude<LibraryOutcome, { ok: true }>): { status: number; error: LibraryMessage } {
  switch (outcome.reason) {
    case "round-locked":
      return { status: 409, error: { key: "library.error.roundLocked" } };
    case "response-locked":
      return {
        status: 409,
        error: { key: "library.error.responseLocked", params: { codes: outcome.codes.join(", ") } },
      };
    case "not-assigned":
      return { status: 403, error: { key: "library.error.notAssigned", params: { codes: outcome.codes.join(", ") } } };
    case "none":
      return { status: 400, error: { key: "library.error.none" } };
    case "not-linked":
      return { status: 404, error: { key: "library.error.notLinked" } };
  }
}
