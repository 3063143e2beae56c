// The evidence library's rules (docs/decisions/036): which indicators of a round a department's file may be linked to
// now, and which links of last round to offer again. Pure and browser-safe; the server asks, the pages show.
import type { ResponseStatus, RoundState } from "#db/schema";

export interface LinkTarget {
  code: string;
  /** The response's status in this round ("not_started" when nobody has answered yet). */
  status: ResponseStatus;
}

export type LinkPlan =
  | { ok: true; codes: string[] }
  | { ok: false; reason: "round-locked" }
  | { ok: false; reason: "none" }
  | { ok: false; reason: "not-assigned"; codes: string[] }
  | { ok: false; reason: "response-locked"; codes: string[] };

/** A response handed in or approved takes no new evidence and loses none until it is returned. */
export const EVIDENCE_LOCKED_STATUSES: readonly ResponseStatus[] = ["submitted", "approved"];

/**
 * Whether `requested` codes may be linked (or unlinked) now: the round open, every code one of the department's
 * indicators in the round (`targets`), none of them handed in. All or nothing: one refused code refuses the request.
 * Codes already linked are dropped from the plan (linking twice changes nothing).
 */
export function planLinks(input: {
  roundState: RoundState;
  requested: readonly string[];
  targets: readonly LinkTarget[];
  alreadyLinked?: ReadonlySet<string>;
}): LinkPlan {
  if (input.roundState !== "open") return { ok: false, reason: "round-locked" };
  const requested = [...new Set(input.requested)];
  if (requested.length === 0) return { ok: false, reason: "none" };
  const byCode = new Map(input.targets.map((t) => [t.code, t]));
  const foreign = requested.filter((c) => !byCode.has(c));
  if (foreign.length) return { ok: false, reason: "not-assigned", codes: foreign };
  const locked = requested.filter((c) => EVIDENCE_LOCKED_STATUSES.includes(byCode.get(c)!.status));
  if (locked.length) return { ok: false, reason: "response-locked", codes: locked };
  const already = input.alreadyLinked ?? new Set<string>();
  return { ok: true, codes: requested.filter((c) => !already.has(c)) };
}

/**
 * Last round's links worth offering again: codes the file was linked to in the previous round that are still the
 * department's indicators now and are not linked yet. Order follows `targets` (the rubric's order).
 */
export function linksToOffer(input: {
  previous: ReadonlySet<string>;
  current: ReadonlySet<string>;
  targets: readonly LinkTarget[];
}): string[] {
  return input.targets.map((t) => t.code).filter((code) => input.previous.has(code) && !input.current.has(code));
}
