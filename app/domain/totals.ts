// The one place where scores are added up. Everything in tenths of a point (integers): no drift.

export interface RubricShape {
  totalTenths: number;
  areas: { code: string; title: string; maxTenths: number }[];
  items: { code: string; area: string; title: string; maxTenths: number }[];
  indicators: { code: string; area: string; item: string; maxTenths: number }[];
}

export interface ScoredResponse {
  indicatorCode: string;
  /** The department's self-assessed score; null while not yet assessed. */
  selfTenths: number | null;
  /** The reviewer's score once reviewed (an approval copies the self score). */
  reviewedTenths: number | null;
}

export interface Subtotal {
  code: string;
  title: string;
  maxTenths: number;
  selfTenths: number;
  reviewedTenths: number;
  assessed: number;
  reviewed: number;
  indicators: number;
}

export interface RoundTotals {
  maxTenths: number;
  selfTenths: number;
  reviewedTenths: number;
  assessed: number;
  reviewed: number;
  indicators: number;
  areas: Subtotal[];
  items: (Subtotal & { area: string })[];
}

function emptySubtotal(code: string, title: string, maxTenths: number): Subtotal {
  return { code, title, maxTenths, selfTenths: 0, reviewedTenths: 0, assessed: 0, reviewed: 0, indicators: 0 };
}

/**
 * Totals of a round on the 1,000 scale, overall, per area and per item. An unassessed indicator counts 0.
 * The reviewed total takes the reviewed score where there is one and the self score elsewhere, so it reads as
 * "the score as it stands after review so far".
 */
export function computeTotals(rubric: RubricShape, responses: ScoredResponse[]): RoundTotals {
  const byCode = new Map(responses.map((r) => [r.indicatorCode, r]));
  const areas = new Map(rubric.areas.map((a) => [a.code, emptySubtotal(a.code, a.title, a.maxTenths)]));
  const items = new Map(
    rubric.items.map((i) => [i.code, { ...emptySubtotal(i.code, i.title, i.maxTenths), area: i.area }]),
  );
  const total = emptySubtotal("total", "", rubric.totalTenths);
  for (const indicator of rubric.indicators) {
    const r = byCode.get(indicator.code);
    const self = clamp(r?.selfTenths ?? null, indicator.maxTenths);
    const reviewed = clamp(r?.reviewedTenths ?? null, indicator.maxTenths);
    for (const bucket of [areas.get(indicator.area), items.get(indicator.item), total]) {
      if (!bucket) continue;
      bucket.selfTenths += self ?? 0;
      bucket.reviewedTenths += reviewed ?? self ?? 0;
      if (self !== null) bucket.assessed += 1;
      if (reviewed !== null) bucket.reviewed += 1;
      bucket.indicators += 1;
    }
  }
  return {
    maxTenths: rubric.totalTenths,
    selfTenths: total.selfTenths,
    reviewedTenths: total.reviewedTenths,
    assessed: total.assessed,
    reviewed: total.reviewed,
    indicators: total.indicators,
    areas: [...areas.values()],
    items: [...items.values()],
  };
}

/** A stored score can never count for more than its indicator's maximum, nor less than zero. */
function clamp(value: number | null, max: number): number | null {
  if (value === null) return null;
  return Math.min(Math.max(value, 0), max);
}

export type ThresholdStanding = "eligible" | "between" | "consulting";

/** 800 이상 may apply; 600 이하 is offered consulting. Both lines are inclusive, compared in tenths. */
export function thresholdStanding(
  totalTenths: number,
  thresholds: { applicationTenths: number; consultingTenths: number | null },
): ThresholdStanding {
  if (totalTenths >= thresholds.applicationTenths) return "eligible";
  if (thresholds.consultingTenths !== null && totalTenths <= thresholds.consultingTenths) return "consulting";
  return "between";
}
