// The layout of a department's sheet in the round workbook and the reading of one filled-in row into the same form
// fields the indicator page posts. Pure: the export writes these columns, the import reads them back, and the
// response schema (response-rules.ts) judges the values exactly as it judges the web form.
import type { Edition, Indicator } from "#indicators/schema";
import type { StoredAnswer } from "./response-rules";

export const WORKBOOK_META_SHEET = "_meta";
export const SUMMARY_SHEET = "요약";

export type ColumnKey =
  | "code"
  | "item"
  | "title"
  | "max"
  | "method"
  | "guide"
  | "implemented"
  | "answer"
  | `input${number}`
  | "narrative"
  | "score"
  | "status"
  | "version";

export interface SheetColumn {
  key: ColumnKey;
  header: string;
  width: number;
  /** Filled in by the department; the others are for reading only. */
  editable: boolean;
  hidden?: boolean;
}

/** The most quantitative inputs any indicator of the edition has: that many input columns. */
export const inputColumnsFor = (edition: Pick<Edition, "indicators">) =>
  Math.max(1, ...edition.indicators.map((i) => (i.scoring.kind === "quantitative" ? i.scoring.inputs.length : 0)));

export function sheetColumns(inputColumns: number): SheetColumn[] {
  return [
    { key: "code", header: "지표 코드", width: 10, editable: false },
    { key: "item", header: "진단항목", width: 18, editable: false },
    { key: "title", header: "지표", width: 40, editable: false },
    { key: "max", header: "배점", width: 7, editable: false },
    { key: "method", header: "평가 방식", width: 10, editable: false },
    { key: "guide", header: "작성 안내", width: 48, editable: false },
    { key: "implemented", header: "시행 여부", width: 10, editable: true },
    { key: "answer", header: "답", width: 10, editable: true },
    ...Array.from({ length: inputColumns }, (_, n): SheetColumn => ({
      key: `input${n + 1}`,
      header: `입력값 ${n + 1}`,
      width: 12,
      editable: true,
    })),
    { key: "narrative", header: "추진 실적(서술)", width: 48, editable: true },
    { key: "score", header: "현재 점수", width: 9, editable: false },
    { key: "status", header: "상태", width: 9, editable: false },
    { key: "version", header: "버전", width: 6, editable: false, hidden: true },
  ];
}

export const IMPLEMENTED_TEXT = { yes: "시행", no: "미시행" } as const;
export const YES_TEXT = { yes: "예", no: "아니오" } as const;
const METHOD_TEXT = { yesno: "예/아니오", levels: "등급", quantitative: "정량" } as const;

export const methodText = (indicator: Indicator) => METHOD_TEXT[indicator.scoring.kind];

/** The cells a row shows for the answer as stored. */
export function answerCells(
  indicator: Indicator,
  implemented: boolean | null,
  answer: StoredAnswer,
  inputColumns: number,
) {
  const s = indicator.scoring;
  const answerText =
    s.kind === "yesno"
      ? answer.yes === undefined
        ? ""
        : answer.yes
          ? YES_TEXT.yes
          : YES_TEXT.no
      : s.kind === "levels"
        ? (answer.level ?? "")
        : "";
  const inputs = Array.from({ length: inputColumns }, (_, n) => {
    const key = s.kind === "quantitative" ? s.inputs[n]?.key : undefined;
    const value = key ? answer.inputs?.[key] : undefined;
    return value === undefined ? "" : value;
  });
  return {
    implemented: implemented === null ? "" : implemented ? IMPLEMENTED_TEXT.yes : IMPLEMENTED_TEXT.no,
    answer: answerText,
    inputs,
  };
}

const squash = (text: string) => text.replace(/\s+/g, "").toLowerCase();
const YES_WORDS = new Set(["예", "네", "yes", "y", "o", "○", "true", "1"]);
const NO_WORDS = new Set(["아니오", "아니요", "no", "n", "x", "×", "false", "0"]);

export interface RowProblem {
  column: ColumnKey;
  key: string;
}

/**
 * One filled-in row → the indicator form's fields ("implemented", "yes" | "level", "inputs.<key>", "narrative",
 * "version"), or the problems of the cells that cannot even be read as a choice. Values are then judged by
 * the response schema like a web form.
 */
export function rowToFields(
  indicator: Indicator,
  cells: Partial<Record<ColumnKey, string>>,
): { fields: Record<string, string>; problems: RowProblem[] } {
  const s = indicator.scoring;
  const problems: RowProblem[] = [];
  const fields: Record<string, string> = {
    version: (cells.version ?? "").trim() || "0",
    narrative: cells.narrative ?? "",
  };

  const implemented = squash(cells.implemented ?? "");
  if (implemented === "") fields.implemented = "";
  else if (implemented === squash(IMPLEMENTED_TEXT.yes) || YES_WORDS.has(implemented)) fields.implemented = "yes";
  else if (implemented === squash(IMPLEMENTED_TEXT.no) || NO_WORDS.has(implemented)) fields.implemented = "no";
  else problems.push({ column: "implemented", key: "excel.error.implemented" });

  const answer = (cells.answer ?? "").trim();
  if (s.kind === "yesno") {
    const a = squash(answer);
    if (a === "") fields.yes = "";
    else if (YES_WORDS.has(a)) fields.yes = "yes";
    else if (NO_WORDS.has(a)) fields.yes = "no";
    else problems.push({ column: "answer", key: "excel.error.yesno" });
  } else if (s.kind === "levels") {
    // The code ("A") or the whole label, as a person might paste it.
    const level = s.levels.find((l) => squash(l.code) === squash(answer) || squash(l.label) === squash(answer));
    if (answer === "") fields.level = "";
    else if (level) fields.level = level.code;
    else problems.push({ column: "answer", key: "excel.error.level" });
  } else if (answer !== "") {
    problems.push({ column: "answer", key: "excel.error.answerUnused" });
  }

  const inputKeys = s.kind === "quantitative" ? s.inputs.map((i) => i.key) : [];
  for (const [column, text] of Object.entries(cells)) {
    const m = /^input(\d+)$/.exec(column);
    if (!m) continue;
    const key = inputKeys[Number(m[1]) - 1];
    const value = (text ?? "").trim();
    if (key) fields[`inputs.${key}`] = value;
    else if (value !== "") problems.push({ column: column as ColumnKey, key: "excel.error.inputUnused" });
  }
  return { fields, problems };
}

/** Which column holds a form field of the response schema ("inputs.actualDays" → its input column). */
export function columnOfField(indicator: Indicator, field: string): ColumnKey | null {
  if (field === "implemented") return "implemented";
  if (field === "yes" || field === "level") return "answer";
  if (field === "narrative") return "narrative";
  if (field === "version") return "version";
  if (field.startsWith("inputs.") && indicator.scoring.kind === "quantitative") {
    const index = indicator.scoring.inputs.findIndex((i) => i.key === field.slice("inputs.".length));
    return index === -1 ? null : (`input${index + 1}` as ColumnKey);
  }
  return null;
}

/** Excel sheet names: at most 31 characters, none of []:*?/\, unique within the workbook. */
export function sheetNames(
  names: readonly string[],
  reserved: readonly string[] = [SUMMARY_SHEET, WORKBOOK_META_SHEET],
): string[] {
  const taken = new Set(reserved.map((r) => r.toLowerCase()));
  return names.map((name) => {
    const base =
      name
        .replace(/[[\]:*?/\\]/g, "_")
        .replace(/^'+|'+$/g, "")
        .slice(0, 31) || "부서";
    let candidate = base;
    for (let n = 2; taken.has(candidate.toLowerCase()); n++)
      candidate = `${base.slice(0, 31 - String(n).length - 1)}~${n}`;
    taken.add(candidate.toLowerCase());
    return candidate;
  });
}
