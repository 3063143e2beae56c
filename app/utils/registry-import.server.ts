// Import of a certification registry from CSV or Excel, validated like the rubric import: every row is checked
// (against the database and the rows before it) and either all of it is written in one transaction, or nothing,
// with the errors by row and column.
import { createHash } from "node:crypto";
import ExcelJS from "exceljs";
import type { Kysely } from "kysely";
import { type Db, nowIso } from "#db/connection";
import type { CertificationKind, Database, InstitutionType } from "#db/schema";
import type { CellError } from "~/domain/cell-error";
import { isCalendarDate, todayInSeoul } from "~/domain/validity";
import { scoreText as scoreSchema } from "~/schemas/registry";
import type { MessageKey, Params } from "~/i18n";
import { recordEvent } from "./audit.server";
import { storableText } from "./forms";
import { assertXlsxSafe } from "#indicators/xlsx-guard";
import {
  checkAgainstHistory,
  insertCertifications,
  type NewCertification,
  scoreToTenths,
} from "./registry-write.server";
import { getRegistrySettings } from "./registry-settings.server";

export const IMPORT_MAX_BYTES = 2 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 5000;
export const IMPORT_EXTENSIONS = [".csv", ".xlsx"];

export type ImportError = CellError;

export type ImportResult =
  | { ok: true; certifications: number; institutionsCreated: number; byYear: { year: number; count: number }[] }
  | { ok: false; errors: ImportError[] };

type Field = "name" | "code" | "region" | "level" | "awardDate" | "kind" | "score" | "note";

/** Accepted headers (compared without spaces, dots and case). The first one is what the template writes. */
export const HEADERS: Record<Field, string[]> = {
  name: ["기관명", "기관", "name", "institution"],
  code: ["기관코드", "code"],
  region: ["시도", "시·도", "광역자치단체", "region"],
  level: ["구분", "광역/기초", "광역기초", "level", "type"],
  awardDate: ["수여일", "인증일", "인증서수여일", "award_date", "awarddate"],
  kind: ["인증구분", "신규/재인증", "신규재인증", "kind"],
  score: ["점수", "인증점수", "score"],
  note: ["비고", "note"],
};
const REQUIRED: Field[] = ["name", "awardDate", "kind"];

const normalizeHeader = (h: string) => h.replace(/[\s·.()_/-]/g, "").toLowerCase();
const HEADER_INDEX = new Map<string, Field>(
  (Object.entries(HEADERS) as [Field, string[]][]).flatMap(([field, names]) =>
    names.map((n) => [normalizeHeader(n), field] as const),
  ),
);

export function columnLetter(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export interface Sheet {
  header: string[];
  /** Each data row with its spreadsheet row number. */
  rows: { row: number; cells: string[] }[];
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

/** UTF-8 (with or without BOM), or — as Korean Excel saves "CSV" — CP949. */
export function decodeText(buffer: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(buffer);
  } catch {
    return new TextDecoder("euc-kr").decode(buffer);
  }
}

/** RFC 4180 CSV: quoted fields with "" escapes and line breaks, CRLF or LF. */
export function parseCsv(text: string): Sheet {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === ",") {
      record.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      record.push(field);
      records.push(record);
      record = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || record.length) {
    record.push(field);
    records.push(record);
  }
  const [header = [], ...rest] = records;
  return {
    header: header.map((h) => h.trim()),
    rows: rest.map((cells, i) => ({ row: i + 2, cells: cells.map((c) => c.trim()) })),
  };
}

const pad = (n: number) => String(n).padStart(2, "0");

export function cellText(value: ExcelJS.CellValue): string {
  return storableText(rawCellText(value));
}

function rawCellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date)
    return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("result" in value) return rawCellText(value.result as ExcelJS.CellValue);
    if ("text" in value) return String(value.text);
    if ("error" in value) return "";
  }
  return String(value);
}

/** The first worksheet; row 1 is the header. */
export async function readXlsx(buffer: Uint8Array): Promise<Sheet> {
  await assertXlsxSafe(buffer);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as never);
  const sheet = workbook.worksheets[0];
  if (!sheet) return { header: [], rows: [] };
  const width = sheet.columnCount;
  const read = (n: number) =>
    Array.from({ length: width }, (_, i) => cellText(sheet.getRow(n).getCell(i + 1).value).trim());
  const rows: Sheet["rows"] = [];
  for (let n = 2; n <= sheet.rowCount; n++) rows.push({ row: n, cells: read(n) });
  return { header: read(1), rows };
}

// ---------------------------------------------------------------------------------------------------------------
// Values

/** "2014-12-08", "2014.12.8", "2014. 12. 8.", "2014/12/08", "20141208" or an Excel serial day → YYYY-MM-DD. */
export function normalizeDate(text: string): string | null {
  const t = text.trim();
  if (/^\d{5}(\.0+)?$/.test(t)) {
    // An Excel serial day (1900 date system, counted from 1899-12-30).
    const date = new Date(Date.UTC(1899, 11, 30) + Number(t) * 86_400_000);
    return date.toISOString().slice(0, 10);
  }
  const m = /^(\d{4})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})\s*\.?$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (!m) return null;
  const ymd = `${m[1]}-${m[2].padStart(2, "0")}-${m[3].padStart(2, "0")}`;
  return isCalendarDate(ymd) ? ymd : null;
}

const LEVEL_WORDS: Record<string, InstitutionType> = {
  광역: "sido",
  시도: "sido",
  "시·도": "sido",
  sido: "sido",
  기초: "sigungu",
  시군구: "sigungu",
  "시·군·구": "sigungu",
  sigungu: "sigungu",
  중앙: "central",
  중앙행정기관: "central",
  central: "central",
};
const KIND_WORDS: Record<string, CertificationKind> = {
  신규: "initial",
  최초: "initial",
  initial: "initial",
  재인증: "renewal",
  갱신: "renewal",
  renewal: "renewal",
};
const word = <T>(table: Record<string, T>, text: string): T | undefined =>
  table[text.replace(/\s/g, "").toLowerCase()] ?? table[text.trim()];

const generatedCode = (name: string) => `inst-${createHash("sha256").update(name).digest("hex").slice(0, 10)}`;

// ---------------------------------------------------------------------------------------------------------------
// Validation and writing

interface PlannedInstitution {
  name: string;
  code: string;
  region: string;
  type: InstitutionType;
  firstRow: number;
}

/**
 * Validates every row and, only when none has an error, writes the whole file in one transaction: new institutions,
 * the certificates and an audit event for each, and one event for the import.
 */
export async function importRegistry(
  db: Kysely<Database>,
  userId: number,
  sheet: Sheet,
  fileName: string,
  now: Date = new Date(),
): Promise<ImportResult> {
  const errors: ImportError[] = [];
  const columns = new Map<Field, number>();
  sheet.header.forEach((h, i) => {
    const field = HEADER_INDEX.get(normalizeHeader(h));
    if (field && !columns.has(field)) columns.set(field, i);
  });
  for (const field of REQUIRED) {
    if (!columns.has(field))
      errors.push({
        row: 1,
        column: HEADERS[field][0],
        letter: null,
        key: "registry.import.missingColumn",
        params: { column: HEADERS[field][0] },
      });
  }
  const rows = sheet.rows.filter((r) => r.cells.some((c) => c !== ""));
  if (errors.length) return { ok: false, errors };
  if (rows.length === 0)
    return { ok: false, errors: [{ row: null, column: null, letter: null, key: "registry.import.empty" }] };
  if (rows.length > IMPORT_MAX_ROWS)
    return {
      ok: false,
      errors: [
        { row: null, column: null, letter: null, key: "registry.import.tooManyRows", params: { max: IMPORT_MAX_ROWS } },
      ],
    };

  const settings = await getRegistrySettings(db);
  const today = todayInSeoul(now);

  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom("institutions").select(["id", "code", "name", "region", "type"]).execute();
    const byCode = new Map(existing.map((i) => [i.code, i]));
    const byName = new Map(existing.map((i) => [i.name, i]));
    const planned = new Map<string, PlannedInstitution>();
    const certs: { row: number; institution: string; cert: Omit<NewCertification, "institutionId"> }[] = [];

    const errorAt = (row: number, field: Field, key: MessageKey, params?: Params) => {
      const i = columns.get(field);
      errors.push({
        row,
        column: i === undefined ? HEADERS[field][0] : sheet.header[i],
        letter: i === undefined ? null : columnLetter(i),
        key,
        params,
      });
    };

    for (const { row, cells } of rows) {
      const at = (field: Field) => {
        const i = columns.get(field);
        return i === undefined ? "" : (cells[i] ?? "").trim();
      };
      const err = (field: Field, key: MessageKey, params?: Params) => errorAt(row, field, key, params);
      const before = errors.length;

      const name = at("name").replace(/\s+/g, " ");
      const code = at("code");
      const regionText = at("region");
      const levelText = at("level");
      const level = levelText ? word(LEVEL_WORDS, levelText) : undefined;
      if (levelText && !level) err("level", "registry.import.level");
      if (code && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(code)) err("code", "registry.import.code");

      let institutionKey: string | null = null;
      if (!name) err("name", "registry.import.nameRequired");
      else {
        const found = (code && byCode.get(code)) || byName.get(name);
        if (found) {
          if (found.name !== name) err("name", "registry.import.codeNameMismatch", { name: found.name });
          else if (code && found.code !== code) err("code", "registry.import.codeNameMismatch", { name: found.name });
          if (regionText && regionText !== found.region)
            err("region", "registry.import.regionMismatch", { region: found.region });
          if (level && level !== found.type) err("level", "registry.import.levelMismatch");
          institutionKey = name;
        } else {
          const plan = planned.get(name);
          if (plan) {
            if (
              (regionText && regionText !== plan.region) ||
              (level && level !== plan.type) ||
              (code && code !== plan.code)
            ) {
              err("name", "registry.import.inconsistentInstitution", { row: plan.firstRow });
            }
          } else {
            if (!regionText) err("region", "registry.import.regionRequired");
            if (!levelText) err("level", "registry.import.levelRequired");
            const newCode = code || generatedCode(name);
            if (byCode.has(newCode) || [...planned.values()].some((p) => p.code === newCode))
              err("code", "registry.import.codeTaken");
            if (regionText && level)
              planned.set(name, { name, code: newCode, region: regionText, type: level, firstRow: row });
          }
          institutionKey = name;
        }
      }

      const awardText = at("awardDate");
      const awardDate = awardText ? normalizeDate(awardText) : null;
      if (!awardText) err("awardDate", "registry.import.dateRequired");
      else if (!awardDate) err("awardDate", "registry.import.date");
      const kindText = at("kind");
      const kind = kindText ? word(KIND_WORDS, kindText) : undefined;
      if (!kindText) err("kind", "registry.import.kindRequired");
      else if (!kind) err("kind", "registry.import.kind");
      const scoreText = at("score").replace(/,/g, "").replace(/점$/, "");
      if (!scoreSchema.safeParse(scoreText).success) err("score", "registry.import.score");
      const note = at("note");
      if (note.length > 500) err("note", "registry.import.note");

      if (errors.length === before && institutionKey && awardDate && kind) {
        certs.push({
          row,
          institution: institutionKey,
          cert: { awardDate, kind, scoreTenths: scoreToTenths(scoreText), roundId: null, note: note || null },
        });
      }
    }

    // Each certificate against the institution's history: the database and the other rows of the file.
    const stored = await trx
      .selectFrom("certifications")
      .select(["institution_id", "award_date", "kind", "revoked_at"])
      .execute();
    const idByName = new Map(existing.map((i) => [i.name, i.id]));
    const seen = new Map<string, number>();
    for (const c of certs) {
      const err = (field: Field, key: MessageKey, params?: Params) => errorAt(c.row, field, key, params);
      const dupKey = `${c.institution}|${c.cert.awardDate}`;
      const id = idByName.get(c.institution);
      if (seen.has(dupKey)) {
        err("awardDate", "registry.import.duplicateInFile", { row: seen.get(dupKey)! });
        continue;
      }
      seen.set(dupKey, c.row);
      const history = [
        ...stored
          .filter((s) => id !== undefined && s.institution_id === id)
          .map((s) => ({ awardDate: s.award_date, kind: s.kind, revokedAt: s.revoked_at })),
        ...certs
          .filter((o) => o !== c && o.institution === c.institution && o.cert.awardDate !== c.cert.awardDate)
          .map((o) => ({ awardDate: o.cert.awardDate, kind: o.cert.kind, revokedAt: null })),
      ];
      const problem = checkAgainstHistory(c.cert, history, today, settings.rules);
      if (problem) {
        const [field, message] = problem;
        err(
          field,
          message.key === "registry.error.duplicate" ? "registry.import.duplicateInDb" : message.key,
          message.params,
        );
      }
    }

    if (errors.length) {
      errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0) || (a.letter ?? "").localeCompare(b.letter ?? ""));
      return { ok: false as const, errors };
    }

    const stamp = nowIso();
    for (const p of planned.values()) {
      const row = { code: p.code, name: p.name, region: p.region, type: p.type, created_at: stamp };
      const { id } = await trx.insertInto("institutions").values(row).returning("id").executeTakeFirstOrThrow();
      idByName.set(p.name, id);
      await recordEvent(trx, {
        actorUserId: userId,
        institutionId: id,
        entity: "institution",
        entityId: id,
        action: "create",
        after: { ...row, source: "registry_import" },
      });
    }
    const ordered = [...certs].sort((a, b) => a.cert.awardDate.localeCompare(b.cert.awardDate));
    await insertCertifications(
      trx as Db,
      userId,
      ordered.map((c) => ({ ...c.cert, institutionId: idByName.get(c.institution)! })),
      "import",
    );
    const byYear = new Map<number, number>();
    for (const c of certs)
      byYear.set(Number(c.cert.awardDate.slice(0, 4)), (byYear.get(Number(c.cert.awardDate.slice(0, 4))) ?? 0) + 1);
    const summary = {
      certifications: certs.length,
      institutionsCreated: planned.size,
      byYear: [...byYear.entries()].sort(([a], [b]) => a - b).map(([year, count]) => ({ year, count })),
    };
    await recordEvent(trx, {
      actorUserId: userId,
      entity: "registry_import",
      entityId: stamp,
      action: "import",
      after: { file: fileName, ...summary },
    });
    return { ok: true as const, ...summary };
  });
}

/** Reads an uploaded file by its extension; throws when it is not a readable CSV or Excel file. */
export async function readRegistryFile(name: string, bytes: Uint8Array): Promise<Sheet> {
  const lower = name.toLowerCase();
  if (lower.endsWith(".csv")) return parseCsv(decodeText(bytes));
  if (lower.endsWith(".xlsx")) return readXlsx(bytes);
  throw new Error("unsupported file type");
}

/** A CSV to start from: the header the import expects and two example rows (UTF-8 with BOM, so Excel reads Korean). */
export function templateCsv(): string {
  const lines = [
    ["기관명", "시도", "구분", "수여일", "인증구분", "점수", "비고", "기관코드"],
    [
      "서울특별시 서대문구",
      "서울특별시",
      "기초",
      "2014-12-08",
      "신규",
      "",
      "2014년 민원공무원의 날",
      "seoul-seodaemun",
    ],
    ["대구광역시", "대구광역시", "광역", "2014-12-08", "신규", "", "", "daegu-metro"],
  ];
  return `\uFEFF${lines.map((l) => l.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(",")).join("\r\n")}\r\n`;
}
