// Where the round loses points, by kind, with the points at stake. Pure: the gaps page, the report, the planner
// (./plan.ts) and the tests all read the same lists.
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
