// The round's lifecycle, one rule for every screen and action:
//   draft → open → submitted (locked) → under_review → concluded
// A submitted or under-review round can be reopened (back to open) by its coordinator, with a reason.
import type { RoundState } from "#db/schema";

export const ROUND_STATES: readonly RoundState[] = ["draft", "open", "submitted", "under_review", "concluded"];

export type RoundTransition = "open" | "submit" | "start_review" | "conclude" | "reopen";

interface TransitionRule {
  from: readonly RoundState[];
  to: RoundState;
  /** Whether the person must give a reason (recorded in the audit event). */
  needsReason: boolean;
  /** Who may trigger it: the institution's coordinator, or a reviewer (auditor / the Ministry). */
  by: "coordinator" | "reviewer";
}

export const ROUND_TRANSITIONS: Record<RoundTransition, TransitionRule> = {
  open: { from: ["draft"], to: "open", needsReason: false, by: "coordinator" },
  submit: { from: ["open"], to: "submitted", needsReason: false, by: "coordinator" },
  start_review: { from: ["submitted"], to: "under_review", needsReason: false, by: "reviewer" },
  conclude: { from: ["under_review"], to: "concluded", needsReason: false, by: "reviewer" },
  reopen: { from: ["submitted", "under_review"], to: "open", needsReason: true, by: "coordinator" },
};

export type TransitionCheck = { ok: true; to: RoundState } | { ok: false; reason: "not_allowed" | "reason_required" };

/** Whether a transition may happen from a state; a reason must be non-blank where the rule needs one. */
export function checkTransition(
  from: RoundState,
  transition: RoundTransition,
  reason?: string | null,
): TransitionCheck {
  const rule = ROUND_TRANSITIONS[transition];
  if (!rule.from.includes(from)) return { ok: false, reason: "not_allowed" };
  if (rule.needsReason && !reason?.trim()) return { ok: false, reason: "reason_required" };
  return { ok: true, to: rule.to };
}

/** The transitions available from a state, in display order. */
export function transitionsFrom(state: RoundState): RoundTransition[] {
  return (Object.keys(ROUND_TRANSITIONS) as RoundTransition[]).filter((t) => ROUND_TRANSITIONS[t].from.includes(state));
}

/** Departments may write answers and evidence only while the round is open. */
export const isRoundEditable = (state: RoundState) => state === "open";

/** Submitted and later: the self-assessment is locked; reviewers work on it. */
export const isRoundLocked = (state: RoundState) =>
  state === "submitted" || state === "under_review" || state === "concluded";

/** Reviewers (auditors, cross reviewers) work on a round once it has been handed in. */
export const isRoundReviewable = (state: RoundState) => state === "submitted" || state === "under_review";
