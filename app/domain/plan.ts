// The plan to the application line, weighed by effort: which open gaps reach the line for the least work, and what a
// chosen set of target scores would make of the total (what-if). Pure: the gaps page, the report and the tests read
// the same answers. Effort is a plain number per gap kind (scoring an unassessed indicator is quick, raising a partial
// score takes some work, setting up something the institution does not do at all takes most) that the coordinator
// may override per indicator; the numbers are relative weights, not days, and come from no source but the
// coordinator's judgement (the defaults below are this project's guess, said so on the page).
import type { Gap, GapKind } from "./gaps";

export interface EffortModel {
  byKind: Record<GapKind, number>;
  /** Per-indicator overrides, by code. */
  byIndicator: Readonly<Record<string, number>>;
}

/** unassessed < partial < not implemented. A guess to start from, adjusted per round by the coordinator. */
export const DEFAULT_EFFORT: EffortModel = {
  byKind: { unassessed: 1, partial: 3, not_implemented: 8 },
  byIndicator: {},
};
export const EFFORT_MIN = 1;
export const EFFORT_MAX = 100;

export function effortOf(gap: Pick<Gap, "code" | "kind">, model: EffortModel): number {
  return model.byIndicator[gap.code] ?? model.byKind[gap.kind];
}

export type PlanStep = Gap & { effort: number; runningTenths: number };

export interface ThresholdPlan {
  /** The total counted today. */
  currentTenths: number;
  targetTenths: number;
  /** Points still missing to reach the target (0 when already there). */
  neededTenths: number;
  /** The gaps that close the distance for the least effort, easiest first; empty when already at the target. */
  steps: PlanStep[];
  /** The sum of the steps' effort. */
  effort: number;
  /** The total once every step is done. */
  reachedTenths: number;
  /** False when even every open gap together cannot reach the target. */
  reachable: boolean;
}

const KIND_RANK: Record<GapKind, number> = { unassessed: 0, partial: 1, not_implemented: 2 };

/**
 * The set of open gaps that lifts the total to the target (800 이상: reaching exactly 800.0 is enough) with the
 * least total effort; among sets of equal effort, the one with fewer steps, then the one found first in the order
 * easiest kind → rubric order. This is a minimum-cost covering knapsack, solved exactly by dynamic programming over
 * the points still needed (at most a few thousand tenths × about a hundred gaps). `excluded` are gaps the
 * institution has decided not to pursue (a dropped action item). When the line is out of reach, every remaining gap
 * is listed and `reachable` is false.
 */
export function planToThreshold(
  gaps: readonly Gap[],
  currentTenths: number,
  targetTenths: number,
  model: EffortModel = DEFAULT_EFFORT,
  excluded: ReadonlySet<string> = new Set(),
): ThresholdPlan {
  const neededTenths = Math.max(0, targetTenths - currentTenths);
  const order = new Map(gaps.map((g, index) => [g.code, index]));
  const candidates = gaps
    .filter((g) => !excluded.has(g.code) && g.atStakeTenths > 0)
    .sort((a, b) => KIND_RANK[a.kind] - KIND_RANK[b.kind] || order.get(a.code)! - order.get(b.code)!);
  const chosen = neededTenths === 0 ? [] : (cheapestCover(candidates, neededTenths, model) ?? candidates);
  const sorted = [...chosen].sort(
    (a, b) =>
      effortOf(a, model) - effortOf(b, model) ||
      b.atStakeTenths - a.atStakeTenths ||
      order.get(a.code)! - order.get(b.code)!,
  );
  const steps: PlanStep[] = [];
  let running = currentTenths;
  for (const gap of sorted) {
    running += gap.atStakeTenths;
    steps.push({ ...gap, effort: effortOf(gap, model), runningTenths: running });
  }
  return {
    currentTenths,
    targetTenths,
    neededTenths,
    steps,
    effort: steps.reduce((s, g) => s + g.effort, 0),
    reachedTenths: running,
    reachable: running >= targetTenths,
  };
}

/** The least-effort subset whose points sum to at least `need`, or null when no subset does. */
function cheapestCover(items: readonly Gap[], need: number, model: EffortModel): Gap[] | null {
  const width = need + 1;
  // cost[t], steps[t]: the best (effort, then step count) found so far to gain at least t tenths.
  const cost = new Float64Array(width).fill(Infinity);
  const count = new Float64Array(width).fill(Infinity);
  cost[0] = 0;
  count[0] = 0;
  const took = new Uint8Array(items.length * width);
  items.forEach((item, i) => {
    const e = effortOf(item, model);
    for (let t = need; t >= 1; t--) {
      const from = Math.max(0, t - item.atStakeTenths);
      const c = cost[from]! + e;
      const n = count[from]! + 1;
      if (c < cost[t]! || (c === cost[t]! && n < count[t]!)) {
        cost[t] = c;
        count[t] = n;
        took[i * width + t] = 1;
      }
    }
  });
  if (cost[need] === Infinity) return null;
  const picked: Gap[] = [];
  let t = need;
  for (let i = items.length - 1; i >= 0 && t > 0; i--) {
    if (took[i * width + t]) {
      picked.push(items[i]!);
      t = Math.max(0, t - items[i]!.atStakeTenths);
    }
  }
  return picked.reverse();
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

export interface WhatIfRow {
  code: string;
  fromTenths: number;
  toTenths: number;
  gainTenths: number;
  effort: number;
}

export interface WhatIf {
  rows: WhatIfRow[];
  projectedTenths: number;
  gainTenths: number;
  effort: number;
  /** Whether the projected total reaches the target. */
  reaches: boolean;
}

/**
 * What the total would be if the chosen indicators reached the chosen scores. A target at or below today's score
 * changes nothing (a what-if never lowers a score); a target above the maximum counts as the maximum. Targets for
 * codes that are not open gaps are ignored.
 */
export function projectTargets(
  gaps: readonly Gap[],
  currentTenths: number,
  targetTenths: number,
  targets: ReadonlyMap<string, number>,
  model: EffortModel = DEFAULT_EFFORT,
): WhatIf {
  const rows: WhatIfRow[] = [];
  for (const gap of gaps) {
    const wanted = targets.get(gap.code);
    if (wanted === undefined) continue;
    const to = Math.min(Math.max(wanted, 0), gap.maxTenths);
    if (to <= gap.selfTenths) continue;
    rows.push({
      code: gap.code,
      fromTenths: gap.selfTenths,
      toTenths: to,
      gainTenths: to - gap.selfTenths,
      effort: effortOf(gap, model),
    });
  }
  const gainTenths = rows.reduce((s, r) => s + r.gainTenths, 0);
  const projectedTenths = currentTenths + gainTenths;
  return {
    rows,
    projectedTenths,
    gainTenths,
    effort: rows.reduce((s, r) => s + r.effort, 0),
    reaches: projectedTenths >= targetTenths,
  };
}
