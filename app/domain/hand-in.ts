// When a department hands an indicator in: before the round's deadline, after it, or refused because the round does
// not take late hand-ins (issue 15). The coordinator chooses the rule per round (rounds.late_policy); the default
// accepts a late hand-in and marks it 기한 후 제출 everywhere it is listed. Pure and browser-safe.
import type { LatePolicy } from "#db/schema";

export const LATE_POLICIES = ["accept", "refuse"] as const satisfies readonly LatePolicy[];

export type HandInTiming = "on-time" | "late" | "refused";

/** Whether a hand-in at `at` is on time, late (taken, marked) or refused. No deadline: always on time. */
export function handInTiming(round: { deadlineAt: string | null; latePolicy: LatePolicy }, at: string): HandInTiming {
  if (!round.deadlineAt || Date.parse(at) <= Date.parse(round.deadlineAt)) return "on-time";
  return round.latePolicy === "refuse" ? "refused" : "late";
}

/** Whether a hand-in already made (its time stored) came after the deadline: the 기한 후 제출 mark. */
export function handedInLate(submittedAt: string | null, deadlineAt: string | null): boolean {
  return !!(submittedAt && deadlineAt && Date.parse(submittedAt) > Date.parse(deadlineAt));
}
