// Edition drafts: an administrator copies an edition, edits it and publishes it as a new edition. Every save names
// the version it was made on and is refused (409) when someone saved in between; publishing validates the whole
// edition (the same `validateEdition` the import uses) and writes an edition that never changes afterwards.
import { data } from "@remix-run/node";
import { type Db, nowIso } from "#db/connection";
import type { Edition } from "#indicators/schema";
import { validateEdition } from "#indicators/schema";
import {
  copyEdition,
  isStructurallyValid,
  otherProblems,
  pointSums,
  type Sum,
  unbalanced,
} from "~/domain/edition-edit";
import { recordEvent } from "./audit.server";
import { getEdition, writeEdition } from "./editions.server";

export interface Draft {
  id: number;
  baseEditionId: string;
  editionId: string;
  version: number;
  edition: Edition;
  updatedAt: string;
  publishedAt: string | null;
}

export type DraftOutcome =
  | { ok: true; version: number }
  | { ok: false; status: 400; reason: "invalid"; messages: string[] }
  | { ok: false; status: 400; reason: "unbalanced"; sums: Sum[]; messages: string[] }
  | { ok: false; status: 409; reason: "stale" | "published" | "taken" };

export async function getDraft(db: Db, id: number): Promise<Draft | null> {
  const row = await db.selectFrom("edition_drafts").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    baseEditionId: row.base_edition_id,
    editionId: row.edition_id,
    version: row.version,
    edition: JSON.parse(row.content) as Edition,
    updatedAt: row.updated_at,
    publishedAt: row.published_at,
  };
}

export async function listDrafts(db: Db) {
  return db
    .selectFrom("edition_drafts")
    .select(["id", "edition_id", "base_edition_id", "version", "updated_at", "published_at"])
    .orderBy("id", "desc")
    .execute();
}

async function idTaken(db: Db, editionId: string): Promise<boolean> {
  const [edition, draft] = await Promise.all([
    db.selectFrom("rubric_editions").select("id").where("id", "=", editionId).executeTakeFirst(),
    db.selectFrom("edition_drafts").select("id").where("edition_id", "=", editionId).executeTakeFirst(),
  ]);
  return Boolean(edition || draft);
}

export type CreateOutcome =
  { ok: true; id: number } | { ok: false; field: "id" | "baseId"; reason: "taken" | "missing" };

/** Copies an edition into a new draft under a new id, year, institution type and title. */
export async function createDraft(
  db: Db,
  actorUserId: number,
  input: { baseId: string; id: string; year: number; institutionType: "sido" | "sigungu"; title: string },
): Promise<CreateOutcome> {
  const base = await getEdition(db, input.baseId);
  if (!base) return { ok: false, field: "baseId", reason: "missing" };
  return db.transaction().execute(async (trx) => {
    if (await idTaken(trx, input.id)) return { ok: false as const, field: "id" as const, reason: "taken" as const };
    const edition = copyEdition(base, {
      id: input.id,
      year: input.year,
      institutionType: input.institutionType,
      title: input.title,
    });
    const now = nowIso();
    const row = await trx
      .insertInto("edition_drafts")
      .values({
        base_edition_id: base.id,
        edition_id: input.id,
        content: JSON.stringify(edition),
        version: 1,
        created_by: actorUserId,
        created_at: now,
        updated_by: actorUserId,
        updated_at: now,
        published_at: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordEvent(trx, {
      actorUserId,
      entity: "edition_draft",
      entityId: row.id,
      action: "create",
      after: {
        edition_id: input.id,
        base_edition_id: base.id,
        year: input.year,
        institution_type: input.institutionType,
      },
    });
    return { ok: true as const, id: row.id };
  });
}

/** Why a stale or published draft was refused, looked up after a conditional update touched nothing. */
async function refusal(db: Db, id: number): Promise<DraftOutcome> {
  const row = await db.selectFrom("edition_drafts").select("published_at").where("id", "=", id).executeTakeFirst();
  return { ok: false, status: 409, reason: row?.published_at ? "published" : "stale" };
}

/**
 * Saves new content made on `version`. The content must have an edition's structure (the forms check their fields
 * first); sums that do not balance are saved and shown, and only publishing refuses them. `action` names the change
 * in the audit log ("edit:indicator 1.1.01", "structure", "import").
 */
export async function saveDraft(
  db: Db,
  actorUserId: number,
  id: number,
  version: number,
  edition: Edition,
  action: string,
): Promise<DraftOutcome> {
  if (!Number.isSafeInteger(version)) return { ok: false, status: 409, reason: "stale" };
  if (!isStructurallyValid(edition)) {
    const result = validateEdition(edition);
    return {
      ok: false,
      status: 400,
      reason: "invalid",
      messages: result.ok ? [] : result.errors.map((e) => e.message),
    };
  }
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("edition_drafts")
      .select(["content", "edition_id"])
      .where("id", "=", id)
      .executeTakeFirst();
    const updated = await trx
      .updateTable("edition_drafts")
      .set({
        content: JSON.stringify({ ...edition, id: before?.edition_id ?? edition.id }),
        version: version + 1,
        updated_by: actorUserId,
        updated_at: nowIso(),
      })
      .where("id", "=", id)
      .where("version", "=", version)
      .where("published_at", "is", null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return refusal(trx, id);
    await recordEvent(trx, {
      actorUserId,
      entity: "edition_draft",
      entityId: id,
      action: "save",
      before: { version },
      after: { version: version + 1, change: action, summary: summarize(edition) },
    });
    return { ok: true as const, version: version + 1 };
  });
}

const summarize = (e: Edition) => ({
  indicators: e.indicators.length,
  total_tenths: e.indicators.reduce((s, i) => s + Math.round(i.maxPoints * 10), 0),
});

/**
 * Publishes the draft made on `version` as a new edition. Refused (and nothing changes) when the sums do not
 * balance or anything else `validateEdition` checks fails, when the draft changed since, or when the id is taken.
 */
export async function publishDraft(db: Db, actorUserId: number, id: number, version: number): Promise<DraftOutcome> {
  const draft = await getDraft(db, id);
  if (!draft) return { ok: false, status: 409, reason: "stale" };
  if (draft.publishedAt) return { ok: false, status: 409, reason: "published" };
  if (draft.version !== version) return { ok: false, status: 409, reason: "stale" };
  const off = unbalanced(pointSums(draft.edition));
  const result = validateEdition(draft.edition);
  if (!result.ok) {
    // The sums are worded for people by `pointSums`; the rest as validation words them.
    const messages = otherProblems(draft.edition);
    return off.length
      ? { ok: false, status: 400, reason: "unbalanced", sums: off, messages }
      : { ok: false, status: 400, reason: "invalid", messages };
  }
  return db
    .transaction()
    .execute(async (trx) => {
      const marked = await trx
        .updateTable("edition_drafts")
        .set({ published_at: nowIso(), updated_by: actorUserId, updated_at: nowIso() })
        .where("id", "=", id)
        .where("version", "=", version)
        .where("published_at", "is", null)
        .executeTakeFirst();
      if (Number(marked.numUpdatedRows) !== 1) return refusal(trx, id);
      const existing = await trx
        .selectFrom("rubric_editions")
        .select("id")
        .where("id", "=", result.edition.id)
        .executeTakeFirst();
      if (existing) throw new TakenError();
      const row = await writeEdition(trx, result.edition, "edited", actorUserId);
      await recordEvent(trx, {
        actorUserId,
        entity: "rubric_edition",
        entityId: row.id,
        action: "publish",
        after: {
          id: row.id,
          draft_id: id,
          base_edition_id: draft.baseEditionId,
          year: row.year,
          institution_type: row.institution_type,
          indicator_count: row.indicator_count,
          content_hash: row.content_hash,
        },
      });
      return { ok: true as const, version };
    })
    .catch((error: unknown) => {
      if (error instanceof TakenError) return { ok: false as const, status: 409 as const, reason: "taken" as const };
      throw error;
    });
}

class TakenError extends Error {}

/** The draft a route's `draftId` names, or a 404. */
export async function requireDraftParam(db: Db, draftId: string | undefined): Promise<Draft> {
  const id = /^\d+$/.test(draftId ?? "") ? Number(draftId) : NaN;
  const draft = Number.isSafeInteger(id) ? await getDraft(db, id) : null;
  if (!draft) throw new Response("Not Found", { status: 404, statusText: "Not Found" });
  return draft;
}

/** What a draft page shows after a refused change: the form's values back, field errors, or why the save failed. */
export interface DraftRefusal {
  ok: false;
  intent: string;
  reason: "fields" | "invalid" | "unbalanced" | "stale" | "published" | "taken" | "file";
  errors?: Record<string, string>;
  values?: Record<string, string>;
  sums?: Sum[];
  messages?: string[];
}

export function refuse(intent: string, status: number, refusal: Omit<DraftRefusal, "ok" | "intent">) {
  return data<DraftRefusal>({ ok: false, intent, ...refusal }, { status, headers: { "Cache-Control": "no-store" } });
}

/** A failed save or publish as the page's answer (409 when the draft moved on, 400 when the content is refused). */
export function refuseOutcome(
  intent: string,
  outcome: Exclude<DraftOutcome, { ok: true }>,
  values?: Record<string, string>,
) {
  if (outcome.status === 409) return refuse(intent, 409, { reason: outcome.reason, values });
  if (outcome.reason === "unbalanced")
    return refuse(intent, 400, { reason: "unbalanced", sums: outcome.sums, messages: outcome.messages, values });
  return refuse(intent, 400, { reason: "invalid", messages: outcome.messages, values });
}

/** The form's text fields, to show them back after a refusal. */
export function formValues(fields: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => typeof v === "string")) as Record<string, string>;
}

/** "7" → 7; anything else → NaN (which no version equals, so the save is refused as stale). */
export const versionOf = (fields: Record<string, unknown>) =>
  typeof fields.version === "string" && /^\d+$/.test(fields.version) ? Number(fields.version) : NaN;
