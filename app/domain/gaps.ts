// Where the round loses points, and the shortest way back to the application line. Pure: the gaps page, the
// report and the tests all read the same lists.
import type { ResponseStatus } from "#db/schema";

export type GapKind =
  | "not_implemented" // 미시행: the institution does not do it (BSC, 민원조정위원회, …)
  | "unassessed" // 미평가: nobody has scored it yet; it counts 0 until they do
  | "partial"; // implemented, scored below the maximum

export const GAP_KINDS: readonly GapKind[] = ["not_implemented", "unassessed", "partial"];

export interface GapInput {
  code: string;
  title: string;
  area: string;
  item: string;
  maxTenths: number;
  tags: readonly string[];
  /** The lead department that must act, or null while unassigned. */
  department: { id: number; name: string } | null;
  response: { implemented: number | null; selfTenths: number | null; status: ResponseStatus } | null;
}

export interface Gap {
  code: string;
  title: string;
  area: string;
  item: string;
  kind: GapKind;
  maxTenths: number;
  /** The self score counted today (0 while unassessed). */
  selfTenths: number;
  /** What the round would gain if this indicator reached full points. */
  atStakeTenths: number;
  tags: readonly string[];
  department: { id: number; name: string } | null;
}

/** Every indicator below full points, in rubric order. */
export function findGaps(indicators: readonly GapInput[]): Gap[] {
  const gaps: Gap[] = [];
  for (const i of indicators) {
    const self = i.response?.selfTenths ?? null;
    const counted = self === null ? 0 : Math.min(Math.max(self, 0), i.maxTenths);
    if (counted >= i.maxTenths) continue;
    const kind: GapKind = self === null ? "unassessed" : i.response?.implemented === 0 ? "not_implemented" : "partial";
    gaps.push({
      code: i.code,
      title: i.title,
      area: i.area,
      item: i.item,
      kind,
      maxTenths: i.maxTenths,
      selfTenths: counted,
      atStakeTenths: i.maxTenths - counted,
      tags: i.tags,
      department: i.department,
    });
  }
  return gaps;
}

export interface GapSummary {
  kind: GapKind;
  count: number;
  atStakeTenths: number;
}

/** Count and points at stake per kind, in the order of GAP_KINDS (kinds without gaps included, with zeros). */
export function summarizeGaps(gaps: readonly Gap[]): GapSummary[] {
  return GAP_KINDS.map((kind) => {
    const ofKind = gaps.filter((g) => g.kind === kind);
    return { kind, count: ofKind.length, atStakeTenths: ofKind.reduce((s, g) => s + g.atStakeTenths, 0) };
  });
}

export interface ThresholdPlan {
  /** The total counted today. */
  currentTenths: number;
  targetTenths: number;
  /** Points still missing to reach the target (0 when already there). */
  neededTenths: number;
  /** The fewest gaps that close the distance, largest first; empty when already at or above the target. */
  steps: (Gap & { runningTenths: number })[];
  /** The total once every step is done. */
  reachedTenths: number;
  /** False when even every open gap together cannot reach the target. */
  reachable: boolean;
}

/**
 * The smallest set of open gaps whose points lift the total to the target (800 이상, so reaching exactly 800 is
 * enough). Taking the largest gaps first is optimal for the number of gaps: no k gaps recover more than the k
 * largest. Ties go to the one that is quickest to act on — an unassessed indicator only needs scoring — then to
 * rubric order. `excluded` are gaps the institution has decided not to pursue (a dropped action item).
 */
export function planToThreshold(
  gaps: readonly Gap[],
  currentTenths: number,
  targetTenths: number,
  excluded: ReadonlySet<string> = new Set(),
): ThresholdPlan {
  const neededTenths = Math.max(0, targetTenths - currentTenths);
  const order = new Map(gaps.map((g, index) => [g.code, index]));
  const kindRank: Record<GapKind, number> = { unassessed: 0, partial: 1, not_implemented: 2 };
  const candidates = gaps
    .filter((g) => !excluded.has(g.code) && g.atStakeTenths > 0)
    .sort(
      (a, b) =>
        b.atStakeTenths - a.atStakeTenths ||
        kindRank[a.kind] - kindRank[b.kind] ||
        order.get(a.code)! - order.get(b.code)!,
    );
  const steps: ThresholdPlan["steps"] = [];
  let running = currentTenths;
  for (const gap of candidates) {
    if (running >= targetTenths) break;
    running += gap.atStakeTenths;
    steps.push({ ...gap, runningTenths: running });
  }
  return {
    currentTenths,
    targetTenths,
    neededTenths,
    steps,
    reachedTenths: running,
    reachable: running >= targetTenths,
  };
}

/** The departments that must act on a plan, with their steps' points, most points first. */
export function planByDepartment(plan: ThresholdPlan) {
  const byDept = new Map<string, { department: string | null; steps: number; atStakeTenths: number }>();
  for (const step of plan.steps) {
    const key = step.department?.name ?? "";
    const entry = byDept.get(key) ?? { department: step.department?.name ?? null, steps: 0, atStakeTenths: 0 };
    entry.steps += 1;
    entry.atStakeTenths += step.atStakeTenths;
    byDept.set(key, entry);
  }
  return [...byDept.values()].sort((a, b) => b.atStakeTenths - a.atStakeTenths);
}
