// The department's evidence library (docs/decisions/037): files stored once by content, linked to several indicators
// of a round and offered again in later rounds. A link is an evidence row with `library_file_id`; unlinking marks that
// row deleted and nothing else, so the content another indicator, another round or the audit log names stays.
import { type Db, inTransaction, nowIso } from "#db/connection";
import type { ResponseStatus, Round } from "#db/schema";
import { type LinkPlan, type LinkTarget, planLinks } from "~/domain/evidence-library";
import { type Actor, can } from "~/domain/permissions";
import type { MessageKey } from "~/i18n";
import { recordEvent } from "./audit.server";
import { insertEvidence, type ReceivedFile } from "./evidence.server";

export interface LibraryLink {
  evidenceId: number;
  roundId: number;
  roundTitle: string;
  roundYear: number;
  code: string;
}

export interface LibraryFileView {
  id: number;
  title: string;
  fileName: string;
  fileSize: number;
  fileMime: string;
  createdBy: string;
  createdAt: string;
  links: LibraryLink[];
}

export interface DepartmentTarget extends LinkTarget {
  role: "lead" | "support";
}

export type LibraryOutcome =
  { ok: true; codes: string[] } | Exclude<LinkPlan, { ok: true }> | { ok: false; reason: "not-linked" };

/** The institution's latest round before this one (by year): last year's answers and links come from it. */
export async function previousRound(db: Db, round: Pick<Round, "institution_id" | "year">) {
  return (
    (await db
      .selectFrom("rounds")
      .select(["id", "title", "year", "edition_id"])
      .where("institution_id", "=", round.institution_id)
      .where("year", "<", round.year)
      .orderBy("year", "desc")
      .limit(1)
      .executeTakeFirst()) ?? null
  );
}

/** The department's indicators in the round (lead or support) with their response's status. */
export async function departmentTargets(db: Db, roundId: number, departmentId: number): Promise<DepartmentTarget[]> {
  const rows = await db
    .selectFrom("assignments as a")
    .leftJoin("responses as r", (j) =>
      j.onRef("r.round_id", "=", "a.round_id").onRef("r.indicator_code", "=", "a.indicator_code"),
    )
    .select(["a.indicator_code", "a.role", "r.status"])
    .where("a.round_id", "=", roundId)
    .where("a.department_id", "=", departmentId)
    .execute();
  return rows.map((r) => ({
    code: r.indicator_code,
    role: r.role,
    status: (r.status ?? "not_started") as ResponseStatus,
  }));
}

/** A department's files, newest first, each with every live link across rounds. */
export async function listLibrary(db: Db, departmentId: number): Promise<LibraryFileView[]> {
  const files = await db
    .selectFrom("library_files as f")
    .innerJoin("users as u", "u.id", "f.created_by")
    .select(["f.id", "f.title", "f.file_name", "f.file_size", "f.file_mime", "f.created_at", "u.display_name"])
    .where("f.department_id", "=", departmentId)
    .orderBy("f.created_at", "desc")
    .orderBy("f.id", "desc")
    .execute();
  if (files.length === 0) return [];
  const links = await db
    .selectFrom("evidence as e")
    .innerJoin("responses as r", "r.id", "e.response_id")
    .innerJoin("rounds as o", "o.id", "r.round_id")
    .select(["e.id", "e.library_file_id", "r.round_id", "r.indicator_code", "o.title", "o.year"])
    .where(
      "e.library_file_id",
      "in",
      files.map((f) => f.id),
    )
    .where("e.deleted_at", "is", null)
    .orderBy("o.year", "desc")
    .orderBy("r.indicator_code")
    .execute();
  const byFile = new Map<number, LibraryLink[]>();
  for (const l of links) {
    const list = byFile.get(l.library_file_id!) ?? [];
    list.push({
      evidenceId: l.id,
      roundId: l.round_id,
      roundTitle: l.title,
      roundYear: l.year,
      code: l.indicator_code,
    });
    byFile.set(l.library_file_id!, list);
  }
  return files.map((f) => ({
    id: f.id,
    title: f.title,
    fileName: f.file_name,
    fileSize: f.file_size,
    fileMime: f.file_mime,
    createdBy: f.display_name,
    createdAt: f.created_at,
    links: byFile.get(f.id) ?? [],
  }));
}

export async function libraryFile(db: Db, fileId: number) {
  return db.selectFrom("library_files").selectAll().where("id", "=", fileId).executeTakeFirst();
}

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
    const rows = await trx
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
      .where("e.library_file_id", "=", file.id)
      .where("e.deleted_at", "is", null)
      .execute();
    if (rows.length === 0) return { ok: false, reason: "not-linked" };
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
): Promise<LibraryOutcome & { fileId?: number }> {
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
    if (!codes.length) return { ok: true, codes: [], fileId: stored.id };
    const linked = await linkFile(trx, actorUserId, round, stored.id, codes);
    return { ...linked, fileId: stored.id };
  });
}

/** Library files of the indicator's departments the actor may use, not linked to it yet; last round's first. */
export async function libraryChoices(
  db: Db,
  actor: Actor,
  round: Round,
  code: string,
  departmentIds: readonly number[],
) {
  // A coordinator uses every assigned department's library; a member only their own department's.
  const allowed = departmentIds.filter((id) =>
    can(actor, "update:response:own-dept", { institutionId: round.institution_id, departmentIds: [id] }),
  );
  if (allowed.length === 0) return [];
  const files = await db
    .selectFrom("library_files as f")
    .innerJoin("departments as d", "d.id", "f.department_id")
    .select(["f.id", "f.title", "f.file_name", "d.name as department"])
    .where("f.department_id", "in", allowed)
    .orderBy("f.created_at", "desc")
    .execute();
  if (files.length === 0) return [];
  const prev = await previousRound(db, round);
  const links = await db
    .selectFrom("evidence as e")
    .innerJoin("responses as r", "r.id", "e.response_id")
    .select(["e.library_file_id", "r.round_id"])
    .where(
      "e.library_file_id",
      "in",
      files.map((f) => f.id),
    )
    .where("r.indicator_code", "=", code)
    .where("r.round_id", "in", prev ? [round.id, prev.id] : [round.id])
    .where("e.deleted_at", "is", null)
    .execute();
  const here = new Set(links.filter((l) => l.round_id === round.id).map((l) => l.library_file_id));
  const before = new Set(links.filter((l) => l.round_id !== round.id).map((l) => l.library_file_id));
  return files
    .filter((f) => !here.has(f.id))
    .map((f) => ({
      id: f.id,
      title: f.title,
      fileName: f.file_name,
      department: f.department,
      lastRound: before.has(f.id),
    }))
    .sort((a, b) => Number(b.lastRound) - Number(a.lastRound));
}

/** The library a file uploaded on an indicator page goes to: the actor's own assigned department, else the lead's. */
export function uploadDepartment(
  actor: Actor,
  institutionId: number,
  assignments: readonly { departmentId: number; role: "lead" | "support" }[],
): number | null {
  const own = actor.memberships
    .filter((m) => m.institutionId === institutionId && m.departmentId !== null)
    .map((m) => m.departmentId);
  return (
    assignments.find((a) => own.includes(a.departmentId))?.departmentId ??
    assignments.find((a) => a.role === "lead")?.departmentId ??
    null
  );
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
