// The coordinator's side of a round: create it (optionally from last year's), move it through its states, assign
// indicators to departments, check it before submission. Every change runs in one transaction with its audit event;
// the round's own changes are guarded by its version column.
import { schemeIdOf } from "~/domain/schemes";
import { type Db, inTransaction, nowIso } from "#db/connection";
import type { AssignmentRole, Round } from "#db/schema";
import { diffEditions } from "#indicators/diff";
import { toTenths } from "#indicators/points";
import type { Edition } from "#indicators/schema";
import type { AssignmentIntent, CreateRoundInput, RoundIntent } from "~/schemas/rounds";
import { type BulkScope, indicatorsInScope, matchOwnerDepartment } from "~/domain/assignment-scope";
import { answersToCarry } from "~/domain/carry-over";
import { seoulLocalToIso } from "~/domain/datetime";
import type { Actor } from "~/domain/permissions";
import { checkTransition } from "~/domain/round-state";
import { type CheckedIndicator, checkSubmission } from "~/domain/submission-check";
import { draftFromRow, scoreDraft } from "~/domain/response-rules";
import type { MessageKey, Params } from "~/i18n";
import { recordEvent } from "./audit.server";
import { recordCheckpoint } from "./checkpoints.server";
import { getEdition } from "./editions.server";
import type { Outcome } from "./actions.server";
import { found } from "./guards.server";
import { roundOverview } from "./rounds.server";

const done = (key: MessageKey, params?: Params): Outcome => ({ ok: true, notice: { key, params } });
const refuse = (field: string, key: MessageKey): Outcome => ({ ok: false, errors: { [field]: key } });

/** The round with the given id when it belongs to the institution; 404 otherwise. */
export async function getRound(db: Db, roundId: number): Promise<Round> {
  return found(await db.selectFrom("rounds").selectAll().where("id", "=", roundId).executeTakeFirst());
}

export async function requireEdition(db: Db, editionId: string): Promise<Edition> {
  return found(await getEdition(db, editionId));
}

/** The institution's rounds, newest first, each with its totals at a glance. */
export async function listRounds(db: Db, institutionId: number) {
  const rounds = await db
    .selectFrom("rounds as r")
    .innerJoin("rubric_editions as e", "e.id", "r.edition_id")
    .select([
      "r.id",
      "r.year",
      "r.title",
      "r.state",
      "r.deadline_at",
      "r.edition_id",
      "e.title as edition_title",
      "e.reconstruction",
      "e.indicator_count",
    ])
    .where("r.institution_id", "=", institutionId)
    .orderBy("r.year", "desc")
    .execute();
  const sums = rounds.length
    ? await db
        .selectFrom("responses")
        .select((eb) => [
          "round_id",
          eb.fn.sum<number>("self_tenths").as("self"),
          eb.fn.count<number>("self_tenths").as("assessed"),
        ])
        .where(
          "round_id",
          "in",
          rounds.map((r) => r.id),
        )
        .groupBy("round_id")
        .execute()
    : [];
  const byRound = new Map(sums.map((s) => [s.round_id, s]));
  return rounds.map((r) => ({
    ...r,
    selfTenths: Number(byRound.get(r.id)?.self ?? 0),
    assessed: Number(byRound.get(r.id)?.assessed ?? 0),
  }));
}

/** What the "new round" form offers: editions for the institution's type and last year's round to start from. */
export async function newRoundOptions(db: Db, institutionId: number) {
  const institution = found(
    await db
      .selectFrom("institutions")
      .select(["id", "name", "type"])
      .where("id", "=", institutionId)
      .executeTakeFirst(),
  );
  const editions = await db
    .selectFrom("rubric_editions")
    .select(["id", "year", "title", "reconstruction", "indicator_count", "superseded_by"])
    .where("institution_type", "=", institution.type)
    .orderBy("year", "desc")
    .execute();
  const rounds = await db
    .selectFrom("rounds")
    .select(["id", "year", "title", "edition_id"])
    .where("institution_id", "=", institutionId)
    .orderBy("year", "desc")
    .execute();
  const nextYear = rounds.length ? rounds[0].year + 1 : new Date().getFullYear();
  // The 인증's editions first (the form's default stays the latest 인증 edition), then the other schemes' (ADR 029).
  const current = await Promise.all(
    editions
      .filter((e) => !e.superseded_by)
      .map(async (e) => {
        const content = await getEdition(db, e.id);
        return { ...e, scheme: content ? schemeIdOf(content) : "certification" };
      }),
  );
  current.sort((a, b) => Number(a.scheme !== "certification") - Number(b.scheme !== "certification"));
  return {
    institution,
    editions: current,
    previous: rounds[0] ?? null,
    takenYears: rounds.map((r) => r.year),
    nextYear,
  };
}

/**
 * Creates a draft round. With `assignments`, the latest earlier round's assignments come along for every indicator
 * the new edition still has; with `answers`, also its answers and evidence for indicators whose wording and scoring
 * did not change, re-scored on the new edition and marked carried over until the department confirms them.
 */
export async function createRound(
  db: Db,
  actor: Actor,
  institutionId: number,
  input: CreateRoundInput,
): Promise<Outcome & { roundId?: number }> {
  const institution = found(
    await db
      .selectFrom("institutions")
      .select(["id", "type", "active"])
      .where("id", "=", institutionId)
      .executeTakeFirst(),
  );
  if (!institution.active) return refuse("_form", "rounds.error.institutionInactive");
  const edition = await getEdition(db, input.editionId);
  const editionRow = await db
    .selectFrom("rubric_editions")
    .select(["institution_type", "superseded_by"])
    .where("id", "=", input.editionId)
    .executeTakeFirst();
  if (!edition || !editionRow || editionRow.institution_type !== institution.type)
    return refuse("editionId", "rounds.error.edition");
  if (editionRow.superseded_by) return refuse("editionId", "rounds.error.editionSuperseded");
  const deadlineAt = seoulLocalToIso(input.deadline);
  if (!deadlineAt) return refuse("deadline", "rounds.error.deadline");
  // One round a year per scheme: a 2024 종합평가 round and a 2024 국민행복민원실 cycle may sit side by side (ADR 029).
  const sameYear = await db
    .selectFrom("rounds")
    .select("edition_id")
    .where("institution_id", "=", institutionId)
    .where("year", "=", input.year)
    .execute();
  const scheme = schemeIdOf(edition);
  for (const other of sameYear) {
    const otherEdition = await getEdition(db, other.edition_id);
    if (!otherEdition || schemeIdOf(otherEdition) === scheme) return refuse("year", "rounds.error.yearTaken");
  }

  try {
    return await inTransaction(db, async (trx) => {
      const stamp = nowIso();
      const round = await trx
        .insertInto("rounds")
        .values({
          institution_id: institutionId,
          edition_id: edition.id,
          year: input.year,
          title: input.title,
          state: "draft",
          deadline_at: deadlineAt,
          created_by: actor.userId,
          created_at: stamp,
          updated_at: stamp,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordEvent(trx, {
        actorUserId: actor.userId,
        institutionId,
        roundId: round.id,
        entity: "round",
        entityId: round.id,
        action: "create",
        after: {
          title: round.title,
          year: round.year,
          edition: edition.id,
          state: round.state,
          deadline_at: deadlineAt,
          carry_over: input.carryOver,
        },
      });
      let carried = { assignments: 0, answers: 0 };
      if (input.carryOver !== "none")
        carried = await carryOver(trx, actor, round, edition, input.carryOver === "answers");
      return {
        ...done("rounds.notice.created", {
          title: round.title,
          assignments: carried.assignments,
          answers: carried.answers,
        }),
        roundId: round.id,
      };
    });
  } catch (error) {
    // Two coordinators creating the same year at once: the unique constraint decides.
    if (error instanceof Error && /UNIQUE|duplicate key/i.test(error.message))
      return refuse("year", "rounds.error.yearTaken");
    throw error;
  }
}

/**
 * Copies the assignments of the institution's latest round before `round` for every indicator `codes` still has and
 * every department still active. Returns the source round (if any) and how many came over or were dropped.
 */
export async function carryAssignments(
  trx: Db,
  round: Pick<Round, "id" | "institution_id" | "year">,
  codes: ReadonlySet<string>,
) {
  const source = await trx
    .selectFrom("rounds")
    .select(["id", "edition_id", "year"])
    .where("institution_id", "=", round.institution_id)
    .where("year", "<", round.year)
    .orderBy("year", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!source) return { source: null, carried: 0, dropped: 0 };
  const stamp = nowIso();
  const active = new Set(
    (
      await trx
        .selectFrom("departments")
        .select("id")
        .where("institution_id", "=", round.institution_id)
        .where("active", "=", 1)
        .execute()
    ).map((d) => d.id),
  );
  const old = await trx
    .selectFrom("assignments")
    .select(["indicator_code", "department_id", "role"])
    .where("round_id", "=", source.id)
    .execute();
  const keep = old.filter((a) => codes.has(a.indicator_code) && active.has(a.department_id));
  for (let i = 0; i < keep.length; i += 100) {
    await trx
      .insertInto("assignments")
      .values(
        keep.slice(i, i + 100).map((a) => ({
          round_id: round.id,
          indicator_code: a.indicator_code,
          department_id: a.department_id,
          role: a.role,
          created_at: stamp,
        })),
      )
      .execute();
  }
  return { source, carried: keep.length, dropped: old.length - keep.length };
}

async function carryOver(trx: Db, actor: Actor, round: Round, edition: Edition, withAnswers: boolean) {
  const { source, carried, dropped } = await carryAssignments(
    trx,
    round,
    new Set(edition.indicators.map((i) => i.code)),
  );
  if (!source) return { assignments: 0, answers: 0 };
  const stamp = nowIso();
  let answers = 0;
  if (withAnswers) {
    const sourceEdition = await getEdition(trx, source.edition_id);
    if (sourceEdition) {
      const diff = diffEditions(sourceEdition, edition);
      const previous = await trx.selectFrom("responses").selectAll().where("round_id", "=", source.id).execute();
      const byCode = new Map(edition.indicators.map((i) => [i.code, i]));
      const carry = answersToCarry(
        diff,
        previous.map((p) => ({ ...p, indicatorCode: p.indicator_code })),
      );
      for (const p of carry) {
        const indicator = byCode.get(p.indicator_code)!;
        const score = scoreDraft(indicator, draftFromRow(p));
        const row = await trx
          .insertInto("responses")
          .values({
            round_id: round.id,
            indicator_code: p.indicator_code,
            status: "draft",
            implemented: p.implemented,
            answer: p.answer,
            narrative: p.narrative,
            self_tenths: score.state === "scored" ? score.tenths : null,
            reviewed_tenths: null,
            carried_over: 1,
            version: 1,
            updated_by: actor.userId,
            updated_at: stamp,
            submitted_at: null,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        // One event per carried answer, so the log can replay the row (docs/decisions/024).
        await recordEvent(trx, {
          actorUserId: actor.userId,
          institutionId: round.institution_id,
          roundId: round.id,
          entity: "response",
          entityId: row.id,
          action: "carry_over",
          after: {
            indicator: row.indicator_code,
            status: row.status,
            carried_over: row.carried_over,
            implemented: row.implemented,
            answer: row.answer,
            self_tenths: row.self_tenths,
            narrative: row.narrative,
            version: row.version,
            reviewed_tenths: row.reviewed_tenths,
          },
        });
        const evidence = await trx
          .selectFrom("evidence")
          .selectAll()
          .where("response_id", "=", p.id)
          .where("deleted_at", "is", null)
          .execute();
        if (evidence.length) {
          await trx
            .insertInto("evidence")
            .values(evidence.map(({ id: _id, response_id: _r, ...e }) => ({ ...e, response_id: row.id })))
            .execute();
        }
        answers += 1;
      }
    }
  }
  await recordEvent(trx, {
    actorUserId: actor.userId,
    institutionId: round.institution_id,
    roundId: round.id,
    entity: "round",
    entityId: round.id,
    action: "carry_over",
    after: { from_round_id: source.id, assignments: carried, dropped, answers },
  });
  return { assignments: carried, answers };
}

/** Moves the round along its lifecycle (or reopens it with a reason); the version must be the one the page showed. */
export async function runRoundIntent(db: Db, actor: Actor, round: Round, intent: RoundIntent): Promise<Outcome> {
  return inTransaction(db, async (trx) => {
    const current = await getRound(trx, round.id);
    if (current.version !== intent.version) return refuse("_form", "rounds.error.stale");
    if (intent.intent === "setDeadline") {
      const deadlineAt = seoulLocalToIso(intent.deadline);
      if (!deadlineAt) return refuse("deadline", "rounds.error.deadline");
      if (current.state !== "draft" && current.state !== "open") return refuse("_form", "rounds.error.locked");
      // The same deadline and rule saved again change nothing: no new version, no event, and the notice says so.
      const sameDeadline = current.deadline_at !== null && Date.parse(current.deadline_at) === Date.parse(deadlineAt);
      if (sameDeadline && current.late_policy === intent.latePolicy) return done("history.unchanged.deadline");
      await bump(trx, current, { deadline_at: deadlineAt, late_policy: intent.latePolicy });
      await recordEvent(trx, {
        actorUserId: actor.userId,
        institutionId: current.institution_id,
        roundId: current.id,
        entity: "round",
        entityId: current.id,
        action: "set_deadline",
        before: { deadline_at: current.deadline_at, late_policy: current.late_policy },
        after: { deadline_at: deadlineAt, late_policy: intent.latePolicy },
      });
      return done("rounds.notice.deadlineSet");
    }
    const check = checkTransition(current.state, intent.transition, intent.reason);
    if (!check.ok)
      return refuse(
        check.reason === "reason_required" ? "reason" : "_form",
        check.reason === "reason_required" ? "rounds.error.reasonRequired" : "rounds.error.transition",
      );
    if (intent.transition === "submit") {
      const { check: findings } = await submissionCheckFor(trx, current);
      if (findings.blocked) return refuse("_form", "rounds.error.blocked");
      if (findings.needsAcknowledgement && !intent.acknowledge)
        return refuse("acknowledge", "rounds.error.acknowledge");
    }
    await bump(trx, current, { state: check.to });
    await recordEvent(trx, {
      actorUserId: actor.userId,
      institutionId: current.institution_id,
      roundId: current.id,
      entity: "round",
      entityId: current.id,
      action: intent.transition,
      before: { state: current.state },
      after: { state: check.to, ...(intent.reason ? { reason: intent.reason } : {}) },
    });
    // Every state change is a moment worth proving later: sign the head that records it, in the same transaction.
    await recordCheckpoint(trx, "round-state");
    return done(`rounds.notice.${intent.transition}` as MessageKey);
  });
}

async function bump(trx: Db, round: Round, values: Partial<Pick<Round, "state" | "deadline_at" | "late_policy">>) {
  const updated = await trx
    .updateTable("rounds")
    .set({ ...values, version: round.version + 1, updated_at: nowIso() })
    .where("id", "=", round.id)
    .where("version", "=", round.version)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw new Error(`round ${round.id} changed while it was being updated`);
}

// ---------------------------------------------------------------------------------------------------------------
// Assignments.

export async function institutionDepartments(db: Db, institutionId: number) {
  return db
    .selectFrom("departments")
    .select(["id", "name", "is_lead"])
    .where("institution_id", "=", institutionId)
    .where("active", "=", 1)
    .orderBy("sort_order")
    .orderBy("name")
    .execute();
}

/** Every indicator of the round with its lead and supporting departments, in rubric order. */
export async function assignmentBoard(db: Db, round: Round) {
  const edition = await requireEdition(db, round.edition_id);
  const [rows, departments] = await Promise.all([
    db
      .selectFrom("assignments")
      .select(["indicator_code", "department_id", "role"])
      .where("round_id", "=", round.id)
      .execute(),
    institutionDepartments(db, round.institution_id),
  ]);
  const names = new Map(departments.map((d) => [d.id, d.name]));
  const byCode = new Map<string, { lead: number | null; support: number[] }>();
  for (const r of rows) {
    const entry = byCode.get(r.indicator_code) ?? { lead: null, support: [] };
    if (r.role === "lead") entry.lead = r.department_id;
    else entry.support.push(r.department_id);
    byCode.set(r.indicator_code, entry);
  }
  const itemTitle = new Map(edition.items.map((i) => [i.code, i.title]));
  const indicators = edition.indicators.map((i) => {
    const a = byCode.get(i.code);
    return {
      code: i.code,
      title: i.title,
      item: i.item,
      itemTitle: itemTitle.get(i.item) ?? i.item,
      tags: i.tags,
      ownerDepartment: i.ownerDepartment,
      maxTenths: toTenths(i.maxPoints),
      lead: a?.lead ?? null,
      leadName: a?.lead ? (names.get(a.lead) ?? null) : null,
      support: (a?.support ?? []).map((id) => ({ id, name: names.get(id) ?? "" })),
      suggested: matchOwnerDepartment(i.ownerDepartment, departments)?.id ?? null,
    };
  });
  const tags = [...new Set(edition.indicators.flatMap((i) => i.tags))].sort();
  const owners = [...new Set(edition.indicators.map((i) => i.ownerDepartment))].sort((a, b) =>
    a.localeCompare(b, "ko"),
  );
  return {
    indicators,
    departments,
    items: edition.items.map((i) => ({ code: i.code, title: i.title })),
    tags,
    owners,
    unassigned: indicators.filter((i) => i.lead === null).length,
  };
}

type Change = { code: string; departmentId: number; role: AssignmentRole };

/** Assigns indicators: one by one, in bulk by scope, or each unassigned one to its suggested owner department. */
export async function runAssignmentIntent(
  db: Db,
  actor: Actor,
  round: Round,
  intent: AssignmentIntent,
): Promise<Outcome> {
  if (round.state !== "draft" && round.state !== "open") return refuse("_form", "rounds.error.locked");
  const edition = await requireEdition(db, round.edition_id);
  const departments = await institutionDepartments(db, round.institution_id);
  const known = new Set(departments.map((d) => d.id));
  return inTransaction(db, async (trx) => {
    const existing = await trx
      .selectFrom("assignments")
      .select(["id", "indicator_code", "department_id", "role"])
      .where("round_id", "=", round.id)
      .execute();
    const leads = new Set(existing.filter((a) => a.role === "lead").map((a) => a.indicator_code));
    if (intent.intent === "assignOne") {
      if (!edition.indicators.some((i) => i.code === intent.code)) return refuse("code", "rounds.error.indicator");
      const wanted = [intent.leadDepartmentId, ...intent.supportDepartmentIds].filter((d): d is number => d !== null);
      if (wanted.some((d) => !known.has(d))) return refuse("leadDepartmentId", "rounds.error.department");
      if (intent.leadDepartmentId !== null && intent.supportDepartmentIds.includes(intent.leadDepartmentId))
        return refuse("supportDepartmentIds", "rounds.error.leadAlsoSupport");
      const before = existing.filter((a) => a.indicator_code === intent.code);
      const after: Change[] = [
        ...(intent.leadDepartmentId !== null
          ? [{ code: intent.code, departmentId: intent.leadDepartmentId, role: "lead" as const }]
          : []),
        ...[...new Set(intent.supportDepartmentIds)].map((d) => ({
          code: intent.code,
          departmentId: d,
          role: "support" as const,
        })),
      ];
      await replaceAssignments(trx, actor, round, intent.code, before, after);
      return done("rounds.notice.assigned", { count: 1 });
    }
    let changes: Change[];
    if (intent.intent === "assignSuggested") {
      changes = edition.indicators
        .filter((i) => !leads.has(i.code))
        .flatMap((i) => {
          const d = matchOwnerDepartment(i.ownerDepartment, departments);
          return d ? [{ code: i.code, departmentId: d.id, role: "lead" as const }] : [];
        });
    } else {
      if (!known.has(intent.departmentId)) return refuse("departmentId", "rounds.error.department");
      const scope: BulkScope =
        intent.scope === "codes"
          ? { by: "codes", codes: intent.codes }
          : intent.scope === "unassigned"
            ? { by: "unassigned" }
            : intent.scope === "item"
              ? { by: "item", item: intent.value }
              : intent.scope === "tag"
                ? { by: "tag", tag: intent.value }
                : { by: "owner", owner: intent.value };
      const targets = indicatorsInScope(edition.indicators, scope, leads);
      if (targets.length === 0) return refuse("target", "rounds.error.noneSelected");
      changes = targets.map((i) => ({ code: i.code, departmentId: intent.departmentId, role: intent.role }));
    }
    let count = 0;
    // A department that already leads an indicator is never demoted to 협조 by a bulk assignment: that would leave
    // the indicator without a lead (and block its submission). Those indicators stay as they are, and the notice
    // names them.
    const keptLead: string[] = [];
    for (const change of changes) {
      const before = existing.filter((a) => a.indicator_code === change.code);
      if (
        change.role === "support" &&
        before.some((a) => a.role === "lead" && a.department_id === change.departmentId)
      ) {
        keptLead.push(change.code);
        continue;
      }
      const after: Change[] =
        change.role === "lead"
          ? [
              change,
              ...before
                .filter((a) => a.role === "support" && a.department_id !== change.departmentId)
                .map((a) => ({ code: a.indicator_code, departmentId: a.department_id, role: a.role })),
            ]
          : [
              ...before
                .filter((a) => a.department_id !== change.departmentId)
                .map((a) => ({ code: a.indicator_code, departmentId: a.department_id, role: a.role })),
              change,
            ];
      if (await replaceAssignments(trx, actor, round, change.code, before, after)) count += 1;
    }
    if (keptLead.length) return done("assign.notice.keptLead", { count, codes: keptLead.join(", ") });
    return done("rounds.notice.assigned", { count });
  });
}

/** Makes an indicator's assignments exactly `after`; writes and records only when something differs. */
async function replaceAssignments(
  trx: Db,
  actor: Actor,
  round: Round,
  code: string,
  before: { id: number; department_id: number; role: AssignmentRole }[],
  after: Change[],
): Promise<boolean> {
  const key = (d: number, r: string) => `${r}:${d}`;
  const had = new Set(before.map((a) => key(a.department_id, a.role)));
  const want = new Set(after.map((a) => key(a.departmentId, a.role)));
  if (had.size === want.size && [...had].every((k) => want.has(k))) return false;
  const remove = before.filter((a) => !want.has(key(a.department_id, a.role)));
  if (remove.length)
    await trx
      .deleteFrom("assignments")
      .where(
        "id",
        "in",
        remove.map((a) => a.id),
      )
      .execute();
  const add = after.filter((a) => !had.has(key(a.departmentId, a.role)));
  const stamp = nowIso();
  if (add.length) {
    await trx
      .insertInto("assignments")
      .values(
        add.map((a) => ({
          round_id: round.id,
          indicator_code: code,
          department_id: a.departmentId,
          role: a.role,
          created_at: stamp,
        })),
      )
      .execute();
  }
  await recordEvent(trx, {
    actorUserId: actor.userId,
    institutionId: round.institution_id,
    roundId: round.id,
    entity: "assignment",
    entityId: `${round.id}:${code}`,
    action: "assign",
    before: before.map((a) => ({ department_id: a.department_id, role: a.role })),
    after: after.map((a) => ({ department_id: a.departmentId, role: a.role })),
  });
  return true;
}

// ---------------------------------------------------------------------------------------------------------------
// Dashboard and submission.

/** The coordinator's dashboard: the overview, with overdue work per department and carried-over answers to confirm. */
export async function roundDashboard(db: Db, round: Round, now: Date = new Date()) {
  return roundOverview(db, round, now);
}

/** What blocks or weakens the submission of the round. */
export async function submissionCheckFor(db: Db, round: Round) {
  const edition = await requireEdition(db, round.edition_id);
  const [overview, responses, evidence, leads] = await Promise.all([
    roundOverview(db, round),
    db
      .selectFrom("responses")
      .select(["id", "indicator_code", "status", "implemented", "self_tenths", "carried_over"])
      .where("round_id", "=", round.id)
      .execute(),
    db
      .selectFrom("evidence as e")
      .innerJoin("responses as r", "r.id", "e.response_id")
      .select((eb) => ["r.indicator_code", eb.fn.countAll<number>().as("n")])
      .where("r.round_id", "=", round.id)
      .where("e.deleted_at", "is", null)
      .groupBy("r.indicator_code")
      .execute(),
    db
      .selectFrom("assignments as a")
      .innerJoin("departments as d", "d.id", "a.department_id")
      .select(["a.indicator_code", "d.name"])
      .where("a.round_id", "=", round.id)
      .where("a.role", "=", "lead")
      .execute(),
  ]);
  const responseByCode = new Map(responses.map((r) => [r.indicator_code, r]));
  const evidenceByCode = new Map(evidence.map((e) => [e.indicator_code, Number(e.n)]));
  const leadByCode = new Map(leads.map((l) => [l.indicator_code, l.name]));
  const indicators: CheckedIndicator[] = edition.indicators.map((i) => {
    const r = responseByCode.get(i.code);
    return {
      code: i.code,
      title: i.title,
      maxTenths: toTenths(i.maxPoints),
      department: leadByCode.get(i.code) ?? null,
      response: r
        ? {
            status: r.status,
            implemented: r.implemented,
            selfTenths: r.self_tenths,
            evidenceCount: evidenceByCode.get(i.code) ?? 0,
            carriedOver: r.carried_over === 1,
          }
        : null,
    };
  });
  return {
    check: checkSubmission(indicators, overview.totals, overview.thresholds, new Set(leadByCode.keys())),
    overview,
  };
}
