import type { Indicator } from "#indicators/schema";
import { type Draft } from "~/domain/response-rules";
import { inputLabel, problemParams } from "~/domain/scoring";
import type { Locale, MessageKey, Params } from "~/i18n";
import { formatTenths } from "../points";

type T = (key: MessageKey, params?: Params) => string;

/** The name a person reads for a form field, used in every error message about it. */
export function fieldLabel(t: T, indicator: Indicator, field: string, locale: Locale = "ko"): string {
  if (field.startsWith("inputs.")) {
    const key = field.slice("inputs.".length);
    const input =
      indicator.scoring.kind === "quantitative" ? indicator.scoring.inputs.find((i) => i.key === key) : undefined;
    return input ? inputLabel(input, locale) : key;
  }
  const keys: Record<string, MessageKey> = {
    implemented: "work.implemented",
    yes: "work.yesno",
    level: "work.level",
    narrative: "work.narrative",
    version: "work.field.version",
    result: "work.result",
    formula: "work.formula",
    title: "work.evidence.title",
    url: "work.evidence.url",
    note: "work.evidence.note",
    file: "work.evidence.file",
  };
  return keys[field] ? t(keys[field]) : field;
}

/**
 * An error message for a field: "<label>: <why>". The values a rule names (the other input, a bound) come from the
 * rubric, so a message reads the same whether the browser or the server found the problem.
 */
export function fieldMessage(
  t: T,
  indicator: Indicator,
  field: string,
  key: string,
  params: Record<string, string> = {},
  locale: Locale = "ko",
): string {
  const label = (f: string) => fieldLabel(t, indicator, f, locale);
  return t(key as MessageKey, { ...problemParams(indicator, field, label), ...params, field: label(field) });
}

/** One line per answer part, for comparing two versions side by side. */
export function describeDraft(
  t: T,
  indicator: Indicator,
  draft: Draft,
  locale: Locale = "ko",
): { field: string; label: string; value: string }[] {
  const none = t("work.conflict.empty");
  const s = indicator.scoring;
  const rows = [
    {
      field: "implemented",
      label: t("work.implemented"),
      value: draft.implemented === null ? none : t(draft.implemented ? "work.implemented.yes" : "work.implemented.no"),
    },
  ];
  if (s.kind === "yesno") {
    rows.push({
      field: "yes",
      label: t("work.yesno"),
      value: draft.answer.yes === undefined ? none : t(draft.answer.yes ? "common.yes" : "common.no"),
    });
  }
  if (s.kind === "levels") {
    const level = s.levels.find((l) => l.code === draft.answer.level);
    rows.push({ field: "level", label: t("work.level"), value: level ? `${level.code}. ${level.label}` : none });
  }
  if (s.kind === "quantitative") {
    for (const i of s.inputs) {
      const v = draft.answer.inputs?.[i.key];
      rows.push({
        field: `inputs.${i.key}`,
        label: inputLabel(i, locale),
        value: v === undefined ? none : `${v.toLocaleString("ko-KR")}${i.unit ? ` ${i.unit}` : ""}`,
      });
    }
  }
  rows.push({ field: "narrative", label: t("work.narrative"), value: draft.narrative || none });
  return rows;
}

export function pointsText(t: T, tenths: number | null): string {
  return tenths === null ? "–" : t("common.points", { points: formatTenths(tenths) });
}
