// The planner's effort weights, stored per round: read as the domain's EffortModel, saved by the coordinator with
// one audit event holding the weights before and after.
import { type Db, inTransaction, nowIso } from "#db/connection";
import type { Round } from "#db/schema";
import { GAP_KINDS, type GapKind } from "~/domain/gaps";
import { DEFAULT_EFFORT, type EffortModel } from "~/domain/plan";
import type { Actor } from "~/domain/permissions";
import type { EffortInput } from "~/schemas/plan";
import { recordEvent } from "./audit.server";
import { done, type Outcome, refuseField } from "./actions.server";

const KIND_PREFIX = "kind:";
const INDICATOR_PREFIX = "indicator:";

export async function effortModel(db: Db, roundId: number): Promise<EffortModel> {
  const rows = await db
    .selectFrom("plan_efforts")
    .select(["subject", "effort"])
    .where("round_id", "=", roundId)
    .execute();
  const byKind = { ...DEFAULT_EFFORT.byKind };
  const byIndicator: Record<string, number> = {};
  for (const r of rows) {
    if (r.subject.startsWith(KIND_PREFIX)) {
      const kind = r.subject.slice(KIND_PREFIX.length) as GapKind;
      if (GAP_KINDS.includes(kind)) byKind[kind] = r.effort;
    } else if (r.subject.startsWith(INDICATOR_PREFIX)) byIndicator[r.subject.slice(INDICATOR_PREFIX.length)] = r.effort;
  }
  return { byKind, byIndicator };
}

/** Replaces the round's weights with the submitted ones (per-indicator overrides only for codes of its edition). */
export async function saveEffort(
  db: Db,
  actor: Actor,
  round: Round,
  input: EffortInput,
  editionCodes: ReadonlySet<string>,
): Promise<Outcome> {
  const unknown = Object.keys(input.byIndicator).find((code) => !editionCodes.has(code));
  if (unknown) return refuseField(`indicator.${unknown}`, "rounds.error.indicator");
  return inTransaction(db, async (trx) => {
    const before = await effortModel(trx, round.id);
    const same =
      GAP_KINDS.every((k) => before.byKind[k] === input.byKind[k]) &&
      JSON.stringify(sortKeys(before.byIndicator)) === JSON.stringify(sortKeys(input.byIndicator));
    if (same) return done("plan.notice.effortUnchanged");
    const now = nowIso();
    await trx.deleteFrom("plan_efforts").where("round_id", "=", round.id).execute();
    await trx
      .insertInto("plan_efforts")
      .values(
        [
          ...GAP_KINDS.map((k) => ({ subject: KIND_PREFIX + k, effort: input.byKind[k] })),
          ...Object.entries(input.byIndicator).map(([code, effort]) => ({ subject: INDICATOR_PREFIX + code, effort })),
        ].map((r) => ({ ...r, round_id: round.id, updated_by: actor.userId, updated_at: now })),
      )
      .execute();
    await recordEvent(trx, {
      actorUserId: actor.userId,
      institutionId: round.institution_id,
      roundId: round.id,
      entity: "plan_effort",
      entityId: round.id,
      action: "update",
      before: { byKind: before.byKind, byIndicator: sortKeys(before.byIndicator) },
      after: { byKind: input.byKind, byIndicator: sortKeys(input.byIndicator) },
    });
    return done("plan.notice.effortSaved");
  });
}

const sortKeys = (o: Readonly<Record<string, number>>) =>
  Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
