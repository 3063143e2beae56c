// Scoring of one indicator from a department's answer. Pure and browser-safe: the form shows the score live with
// this code, and the server recomputes it with the same code (it never trusts a score sent by the browser).
// The rules a quantitative input must meet (whole number, range, "at most another input", a divisor that is not 0,
// a result within its range) are written once here, from the edition's data: the form schema (browser, server and
// Excel import) and the score both ask `quantitativeProblems`.
import { evaluateFormula, formulaInWords, parseFormula } from "#indicators/formula";
import { toTenths } from "#indicators/points";
import { type Indicator, INPUT_LIMIT, type Quantitative, type QuantitativeInput } from "#indicators/schema";
import type { Locale, MessageKey, Params } from "~/i18n";

export interface Answer {
  /** false = 미시행 (not implemented): the indicator scores 0. */
  implemented: boolean;
  yes?: boolean;
  level?: string;
  inputs?: Record<string, number>;
}

/** Why an answer cannot be scored: the form field to blame and a message key (see `problemParams` for its values). */
export interface ScoreProblem {
  /** "yes", "level", "inputs.<key>", "result" (the formula's result) or "formula" (the edition's formula). */
  field: string;
  key: MessageKey;
}

export type ScoreResult =
  | { ok: true; tenths: number; result?: number; band?: { min: number; fraction: number; label?: string } }
  | (ScoreProblem & { ok: false });

/** Largest absolute value accepted for a quantitative input (days, counts, percentages). */
export const MAX_INPUT = INPUT_LIMIT;

// ---------------------------------------------------------------------------------------------------------------
// The rules of quantitative inputs.

/** What an input accepts: its declared bounds, or 0 … 100 for a percentage and 0 … the input limit otherwise. */
export function inputBounds(input: QuantitativeInput): { min: number; max: number; integer: boolean } {
  return {
    min: input.min ?? 0,
    max: input.max ?? (input.unit === "%" ? 100 : INPUT_LIMIT),
    integer: input.integer === true,
  };
}

/** The problem of one input's value on its own, or null. */
export function inputProblem(input: QuantitativeInput, value: number): MessageKey | null {
  if (!Number.isFinite(value)) return "work.error.number";
  const { min, max, integer } = inputBounds(input);
  if (value < min) return min === 0 ? "work.error.negative" : "work.error.min";
  if (value > max)
    return max === INPUT_LIMIT
      ? "work.error.tooBig"
      : max === 100 && min === 0 && input.unit === "%"
        ? "work.error.percent"
        : "work.error.max";
  if (integer && !Number.isInteger(value)) return "work.error.integer";
  return null;
}

const parsedFormulas = new WeakMap<Quantitative, ReturnType<typeof parseFormula>>();
/** The formula's tree, parsed once per (immutable, cached) edition object. */
export function parsedFormula(s: Quantitative): ReturnType<typeof parseFormula> {
  let parsed = parsedFormulas.get(s);
  if (!parsed) {
    parsed = parseFormula(
      s.formula,
      s.inputs.map((i) => i.key),
    );
    parsedFormulas.set(s, parsed);
  }
  return parsed;
}

/**
 * Every problem of the values given so far (absent inputs are not judged; a draft may be incomplete), at most one per
 * field: each input against its own bounds, then against the input it may not exceed; once every input is there and
 * fine and `evaluate` is set, the formula — a divisor of 0 is blamed on the divisor's input, a result outside the
 * declared range on "result". With no problem and every input there, the result comes back too.
 */
export function quantitativeProblems(
  s: Quantitative,
  values: Readonly<Record<string, number | undefined>>,
  evaluate = true,
): { problems: ScoreProblem[]; result?: number } {
  const problems: ScoreProblem[] = [];
  const fine = new Map<string, number>();
  for (const input of s.inputs) {
    const v = values[input.key];
    if (v === undefined) continue;
    const key = inputProblem(input, v);
    if (key) problems.push({ field: `inputs.${input.key}`, key });
    else fine.set(input.key, v);
  }
  for (const input of s.inputs) {
    const v = fine.get(input.key);
    const limit = input.atMost === undefined ? undefined : fine.get(input.atMost);
    if (v !== undefined && limit !== undefined && v > limit)
      problems.push({ field: `inputs.${input.key}`, key: "work.error.atMost" });
  }
  if (!evaluate || problems.length || fine.size < s.inputs.length) return { problems };
  const parsed = parsedFormula(s);
  if (!parsed.ok) return { problems: [{ field: "formula", key: "work.error.formula" }] };
  const evaluated = evaluateFormula(parsed.ast, Object.fromEntries(fine));
  if (!evaluated.ok) {
    const divisor = evaluated.divisor?.[0];
    return {
      problems: [
        divisor === undefined
          ? { field: "formula", key: "work.error.formula" }
          : { field: `inputs.${divisor}`, key: "work.error.divisionByZero" },
      ],
    };
  }
  // Round the result to 1e-9 so 47.99999999 from floating point does not drop a band boundary of 48.
  const result = Math.round(evaluated.value * 1e9) / 1e9;
  const range = s.resultRange;
  if (range?.min !== undefined && result < range.min)
    return {
      problems: [{ field: "result", key: range.max === undefined ? "work.error.resultMin" : "work.error.resultRange" }],
      result,
    };
  if (range?.max !== undefined && result > range.max)
    return {
      problems: [{ field: "result", key: range.min === undefined ? "work.error.resultMax" : "work.error.resultRange" }],
      result,
    };
  return { problems, result };
}

// ---------------------------------------------------------------------------------------------------------------
// Words: labels, the values a message names, the formula as a person reads it.

/** An input's label in the reader's language (the Korean label when the edition gives no English one). */
export function inputLabel(input: Pick<QuantitativeInput, "label" | "labelEn">, locale: Locale = "ko"): string {
  return locale === "en" && input.labelEn ? input.labelEn : input.label;
}

export const formatNumber = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 10 });

/**
 * The values a problem's message names besides {field}, all taken from the rubric: {min} and {max} of the input or
 * of the result range, {unit}, and {other}, the input this one may not exceed (named with `label`).
 */
export function problemParams(indicator: Indicator, field: string, label: (field: string) => string): Params {
  const s = indicator.scoring;
  if (s.kind !== "quantitative") return {};
  if (field === "result") {
    return {
      ...(s.resultRange?.min !== undefined ? { min: formatNumber(s.resultRange.min) } : {}),
      ...(s.resultRange?.max !== undefined ? { max: formatNumber(s.resultRange.max) } : {}),
      unit: s.resultUnit ?? "",
    };
  }
  const input = field.startsWith("inputs.") ? s.inputs.find((i) => i.key === field.slice("inputs.".length)) : undefined;
  if (!input) return {};
  const { min, max } = inputBounds(input);
  return {
    min: formatNumber(min),
    max: formatNumber(max),
    unit: input.unit ?? "",
    ...(input.atMost !== undefined ? { other: label(`inputs.${input.atMost}`) } : {}),
  };
}

/** "기한 내 처리 건수 ÷ 전체 처리 건수 × 100": the formula with the inputs' labels; the raw text if it does not parse. */
export function formulaText(s: Quantitative, locale: Locale = "ko"): string {
  const parsed = parsedFormula(s);
  if (!parsed.ok) return s.formula;
  return formulaInWords(parsed.ast, (key) => {
    const input = s.inputs.find((i) => i.key === key);
    return input ? inputLabel(input, locale) : key;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The score.

function failure(problem: ScoreProblem): ScoreResult {
  return { ok: false, ...problem };
}

/** The band a result falls in: the highest whose minimum it reaches; none below the lowest band (0 points). */
export function bandOf(s: Quantitative, result: number): Quantitative["bands"][number] | undefined {
  return [...s.bands].sort((a, b) => b.min - a.min).find((b) => result >= b.min);
}

/** The lowest band's minimum when a result falls below every band (e.g. a speed index whose actual days exceed the
 * legal days: a negative rate), so the form can say why it scores 0; null when the result is in a band. */
export function belowEveryBand(s: Quantitative, result: number): number | null {
  const lowest = Math.min(...s.bands.map((b) => b.min));
  return result < lowest ? lowest : null;
}

export function scoreResponse(indicator: Indicator, answer: Answer): ScoreResult {
  const max = toTenths(indicator.maxPoints);
  if (!answer.implemented) return { ok: true, tenths: 0 };
  const s = indicator.scoring;
  switch (s.kind) {
    case "yesno":
      if (typeof answer.yes !== "boolean") return failure({ field: "yes", key: "work.error.required" });
      return { ok: true, tenths: answer.yes ? max : 0 };
    case "levels": {
      const level = s.levels.find((l) => l.code === answer.level);
      if (!level)
        return failure({
          field: "level",
          key: answer.level ? "work.error.levelUnknown" : "work.error.required",
        });
      return { ok: true, tenths: Math.round(level.fraction * max) };
    }
    case "quantitative": {
      const inputs = answer.inputs ?? {};
      for (const key of Object.keys(inputs)) {
        if (!s.inputs.some((i) => i.key === key))
          return failure({ field: `inputs.${key}`, key: "work.error.unknownField" });
      }
      for (const input of s.inputs) {
        const v = inputs[input.key];
        if (typeof v !== "number" || Number.isNaN(v))
          return failure({ field: `inputs.${input.key}`, key: "work.error.required" });
      }
      const { problems, result } = quantitativeProblems(s, inputs);
      if (problems.length) return failure(problems[0]);
      if (result === undefined) return failure({ field: "formula", key: "work.error.formula" });
      const band = bandOf(s, result);
      return { ok: true, tenths: band ? Math.round(band.fraction * max) : 0, result, band };
    }
  }
}
