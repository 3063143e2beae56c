// A department's response to one indicator: who may see and change it, saving with a version check, handing in.
// Every write runs in one transaction with its audit event.
import { type Db, inTransaction, nowIso } from "#db/connection";
import type { LatePolicy, ResponseRow, Round } from "#db/schema";
import type { Edition, Indicator } from "#indicators/schema";
import { handInTiming } from "~/domain/hand-in";
import { type Actor } from "~/domain/permissions";
import {
  type Draft,
  draftFromForm,
  draftFromRow,
  type EditLock,
  editLock,
  finishedForSubmit,
  isConflict,
  maySubmit,
  missingForSubmit,
  nestFormFields,
  type ResponseStatus,
  responseFormSchema,
  scoreDraft,
  statusAfterSave,
  storeAnswer,
} from "~/domain/response-rules";
import { recordEvent } from "./audit.server";
import { getEdition } from "./editions.server";
import { found, type IndicatorContext } from "./guards.server";

export interface FieldError {
  key: string;
  params?: Record<string, string>;
}
export type FieldErrorMap = Record<string, FieldError>;

export interface SavedView {
  draft: Draft;
  version: number;
  status: ResponseStatus;
  selfTenths: number | null;
  updatedBy: string | null;
  updatedAt: string | null;
}

export type SaveResult =
  | { ok: true; version: number; status: ResponseStatus; selfTenths: number | null; savedAt: string; changed: boolean }
  | { ok: false; reason: "invalid"; errors: FieldErrorMap }
  | { ok: false; reason: "locked"; lock: EditLock | "not-lead" }
  | { ok: false; reason: "late"; deadlineAt: string }
  | { ok: false; reason: "conflict"; mine: Draft; theirs: SavedView };

const auditView = (
  r: Pick<ResponseRow, "status" | "implemented" | "answer" | "self_tenths" | "narrative" | "version" | "carried_over">,
) => ({
  status: r.status,
  carried_over: r.carried_over,
  implemented: r.implemented,
  answer: r.answer,
  self_tenths: r.self_tenths,
  narrative: r.narrative,
  version: r.version,
});

async function savedView(db: Db, row: ResponseRow): Promise<SavedView> {
  const by =
    row.updated_by === null
      ? null
      : await db.selectFrom("users").select("display_name").where("id", "=", row.updated_by).executeTakeFirst();
  return {
    draft: draftFromRow(row),
    version: row.version,
    status: row.status,
    selfTenths: row.self_tenths,
    updatedBy: by?.display_name ?? null,
    updatedAt: row.updated_at,
  };
}

/** Validates the posted form (plain POST fields, dotted names allowed) the same way the browser did. */
export function validateResponseForm(indicator: Indicator, fields: Record<string, unknown>, intent: "save" | "submit") {
  const parsed = responseFormSchema(indicator).safeParse(nestFormFields(fields));
  if (!parsed.success) {
    const errors: FieldErrorMap = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path.join(".") || "_form";
      if (!errors[field])
        errors[field] = { key: issue.message.startsWith("work.") ? issue.message : "work.error.required" };
    }
    return { ok: false as const, errors };
  }
  const draft = draftFromForm(indicator, parsed.data);
  const score = scoreDraft(indicator, draft);
  const errors: FieldErrorMap = {};
  // The schema already holds every rule the score obeys; this catches only what it cannot know (a broken formula).
  if (score.state === "invalid") errors[score.field] = { key: score.key };
  if (intent === "submit") {
    for (const m of missingForSubmit(indicator, draft)) errors[m.field] ??= { key: m.message };
  }
  if (Object.keys(errors).length) return { ok: false as const, errors };
  return {
    ok: true as const,
    draft,
    expectedVersion: Number(parsed.data.version),
    selfTenths: score.state === "scored" ? score.tenths : null,
  };
}

/** The refusal of a hand-in after the deadline of a round that takes none; null when it may be handed in now. */
function lateRefusal(round: { deadline_at: string | null; late_policy: LatePolicy }) {
  const timing = handInTiming({ deadlineAt: round.deadline_at, latePolicy: round.late_policy }, nowIso());
  return timing === "refused" ? { ok: false as const, reason: "late" as const, deadlineAt: round.deadline_at! } : null;
}

/**
 * Saves (and with `submit`, hands in) the department's answer. The version the form was based on must still be the
 * stored one; otherwise nothing is written and both versions come back. The score is always computed here.
 */
export async function saveResponse(
  db: Db,
  actor: Actor,
  ctx: IndicatorContext,
  fields: Record<string, unknown>,
  intent: "save" | "submit",
): Promise<SaveResult> {
  const valid = validateResponseForm(ctx.indicator, fields, intent);
  if (!valid.ok) return { ok: false, reason: "invalid", errors: valid.errors };
  const { draft, expectedVersion, selfTenths } = valid;

  return inTransaction(db, async (trx) => {
    const round = await trx
      .selectFrom("rounds")
      .select(["state", "deadline_at", "late_policy"])
      .where("id", "=", ctx.round.id)
      .executeTakeFirstOrThrow();
    const current =
      (await trx
        .selectFrom("responses")
        .selectAll()
        .where("round_id", "=", ctx.round.id)
        .where("indicator_code", "=", ctx.indicator.code)
        .executeTakeFirst()) ?? null;
    const status: ResponseStatus = current?.status ?? "not_started";
    const lock = editLock({ roundState: round.state, status, mayUpdate: ctx.mayUpdate });
    if (lock) return { ok: false as const, reason: "locked" as const, lock };
    if (intent === "submit" && !maySubmit({ lock, role: ctx.role, status: statusAfterSave(status) })) {
      return { ok: false as const, reason: "locked" as const, lock: "not-lead" as const };
    }
    // A round that refuses late hand-ins refuses them here, before anything is written (saving stays open).
    if (intent === "submit" && lateRefusal(round)) return lateRefusal(round)!;
    if (isConflict(expectedVersion, current)) {
      return { ok: false as const, reason: "conflict" as const, mine: draft, theirs: await savedView(trx, current!) };
    }

    const written = await writeDraft(trx, actor.userId, ctx.round, ctx.indicator.code, current, {
      draft,
      selfTenths,
      intent,
    });
    if (written.kind === "conflict")
      return {
        ok: false as const,
        reason: "conflict" as const,
        mine: draft,
        theirs: await savedView(trx, written.latest),
      };
    const row = written.row;
    return {
      ok: true as const,
      version: row.version,
      status: row.status,
      selfTenths: row.self_tenths,
      savedAt: row.updated_at,
      changed: written.kind === "written",
    };
  });
}

export interface DraftWrite {
  draft: Draft;
  /** The score computed on the server from the draft (never one sent by a client). */
  selfTenths: number | null;
  intent: "save" | "submit";
  /** The audit action when it is not the plain save/submit/create, e.g. "import". */
  auditAction?: string;
}

export type DraftWritten =
  | { kind: "written"; row: ResponseRow }
  | { kind: "unchanged"; row: ResponseRow }
  | { kind: "conflict"; latest: ResponseRow };

/**
 * Writes a validated draft over `current` (the row the caller checked for locks and version) with its audit event,
 * in the caller's transaction. The one place a response's answer is stored: the form and the Excel import both
 * come here. A row that changed since `current` was read is a conflict and nothing is written.
 */
export async function writeDraft(
  trx: Db,
  actorUserId: number,
  round: Round,
  code: string,
  current: ResponseRow | null,
  write: DraftWrite,
): Promise<DraftWritten> {
  const { draft, selfTenths, intent } = write;
  const status: ResponseStatus = current?.status ?? "not_started";
  const now = nowIso();
  const values = {
    implemented: draft.implemented === null ? null : draft.implemented ? 1 : 0,
    answer: storeAnswer(draft.answer),
    narrative: draft.narrative || null,
    self_tenths: selfTenths,
  };
  const nextStatus: ResponseStatus = intent === "submit" ? "submitted" : statusAfterSave(status);
  // Saving a carried-over answer (even unchanged) is the department's confirmation of last year's material.
  const unchanged =
    current &&
    intent === "save" &&
    !current.carried_over &&
    current.implemented === values.implemented &&
    current.answer === values.answer &&
    (current.narrative ?? null) === values.narrative &&
    current.self_tenths === values.self_tenths &&
    current.status === nextStatus;
  if (current && unchanged) return { kind: "unchanged", row: current };

  let row: ResponseRow;
  if (!current) {
    row = await trx
      .insertInto("responses")
      .values({
        round_id: round.id,
        indicator_code: code,
        status: nextStatus,
        ...values,
        version: 1,
        updated_by: actorUserId,
        updated_at: now,
        submitted_at: intent === "submit" ? now : null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  } else {
    const updated = await trx
      .updateTable("responses")
      .set({
        status: nextStatus,
        ...values,
        carried_over: 0,
        version: current.version + 1,
        updated_by: actorUserId,
        updated_at: now,
        ...(intent === "submit" ? { submitted_at: now } : {}),
      })
      .where("id", "=", current.id)
      .where("version", "=", current.version)
      .returningAll()
      .executeTakeFirst();
    if (!updated)
      return {
        kind: "conflict",
        latest: await trx.selectFrom("responses").selectAll().where("id", "=", current.id).executeTakeFirstOrThrow(),
      };
    row = updated;
  }
  await recordEvent(trx, {
    actorUserId,
    institutionId: round.institution_id,
    roundId: round.id,
    entity: "response",
    entityId: row.id,
    action: write.auditAction ?? (intent === "submit" ? "submit" : current ? "save" : "create"),
    before: current ? auditView(current) : null,
    after: { indicator: code, ...auditView(row) },
  });
  return { kind: "written", row };
}

/**
 * The response row of an indicator, created (not started, version 1) when the first evidence arrives before any
 * answer. A blank row never conflicts with a form based on "no version yet".
 */
export async function ensureResponse(trx: Db, actorUserId: number, round: Round, code: string): Promise<ResponseRow> {
  const existing = await trx
    .selectFrom("responses")
    .selectAll()
    .where("round_id", "=", round.id)
    .where("indicator_code", "=", code)
    .executeTakeFirst();
  if (existing) return existing;
  const row = await trx
    .insertInto("responses")
    .values({
      round_id: round.id,
      indicator_code: code,
      status: "not_started",
      implemented: null,
      answer: null,
      self_tenths: null,
      narrative: null,
      version: 1,
      updated_by: actorUserId,
      updated_at: nowIso(),
      submitted_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordEvent(trx, {
    actorUserId,
    institutionId: round.institution_id,
    roundId: round.id,
    entity: "response",
    entityId: row.id,
    action: "create",
    before: null,
    after: { indicator: code, ...auditView(row) },
  });
  return row;
}

export interface SubmitAllResult {
  submitted: string[];
  /** Draft or returned indicators the department leads that are not complete yet. */
  unfinished: string[];
  /** The deadline, when nothing was handed in because the round takes no late hand-ins. */
  lateRefused?: string;
}

/** The department's lead indicators in draft or returned, with their drafts, as bulk submit weighs them. */
async function submitCandidates(trx: Db, round: Round, departmentId: number, edition: Edition) {
  const byCode = new Map(edition.indicators.map((i) => [i.code, i]));
  const rows = await trx
    .selectFrom("assignments as a")
    .innerJoin("responses as r", (j) =>
      j.onRef("r.round_id", "=", "a.round_id").onRef("r.indicator_code", "=", "a.indicator_code"),
    )
    .selectAll("r")
    .select("a.role")
    .where("a.round_id", "=", round.id)
    .where("a.department_id", "=", departmentId)
    .where("a.role", "=", "lead")
    .where("r.status", "in", ["draft", "returned"])
    .execute();
  return rows
    .filter((r) => byCode.has(r.indicator_code))
    .map((r) => ({
      row: r,
      indicator: byCode.get(r.indicator_code)!,
      status: r.status,
      role: r.role,
      draft: draftFromRow(r),
    }));
}

/** The codes bulk submit would hand in now (complete answers the department leads), shown before it is confirmed. */
export async function submitPreview(db: Db, round: Round, departmentId: number): Promise<string[]> {
  const edition = found(await getEdition(db, round.edition_id));
  const finished = finishedForSubmit(await submitCandidates(db, round, departmentId, edition), round.state);
  const order = new Map(edition.indicators.map((i, n) => [i.code, n]));
  return finished.map((f) => f.indicator.code).sort((a, b) => order.get(a)! - order.get(b)!);
}

/**
 * Hands in every indicator the department leads whose answer is complete and still open for it; with `only`, just
 * those of the listed codes (the list the person was shown and confirmed), never more.
 */
export async function submitAllFinished(
  db: Db,
  actor: Actor,
  round: Round,
  departmentId: number,
  only?: readonly string[],
): Promise<SubmitAllResult> {
  const edition = found(await getEdition(db, round.edition_id));
  return inTransaction(db, async (trx) => {
    const current = await trx
      .selectFrom("rounds")
      .select(["state", "deadline_at", "late_policy"])
      .where("id", "=", round.id)
      .executeTakeFirstOrThrow();
    const late = lateRefusal(current);
    if (late) return { submitted: [], unfinished: [], lateRefused: late.deadlineAt };
    const state = current.state;
    const candidates = await submitCandidates(trx, round, departmentId, edition);
    const listed = only ? new Set(only) : null;
    const finished = finishedForSubmit(candidates, state).filter((f) => !listed || listed.has(f.indicator.code));
    const order = new Map(edition.indicators.map((i, n) => [i.code, n]));
    const submitted: string[] = [];
    const now = nowIso();
    for (const { row, indicator, draft } of finished) {
      const score = scoreDraft(indicator, draft);
      const selfTenths = score.state === "scored" ? score.tenths : null;
      const updated = await trx
        .updateTable("responses")
        .set({
          status: "submitted",
          self_tenths: selfTenths,
          version: row.version + 1,
          updated_by: actor.userId,
          updated_at: now,
          submitted_at: now,
        })
        .where("id", "=", row.id)
        .where("version", "=", row.version)
        .returningAll()
        .executeTakeFirst();
      if (!updated) continue;
      await recordEvent(trx, {
        actorUserId: actor.userId,
        institutionId: round.institution_id,
        roundId: round.id,
        entity: "response",
        entityId: row.id,
        action: "submit",
        before: auditView(row),
        after: { indicator: indicator.code, ...auditView(updated) },
      });
      submitted.push(indicator.code);
    }
    const done = new Set(submitted);
    const unfinished = candidates.map((c) => c.indicator.code).filter((c) => !done.has(c));
    const sort = (codes: string[]) => codes.sort((a, b) => order.get(a)! - order.get(b)!);
    return { submitted: sort(submitted), unfinished: sort(unfinished) };
  });
}

/** What the indicator page's action answers for a save or a submit (the form shows it next to the fields). */
export type ResponseActionData =
  | {
      intent: "save" | "submit";
      ok: true;
      version: number;
      status: ResponseStatus;
      selfTenths: number | null;
      savedAt: string;
      changed: boolean;
    }
  | { intent: "save" | "submit"; ok: false; reason: "invalid"; errors: FieldErrorMap; values: Record<string, unknown> }
  | {
      intent: "save" | "submit";
      ok: false;
      reason: "locked";
      lock: EditLock | "not-lead";
      values: Record<string, unknown>;
    }
  | { intent: "save" | "submit"; ok: false; reason: "late"; deadlineAt: string; values: Record<string, unknown> }
  | {
      intent: "save" | "submit";
      ok: false;
      reason: "conflict";
      mine: Draft;
      theirs: SavedView;
      values: Record<string, unknown>;
    };

/** What it answers for evidence: added, deleted, or refused with the field and reason. */
export type EvidenceActionData =
  | { intent: "upload" | "addLink" | "addNote" | "deleteEvidence" | "linkLibrary"; ok: true }
  | { intent: "upload" | "addLink" | "addNote" | "deleteEvidence" | "linkLibrary"; ok: false; errors: FieldErrorMap };
