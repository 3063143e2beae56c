// Starting a round from last year's: which answers may come along. Pure.
import type { EditionDiff } from "#indicators/diff";
import { isCarryOverSafe } from "#indicators/diff";

export type CarryOverMode = "none" | "assignments" | "answers";

export interface PreviousAnswer {
  indicatorCode: string;
  implemented: number | null;
  answer: string | null;
  narrative: string | null;
}

/**
 * The previous answers worth carrying: an indicator whose code, wording and scoring did not change between the two
 * editions, and which had an answer at all. Each comes over marked "last year's — to be confirmed".
 */
export function answersToCarry<T extends PreviousAnswer>(diff: EditionDiff, previous: readonly T[]): T[] {
  return previous.filter(
    (p) => (p.implemented !== null || p.answer !== null || p.narrative) && isCarryOverSafe(diff, p.indicatorCode),
  );
}
