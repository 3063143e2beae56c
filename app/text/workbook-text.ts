// The round workbook's words: how to fill one indicator's answer columns, and the name an import error gives a form
// field. The layout and the reading of rows are app/domain/round-workbook.ts (Korean only: the workbook is the
// institution's working document, exported and filled in Korean).
import type { Indicator } from "#indicators/schema";
import { type ColumnKey, columnOfField, YES_TEXT } from "~/domain/round-workbook";
import { formulaText } from "~/domain/scoring";
import { translate } from "~/i18n";
import { inputHints } from "./scoring-text";

/**
 * How to fill the answer columns of one indicator, in the words of its scoring method; for a formula, each input
 * column with its unit and rules, and the formula with the inputs' names.
 */
export function fillGuide(indicator: Indicator): string {
  const s = indicator.scoring;
  if (s.kind === "yesno") return `답: ${YES_TEXT.yes} 또는 ${YES_TEXT.no}`;
  if (s.kind === "levels")
    return `답: 등급 코드 — ${s.levels.map((l) => `${l.code} ${l.label} (${Math.round(l.fraction * 100)}%)`).join(" / ")}`;
  const inputs = s.inputs.map((input, n) => {
    const notes = [input.unit, ...inputHints(s, input, "ko")].filter(Boolean);
    return `입력값 ${n + 1}: ${input.label}${notes.length ? ` (${notes.join(", ")})` : ""}`;
  });
  return `${inputs.join(" / ")} — ${translate("ko", "work.formula")}: ${formulaText(s, "ko")}`;
}

/**
 * The name an import error gives a form field: an input by its label, as the web form names it (its column letter
 * and header are shown beside the message), the formula's result as 산출값, anything else by its column's header.
 */
export function fieldName(indicator: Indicator, field: string, header: (column: ColumnKey) => string): string {
  const s = indicator.scoring;
  const input =
    s.kind === "quantitative" && field.startsWith("inputs.")
      ? s.inputs.find((i) => i.key === field.slice("inputs.".length))
      : undefined;
  if (input) return input.label;
  if (field === "result") return translate("ko", "work.result");
  if (field === "formula") return translate("ko", "work.formula");
  const column = columnOfField(indicator, field);
  return column ? header(column) : field;
}
