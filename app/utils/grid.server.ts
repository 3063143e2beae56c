// The department grid: all of a department's indicators of a round as rows of cells, and saving many rows at once.
// A save is all or nothing: every row is checked with the answer form's schema (checkGridRow), every row's lock and
// version is checked, and only then are the changed rows written in one transaction, each through the one write
// path (writeDraft) with its own audit event.
import { type Db, inTransaction } from "#db/connection";
import type { ResponseRow, Round } from "#db/schema";
import { toTenths } from "#indicators/points";
import type { Indicator } from "#indicators/schema";
import { type Actor } from "~/domain/permissions";
import {
  type Draft,
  draftFromRow,
  editLock,
  type EditLock,
  isConflict,
  type ResponseStatus,
  storeAnswer,
} from "~/domain/response-rules";
import { cellsFromDraft, checkGridRow, type GridCells, type PostedGridRow } from "~/schemas/grid";
import { getEdition } from "./editions.server";
import { found } from "./guards.server";
import { writeDraft } from "./responses.server";

export interface GridRow {
  code: string;
  title: string;
  areaTitle: string;
  kind: Indicator["scoring"]["kind"];
  role: "lead" | "support";
  status: ResponseStatus;
  version: number;
  cells: GridCells;
  selfTenths: number | null;
  maxTenths: number;
  evidenceCount: number;
  lock: EditLock;
  updatedBy: string | null;
  updatedAt: string | null;
}

interface Loaded {
  round: Round;
  indicators: Map<string, Indicator>;
  order: string[];
  roles: Map<string, "lead" | "support">;
  responses: Map<string, ResponseRow>;
}

async function load(db: Db, round: Round, departmentId: number): Promise<Loaded> {
  const edition = found(await getEdition(db, round.edition_id));
  const assignments = await db
    .selectFrom("assignments")
    .select(["indicator_code", "role"])
    .where("round_id", "=", round.id)
    .where("department_id", "=", departmentId)
    .execute();
  const roles = new Map(assignments.map((a) => [a.indicator_code, a.role]));
  const codes = edition.indicators.filter((i) => roles.has(i.code)).map((i) => i.code);
  const responses = codes.length
    ? await db
        .selectFrom("responses")
        .selectAll()
        .where("round_id", "=", round.id)
        .where("indicator_code", "in", codes)
        .execute()
    : [];
  return {
    round,
    indicators: new Map(edition.indicators.filter((i) => roles.has(i.code)).map((i) => [i.code, i])),
    order: codes,
    roles,
    responses: new Map(responses.map((r) => [r.indicator_code, r])),
  };
}

/** The department's rows in rubric order, with evidence counts and who saved each last. */
export async function departmentGrid(
  db: Db,
  round: Round,
  departmentId: number,
): Promise<{ rows: GridRow[]; indicators: Indicator[] }> {
  const { indicators, order, roles, responses } = await load(db, round, departmentId);
  const edition = found(await getEdition(db, round.edition_id));
  const areaTitle = new Map(edition.areas.map((a) => [a.code, a.title]));
  const ids = [...responses.values()].map((r) => r.id);
  const counts = ids.length
    ? await db
        .selectFrom("evidence")
        .select(["response_id", db.fn.countAll<number>().as("n")])
        .where("response_id", "in", ids)
        .where("deleted_at", "is", null)
        .groupBy("response_id")
        .execute()
    : [];
  const countBy = new Map(counts.map((c) => [c.response_id, Number(c.n)]));
  const userIds = [...new Set([...responses.values()].map((r) => r.updated_by).filter((u): u is number => !!u))];
  const users = userIds.length
    ? await db.selectFrom("users").select(["id", "display_name"]).where("id", "in", userIds).execute()
    : [];
  const userName = new Map(users.map((u) => [u.id, u.display_name]));
  const rows = order.map((code) => {
    const indicator = indicators.get(code)!;
    const row = responses.get(code) ?? null;
    const status = row?.status ?? "not_started";
    return {
      code,
      title: indicator.title,
      areaTitle: areaTitle.get(indicator.area) ?? indicator.area,
      kind: indicator.scoring.kind,
      role: roles.get(code)!,
      status,
      version: row?.version ?? 0,
      cells: cellsFromDraft(indicator, draftFromRow(row)),
      selfTenths: row?.self_tenths ?? null,
      maxTenths: toTenths(indicator.maxPoints),
      evidenceCount: row ? (countBy.get(row.id) ?? 0) : 0,
      lock: editLock({ roundState: round.state, status, mayUpdate: true }),
      updatedBy: row?.updated_by ? (userName.get(row.updated_by) ?? null) : null,
      updatedAt: row?.updated_at ?? null,
    };
  });
  return { rows, indicators: order.map((c) => indicators.get(c)!) };
}

export interface GridProblem {
  code: string;
  field: string;
  key: string;
}

export interface GridConflict {
  code: string;
  version: number;
  cells: GridCells;
  updatedBy: string | null;
  updatedAt: string | null;
}

export type GridSaveResult =
  | {
      ok: true;
      saved: string[];
      savedAt: string | null;
      versions: Record<string, number>;
      selfTenths: Record<string, number | null>;
    }
  | { ok: false; reason: "invalid"; problems: GridProblem[] }
  | { ok: false; reason: "conflict"; conflicts: GridConflict[] };

const sameDraft = (a: Draft, row: ResponseRow | null) => {
  const b = draftFromRow(row);
  return (
    a.implemented === b.implemented && storeAnswer(a.answer) === storeAnswer(b.answer) && a.narrative === b.narrative
  );
};

/**
 * Saves the posted rows: nothing when any row is invalid, locked, not the department's or based on an older version
 * than stored (someone else saved); otherwise every row whose answer changed, in one transaction. Rows equal to what
 * is stored are left alone (a plain form without JavaScript posts every row).
 */
export async function saveGrid(
  db: Db,
  actor: Actor,
  round: Round,
  departmentId: number,
  posted: Map<string, PostedGridRow>,
): Promise<GridSaveResult> {
  return inTransaction(db, async (trx) => {
    const current = await trx.selectFrom("rounds").selectAll().where("id", "=", round.id).executeTakeFirstOrThrow();
    const loaded = await load(trx, current, departmentId);
    const problems: GridProblem[] = [];
    const checked: { code: string; indicator: Indicator; draft: Draft; selfTenths: number | null; version: number }[] =
      [];
    for (const [code, row] of posted) {
      const indicator = loaded.indicators.get(code);
      if (!indicator) {
        problems.push({ code, field: "_row", key: "grid.error.notYours" });
        continue;
      }
      const result = checkGridRow(indicator, row, Number(row.version));
      if (!result.ok) {
        for (const p of result.problems) problems.push({ code, ...p });
        continue;
      }
      checked.push({
        code,
        indicator,
        draft: result.draft,
        selfTenths: result.selfTenths,
        version: Number(row.version),
      });
    }
    const order = new Map(loaded.order.map((c, n) => [c, n]));
    const byOrder = <T extends { code: string }>(list: T[]) =>
      list.sort((a, b) => (order.get(a.code) ?? 1e9) - (order.get(b.code) ?? 1e9));
    if (problems.length) return { ok: false as const, reason: "invalid" as const, problems: byOrder(problems) };

    const changed = checked.filter((c) => !sameDraft(c.draft, loaded.responses.get(c.code) ?? null));
    const conflicts: GridConflict[] = [];
    for (const c of changed) {
      const row = loaded.responses.get(c.code) ?? null;
      const lock = editLock({ roundState: current.state, status: row?.status ?? "not_started", mayUpdate: true });
      if (lock) problems.push({ code: c.code, field: "_row", key: "work.error.locked" });
      else if (isConflict(c.version, row)) conflicts.push(await conflictOf(trx, c.indicator, row!));
    }
    if (problems.length) return { ok: false as const, reason: "invalid" as const, problems: byOrder(problems) };
    if (conflicts.length) return { ok: false as const, reason: "conflict" as const, conflicts: byOrder(conflicts) };

    const saved: string[] = [];
    const versions: Record<string, number> = {};
    const selfTenths: Record<string, number | null> = {};
    let savedAt: string | null = null;
    for (const c of changed) {
      const written = await writeDraft(trx, actor.userId, current, c.code, loaded.responses.get(c.code) ?? null, {
        draft: c.draft,
        selfTenths: c.selfTenths,
        intent: "save",
      });
      if (written.kind === "conflict") throw new Error(`response ${c.code} changed inside the grid's transaction`);
      saved.push(c.code);
      versions[c.code] = written.row.version;
      selfTenths[c.code] = written.row.self_tenths;
      savedAt = written.row.updated_at;
    }
    return { ok: true as const, saved, savedAt, versions, selfTenths };
  });
}

async function conflictOf(db: Db, indicator: Indicator, row: ResponseRow): Promise<GridConflict> {
  const by = row.updated_by
    ? await db.selectFrom("users").select("display_name").where("id", "=", row.updated_by).executeTakeFirst()
    : undefined;
  return {
    code: indicator.code,
    version: row.version,
    cells: cellsFromDraft(indicator, draftFromRow(row)),
    updatedBy: by?.display_name ?? null,
    updatedAt: row.updated_at,
  };
}
