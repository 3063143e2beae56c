// Realistic answers for the demo round, derived from each indicator's scoring rule (never a hand-typed score).
// Most answers reach the top level; about one in four sits one step lower, as a real district's would.
import { toTenths } from "#indicators/points";
import type { Indicator } from "#indicators/schema";
import { type Answer, scoreResponse } from "~/domain/scoring";

export type { Answer };

/**
 * A district's plausible 2014 figures for the quantitative indicators of 2014-sigungu-v2, by indicator code (demo data,
 * not 서대문구's real figures). An indicator not listed here gets inputs found by searching for a good score.
 */
export const QUANTITATIVE_EXAMPLES: Readonly<Record<string, Record<string, number>>> = {
  "1.2.08": { hours: 1176, staff: 42 }, // 28 hours per person
  "1.2.22": { hours: 704, staff: 64 }, // 11 hours per person
  "2.2.01": { legalDays: 182450, actualDays: 71150 }, // 단축률 61.0 %
  "2.2.04": { notified: 212, refusals: 214 }, // 99.1 %
  "3.1.01": { current: 61.0, average: 58.4 }, // +2.6 %p
  "3.1.02": { rate: 31.8, nationalRate: 27.5 },
  "3.1.03": { cases: 12 },
  "3.1.04": { adopted: 2 },
  "3.1.06": { awards: 1 },
  "3.1.07": { onTime: 98731, total: 99012 },
  "3.1.08": { issued: 214380, machines: 19 },
  "3.1.09": { previous: 118, current: 97 }, // 17.8 % fewer repeated complaints
  "3.1.10": { cases: 36 },
  "3.1.11": { cut: 6 },
  "3.1.12": { cases: 2 },
  "3.1.13": { cases: 0 }, // no mediation committee yet: a known gap of 2014
  "3.1.14": { opened: 41260, produced: 68900 }, // 59.9 %
  "3.1.15": { resolved: 44, handled: 71 }, // 62.0 %
  "3.2.01": { score: 86.4, nationalScore: 84.1 },
  "3.2.02": { current: 86.4, previous: 85.2 },
};

const CANDIDATES = [
  0, 1, 2, 3, 5, 8, 10, 12, 15, 20, 25, 30, 40, 50, 60, 70, 75, 80, 85, 90, 95, 100, 120, 150, 200, 500, 1000,
];

function tenthsOf(indicator: Indicator, answer: Answer): number | null {
  const result = scoreResponse(indicator, answer);
  return result.ok ? result.tenths : null;
}

/** The listed example when it scores, else input values whose score is closest to `target` (a fraction of the maximum). */
function quantitativeInputs(indicator: Indicator, keys: string[], target: number): Record<string, number> {
  const example = QUANTITATIVE_EXAMPLES[indicator.code];
  if (example && tenthsOf(indicator, { implemented: true, inputs: example }) !== null) return { ...example };
  const goal = target * toTenths(indicator.maxPoints);
  const candidates = keys.length > 3 ? CANDIDATES.filter((_, n) => n % 3 === 0) : CANDIDATES;
  let best: { inputs: Record<string, number>; distance: number } | null = null;
  const visit = (inputs: Record<string, number>, rest: string[]) => {
    if (rest.length) {
      for (const value of candidates) visit({ ...inputs, [rest[0]]: value }, rest.slice(1));
      return;
    }
    const tenths = tenthsOf(indicator, { implemented: true, inputs });
    if (tenths !== null && (!best || Math.abs(tenths - goal) < best.distance))
      best = { inputs, distance: Math.abs(tenths - goal) };
  };
  visit({}, keys);
  const found = best as { inputs: Record<string, number> } | null;
  if (!found) throw new Error(`no seed inputs score for ${indicator.code}`);
  return found.inputs;
}

/** The n-th answered indicator's answer. */
export function answerFor(indicator: Indicator, n: number): Answer {
  const lower = n % 4 === 1;
  const scoring = indicator.scoring;
  switch (scoring.kind) {
    case "yesno":
      return { implemented: true, yes: true };
    case "levels": {
      const levels = [...scoring.levels].sort((a, b) => b.fraction - a.fraction);
      const level = levels[lower && levels.length > 1 ? 1 : 0];
      return { implemented: true, level: level.code };
    }
    case "quantitative": {
      const keys = scoring.inputs.map((i) => i.key);
      return { implemented: true, inputs: quantitativeInputs(indicator, keys, lower ? 0.8 : 1) };
    }
  }
}
