// Which of an institution's rounds a home page shows first (ADR 038). Pure.

interface RoundFacts {
  state: string;
  /** ISO UTC, or null when the round has none. */
  deadline_at: string | null;
  year: number;
}

/**
 * The default round over an institution's rounds: the open one; when several are open (the 2014 인증 and the 2024
 * 종합평가), the one whose deadline comes first (the most pressing; a round without a deadline last, then the newer
 * year); when none is open, the first given (callers pass the newest year first).
 */
export function defaultRound<R extends RoundFacts>(rounds: R[]): R | null {
  const open = rounds.filter((r) => r.state === "open");
  if (open.length > 1) {
    const due = (r: R) => (r.deadline_at === null ? Infinity : Date.parse(r.deadline_at));
    return [...open].sort((a, b) => due(a) - due(b) || b.year - a.year)[0];
  }
  return open[0] ?? rounds[0] ?? null;
}
