// A round's gaps, its action items and the effort-weighted plan to the application line, read from a fixed number of queries;
// and the coordinator's changes to action items, each with its audit event in the same transaction.
import { type Db, inTransaction, nowIso } from "#db/connection";
import type { ActionStatus, Round } from "#db/schema";
import { toTenths } from "#indicators/points";
import type { ActionItemInput } from "~/schemas/rounds";
import { findGaps, type GapInput, summarizeGaps } from "~/domain/gaps";
import { planByDepartment, planToThreshold } from "~/domain/plan";
import { allowedReviewedTenths } from "~/domain/score-levels";
import type { Actor } from "~/domain/permissions";
import type { MessageKey } from "~/i18n";
import { recordEvent } from "./audit.server";
import type { Outcome } from "./actions.server";
import { requireEdition } from "./round-admin.server";
import { roundOverview } from "./rounds.server";
import { effortModel } from "./plan.server";

export interface ActionItemView {
  id: number;
  code: string;
  departmentId: number;
  department: string;
  dueDate: string | null;
  status: ActionStatus;
  notes: string;
  version: number;
  updatedAt: string;
  updatedBy: string | null;
}

export async function actionItems(db: Db, roundId: number): Promise<ActionItemView[]> {
  const rows = await db
    .selectFrom("action_items as a")
    .innerJoin("departments as d", "d.id", "a.department_id")
    .leftJoin("users as u", "u.id", "a.updated_by")
    .select([
      "a.id",
      "a.indicator_code",
      "a.department_id",
      "d.name",
      "a.due_date",
      "a.status",
      "a.notes",
      "a.version",
      "a.updated_at",
      "u.display_name",
    ])
    .where("a.round_id", "=", roundId)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.indicator_code,
    departmentId: r.department_id,
    department: r.name,
    dueDate: r.due_date,
    status: r.status,
    notes: r.notes,
    version: r.version,
    updatedAt: r.updated_at,
    updatedBy: r.display_name,
  }));
}

/** Gaps by kind, the threshold plan (without gaps whose action was dropped) and the action items, in rubric order. */
export async function roundGaps(db: Db, round: Round) {
  const edition = await requireEdition(db, round.edition_id);
  const [overview, responses, leads, actions, effort] = await Promise.all([
    roundOverview(db, round),
    db
      .selectFrom("responses")
      .select(["indicator_code", "implemented", "self_tenths", "status"])
      .where("round_id", "=", round.id)
      .execute(),
    db
      .selectFrom("assignments as a")
      .innerJoin("departments as d", "d.id", "a.department_id")
      .select(["a.indicator_code", "d.id", "d.name"])
      .where("a.round_id", "=", round.id)
      .where("a.role", "=", "lead")
      .execute(),
    actionItems(db, round.id),
    effortModel(db, round.id),
  ]);
  const responseByCode = new Map(responses.map((r) => [r.indicator_code, r]));
  const leadByCode = new Map(leads.map((l) => [l.indicator_code, { id: l.id, name: l.name }]));
  const inputs: GapInput[] = edition.indicators.map((i) => {
    const r = responseByCode.get(i.code);
    return {
      code: i.code,
      title: i.title,
      area: i.area,
      item: i.item,
      maxTenths: toTenths(i.maxPoints),
      tags: i.tags,
      department: leadByCode.get(i.code) ?? null,
      response: r ? { implemented: r.implemented, selfTenths: r.self_tenths, status: r.status } : null,
    };
  });
  const gaps = findGaps(inputs);
  const dropped = new Set(actions.filter((a) => a.status === "dropped").map((a) => a.code));
  // The line comes from the round's overview (one place), never written here.
  const plan = planToThreshold(
    gaps,
    overview.totals.selfTenths,
    overview.thresholds.applicationTenths,
    effort,
    dropped,
  );
  const open = new Set(gaps.map((g) => g.code));
  return {
    edition: overview.edition,
    thresholds: overview.thresholds,
    totals: overview.totals,
    areas: edition.areas.map((a) => ({ code: a.code, title: a.title })),
    items: edition.items.map((i) => ({ code: i.code, title: i.title, area: i.area })),
    gaps,
    summary: summarizeGaps(gaps),
    plan,
    planByDepartment: planByDepartment(plan),
    actions,
    effort,
    // The scores a gap can reach (levels and yes/no indicators), by code; null where any score up to the maximum is.
    levels: Object.fromEntries(
      edition.indicators.filter((i) => open.has(i.code)).map((i) => [i.code, allowedReviewedTenths(i)]),
    ),
    // What each indicator rests on, by code (null in editions stored before provenance existed).
    provenance: Object.fromEntries(edition.indicators.map((i) => [i.code, i.provenance ?? null])),
  };
}

const refuse = (field: string, key: MessageKey): Outcome => ({ ok: false, errors: { [field]: key } });

/**
 * Creates (version 0) or updates an action item. Only on a gap of this round's edition, for an active department of
 * the institution; a stale version is refused with nothing changed.
 */
export async function saveActionItem(db: Db, actor: Actor, round: Round, input: ActionItemInput): Promise<Outcome> {
  const edition = await requireEdition(db, round.edition_id);
  if (!edition.indicators.some((i) => i.code === input.code)) return refuse("code", "rounds.error.indicator");
  return inTransaction(db, async (trx) => {
    const department = await trx
      .selectFrom("departments")
      .select(["id", "name"])
      .where("id", "=", input.departmentId)
      .where("institution_id", "=", round.institution_id)
      .where("active", "=", 1)
      .executeTakeFirst();
    if (!department) return refuse("departmentId", "gaps.error.department");
    const existing = await trx
      .selectFrom("action_items")
      .selectAll()
      .where("round_id", "=", round.id)
      .where("indicator_code", "=", input.code)
      .executeTakeFirst();
    const now = nowIso();
    const after = { department: department.name, dueDate: input.dueDate, status: input.status, notes: input.notes };
    if (!existing) {
      if (input.version !== 0) return refuse("_form", "gaps.error.stale");
      const inserted = await trx
        .insertInto("action_items")
        .values({
          round_id: round.id,
          indicator_code: input.code,
          department_id: department.id,
          due_date: input.dueDate,
          status: input.status,
          notes: input.notes,
          created_by: actor.userId,
          created_at: now,
          updated_by: actor.userId,
          updated_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await recordEvent(trx, {
        actorUserId: actor.userId,
        institutionId: round.institution_id,
        roundId: round.id,
        entity: "action_item",
        entityId: inserted.id,
        action: "create",
        after: { code: input.code, ...after },
      });
      return { ok: true, notice: { key: "gaps.notice.saved", params: { code: input.code } } };
    }
    const updated = await trx
      .updateTable("action_items")
      .set({
        department_id: department.id,
        due_date: input.dueDate,
        status: input.status,
        notes: input.notes,
        updated_by: actor.userId,
        updated_at: now,
        version: existing.version + 1,
      })
      .where("id", "=", existing.id)
      .where("version", "=", input.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return refuse("_form", "gaps.error.stale");
    const beforeDept = await trx
      .selectFrom("departments")
      .select("name")
      .where("id", "=", existing.department_id)
      .executeTakeFirst();
    await recordEvent(trx, {
      actorUserId: actor.userId,
      institutionId: round.institution_id,
      roundId: round.id,
      entity: "action_item",
      entityId: existing.id,
      action: "update",
      before: {
        code: input.code,
        department: beforeDept?.name ?? null,
        dueDate: existing.due_date,
        status: existing.status,
        notes: existing.notes,
      },
      after: { code: input.code, ...after },
    });
    return { ok: true, notice: { key: "gaps.notice.saved", params: { code: input.code } } };
  });
}
