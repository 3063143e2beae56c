// The scoring rules in the reader's words: an input's hints ("정수 · 전체 처리 건수 이하") and why an answer cannot be
// scored, as a sentence naming the field and the rubric's values. The rules themselves live in app/domain/scoring.ts.
import type { Indicator, Quantitative, QuantitativeInput } from "#indicators/schema";
import { INPUT_LIMIT } from "#indicators/schema";
import { formatNumber, inputBounds, inputLabel, problemParams, type ScoreProblem } from "~/domain/scoring";
import { type Locale, type MessageKey, type Params, translate } from "~/i18n";

/** The rules an input carries, in words for a hint beside it: "정수 · 전체 처리 건수 이하". */
export function inputHints(s: Quantitative, input: QuantitativeInput, locale: Locale = "ko"): string[] {
  const t = (key: MessageKey, params?: Params) => translate(locale, key, params);
  const hints: string[] = [];
  const { min, max, integer } = inputBounds(input);
  if (integer) hints.push(t("work.hint.integer"));
  if (min !== 0 || max !== INPUT_LIMIT) {
    hints.push(
      max === INPUT_LIMIT
        ? t("work.hint.min", { min: formatNumber(min) })
        : t("work.hint.range", { min: formatNumber(min), max: formatNumber(max) }),
    );
  }
  const other = input.atMost === undefined ? undefined : s.inputs.find((i) => i.key === input.atMost);
  if (other) hints.push(t("work.hint.atMost", { other: inputLabel(other, locale) }));
  return hints;
}

/** A scoring problem as one sentence in the reader's language: "기한 내 처리 건수: 정수로 입력하세요." */
export function scoreProblemText(indicator: Indicator, problem: ScoreProblem, locale: Locale = "ko"): string {
  const s = indicator.scoring;
  const label = (field: string) => {
    const input =
      s.kind === "quantitative" && field.startsWith("inputs.")
        ? s.inputs.find((i) => i.key === field.slice("inputs.".length))
        : undefined;
    if (input) return inputLabel(input, locale);
    const names: Record<string, MessageKey> = {
      yes: "work.yesno",
      level: "work.level",
      result: "work.result",
      formula: "work.formula",
    };
    return names[field] ? translate(locale, names[field]) : field.replace(/^inputs\./, "");
  };
  return translate(locale, problem.key, {
    ...problemParams(indicator, problem.field, label),
    field: label(problem.field),
  });
}
