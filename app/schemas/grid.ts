// The department grid's cells, the same in the browser and on the server. A grid row is one indicator's answer as
// text a person types or pastes from a spreadsheet ("시행", "B", "1,234"); it is read into the answer form's fields
// and checked by that form's own schema (responseFormSchema), so the grid, the single form and the server obey one
// set of rules.
import { z } from "zod";
import type { Indicator } from "#indicators/schema";
import {
  type Draft,
  draftFromForm,
  NARRATIVE_MAX,
  nestFormFields,
  responseFormSchema,
  scoreDraft,
} from "~/domain/response-rules";

/** The editable columns, left to right; a spreadsheet's pasted columns land on them in this order. */
export const GRID_COLUMNS = ["implemented", "answer", "input0", "input1", "narrative"] as const;
export type GridColumn = (typeof GRID_COLUMNS)[number];
export const GRID_INPUTS = 2;

export type GridCells = Record<GridColumn, string>;

const norm = (text: string) => text.normalize("NFKC").trim().toLowerCase().replace(/\s+/g, "");

const IMPLEMENTED: Record<string, "yes" | "no"> = {
  시행: "yes",
  미시행: "no",
  y: "yes",
  n: "no",
  yes: "yes",
  no: "no",
  o: "yes",
  x: "no",
};
const YES: Record<string, "yes" | "no"> = {
  예: "yes",
  아니오: "no",
  아니요: "no",
  충족: "yes",
  미충족: "no",
  y: "yes",
  n: "no",
  yes: "yes",
  no: "no",
  o: "yes",
  x: "no",
};

/** Which columns a row uses: the answer column for yes/no and level indicators, one input column per input. */
export function columnUsed(indicator: Indicator, column: GridColumn): boolean {
  const s = indicator.scoring;
  if (column === "answer") return s.kind === "yesno" || s.kind === "levels";
  if (column === "input0" || column === "input1") {
    return s.kind === "quantitative" && Number(column.slice(5)) < s.inputs.length;
  }
  return true;
}

/** The answer-form field a grid column stands for in this row ("inputs.legalDays", "level", …). */
export function fieldOfColumn(indicator: Indicator, column: GridColumn): string {
  const s = indicator.scoring;
  if (column === "answer") return s.kind === "levels" ? "level" : "yes";
  if (column === "input0" || column === "input1") {
    const input = s.kind === "quantitative" ? s.inputs[Number(column.slice(5))] : undefined;
    return input ? `inputs.${input.key}` : column;
  }
  return column;
}

/** The grid column showing an answer-form field (problems of the whole answer sit on the last input). */
export function columnOfField(indicator: Indicator, field: string): GridColumn {
  if (field === "implemented" || field === "narrative") return field;
  if (field === "yes" || field === "level") return "answer";
  const s = indicator.scoring;
  if (s.kind === "quantitative") {
    const n = s.inputs.findIndex((i) => `inputs.${i.key}` === field);
    if (n >= 0) return `input${n}` as GridColumn;
    return `input${Math.max(0, Math.min(s.inputs.length, GRID_INPUTS) - 1)}` as GridColumn;
  }
  return "answer";
}

export function cellsFromDraft(indicator: Indicator, draft: Draft): GridCells {
  const s = indicator.scoring;
  const inputs = s.kind === "quantitative" ? s.inputs : [];
  return {
    implemented: draft.implemented === null ? "" : draft.implemented ? "시행" : "미시행",
    answer:
      s.kind === "yesno"
        ? draft.answer.yes === undefined
          ? ""
          : draft.answer.yes
            ? "예"
            : "아니오"
        : s.kind === "levels"
          ? (draft.answer.level ?? "")
          : "",
    input0: inputs[0] ? (draft.answer.inputs?.[inputs[0].key]?.toString() ?? "") : "",
    input1: inputs[1] ? (draft.answer.inputs?.[inputs[1].key]?.toString() ?? "") : "",
    narrative: draft.narrative,
  };
}

export interface CellProblem {
  /** The answer-form field (see fieldOfColumn); its grid column is columnOfField. */
  field: string;
  key: string;
}

export type GridRowCheck =
  { ok: true; draft: Draft; selfTenths: number | null } | { ok: false; problems: CellProblem[] };

/**
 * Reads one row's cells as the answer form's fields and checks them with the form's schema: the browser before
 * anything is sent, the server again before anything is written. Text in a column the indicator does not use is a
 * problem too (a pasted block shifted by one column must not vanish silently).
 */
export function checkGridRow(indicator: Indicator, cells: Partial<GridCells>, version: number): GridRowCheck {
  const s = indicator.scoring;
  const problems: CellProblem[] = [];
  const text = (c: GridColumn) => (cells[c] ?? "").trim();
  const implementedText = norm(text("implemented"));
  const implemented = implementedText === "" ? "" : IMPLEMENTED[implementedText];
  if (implemented === undefined) problems.push({ field: "implemented", key: "grid.error.implemented" });
  const fields: Record<string, unknown> = {
    version: String(version),
    implemented: implemented ?? "",
    narrative: cells.narrative ?? "",
  };
  const answerText = text("answer");
  if (s.kind === "yesno") {
    const yes = answerText === "" ? "" : YES[norm(answerText)];
    if (yes === undefined) problems.push({ field: "yes", key: "grid.error.yesno" });
    fields.yes = yes ?? "";
  } else if (s.kind === "levels") {
    const code = s.levels.find((l) => norm(l.code) === norm(answerText.replace(/[.)]$/, "")))?.code;
    if (answerText && !code) problems.push({ field: "level", key: "work.error.levelUnknown" });
    fields.level = code ?? "";
  }
  for (const column of GRID_COLUMNS) {
    if (!columnUsed(indicator, column) && text(column) !== "")
      problems.push({ field: fieldOfColumn(indicator, column), key: "grid.error.unusedCell" });
  }
  if (s.kind === "quantitative") {
    s.inputs.slice(0, GRID_INPUTS).forEach((input, n) => {
      fields[`inputs.${input.key}`] = text(`input${n}` as GridColumn);
    });
  }
  const parsed = responseFormSchema(indicator).safeParse(nestFormFields(fields));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path.join(".") || "_form";
      if (problems.some((p) => p.field === field)) continue;
      problems.push({ field, key: issue.message.startsWith("work.") ? issue.message : "work.error.required" });
    }
  }
  if (problems.length || !parsed.success) return { ok: false, problems };
  const draft = draftFromForm(indicator, parsed.data);
  const score = scoreDraft(indicator, draft);
  if (score.state === "invalid") return { ok: false, problems: [{ field: score.field, key: score.key }] };
  return { ok: true, draft, selfTenths: score.state === "scored" ? score.tenths : null };
}

/** The form's posted names: `row.<code>.<column>` and `row.<code>.version`, with or without JavaScript. */
export const gridFieldName = (code: string, column: GridColumn | "version") => `row.${code}.${column}`;

const cellText = z.string().max(NARRATIVE_MAX + 100, "work.error.tooLong");
const postedRow = z.object({
  version: z.string().regex(/^\d{1,9}$/, "work.error.version"),
  implemented: cellText.optional(),
  answer: cellText.optional(),
  input0: cellText.optional(),
  input1: cellText.optional(),
  narrative: cellText.optional(),
});
export type PostedGridRow = z.infer<typeof postedRow>;

/** The posted grid: rows by indicator code (at most `maxRows`, each with the version its cells were based on). */
export function parseGridPost(
  fields: Record<string, unknown>,
  maxRows: number,
): { ok: true; rows: Map<string, PostedGridRow> } | { ok: false } {
  const grouped = new Map<string, Record<string, unknown>>();
  for (const [name, value] of Object.entries(fields)) {
    const m = /^row\.(.+)\.(version|implemented|answer|input0|input1|narrative)$/.exec(name);
    if (!m) continue;
    const row = grouped.get(m[1]!) ?? {};
    row[m[2]!] = value;
    grouped.set(m[1]!, row);
  }
  if (grouped.size > maxRows) return { ok: false };
  const rows = new Map<string, PostedGridRow>();
  for (const [code, raw] of grouped) {
    const parsed = postedRow.safeParse(raw);
    if (!parsed.success) return { ok: false };
    rows.set(code, parsed.data);
  }
  return { ok: true, rows };
}

/**
 * Spreadsheet clipboard text (tab-separated, a row per line; quoted cells may hold tabs, newlines and "") as rows
 * of cells. A trailing newline, as Excel leaves one, adds no row.
 */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  let atCellStart = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
      continue;
    }
    if (ch === '"' && atCellStart) {
      quoted = true;
      atCellStart = false;
      continue;
    }
    if (ch === "\t") {
      row.push(cell);
      cell = "";
      atCellStart = true;
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      atCellStart = true;
    } else {
      cell += ch;
      atCellStart = false;
    }
  }
  if (cell !== "" || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
