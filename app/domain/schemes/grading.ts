// Relative grading (민원서비스 종합평가): institutions of one type are ranked by score and the grades are handed out
// by share of the group (가 10 % · 나 20 % · 다 40 % · 라 20 % · 마 10 % from 2020). How ties and small groups are
// treated is not published: the rule below is ours, written down in docs/decisions/030-relative-grading.md. Pure.
import type { GradeBand } from "./types";

/**
 * How many places each grade takes in a group of `n`: the cumulative share of the group, rounded half up, so that
 * the places add up to exactly `n` (10 % of 306 → 31 places for 가, 30 % → 92 cumulative for 가+나, …).
 * In a group too small for every grade, a grade whose cumulative count does not grow takes no place.
 */
export function gradeQuotas(bands: readonly GradeBand[], n: number): number[] {
  let cumulativePercent = 0;
  let previous = 0;
  return bands.map((band, index) => {
    cumulativePercent += band.sharePercent;
    // Integer arithmetic (n × percent is exact); the last grade always closes the group.
    const cumulative = index === bands.length - 1 ? n : Math.floor((n * cumulativePercent * 2 + 100) / 200);
    const quota = Math.max(0, cumulative - previous);
    previous = Math.max(previous, cumulative);
    return quota;
  });
}

export interface GradedPeer<T> {
  peer: T;
  /** 1 + the number of peers with a strictly higher score (equal scores share a rank). */
  rank: number;
  grade: string;
}

/**
 * Grades a group. A peer of rank r takes the first grade whose cumulative places reach r: equal scores share the
 * rank of the best of them, so a tie across a cut-off gives every tied peer the better grade (that grade then holds
 * more than its share). Scores are numbers in any unit (hundredths of a point in the app).
 */
export function gradeGroup<T>(peers: readonly T[], score: (peer: T) => number, bands: readonly GradeBand[]) {
  if (bands.length === 0) throw new RangeError("a grading rule needs at least one grade");
  const sorted = [...peers].sort((a, b) => score(b) - score(a));
  const quotas = gradeQuotas(bands, sorted.length);
  const cumulative: number[] = [];
  quotas.reduce((sum, q, i) => (cumulative[i] = sum + q), 0);
  let rank = 0;
  return sorted.map((peer, index): GradedPeer<T> => {
    if (index === 0 || score(sorted[index - 1]) !== score(peer)) rank = index + 1;
    const at = cumulative.findIndex((c) => rank <= c);
    return { peer, rank, grade: bands[at === -1 ? bands.length - 1 : at].key };
  });
}

/** The score at or above which each grade is reached in this group (the lowest score given that grade), or null. */
export function gradeCutoffs<T>(
  peers: readonly T[],
  score: (peer: T) => number,
  bands: readonly GradeBand[],
): { grade: string; lowest: number | null; count: number }[] {
  const graded = gradeGroup(peers, score, bands);
  return bands.map((band) => {
    const mine = graded.filter((g) => g.grade === band.key);
    return { grade: band.key, count: mine.length, lowest: mine.length ? score(mine.at(-1)!.peer) : null };
  });
}

/**
 * The grade one institution would get with `own` among `others` (its peers of the same type, itself excluded),
 * and its rank in the group of others + 1.
 */
export function estimateGrade(own: number, others: readonly number[], bands: readonly GradeBand[]) {
  const group = [...others.map((s) => ({ s, own: false })), { s: own, own: true }];
  const graded = gradeGroup(group, (p) => p.s, bands);
  const mine = graded.find((g) => g.peer.own)!;
  return { grade: mine.grade, rank: mine.rank, groupSize: group.length };
}
