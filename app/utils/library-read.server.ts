// The department's evidence library, read side (docs/decisions/036): its files and their links across rounds, the
// department's indicators of a round, the files an indicator page may attach and the library an upload goes to.
import type { Db } from "#db/connection";
import type { ResponseStatus, Round } from "#db/schema";
import type { LinkTarget } from "~/domain/evidence-library";
import { type Actor, can } from "~/domain/permissions";

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
