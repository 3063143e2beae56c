// Reviewing a response against its evidence (approve, adjust with a reason, return with a comment), threaded
// comments, the review queue, and the history of one indicator. Every change runs in one transaction with its event.
import { type Db, inTransaction, nowIso } from "#db/connection";
import type { AuditEvent, CommentKind, ResponseRow, Round } from "#db/schema";
import { toTenths } from "#indicators/points";
import { handedInLate } from "~/domain/hand-in";
import { isOffLevel } from "~/domain/score-levels";
import { filterQueue, type QueueFilter, type QueueRow, reviewLock } from "~/domain/review";
import type { ReviewInput } from "~/schemas/review";
import type { Actor } from "~/domain/permissions";
import type { MessageKey } from "~/i18n";
import { recordEvent } from "./audit.server";
import { getEdition } from "./editions.server";
import { found, type IndicatorContext } from "./guards.server";

export type ReviewOutcome =
  | { ok: true; intent: ReviewInput["intent"]; status: ResponseRow["status"]; reviewedTenths: number | null }
  | { ok: false; intent: string; errors: Record<string, MessageKey>; status: 400 | 409 };

const refused = (intent: string, field: string, key: MessageKey, status: 400 | 409 = 409): ReviewOutcome => ({
  ok: false,
  intent,
  errors: { [field]: key },
  status,
});

async function addCommentRow(
  trx: Db,
  round: Round,
  code: string,
  authorId: number,
  kind: CommentKind,
  body: string,
  parentId: number | null,
) {
  const row = await trx
    .insertInto("comments")
    .values({
      round_id: round.id,
      indicator_code: code,
      parent_id: parentId,
      author_user_id: authorId,
      kind,
      body,
      created_at: nowIso(),
    })
    .returning(["id", "kind", "body", "parent_id"])
    .executeTakeFirstOrThrow();
  await recordEvent(trx, {
    actorUserId: authorId,
    institutionId: round.institution_id,
    roundId: round.id,
    entity: "comment",
    entityId: row.id,
    action: "add",
    after: { indicator: code, kind: row.kind, body: row.body, parent_id: row.parent_id },
  });
  return row;
}

/**
 * Approves, adjusts or returns the indicator's response. The caller has checked that the actor may review this round;
 * here: the round's state and the response's status allow it, the form was based on the stored version, and an
 * adjusted score lies within the indicator's maximum. Auditors never touch the answer, the self score or the evidence.
 */
export async function reviewResponse(
  db: Db,
  actor: Actor,
  ctx: IndicatorContext,
  input: ReviewInput,
): Promise<ReviewOutcome> {
  const max = toTenths(ctx.indicator.maxPoints);
  if (input.intent === "adjust" && input.reviewed > max)
    return refused("adjust", "reviewed", "review.error.pointsMax", 400);
  // A discrete method's score stays on its levels unless the auditor says why not (docs/decisions/025).
  if (input.intent === "adjust" && isOffLevel(ctx.indicator, input.reviewed) && (input.override ?? "").length < 2)
    return refused("adjust", "override", "levels.notAllowed", 400);
  return inTransaction(db, async (trx) => {
    const round = await trx.selectFrom("rounds").selectAll().where("id", "=", ctx.round.id).executeTakeFirstOrThrow();
    const current = await trx
      .selectFrom("responses")
      .selectAll()
      .where("round_id", "=", round.id)
      .where("indicator_code", "=", ctx.indicator.code)
      .executeTakeFirst();
    if (!current) return refused(input.intent, "_form", "review.error.notHandedIn");
    const lock = reviewLock(input.intent, round.state, current.status);
    if (lock)
      return refused(
        input.intent,
        "_form",
        lock === "round"
          ? input.intent === "return"
            ? "review.error.returnRoundState"
            : "review.error.roundState"
          : "review.error.notHandedIn",
      );
    if (current.version !== input.version) return refused(input.intent, "_form", "review.error.stale");

    const now = nowIso();
    const next =
      input.intent === "return"
        ? { status: "returned" as const, reviewed_tenths: null, review_reason: null }
        : input.intent === "approve"
          ? { status: "approved" as const, reviewed_tenths: current.self_tenths, review_reason: null }
          : { status: "approved" as const, reviewed_tenths: input.reviewed, review_reason: input.reason };
    const updated = await trx
      .updateTable("responses")
      .set({ ...next, reviewed_by: actor.userId, reviewed_at: now, version: current.version + 1 })
      .where("id", "=", current.id)
      .where("version", "=", current.version)
      .returningAll()
      .executeTakeFirst();
    if (!updated) return refused(input.intent, "_form", "review.error.stale");
    if (input.intent === "return")
      await addCommentRow(trx, round, ctx.indicator.code, actor.userId, "return", input.comment, null);
    const override =
      input.intent === "adjust" && input.override && isOffLevel(ctx.indicator, input.reviewed) ? input.override : null;
    if (input.intent === "adjust")
      await addCommentRow(
        trx,
        round,
        ctx.indicator.code,
        actor.userId,
        "adjust",
        override ? `${input.reason}\n(단계 밖 점수 사유: ${override})` : input.reason,
        null,
      );
    await recordEvent(trx, {
      actorUserId: actor.userId,
      institutionId: round.institution_id,
      roundId: round.id,
      entity: "response",
      entityId: current.id,
      action: input.intent,
      before: {
        indicator: ctx.indicator.code,
        status: current.status,
        self_tenths: current.self_tenths,
        reviewed_tenths: current.reviewed_tenths,
        review_reason: current.review_reason,
        version: current.version,
      },
      after: {
        indicator: ctx.indicator.code,
        status: updated.status,
        self_tenths: updated.self_tenths,
        reviewed_tenths: updated.reviewed_tenths,
        review_reason: updated.review_reason,
        version: updated.version,
        ...(override ? { override_reason: override } : {}),
      },
    });
    return { ok: true, intent: input.intent, status: updated.status, reviewedTenths: updated.reviewed_tenths };
  });
}

/** Adds a comment (or a reply within the same indicator's thread) by anyone who may read the indicator. */
export async function addComment(
  db: Db,
  actor: Actor,
  ctx: IndicatorContext,
  body: string,
  parentId: number | null,
): Promise<ReviewOutcome | { ok: true; intent: "comment" }> {
  return inTransaction(db, async (trx) => {
    if (parentId !== null) {
      const parent = await trx
        .selectFrom("comments")
        .select(["id", "parent_id"])
        .where("id", "=", parentId)
        .where("round_id", "=", ctx.round.id)
        .where("indicator_code", "=", ctx.indicator.code)
        .executeTakeFirst();
      if (!parent) return refused("comment", "parentId", "review.error.comment", 400);
      // One level of replies: answering a reply joins its thread.
      parentId = parent.parent_id ?? parent.id;
    }
    await addCommentRow(trx, ctx.round, ctx.indicator.code, actor.userId, "comment", body, parentId);
    return { ok: true as const, intent: "comment" as const };
  });
}

export interface CommentView {
  id: number;
  kind: CommentKind;
  body: string;
  author: string;
  authorInstitution: string | null;
  createdAt: string;
  replies: Omit<CommentView, "replies">[];
}

/** The indicator's comment threads, oldest first, each with its replies. */
export async function listComments(db: Db, roundId: number, code: string): Promise<CommentView[]> {
  const rows = await db
    .selectFrom("comments as c")
    .innerJoin("users as u", "u.id", "c.author_user_id")
    .leftJoin("memberships as m", (j) => j.onRef("m.user_id", "=", "u.id"))
    .leftJoin("institutions as i", "i.id", "m.institution_id")
    .select(["c.id", "c.kind", "c.body", "c.parent_id", "c.created_at", "u.display_name", "i.name as institution"])
    .where("c.round_id", "=", roundId)
    .where("c.indicator_code", "=", code)
    .orderBy("c.id")
    .execute();
  const seen = new Set<number>();
  const threads: CommentView[] = [];
  const byId = new Map<number, CommentView>();
  for (const r of rows) {
    if (seen.has(r.id)) continue; // a person with several memberships appears once
    seen.add(r.id);
    const view = {
      id: r.id,
      kind: r.kind,
      body: r.body,
      author: r.display_name,
      authorInstitution: r.institution,
      createdAt: r.created_at,
    };
    const parent = r.parent_id === null ? undefined : byId.get(r.parent_id);
    if (parent) parent.replies.push(view);
    else {
      const thread = { ...view, replies: [] };
      byId.set(r.id, thread);
      threads.push(thread);
    }
  }
  return threads;
}

/** Who reviewed the response, when, and why the score differs. */
export async function reviewOf(db: Db, response: ResponseRow | null) {
  if (!response?.reviewed_by) return null;
  const by = await db
    .selectFrom("users")
    .select("display_name")
    .where("id", "=", response.reviewed_by)
    .executeTakeFirst();
  return { by: by?.display_name ?? null, at: response.reviewed_at, reason: response.review_reason };
}

// ---------------------------------------------------------------------------------------------------------------
// The queue.

/** Handed-in, reviewed and returned indicators of the round, in rubric order, filtered. */
export async function reviewQueueFor(db: Db, round: Round, filter: QueueFilter) {
  const edition = found(await getEdition(db, round.edition_id));
  const [rows, departments, evidence] = await Promise.all([
    db
      .selectFrom("responses as r")
      .leftJoin("assignments as a", (join) =>
        join
          .onRef("a.round_id", "=", "r.round_id")
          .onRef("a.indicator_code", "=", "r.indicator_code")
          .on("a.role", "=", "lead"),
      )
      .leftJoin("departments as d", "d.id", "a.department_id")
      .select([
        "r.indicator_code",
        "r.status",
        "r.self_tenths",
        "r.reviewed_tenths",
        "r.submitted_at",
        "r.version",
        "d.id as department_id",
        "d.name as department_name",
      ])
      .where("r.round_id", "=", round.id)
      .where("r.status", "in", ["submitted", "approved", "returned"])
      .execute(),
    db
      .selectFrom("departments")
      .select(["id", "name"])
      .where("institution_id", "=", round.institution_id)
      .orderBy("sort_order")
      .orderBy("name")
      .execute(),
    db
      .selectFrom("evidence as e")
      .innerJoin("responses as r", "r.id", "e.response_id")
      .select((eb) => ["r.indicator_code", eb.fn.countAll<number>().as("n")])
      .where("r.round_id", "=", round.id)
      .where("e.deleted_at", "is", null)
      .groupBy("r.indicator_code")
      .execute(),
  ]);
  const byCode = new Map(edition.indicators.map((i, n) => [i.code, { indicator: i, order: n }]));
  const evidenceByCode = new Map(evidence.map((e) => [e.indicator_code, Number(e.n)]));
  const all = rows
    .filter((r) => byCode.has(r.indicator_code))
    .map((r) => {
      const { indicator, order } = byCode.get(r.indicator_code)!;
      return {
        code: r.indicator_code,
        order,
        title: indicator.title,
        area: indicator.area,
        item: indicator.item,
        maxTenths: toTenths(indicator.maxPoints),
        status: r.status,
        selfTenths: r.self_tenths,
        reviewedTenths: r.reviewed_tenths,
        submittedAt: r.submitted_at,
        late: handedInLate(r.submitted_at, round.deadline_at),
        version: r.version,
        departmentId: r.department_id,
        department: r.department_name,
        evidence: evidenceByCode.get(r.indicator_code) ?? 0,
        provenance: indicator.provenance ?? null,
      } satisfies QueueRow & Record<string, unknown>;
    })
    .sort((a, b) => a.order - b.order);
  const counts = { waiting: 0, reviewed: 0, returned: 0 };
  for (const r of all) {
    if (r.status === "submitted") counts.waiting += 1;
    if (r.status === "approved") counts.reviewed += 1;
    if (r.status === "returned") counts.returned += 1;
  }
  return {
    rows: filterQueue(all, filter),
    counts,
    areas: edition.areas.map((a) => ({ code: a.code, title: a.title })),
    items: edition.items.map((i) => ({ code: i.code, title: i.title, area: i.area })),
    departments,
    editionId: edition.id,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// History.

export interface HistoryEntry {
  seq: number;
  at: string;
  actor: string | null;
  entity: string;
  entityId: string;
  action: string;
  before: unknown;
  after: unknown;
}

const parse = (text: string | null): unknown => {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

export function toHistoryEntry(
  e: Pick<AuditEvent, "seq" | "at" | "entity" | "entity_id" | "action" | "before_json" | "after_json">,
  actor: string | null,
): HistoryEntry {
  return {
    seq: e.seq,
    at: e.at,
    actor,
    entity: e.entity,
    entityId: e.entity_id,
    action: e.action,
    before: parse(e.before_json),
    after: parse(e.after_json),
  };
}

/** How many of an indicator's latest events its page shows; the round's history page has them all. */
export const INDICATOR_HISTORY_LIMIT = 20;

/**
 * The latest events about one indicator of a round (its response, evidence, comments and action item), newest first,
 * at most INDICATOR_HISTORY_LIMIT: an indicator saved thousands of times must not make its page grow with them.
 */
export async function indicatorHistory(
  db: Db,
  round: Round,
  code: string,
  responseId: number | null,
): Promise<HistoryEntry[]> {
  const [evidence, comments, actions] = await Promise.all([
    responseId === null
      ? Promise.resolve([])
      : db.selectFrom("evidence").select("id").where("response_id", "=", responseId).execute(),
    db
      .selectFrom("comments")
      .select("id")
      .where("round_id", "=", round.id)
      .where("indicator_code", "=", code)
      .execute(),
    db
      .selectFrom("action_items")
      .select("id")
      .where("round_id", "=", round.id)
      .where("indicator_code", "=", code)
      .execute(),
  ]);
  const ids = (rows: { id: number }[]) => rows.map((r) => String(r.id));
  const wanted: [string, string[]][] = [
    ["response", responseId === null ? [] : [String(responseId)]],
    ["evidence", ids(evidence)],
    ["comment", ids(comments)],
    ["action_item", ids(actions)],
  ];
  const nonEmpty = wanted.filter(([, list]) => list.length > 0);
  if (nonEmpty.length === 0) return [];
  const rows = await db
    .selectFrom("audit_events as e")
    .leftJoin("users as u", "u.id", "e.actor_user_id")
    .select(["e.seq", "e.at", "e.entity", "e.entity_id", "e.action", "e.before_json", "e.after_json", "u.display_name"])
    // The ids above are this round's own rows, so their events need no round filter; without it the database looks
    // them up by (entity, entity_id) instead of reading every event of the round (a thousand and more).
    .where((eb) =>
      eb.or(nonEmpty.map(([entity, list]) => eb.and([eb("e.entity", "=", entity), eb("e.entity_id", "in", list)]))),
    )
    .orderBy("e.seq", "desc")
    .limit(INDICATOR_HISTORY_LIMIT)
    .execute();
  return rows.map((r) => toHistoryEntry(r, r.display_name));
}
