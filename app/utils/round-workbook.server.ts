// The round as an Excel workbook and back: a summary sheet and one sheet per department with its indicators, current
// answers and scoring options; the filled-in workbook is checked cell by cell and either every change is written in
// one transaction (each with its audit event, as the importing user) or nothing is, with the errors by sheet, row
// and column.
import { fieldName, fillGuide } from "~/text/workbook-text";
import ExcelJS from "exceljs";
import { type Db, inTransaction } from "#db/connection";
import type { ResponseRow, Round } from "#db/schema";
import type { Edition, Indicator } from "#indicators/schema";
import type { CellError } from "~/domain/cell-error";
import type { Actor } from "~/domain/permissions";
import { problemParams } from "~/domain/scoring";
import { draftFromRow, EDITABLE_STATUSES, isConflict, storeAnswer } from "~/domain/response-rules";
import {
  answerCells,
  type ColumnKey,
  columnOfField,
  IMPLEMENTED_TEXT,
  inputColumnsFor,
  methodText,
  rowToFields,
  SUMMARY_SHEET,
  sheetColumns,
  sheetNames,
  WORKBOOK_META_SHEET,
  YES_TEXT,
} from "~/domain/round-workbook";
import { formatDateTime } from "~/domain/datetime";
import { translate, type MessageKey, type Params } from "~/i18n";
import { cellText, columnLetter } from "./registry-import.server";
import { requireEdition } from "./round-admin.server";
import { roundOverview } from "./rounds.server";
import { validateResponseForm, writeDraft } from "./responses.server";
import { checkXlsx } from "#indicators/xlsx-guard";

export const WORKBOOK_MAX_BYTES = 10 * 1024 * 1024;
export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const STATUS_KO: Record<ResponseRow["status"], string> = {
  not_started: translate("ko", "status.not_started"),
  draft: translate("ko", "status.draft"),
  submitted: translate("ko", "status.submitted"),
  returned: translate("ko", "status.returned"),
  approved: translate("ko", "status.approved"),
};
const points = (tenths: number) => tenths / 10;

interface DepartmentSheet {
  departmentId: number;
  department: string;
  sheet: string;
  codes: string[];
}

/** Each department leading at least one indicator, with its indicators in rubric order and its sheet's name. */
async function departmentSheets(db: Db, round: Round, edition: Edition): Promise<DepartmentSheet[]> {
  const leads = await db
    .selectFrom("assignments as a")
    .innerJoin("departments as d", "d.id", "a.department_id")
    .select(["a.indicator_code", "d.id", "d.name", "d.sort_order"])
    .where("a.round_id", "=", round.id)
    .where("a.role", "=", "lead")
    .execute();
  const order = new Map(edition.indicators.map((i, n) => [i.code, n]));
  const byDept = new Map<number, { id: number; name: string; sort: number; codes: string[] }>();
  for (const l of leads) {
    if (!order.has(l.indicator_code)) continue;
    const entry = byDept.get(l.id) ?? { id: l.id, name: l.name, sort: l.sort_order, codes: [] };
    entry.codes.push(l.indicator_code);
    byDept.set(l.id, entry);
  }
  const departments = [...byDept.values()].sort((a, b) => a.sort - b.sort || a.name.localeCompare(b.name, "ko"));
  const names = sheetNames(departments.map((d) => d.name));
  return departments.map((d, n) => ({
    departmentId: d.id,
    department: d.name,
    sheet: names[n],
    codes: d.codes.sort((a, b) => order.get(a)! - order.get(b)!),
  }));
}

// ---------------------------------------------------------------------------------------------------------------
// Export

/** The round as a workbook (xlsx bytes). */
export async function exportRoundWorkbook(
  db: Db,
  round: Round,
  exportedBy: string,
  now = new Date(),
): Promise<Uint8Array<ArrayBuffer>> {
  const edition = await requireEdition(db, round.edition_id);
  const [overview, institution, responses, sheets] = await Promise.all([
    roundOverview(db, round, now),
    db.selectFrom("institutions").select("name").where("id", "=", round.institution_id).executeTakeFirstOrThrow(),
    db.selectFrom("responses").selectAll().where("round_id", "=", round.id).execute(),
    departmentSheets(db, round, edition),
  ]);
  const responseByCode = new Map(responses.map((r) => [r.indicator_code, r]));
  const indicatorByCode = new Map(edition.indicators.map((i) => [i.code, i]));
  const itemTitle = new Map(edition.items.map((i) => [i.code, i.title]));
  const inputColumns = inputColumnsFor(edition);
  const columns = sheetColumns(inputColumns);

  const wb = new ExcelJS.Workbook();
  wb.creator = "인증지기";
  wb.created = now;

  const summary = wb.addWorksheet(SUMMARY_SHEET, { views: [{ showGridLines: false }] });
  summary.columns = [{ width: 26 }, { width: 44 }, { width: 12 }, { width: 12 }, { width: 12 }];
  summary.addRow([`${institution.name} · ${round.title}`]).font = { bold: true, size: 14 };
  summary.addRow(["지표 판", `${edition.title}${edition.reconstruction ? " (재구성본: 행정안전부 원문 아님)" : ""}`]);
  const counts = { sourced: 0, derived: 0, placeholder: 0 };
  for (const ind of edition.indicators) if (ind.provenance) counts[ind.provenance.status] += 1;
  summary.addRow(["지표 근거 (‘근거’ 시트)", translate("ko", "provenance.counts", counts)]);
  summary.addRow(["내려받은 때", `${formatDateTime(now)} · ${exportedBy}`]);
  summary.addRow(["현재 총점", points(overview.totals.selfTenths), `/ ${points(overview.totals.maxTenths)}`]);
  const lines = overview.thresholds;
  if (lines)
    summary.addRow([
      "신청 기준 / 컨설팅 기준",
      `${points(lines.applicationTenths)}점 이상 / ${lines.consultingTenths === null ? "–" : `${points(lines.consultingTenths)}점 이하`}`,
    ]);
  summary.addRow([]);
  summary.addRow(["작성 방법"]).font = { bold: true };
  for (const line of [
    "부서별 시트의 노란 칸(시행 여부, 답, 입력값, 추진 실적)만 고쳐 주세요. 다른 칸과 숨은 '버전' 칸은 그대로 두세요.",
    `시행 여부: '${IMPLEMENTED_TEXT.yes}' 또는 '${IMPLEMENTED_TEXT.no}'. 답: 예/아니오 지표는 '${YES_TEXT.yes}' 또는 '${YES_TEXT.no}', 등급 지표는 등급 코드(작성 안내 참조).`,
    "정량 지표는 작성 안내에 적힌 순서대로 입력값 칸에 숫자를 적으면 점수는 시스템이 계산합니다.",
    "가져오기는 전부 아니면 전무입니다. 한 칸이라도 틀리면 아무것도 바뀌지 않고 시트·행·열별로 오류를 알려 드립니다.",
  ])
    summary.addRow(["", line]);
  summary.addRow([]);
  const head = summary.addRow(["영역·진단항목", "", "자체 점수", "배점", "검토 점수"]);
  head.font = { bold: true };
  for (const area of overview.totals.areas) {
    summary.addRow([
      `${area.code}. ${area.title}`,
      "",
      points(area.selfTenths),
      points(area.maxTenths),
      points(area.reviewedTenths),
    ]).font = { bold: true };
    for (const item of overview.totals.items.filter((i) => i.area === area.code)) {
      summary.addRow([
        `  ${item.code} ${item.title}`,
        "",
        points(item.selfTenths),
        points(item.maxTenths),
        points(item.reviewedTenths),
      ]);
    }
  }
  summary.addRow([]);
  summary.addRow(["부서별 시트", "", "지표 수"]).font = { bold: true };
  for (const s of sheets) summary.addRow([s.sheet, s.department, s.codes.length]);

  const meta = wb.addWorksheet(WORKBOOK_META_SHEET, { state: "veryHidden" });
  meta.addRow(["round", round.id, round.edition_id]);
  for (const s of sheets) meta.addRow(["sheet", s.sheet, s.departmentId]);

  for (const s of sheets) {
    const ws = wb.addWorksheet(s.sheet, { views: [{ state: "frozen", ySplit: 1, xSplit: 1 }] });
    ws.columns = columns.map((c) => ({ key: c.key, width: c.width, hidden: c.hidden ?? false }));
    const header = ws.addRow(columns.map((c) => c.header));
    header.font = { bold: true };
    header.alignment = { vertical: "middle", wrapText: true };
    for (const code of s.codes) {
      const indicator = indicatorByCode.get(code)!;
      const response = responseByCode.get(code) ?? null;
      const draft = draftFromRow(response);
      const cells = answerCells(indicator, draft.implemented, draft.answer, inputColumns);
      const row = ws.addRow({
        code,
        item: `${indicator.item} ${itemTitle.get(indicator.item) ?? ""}`,
        title: indicator.title,
        max: indicator.maxPoints,
        method: methodText(indicator),
        guide: fillGuide(indicator),
        implemented: cells.implemented,
        answer: cells.answer,
        ...Object.fromEntries(cells.inputs.map((v, n) => [`input${n + 1}`, v])),
        narrative: draft.narrative,
        score: response?.self_tenths == null ? "" : points(response.self_tenths),
        status: STATUS_KO[response?.status ?? "not_started"],
        version: response?.version ?? 0,
      });
      row.alignment = { vertical: "top", wrapText: true };
      for (const c of columns) {
        const cell = row.getCell(c.key);
        if (c.editable) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF6CC" } };
      }
      row.getCell("implemented").dataValidation = {
        type: "list",
        allowBlank: true,
        formulae: [`"${IMPLEMENTED_TEXT.yes},${IMPLEMENTED_TEXT.no}"`],
      };
      const sc = indicator.scoring;
      if (sc.kind === "yesno")
        row.getCell("answer").dataValidation = {
          type: "list",
          allowBlank: true,
          formulae: [`"${YES_TEXT.yes},${YES_TEXT.no}"`],
        };
      if (sc.kind === "levels")
        row.getCell("answer").dataValidation = {
          type: "list",
          allowBlank: true,
          formulae: [`"${sc.levels.map((l) => l.code).join(",")}"`],
        };
    }
  }
  provenanceSheet(wb, edition);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** What each indicator rests on, in the words the pages use, with its sources; the import never reads this sheet. */
function provenanceSheet(wb: ExcelJS.Workbook, edition: Edition) {
  const ws = wb.addWorksheet("근거");
  ws.columns = [{ width: 9 }, { width: 40 }, { width: 26 }, { width: 60 }, { width: 60 }];
  ws.addRow(["지표별 근거: 공식 편람이 공개되지 않아 이 판은 재구성본입니다. 배점과 척도는 모두 가정입니다."]).font = {
    bold: true,
  };
  ws.addRow(["코드", "세부지표", "근거", "출처", "근거 메모"]).font = { bold: true };
  const title = new Map((edition.sources ?? []).map((src) => [src.id, `${src.title} (${src.address})`]));
  for (const ind of edition.indicators) {
    const p = ind.provenance;
    ws.addRow([
      ind.code,
      ind.title,
      translate("ko", p ? `provenance.${p.status}` : "provenance.unknown"),
      (p?.sources ?? []).map((id) => title.get(id) ?? id).join("\n"),
      p?.note ?? "",
    ]).alignment = { vertical: "top", wrapText: true };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Import

/** A problem in an imported workbook: always placed on a sheet (null for the whole file). */
export interface WorkbookError extends CellError {
  sheet: string | null;
}

export interface WorkbookChange {
  sheet: string;
  row: number;
  code: string;
  title: string;
  before: number | null;
  after: number | null;
}

export type WorkbookImportResult =
  | {
      ok: true;
      changed: WorkbookChange[];
      unchanged: number;
      sheets: number;
      /** Rows whose 현재 점수 cell was typed into: the score is always computed, so the typed number was not read. */
      ignoredScores: { sheet: string; row: number; code: string }[];
    }
  | { ok: false; errors: WorkbookError[] };

const fileError = (key: MessageKey, params?: Params): WorkbookImportResult => ({
  ok: false,
  errors: [{ sheet: null, row: null, column: null, letter: null, key, params }],
});

interface PlannedChange {
  sheet: string;
  row: number;
  indicator: Indicator;
  current: ResponseRow | null;
  write: { draft: ReturnType<typeof draftFromRow>; selfTenths: number | null };
}

/** Reads the workbook the export wrote, checks every cell, and writes every change or none. */
export async function importRoundWorkbook(
  db: Db,
  actor: Actor,
  round: Round,
  bytes: Uint8Array,
): Promise<WorkbookImportResult> {
  // An xlsx file is a zip archive: "PK\x03\x04".
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b || bytes[2] !== 0x03 || bytes[3] !== 0x04)
    return fileError("excel.error.notXlsx");
  const check = await checkXlsx(bytes);
  if (!check.ok)
    return {
      ok: false,
      errors: [{ sheet: null, row: null, column: null, letter: null, key: check.key, params: check.params }],
    };
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as never);
  } catch (error) {
    return fileError("excel.error.unreadable", { reason: error instanceof Error ? error.message : String(error) });
  }
  const meta = wb.getWorksheet(WORKBOOK_META_SHEET);
  if (!meta) return fileError("excel.error.noMeta");
  const metaRows: string[][] = [];
  meta.eachRow((row) => metaRows.push([1, 2, 3].map((n) => cellText(row.getCell(n).value).trim())));
  const roundRow = metaRows.find((r) => r[0] === "round");
  if (!roundRow || roundRow[1] !== String(round.id)) return fileError("excel.error.otherRound");
  if (roundRow[2] !== round.edition_id) return fileError("excel.error.otherRound");
  if (round.state !== "open") return fileError("excel.error.roundNotOpen");

  const edition = await requireEdition(db, round.edition_id);
  const indicatorByCode = new Map(edition.indicators.map((i) => [i.code, i]));
  const columns = sheetColumns(inputColumnsFor(edition));
  const sheets = metaRows.filter((r) => r[0] === "sheet").map((r) => ({ sheet: r[1], departmentId: Number(r[2]) }));
  const [leads, responses] = await Promise.all([
    db
      .selectFrom("assignments")
      .select(["indicator_code", "department_id"])
      .where("round_id", "=", round.id)
      .where("role", "=", "lead")
      .execute(),
    db.selectFrom("responses").selectAll().where("round_id", "=", round.id).execute(),
  ]);
  const leadOf = new Map(leads.map((l) => [l.indicator_code, l.department_id]));
  const responseByCode = new Map(responses.map((r) => [r.indicator_code, r]));

  const errors: WorkbookError[] = [];
  const planned: PlannedChange[] = [];
  let unchanged = 0;
  const ignoredScores: { sheet: string; row: number; code: string }[] = [];
  let sheetsRead = 0;
  const seen = new Map<string, string>();
  for (const { sheet: name, departmentId } of sheets) {
    const ws = wb.getWorksheet(name);
    if (!ws) continue; // A department may send back only its own sheet.
    sheetsRead += 1;
    const at = (key: ColumnKey) => columns.findIndex((c) => c.key === key);
    const error = (row: number | null, column: ColumnKey | null, key: MessageKey, params?: Params) => {
      const index = column ? at(column) : -1;
      errors.push({
        sheet: name,
        row,
        column: index >= 0 ? columns[index].header : null,
        letter: index >= 0 ? columnLetter(index) : null,
        key,
        params,
      });
    };
    const header = columns.map((_, n) => cellText(ws.getRow(1).getCell(n + 1).value).trim());
    const wrongHeader = columns.findIndex((c, n) => header[n] !== c.header);
    if (wrongHeader !== -1) {
      error(1, columns[wrongHeader].key, "excel.error.header", {
        expected: columns[wrongHeader].header,
        found: header[wrongHeader] || "–",
      });
      continue;
    }
    for (let n = 2; n <= ws.rowCount; n++) {
      const row = ws.getRow(n);
      const cells = Object.fromEntries(columns.map((c, i) => [c.key, cellText(row.getCell(i + 1).value)])) as Record<
        ColumnKey,
        string
      >;
      const code = cells.code.trim();
      if (!code && columns.every((c) => !cells[c.key].trim())) continue; // an empty row
      const indicator = indicatorByCode.get(code);
      if (!indicator) {
        error(n, "code", "excel.error.unknownCode", { code: code || "–" });
        continue;
      }
      if (leadOf.get(code) !== departmentId) {
        error(n, "code", "excel.error.notThisDepartment", { code });
        continue;
      }
      if (seen.has(code)) {
        error(n, "code", "excel.error.duplicate", { code, sheet: seen.get(code)! });
        continue;
      }
      seen.set(code, name);
      const { fields, problems } = rowToFields(indicator, cells);
      for (const p of problems) error(n, p.column, p.key as MessageKey, { field: columns[at(p.column)].header });
      if (problems.length) continue;
      const valid = validateResponseForm(indicator, fields, "save");
      if (!valid.ok) {
        const name = (field: string) => fieldName(indicator, field, (column) => columns[at(column)].header);
        for (const [field, e] of Object.entries(valid.errors)) {
          // The problem sits in the cell of the field it names (a division by zero in the divisor's column); the
          // message names the field and the rule's values as the web form does.
          error(n, columnOfField(indicator, field), e.key as MessageKey, {
            ...problemParams(indicator, field, name),
            ...e.params,
            field: name(field),
          });
        }
        continue;
      }
      const current = responseByCode.get(code) ?? null;
      // The export wrote the stored score there; any other number was typed in and is not read (say so).
      const typedScore = cells.score.trim();
      const exported = current?.self_tenths == null ? null : points(current.self_tenths);
      if (typedScore && (exported === null || Math.abs(Number(typedScore.replace(/,/g, "")) - exported) > 1e-9))
        ignoredScores.push({ sheet: name, row: n, code });
      const before = draftFromRow(current);
      const same =
        before.implemented === valid.draft.implemented &&
        storeAnswer(before.answer) === storeAnswer(valid.draft.answer) &&
        before.narrative === valid.draft.narrative;
      if (same) {
        unchanged += 1;
        continue;
      }
      if (current && !EDITABLE_STATUSES.includes(current.status)) {
        error(n, "implemented", "excel.error.locked", { code, status: STATUS_KO[current.status] });
        continue;
      }
      if (isConflict(valid.expectedVersion, current)) {
        error(n, "version", "excel.error.conflict", { code, version: current?.version ?? 0 });
        continue;
      }
      planned.push({
        sheet: name,
        row: n,
        indicator,
        current,
        write: { draft: valid.draft, selfTenths: valid.selfTenths },
      });
    }
  }
  if (sheetsRead === 0) return fileError("excel.error.noSheets");
  if (errors.length) return { ok: false, errors };

  // Every change or none: a row changed by someone since the checks above rolls the whole import back.
  const conflict = new Error("conflict");
  try {
    await inTransaction(db, async (trx) => {
      const state = await trx.selectFrom("rounds").select("state").where("id", "=", round.id).executeTakeFirstOrThrow();
      if (state.state !== "open") throw conflict;
      for (const p of planned) {
        const written = await writeDraft(trx, actor.userId, round, p.indicator.code, p.current, {
          ...p.write,
          intent: "save",
          auditAction: "import",
        });
        if (written.kind === "conflict") throw conflict;
      }
    });
  } catch (error) {
    if (error === conflict) return fileError("excel.error.changedMeanwhile");
    throw error;
  }
  return {
    ok: true,
    unchanged,
    ignoredScores,
    sheets: sheetsRead,
    changed: planned.map((p) => ({
      sheet: p.sheet,
      row: p.row,
      code: p.indicator.code,
      title: p.indicator.title,
      before: p.current?.self_tenths ?? null,
      after: p.write.selfTenths,
    })),
  };
}
