// The Ministry's review stages on a round's timeline, and cross-review grants. Each change with its audit event.
import { type Db, inTransaction, nowIso } from "#db/connection";
import type { Round } from "#db/schema";
import { crossReviewable, stageRecordable } from "~/domain/review";
import type { StageIntent, VoidStageInput } from "~/schemas/review";
import type { Actor } from "~/domain/permissions";
import type { MessageKey } from "~/i18n";
import { stageProblems } from "~/domain/stage-rules";
import { todayInSeoul } from "~/domain/validity";
import { recordEvent } from "./audit.server";
import { proposeCertification, withdrawProposalOf } from "./certification-proposals.server";
import type { Outcome } from "./actions.server";

const refuse = (field: string, key: MessageKey): Outcome => ({ ok: false, errors: { [field]: key } });

const ROUND_MILESTONES = [
  "seed",
  "create",
  "open",
  "submit",
  "start_review",
  "conclude",
  "reopen",
  "set_deadline",
  "carry_over",
];

/** The round's timeline: its own milestones from the audit log and the recorded review stages, in date order. */
export async function roundTimeline(db: Db, round: Round) {
  const [events, stages, grants] = await Promise.all([
    db
      .selectFrom("audit_events as e")
      .leftJoin("users as u", "u.id", "e.actor_user_id")
      .select(["e.seq", "e.at", "e.action", "e.after_json", "u.display_name"])
      .where("e.round_id", "=", round.id)
      .where("e.entity", "=", "round")
      .where("e.action", "in", ROUND_MILESTONES)
      .orderBy("e.seq")
      .execute(),
    db
      .selectFrom("review_stages as s")
      .innerJoin("users as u", "u.id", "s.recorded_by")
      .leftJoin("institutions as i", "i.id", "s.reviewer_institution_id")
      .select([
        "s.id",
        "s.stage",
        "s.held_on",
        "s.notes",
        "s.decision",
        "s.recorded_at",
        "s.voided_at",
        "s.void_reason",
        "u.display_name",
        "i.name as institution",
      ])
      .where("s.round_id", "=", round.id)
      .orderBy("s.held_on")
      .orderBy("s.id")
      .execute(),
    db
      .selectFrom("cross_review_grants as g")
      .innerJoin("institutions as i", "i.id", "g.reviewer_institution_id")
      .select(["g.id", "g.reviewer_institution_id", "i.name", "g.granted_at", "g.revoked_at"])
      .where("g.round_id", "=", round.id)
      .orderBy("g.id")
      .execute(),
  ]);
  return {
    milestones: events.map((e) => ({ seq: e.seq, at: e.at, action: e.action, by: e.display_name })),
    stages: stages.map((s) => ({
      id: s.id,
      stage: s.stage,
      heldOn: s.held_on,
      notes: s.notes,
      decision: s.decision,
      recordedAt: s.recorded_at,
      by: s.display_name,
      institution: s.institution,
      voidedAt: s.voided_at,
      voidReason: s.void_reason,
    })),
    grants: grants.map((g) => ({
      id: g.id,
      institutionId: g.reviewer_institution_id,
      institution: g.name,
      grantedAt: g.granted_at,
      revokedAt: g.revoked_at,
    })),
  };
}

/** The institution a person records a stage for: the round's own if they belong to it, else their cross-reviewing one. */
function recorderInstitution(actor: Actor, round: Round): number | null {
  if (actor.memberships.some((m) => m.institutionId === round.institution_id)) return round.institution_id;
  const auditor = actor.memberships.find((m) => m.role === "auditor");
  return auditor?.institutionId ?? null;
}

export async function runStageIntent(
  db: Db,
  actor: Actor,
  round: Round,
  intent: StageIntent | VoidStageInput,
  today: string = todayInSeoul(),
): Promise<Outcome> {
  return inTransaction(db, async (trx) => {
    const current = await trx.selectFrom("rounds").select("state").where("id", "=", round.id).executeTakeFirstOrThrow();
    if (intent.intent === "voidStage") return voidStage(trx, actor, round, intent);
    if (intent.intent === "recordStage") {
      if (!stageRecordable(current.state)) return refuse("_form", "rounds.error.transition");
      const existing = await trx
        .selectFrom("review_stages")
        .select(["stage", "held_on", "decision", "voided_at"])
        .where("round_id", "=", round.id)
        .execute();
      const problems = stageProblems(
        existing.map((e) => ({
          stage: e.stage,
          heldOn: e.held_on,
          decision: e.decision,
          voided: e.voided_at !== null,
        })),
        { stage: intent.stage, heldOn: intent.heldOn, decision: intent.decision },
        round.year,
        today,
      );
      if (problems.length) return { ok: false, errors: Object.fromEntries(problems.map((p) => [p.field, p.key])) };
      const row = await trx
        .insertInto("review_stages")
        .values({
          round_id: round.id,
          stage: intent.stage,
          held_on: intent.heldOn,
          notes: intent.notes,
          decision: intent.decision,
          recorded_by: actor.userId,
          reviewer_institution_id: recorderInstitution(actor, round),
          recorded_at: nowIso(),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await recordEvent(trx, {
        actorUserId: actor.userId,
        institutionId: round.institution_id,
        roundId: round.id,
        entity: "review_stage",
        entityId: row.id,
        action: "record",
        after: {
          stage: intent.stage,
          held_on: intent.heldOn,
          notes: intent.notes,
          decision: intent.decision,
          voided: false,
        },
      });
      if (intent.stage === "committee" && intent.decision === "certified") {
        await proposeCertification(trx, actor.userId, round, row.id, intent.heldOn);
        return { ok: true, notice: { key: "proposal.raised" } };
      }
      return { ok: true, notice: { key: "stages.saved", params: { stage: intent.stage } } };
    }
    if (intent.intent === "grantCross") {
      if (!crossReviewable(current.state)) return refuse("_form", "rounds.error.transition");
      const institution = await trx
        .selectFrom("institutions")
        .select(["id", "name"])
        .where("id", "=", intent.institutionId)
        .where("active", "=", 1)
        .where("id", "!=", round.institution_id)
        .executeTakeFirst();
      if (!institution) return refuse("institutionId", "stages.error.institution");
      const existing = await trx
        .selectFrom("cross_review_grants")
        .select("id")
        .where("round_id", "=", round.id)
        .where("reviewer_institution_id", "=", institution.id)
        .where("revoked_at", "is", null)
        .executeTakeFirst();
      if (existing) return refuse("institutionId", "stages.error.already");
      const row = await trx
        .insertInto("cross_review_grants")
        .values({
          round_id: round.id,
          reviewer_institution_id: institution.id,
          granted_by: actor.userId,
          granted_at: nowIso(),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await recordEvent(trx, {
        actorUserId: actor.userId,
        institutionId: round.institution_id,
        roundId: round.id,
        entity: "cross_review",
        entityId: row.id,
        action: "grant",
        after: { reviewer_institution: institution.name, reviewer_institution_id: institution.id },
      });
      return { ok: true, notice: { key: "stages.cross.granted", params: { institution: institution.name } } };
    }
    const grant = await trx
      .selectFrom("cross_review_grants as g")
      .innerJoin("institutions as i", "i.id", "g.reviewer_institution_id")
      .select(["g.id", "i.name"])
      .where("g.id", "=", intent.grantId)
      .where("g.round_id", "=", round.id)
      .where("g.revoked_at", "is", null)
      .executeTakeFirst();
    if (!grant) return refuse("grantId", "stages.error.grant");
    await trx
      .updateTable("cross_review_grants")
      .set({ revoked_at: nowIso(), revoked_by: actor.userId })
      .where("id", "=", grant.id)
      .execute();
    await recordEvent(trx, {
      actorUserId: actor.userId,
      institutionId: round.institution_id,
      roundId: round.id,
      entity: "cross_review",
      entityId: grant.id,
      action: "revoke",
      before: { reviewer_institution: grant.name },
      after: { revoked: true },
    });
    return { ok: true, notice: { key: "stages.cross.revoked", params: { institution: grant.name } } };
  });
}

/** Voids a mistaken entry with a reason: it stays on the timeline struck through, and stops counting for the rules. */
async function voidStage(trx: Db, actor: Actor, round: Round, intent: VoidStageInput): Promise<Outcome> {
  const stage = await trx
    .selectFrom("review_stages")
    .select(["id", "stage", "held_on", "decision"])
    .where("id", "=", intent.stageId)
    .where("round_id", "=", round.id)
    .where("voided_at", "is", null)
    .executeTakeFirst();
  if (!stage) return refuse("stageId", "stageVoid.error.stage");
  const updated = await trx
    .updateTable("review_stages")
    .set({ voided_at: nowIso(), voided_by: actor.userId, void_reason: intent.reason })
    .where("id", "=", stage.id)
    .where("voided_at", "is", null)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) return refuse("stageId", "stageVoid.error.stage");
  await recordEvent(trx, {
    actorUserId: actor.userId,
    institutionId: round.institution_id,
    roundId: round.id,
    entity: "review_stage",
    entityId: stage.id,
    action: "void",
    before: { stage: stage.stage, held_on: stage.held_on, decision: stage.decision, voided: false },
    after: { voided: true, void_reason: intent.reason },
  });
  if (stage.decision === "certified") await withdrawProposalOf(trx, actor.userId, round, stage.id);
  return { ok: true, notice: { key: "stageVoid.done" } };
}
