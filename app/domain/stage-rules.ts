// Whether a review stage entry is plausible before it is recorded: the Ministry's stages come in order (서면 → 교차 →
// 현지 → 인증심사위원회), on dates within the round's review period, with one committee decision. Voided entries no
// longer count. Pure; the stages page and the server ask the same function.
//
// The review period is an assumption, not a published rule: a year's round is reviewed from 1 January of its year
// to 31 December of the next (the 2014 round's committee met in the first half of 2015), and never after today.
import type { MessageKey } from "~/i18n";

export type Stage = "document" | "cross" | "site" | "committee";
export const STAGE_ORDER: Readonly<Record<Stage, number>> = { document: 1, cross: 2, site: 3, committee: 4 };

export interface StageEntry {
  stage: Stage;
  /** YYYY-MM-DD (Seoul). */
  heldOn: string;
  decision: string | null;
  voided: boolean;
}

export interface StageProblem {
  field: "heldOn" | "decision";
  key: MessageKey;
}

/** The dates a round's stage may carry: its year's 1 January to the next year's 31 December, and not after today. */
export function reviewWindow(roundYear: number, today: string): { from: string; until: string } {
  const end = `${roundYear + 1}-12-31`;
  return { from: `${roundYear}-01-01`, until: today < end ? today : end };
}

export function stageProblems(
  existing: readonly StageEntry[],
  entry: Omit<StageEntry, "voided">,
  roundYear: number,
  today: string,
): StageProblem[] {
  const problems: StageProblem[] = [];
  const { from, until } = reviewWindow(roundYear, today);
  if (entry.heldOn < from || entry.heldOn > until) problems.push({ field: "heldOn", key: "stageRules.window" });
  const live = existing.filter((e) => !e.voided);
  const order = STAGE_ORDER[entry.stage];
  const outOfOrder = live.some(
    (e) =>
      (STAGE_ORDER[e.stage] < order && e.heldOn > entry.heldOn) ||
      (STAGE_ORDER[e.stage] > order && e.heldOn < entry.heldOn),
  );
  if (outOfOrder && !problems.length) problems.push({ field: "heldOn", key: "stageRules.order" });
  if (entry.decision !== null && live.some((e) => e.stage === "committee" && e.decision !== null))
    problems.push({ field: "decision", key: "stageRules.oneDecision" });
  return problems;
}
