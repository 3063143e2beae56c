// The scores an indicator can give when its method has discrete outcomes: a levels indicator gives each level's
// points (8.0 / 5.6 / 3.2 for levels at 100 / 70 / 40 %), a yes/no one its maximum, and either gives 0 when not
// implemented. An adjusted (reviewed) score is kept to these unless the auditor gives an explicit reason for an
// off-level score. Quantitative indicators are continuous: null (any score up to the maximum). Pure.
import type { Indicator } from "#indicators/schema";
import { scoreResponse } from "./scoring";

/** The possible scores in tenths, highest first; null when the method has no discrete levels. */
export function allowedReviewedTenths(indicator: Indicator): number[] | null {
  const s = indicator.scoring;
  if (s.kind === "quantitative") return null;
  const answers =
    s.kind === "levels"
      ? s.levels.map((l) => ({ implemented: true, level: l.code }))
      : [
          { implemented: true, yes: true },
          { implemented: true, yes: false },
        ];
  const tenths = [...answers, { implemented: false }].flatMap((a) => {
    const r = scoreResponse(indicator, a);
    return r.ok ? [r.tenths] : [];
  });
  return [...new Set(tenths)].sort((a, b) => b - a);
}

/** Whether an adjusted score needs an off-level reason: the method is discrete and the score is not one of its values. */
export function isOffLevel(indicator: Indicator, tenths: number): boolean {
  const allowed = allowedReviewedTenths(indicator);
  return allowed !== null && !allowed.includes(tenths);
}
