// Reading edition files (YAML, JSON, or the Excel form a coordinator types the Ministry's printed guide into)
// and the shipped editions. Node only.
import fs from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import YAML from "yaml";
import { assertXlsxSafe } from "./xlsx-guard";
import { type Edition, provenanceCounts, validateEdition } from "./schema";

const here = path.dirname(fileURLToPath(import.meta.url));
/**
 * Where the shipped editions live: beside this module when run from source (scripts, tests), else
 * `indicators/editions` under the working directory (the server bundle runs from the project root).
 * SHIPPED_EDITIONS_DIR overrides both.
 */
export function shippedEditionsDir(): string {
  if (process.env.SHIPPED_EDITIONS_DIR) return process.env.SHIPPED_EDITIONS_DIR;
  return path.basename(here) === "indicators" ? path.join(here, "editions") : path.resolve("indicators", "editions");
}

/** Parses a file by its extension. Errors name the file's sheet, row and column where there is one. */
export async function readEditionFile(file: string): Promise<unknown> {
  const ext = path.extname(file).toLowerCase();
  if (ext === ".xlsx") return readEditionWorkbook(file);
  const text = await fs.readFile(file, "utf8");
  if (ext === ".json") return JSON.parse(text);
  if (ext === ".yaml" || ext === ".yml") return YAML.parse(text);
  throw new Error(`unsupported file type "${ext}" (expected .yaml, .yml, .json or .xlsx)`);
}

export const WORKBOOK_COLUMNS = [
  "code",
  "area",
  "area_title",
  "area_points",
  "item",
  "item_title",
  "item_points",
  "title",
  "description",
  "max_points",
  "scoring_kind",
  "levels",
  "inputs",
  "formula",
  "result_unit",
  "bands",
  "evidence",
  "owner_department",
  "tags",
  "result_range",
  "provenance_status",
  "provenance_sources",
  "provenance_note",
  "area_provenance",
  "item_provenance",
] as const;

/** The columns of the workbook's "sources" sheet, one row per source. */
export const SOURCE_COLUMNS = ["id", "title", "kind", "date", "address", "says"] as const;

// An area's or item's provenance in one cell: "status | id, id | note" (sources and note may be empty).
function readProvenanceCell(text: string): Record<string, unknown> | undefined {
  if (!text.trim()) return undefined;
  const [status, sources = "", ...note] = text.split("|");
  return provenance(status, sources, note.join("|"));
}

function provenance(status: string, sources: string, note: string): Record<string, unknown> {
  return {
    status: status.trim(),
    sources: sources
      .split(",")
      .map((x) => x.trim())
      .filter(Boolean),
    ...(note.trim() ? { note: note.trim() } : {}),
  };
}

function writeProvenanceCell(p: { status: string; sources: string[]; note?: string } | undefined): string {
  if (!p) return "";
  return [p.status, p.sources.join(", "), ...(p.note ? [p.note] : [])].join(" | ");
}

// An input in the Excel form: key:label(:unit(:rules)), rules separated by ";" — "integer", "min=0", "max=100",
// "atMost=total", "labelEn=Cases handled on time". The result range: "min..max", either side may be empty.
const INPUT_RULES = ["integer", "min", "max", "atMost", "labelEn"] as const;

function inputRules(text: string, where: string): Record<string, unknown> {
  const rules: Record<string, unknown> = {};
  for (const rule of text
    .split(";")
    .map((r) => r.trim())
    .filter(Boolean)) {
    const at = rule.indexOf("=");
    const name = (at === -1 ? rule : rule.slice(0, at)).trim();
    const value = at === -1 ? "" : rule.slice(at + 1).trim();
    if (!(INPUT_RULES as readonly string[]).includes(name))
      throw new Error(`${where}: unknown input rule "${name}" (expected ${INPUT_RULES.join(", ")})`);
    rules[name] = name === "integer" ? true : name === "min" || name === "max" ? Number(value) : value;
  }
  return rules;
}

function writeInputRules(input: Record<string, unknown>): string {
  return INPUT_RULES.filter((name) => input[name] !== undefined && input[name] !== false)
    .map((name) => (name === "integer" ? name : `${name}=${String(input[name])}`))
    .join(";");
}

const EDITION_KEYS = [
  "id",
  "scheme",
  "year",
  "institutionType",
  "title",
  "reconstruction",
  "notice",
  "supersedes",
  "totalPoints",
  "thresholds.application",
  "thresholds.consulting",
  "validity.initialYears",
  "validity.renewalYears",
  "structure.areas",
  "structure.items",
  "structure.indicators",
  "legalReferences",
] as const;

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("result" in value) return String(value.result ?? "");
    if ("text" in value) return String(value.text);
  }
  return String(value);
}

const num = (s: string) => (s.trim() === "" ? undefined : Number(s));

function setPath(target: Record<string, unknown>, key: string, value: unknown) {
  const [head, tail] = key.split(".");
  if (!tail) target[head] = value;
  else target[head] = { ...((target[head] as object) ?? {}), [tail]: value };
}

function resultRange(text: string, where: string): Record<string, number> {
  const m = /^\s*(-?[\d.]*)\s*\.\.\s*(-?[\d.]*)\s*$/.exec(text);
  if (!m) throw new Error(`${where}: write the result range as min..max (either side may be empty)`);
  return { ...(m[1] ? { min: Number(m[1]) } : {}), ...(m[2] ? { max: Number(m[2]) } : {}) };
}

/** The workbook form: sheet "edition" (key | value rows) and sheet "indicators" (one row per indicator). */
async function readEditionWorkbook(file: string): Promise<unknown> {
  const bytes = await fs.readFile(file);
  await assertXlsxSafe(bytes);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as never);
  const meta = wb.getWorksheet("edition");
  const sheet = wb.getWorksheet("indicators");
  if (!meta || !sheet) throw new Error('the workbook needs the sheets "edition" and "indicators"');
  const edition: Record<string, unknown> = {};
  meta.eachRow((row, n) => {
    if (n === 1) return;
    const key = cellText(row.getCell(1).value).trim();
    const value = cellText(row.getCell(2).value).trim();
    if (!key) return;
    if (!(EDITION_KEYS as readonly string[]).includes(key))
      throw new Error(`sheet "edition", row ${n}, column A: unknown key "${key}"`);
    if (key === "legalReferences") {
      // One "key = citation" per line.
      edition.legalReferences = value
        .split("\n")
        .filter((l) => l.trim())
        .map((line) => {
          const at = line.indexOf("=");
          if (at < 1)
            throw new Error(`sheet "edition", row ${n}, column B: write each legal reference as key = citation`);
          return { key: line.slice(0, at).trim(), citation: line.slice(at + 1).trim() };
        });
      return;
    }
    const typed =
      ["year", "totalPoints"].includes(key) || key.includes(".")
        ? num(value)
        : key === "reconstruction"
          ? /^(true|1|y|yes|예)$/i.test(value)
          : value || undefined;
    // An empty line or term is left out (the 종합평가 has neither); the schema says when one is required.
    if (typed === undefined && /^(thresholds|validity)\./.test(key)) return;
    setPath(edition, key, typed);
  });

  const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map((v) => cellText(v).trim());
  const col = (name: string) => header.indexOf(name) + 1;
  for (const name of ["code", "area", "item", "title", "max_points", "scoring_kind"]) {
    if (col(name) === 0) throw new Error(`sheet "indicators", row 1: missing column "${name}"`);
  }
  type Entry = { code: string; title: string; points: number | undefined; provenance?: Record<string, unknown> };
  const areas = new Map<string, Entry>();
  const items = new Map<string, Entry & { area: string }>();
  const indicators: unknown[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const get = (name: string) => (col(name) ? cellText(row.getCell(col(name)).value).trim() : "");
    if (!get("code")) return;
    const where = (name: string) =>
      `sheet "indicators", row ${n}, column ${String.fromCharCode(64 + col(name))} (${name})`;
    const area = get("area");
    const item = get("item");
    if (!areas.has(area))
      areas.set(area, {
        code: area,
        title: get("area_title"),
        points: num(get("area_points")),
        provenance: readProvenanceCell(get("area_provenance")),
      });
    if (!items.has(item))
      items.set(item, {
        code: item,
        area,
        title: get("item_title"),
        points: num(get("item_points")),
        provenance: readProvenanceCell(get("item_provenance")),
      });
    const kind = get("scoring_kind");
    let scoring: Record<string, unknown> = { kind };
    if (kind === "levels") {
      scoring.levels = get("levels")
        .split("|")
        .filter(Boolean)
        .map((part) => {
          // code:label:fraction — the label itself may contain ":".
          const parts = part.split(":");
          if (parts.length < 3)
            throw new Error(`${where("levels")}: write each level as code:label:fraction, separated by |`);
          return { code: parts[0].trim(), label: parts.slice(1, -1).join(":").trim(), fraction: Number(parts.at(-1)) };
        });
    } else if (kind === "quantitative") {
      scoring = {
        kind,
        inputs: get("inputs")
          .split("|")
          .filter(Boolean)
          .map((part) => {
            const [key, label, unit, ...rules] = part.split(":");
            return {
              key: key.trim(),
              label: (label ?? "").trim(),
              ...(unit?.trim() ? { unit: unit.trim() } : {}),
              ...inputRules(rules.join(":"), where("inputs")),
            };
          }),
        formula: get("formula"),
        ...(get("result_unit") ? { resultUnit: get("result_unit") } : {}),
        ...(get("result_range") ? { resultRange: resultRange(get("result_range"), where("result_range")) } : {}),
        bands: get("bands")
          .split("|")
          .filter(Boolean)
          .map((part) => {
            const [min, fraction, ...label] = part.split(":");
            if (fraction === undefined)
              throw new Error(`${where("bands")}: write each band as min:fraction(:label), separated by |`);
            return {
              min: Number(min),
              fraction: Number(fraction),
              ...(label.length ? { label: label.join(":") } : {}),
            };
          }),
      };
    }
    indicators.push({
      code: get("code"),
      area,
      item,
      title: get("title"),
      description: get("description"),
      maxPoints: num(get("max_points")),
      scoring,
      evidence: get("evidence")
        .split("\n")
        .map((s) => s.trim())
        .filter(Boolean),
      ownerDepartment: get("owner_department"),
      tags: get("tags")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
      ...(get("provenance_status")
        ? { provenance: provenance(get("provenance_status"), get("provenance_sources"), get("provenance_note")) }
        : {}),
    });
  });
  const sourceSheet = wb.getWorksheet("sources");
  if (sourceSheet) {
    const sources: Record<string, string>[] = [];
    sourceSheet.eachRow((row, n) => {
      if (n === 1) return;
      const entry = Object.fromEntries(SOURCE_COLUMNS.map((c, i) => [c, cellText(row.getCell(i + 1).value).trim()]));
      if (entry.id) sources.push(entry);
    });
    edition.sources = sources;
  }
  return { ...edition, areas: [...areas.values()], items: [...items.values()], indicators };
}

/** Writes an edition in the workbook form (a template a coordinator can fill from the printed guide). */
export async function writeEditionWorkbook(edition: Edition, file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const meta = wb.addWorksheet("edition");
  meta.addRow(["key", "value"]);
  const flat: Record<string, unknown> = {
    id: edition.id,
    year: edition.year,
    institutionType: edition.institutionType,
    title: edition.title,
    reconstruction: edition.reconstruction,
    notice: edition.notice,
    supersedes: edition.supersedes,
    totalPoints: edition.totalPoints,
    scheme: edition.scheme,
    "thresholds.application": edition.thresholds?.application,
    "thresholds.consulting": edition.thresholds?.consulting,
    "validity.initialYears": edition.validity?.initialYears,
    "validity.renewalYears": edition.validity?.renewalYears,
    "structure.areas": edition.structure.areas,
    "structure.items": edition.structure.items,
    "structure.indicators": edition.structure.indicators,
    legalReferences: edition.legalReferences?.map((r) => `${r.key} = ${r.citation}`).join("\n"),
  };
  for (const [k, v] of Object.entries(flat))
    if (v !== undefined) meta.addRow([k, typeof v === "boolean" ? String(v) : v]);
  const sheet = wb.addWorksheet("indicators");
  sheet.addRow([...WORKBOOK_COLUMNS]);
  const areaOf = new Map(edition.areas.map((a) => [a.code, a]));
  const itemOf = new Map(edition.items.map((i) => [i.code, i]));
  for (const ind of edition.indicators) {
    const s = ind.scoring;
    sheet.addRow([
      ind.code,
      ind.area,
      areaOf.get(ind.area)?.title,
      areaOf.get(ind.area)?.points,
      ind.item,
      itemOf.get(ind.item)?.title,
      itemOf.get(ind.item)?.points,
      ind.title,
      ind.description,
      ind.maxPoints,
      s.kind,
      s.kind === "levels" ? s.levels.map((l) => `${l.code}:${l.label}:${l.fraction}`).join("|") : "",
      s.kind === "quantitative"
        ? s.inputs
            .map((i) => {
              const rules = writeInputRules(i);
              return rules
                ? [i.key, i.label, i.unit ?? "", rules].join(":")
                : [i.key, i.label, i.unit].filter(Boolean).join(":");
            })
            .join("|")
        : "",
      s.kind === "quantitative" ? s.formula : "",
      s.kind === "quantitative" ? (s.resultUnit ?? "") : "",
      s.kind === "quantitative"
        ? s.bands.map((b) => [b.min, b.fraction, b.label].filter((x) => x !== undefined).join(":")).join("|")
        : "",
      ind.evidence.join("\n"),
      ind.ownerDepartment,
      ind.tags.join(","),
      s.kind === "quantitative" && s.resultRange ? `${s.resultRange.min ?? ""}..${s.resultRange.max ?? ""}` : "",
      ind.provenance.status,
      ind.provenance.sources.join(", "),
      ind.provenance.note ?? "",
      writeProvenanceCell(areaOf.get(ind.area)?.provenance),
      writeProvenanceCell(itemOf.get(ind.item)?.provenance),
    ]);
  }
  sheet.getRow(1).font = { bold: true };
  const sourceSheet = wb.addWorksheet("sources");
  sourceSheet.addRow([...SOURCE_COLUMNS]);
  for (const src of edition.sources) sourceSheet.addRow(SOURCE_COLUMNS.map((c) => src[c]));
  sourceSheet.getRow(1).font = { bold: true };
  await wb.xlsx.writeFile(file);
}

let shipped: Promise<Edition[]> | undefined;

/** Every edition file in indicators/editions, validated. A shipped edition that fails validation is a bug: throw. */
export function loadShippedEditions(): Promise<Edition[]> {
  shipped ??= (async () => {
    const dir = shippedEditionsDir();
    const files = (await fs.readdir(dir)).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();
    const editions: Edition[] = [];
    for (const f of files) {
      const result = validateEdition(await readEditionFile(path.join(dir, f)));
      if (!result.ok)
        throw new Error(`shipped edition ${f} is invalid:\n${result.errors.map((e) => `  ${e.message}`).join("\n")}`);
      editions.push(result.edition);
    }
    return editions;
  })();
  return shipped;
}

export function editionSummary(e: Edition) {
  return {
    id: e.id,
    year: e.year,
    institutionType: e.institutionType,
    title: e.title,
    reconstruction: e.reconstruction,
    areas: e.areas.length,
    items: e.items.length,
    indicators: e.indicators.length,
    totalPoints: e.indicators.reduce((s, i) => s + Math.round(i.maxPoints * 10), 0) / 10,
    provenance: provenanceCounts(e),
    sources: e.sources.length,
  };
}
