// Editing an edition draft: the administrator's forms turned into an edition, and the sums they must balance.
// Pure and browser-safe: the indicator form runs the same parse + `validateEdition` live in the browser that the
// server runs when it saves and publishes.
import { hasAtMostOneDecimal, toTenths } from "#indicators/points";
import {
  type Edition,
  EditionSchema,
  type Indicator,
  type Provenance,
  PROVENANCE_STATUSES,
  type Scoring,
  SCORING_KINDS,
  SOURCE_KINDS,
  type Source,
  validateEdition,
} from "#indicators/schema";
import type { MessageKey } from "~/i18n";

export type FieldErrors = Record<string, MessageKey>;
type Fields = Record<string, unknown>;

const str = (fields: Fields, name: string) => (typeof fields[name] === "string" ? (fields[name] as string) : "").trim();

/** Row indices present in the form for a prefix ("level" → 0, 1, 2 from level.0.code, level.1.label …), in order. */
function rowIndices(fields: Fields, prefix: string): number[] {
  const found = new Set<number>();
  for (const key of Object.keys(fields)) {
    const m = new RegExp(`^${prefix}\\.(\\d+)\\.`).exec(key);
    if (m) found.add(Number(m[1]));
  }
  return [...found].sort((a, b) => a - b);
}

/** Reads numbers, recording an error under the field's name when the text is not one. */
class Reader {
  errors: FieldErrors = {};
  constructor(private fields: Fields) {}
  text(name: string, required = true): string {
    const value = str(this.fields, name);
    if (required && !value) this.errors[name] ??= "draft.error.required";
    return value;
  }
  number(name: string, rule: "points" | "fraction" | "any" | "count" = "any"): number {
    const raw = str(this.fields, name).replace(/,/g, "");
    const value = Number(raw);
    if (!raw || !Number.isFinite(value)) {
      this.errors[name] ??= "draft.error.number";
      return 0;
    }
    if (rule === "points" && value < 0) this.errors[name] ??= "draft.error.nonnegative";
    else if (rule === "points" && !hasAtMostOneDecimal(value)) this.errors[name] ??= "draft.error.decimal";
    else if (rule === "fraction" && (value < 0 || value > 1)) this.errors[name] ??= "draft.error.fraction";
    else if (rule === "count" && (!Number.isInteger(value) || value <= 0)) this.errors[name] ??= "draft.error.count";
    return value;
  }
  optionalNumber(name: string): number | undefined {
    return str(this.fields, name) === "" ? undefined : this.number(name);
  }
  flag(name: string): boolean {
    const v = str(this.fields, name);
    return v === "on" || v === "true" || v === "1";
  }
}

/**
 * Where a scoring method starts when the administrator switches to it: one level or one input and band, to be
 * overwritten with the manual's own (a placeholder the validation accepts, so the switch can be saved).
 */
export function startScoring(kind: Scoring["kind"]): Scoring {
  if (kind === "yesno") return { kind };
  if (kind === "levels") return { kind, levels: [{ code: "A", label: "시행", fraction: 1 }] };
  return { kind, inputs: [{ key: "value", label: "값" }], formula: "value", bands: [{ min: 0, fraction: 1 }] };
}

/**
 * A provenance from its form fields: `<prefix>status`, `<prefix>note`, and the cited source ids (checked boxes or a
 * comma-separated list). Errors go under `<prefix>status` / `<prefix>sources`: a status other than the three, a
 * source the edition's list does not have, or a sourced/derived entry citing nothing.
 */
function readProvenance(
  r: Reader,
  fields: Fields,
  prefix: string,
  cited: string[],
  sourceIds: readonly string[],
  current: Provenance,
): Provenance {
  const status = str(fields, `${prefix}status`) || current.status;
  const known = (PROVENANCE_STATUSES as readonly string[]).includes(status);
  if (!known) r.errors[`${prefix}status`] = "draft.error.status";
  const sources = [...new Set(cited)];
  if (sources.some((id) => !sourceIds.includes(id))) r.errors[`${prefix}sources`] = "draft.error.unknownSource";
  else if (known && status !== "placeholder" && sources.length === 0)
    r.errors[`${prefix}sources`] = "draft.error.sourcesNeeded";
  const note = str(fields, `${prefix}note`);
  return { status: status as Provenance["status"], sources, ...(note ? { note } : {}) };
}

const idList = (text: string) =>
  text
    .split(/[,\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);

const lines = (text: string) =>
  text
    .split("\n")
    .map((s) => s.trim())
    .filter(Boolean);

function readScoring(r: Reader, fields: Fields, current: Scoring): Scoring {
  const kind = (str(fields, "kind") || current.kind) as Scoring["kind"];
  if (!(SCORING_KINDS as readonly string[]).includes(kind)) {
    r.errors.kind = "draft.error.kind";
    return current;
  }
  if (kind === "yesno") return { kind };
  if (kind === "levels") {
    // A row with neither code nor label is an empty row (the form offers one to add a level; clearing one removes it).
    const rows = rowIndices(fields, "level").filter(
      (n) => str(fields, `level.${n}.code`) || str(fields, `level.${n}.label`),
    );
    if (current.kind !== "levels" && rows.length === 0) return startScoring(kind);
    if (rows.length === 0) r.errors.levels = "draft.error.levelsEmpty";
    return {
      kind,
      levels: rows.map((n) => ({
        code: r.text(`level.${n}.code`),
        label: r.text(`level.${n}.label`),
        fraction: r.number(`level.${n}.fraction`, "fraction"),
      })),
    };
  }
  const before = current.kind === "quantitative" ? current : undefined;
  const inputRows = rowIndices(fields, "input").filter(
    (n) => str(fields, `input.${n}.key`) || str(fields, `input.${n}.label`),
  );
  const bandRows = rowIndices(fields, "band").filter(
    (n) => str(fields, `band.${n}.min`) || str(fields, `band.${n}.fraction`),
  );
  if (!before && inputRows.length === 0 && bandRows.length === 0 && !str(fields, "formula")) {
    return startScoring(kind);
  }
  if (inputRows.length === 0) r.errors.inputs = "draft.error.inputsEmpty";
  if (bandRows.length === 0) r.errors.bands = "draft.error.bandsEmpty";
  const inputs = inputRows.map((n) => {
    const key = r.text(`input.${n}.key`);
    if (key && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) r.errors[`input.${n}.key`] ??= "draft.error.inputKey";
    const unit = str(fields, `input.${n}.unit`);
    const min = r.optionalNumber(`input.${n}.min`);
    const max = r.optionalNumber(`input.${n}.max`);
    const atMost = str(fields, `input.${n}.atMost`);
    const labelEn = str(fields, `input.${n}.labelEn`);
    return {
      key,
      label: r.text(`input.${n}.label`),
      ...(labelEn ? { labelEn } : {}),
      ...(unit ? { unit } : {}),
      ...(r.flag(`input.${n}.integer`) ? { integer: true } : {}),
      ...(min !== undefined ? { min } : {}),
      ...(max !== undefined ? { max } : {}),
      ...(atMost ? { atMost } : {}),
    };
  });
  const resultMin = r.optionalNumber("resultMin");
  const resultMax = r.optionalNumber("resultMax");
  const resultUnit = str(fields, "resultUnit");
  return {
    kind,
    inputs,
    formula: r.text("formula"),
    ...(resultUnit ? { resultUnit } : {}),
    ...(resultMin !== undefined || resultMax !== undefined
      ? {
          resultRange: {
            ...(resultMin !== undefined ? { min: resultMin } : {}),
            ...(resultMax !== undefined ? { max: resultMax } : {}),
          },
        }
      : {}),
    bands: bandRows.map((n) => {
      const label = str(fields, `band.${n}.label`);
      return {
        min: r.number(`band.${n}.min`),
        fraction: r.number(`band.${n}.fraction`, "fraction"),
        ...(label ? { label } : {}),
      };
    }),
  };
}

/**
 * The indicator form (one indicator: texts, points, evidence, tags, owner and its scoring method) read into an
 * indicator. Fields the form does not show (code, area, item, and anything a later schema adds) are kept from
 * `current`. Errors are keyed by the form field's name.
 */
export function parseIndicatorForm(
  fields: Fields,
  current: Indicator,
  sourceIds: readonly string[],
): { indicator: Indicator; errors: FieldErrors } {
  const r = new Reader(fields);
  // Each source is a checkbox "source.<id>"; a forged one naming no source of the edition is refused like any other.
  const cited = Object.keys(fields)
    .filter((k) => k.startsWith("source.") && str(fields, k))
    .map((k) => k.slice("source.".length));
  const tags = str(fields, "tags")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (tags.some((tag) => !/^[a-z0-9-]+$/.test(tag))) r.errors.tags = "draft.error.tags";
  const indicator: Indicator = {
    ...current,
    title: r.text("title"),
    description: str(fields, "description"),
    maxPoints: r.number("maxPoints", "points"),
    ownerDepartment: r.text("ownerDepartment"),
    evidence: lines(str(fields, "evidence")),
    tags,
    scoring: readScoring(r, fields, current.scoring),
    provenance: readProvenance(r, fields, "provenance.", cited, sourceIds, current.provenance),
  };
  return { indicator, errors: r.errors };
}

/** The structure form: every area's and item's title, points and provenance (its sources as a list of ids). */
export function parseStructureForm(fields: Fields, edition: Edition): { edition: Edition; errors: FieldErrors } {
  const r = new Reader(fields);
  const ids = edition.sources.map((x) => x.id);
  const entry = <T extends { provenance: Provenance }>(prefix: string, e: T) => ({
    ...e,
    title: r.text(`${prefix}.title`),
    points: r.number(`${prefix}.points`, "points"),
    provenance: readProvenance(r, fields, `${prefix}.`, idList(str(fields, `${prefix}.sources`)), ids, e.provenance),
  });
  const areas = edition.areas.map((a, n) => entry(`area.${n}`, a));
  const items = edition.items.map((it, n) => entry(`item.${n}`, it));
  return { edition: { ...edition, areas, items }, errors: r.errors };
}

/** Every source id an area, item or indicator cites. */
export function citedSources(edition: Edition): Set<string> {
  return new Set([...edition.areas, ...edition.items, ...edition.indicators].flatMap((e) => e.provenance.sources));
}

/**
 * The sources form: one row per source (id, title, kind, date, address, what it says); an empty last row adds one,
 * clearing a row's id and title removes it — unless something still cites it.
 */
export function parseSourcesForm(fields: Fields, edition: Edition): { edition: Edition; errors: FieldErrors } {
  const r = new Reader(fields);
  const rows = rowIndices(fields, "src").filter((n) => str(fields, `src.${n}.id`) || str(fields, `src.${n}.title`));
  const seen = new Set<string>();
  const sources: Source[] = rows.map((n) => {
    const id = r.text(`src.${n}.id`);
    if (id && !/^[a-z0-9][a-z0-9-]*$/.test(id)) r.errors[`src.${n}.id`] ??= "draft.error.sourceId";
    else if (seen.has(id)) r.errors[`src.${n}.id`] ??= "draft.error.sourceDuplicate";
    seen.add(id);
    const kind = str(fields, `src.${n}.kind`);
    if (!(SOURCE_KINDS as readonly string[]).includes(kind)) r.errors[`src.${n}.kind`] = "draft.error.required";
    const date = r.text(`src.${n}.date`);
    if (date && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(date)) r.errors[`src.${n}.date`] = "draft.error.sourceDate";
    return {
      id,
      title: r.text(`src.${n}.title`),
      kind: kind as Source["kind"],
      date,
      address: r.text(`src.${n}.address`),
      says: r.text(`src.${n}.says`),
    };
  });
  if (sources.length === 0) r.errors.sources = "draft.error.sourcesEmpty";
  const gone = [...citedSources(edition)].filter((id) => !seen.has(id));
  if (gone.length) r.errors.sources = "draft.error.sourceCited";
  return { edition: { ...edition, sources }, errors: r.errors };
}

/** The edition's own fields: title, year, type, totals, thresholds, validity, the reconstruction notice. */
export function parseMetaForm(
  fields: Fields,
  edition: Edition,
  baseId: string,
): { edition: Edition; errors: FieldErrors } {
  const r = new Reader(fields);
  const institutionType = str(fields, "institutionType");
  if (institutionType !== "sido" && institutionType !== "sigungu") r.errors.institutionType = "draft.error.required";
  const year = r.number("year", "count");
  if (!r.errors.year && (year < 2012 || year > 2100)) r.errors.year = "draft.error.year";
  const notice = str(fields, "notice");
  const certification = (edition.scheme ?? "certification") === "certification";
  const next: Edition = {
    ...edition,
    title: r.text("editionTitle"),
    year,
    institutionType: institutionType === "sido" ? "sido" : "sigungu",
    reconstruction: r.flag("reconstruction"),
    notice: notice || undefined,
    supersedes: r.flag("supersedes") ? baseId : undefined,
    totalPoints: r.number("totalPoints", "points"),
    // Only the 인증 has absolute lines; a scheme without a validity term keeps none (ADR 029).
    thresholds: certification
      ? { application: r.number("application", "points"), consulting: r.number("consulting", "points") }
      : undefined,
    validity:
      certification || edition.validity
        ? { initialYears: r.number("initialYears", "count"), renewalYears: r.number("renewalYears", "count") }
        : undefined,
  };
  if (!next.thresholds) delete next.thresholds;
  if (!next.validity) delete next.validity;
  if (!next.notice) delete next.notice;
  if (!next.supersedes) delete next.supersedes;
  return { edition: next, errors: r.errors };
}

/** The declared counts follow the content: the editor adds and removes indicators, the counts come along. */
export function withCounts(edition: Edition): Edition {
  return {
    ...edition,
    structure: { areas: edition.areas.length, items: edition.items.length, indicators: edition.indicators.length },
  };
}

export function replaceIndicator(edition: Edition, code: string, indicator: Indicator): Edition {
  return withCounts({ ...edition, indicators: edition.indicators.map((i) => (i.code === code ? indicator : i)) });
}

/** A new indicator at the end of its item (yes/no scoring, 0 points, to be filled in). */
export function addIndicator(
  edition: Edition,
  input: { code: string; item: string; title: string; ownerDepartment: string },
): Edition {
  const item = edition.items.find((it) => it.code === input.item);
  const indicator = {
    code: input.code,
    area: item?.area ?? "",
    item: input.item,
    title: input.title,
    description: "",
    maxPoints: 0,
    scoring: { kind: "yesno" as const },
    evidence: [],
    ownerDepartment: input.ownerDepartment,
    tags: [],
    // Nothing is known of a new indicator's source until the administrator says so on its form.
    provenance: { status: "placeholder" as const, sources: [] },
  } satisfies Indicator;
  const last = edition.indicators.findLastIndex((i) => i.item === input.item);
  const indicators = [...edition.indicators];
  indicators.splice(last === -1 ? indicators.length : last + 1, 0, indicator);
  return withCounts({ ...edition, indicators });
}

export function removeIndicator(edition: Edition, code: string): Edition {
  return withCounts({ ...edition, indicators: edition.indicators.filter((i) => i.code !== code) });
}

/** A copy of an edition under a new id, year, type and title: the start of a draft. */
export function copyEdition(
  base: Edition,
  input: { id: string; year: number; institutionType: "sido" | "sigungu"; title: string },
): Edition {
  const copy: Edition = { ...structuredClone(base), ...input };
  delete copy.supersedes;
  return copy;
}

/**
 * Whether content has the structure of an edition (what a draft must always have for its forms to work); its sums
 * and cross-references may still be off, which only publishing refuses.
 */
export function isStructurallyValid(raw: unknown): raw is Edition {
  return EditionSchema.safeParse(raw).success;
}

// ---------------------------------------------------------------------------------------------------------------
// Sums.

export interface Sum {
  kind: "total" | "area" | "item";
  code: string;
  title: string;
  /** What the parts add up to, in tenths. */
  sumTenths: number;
  /** What they should add up to, in tenths. */
  expectedTenths: number;
}

/** Every sum the points must balance: areas to the total, items to their area, indicators to their item. */
export function pointSums(edition: Edition): Sum[] {
  const sums: Sum[] = [
    {
      kind: "total",
      code: "",
      title: edition.title,
      sumTenths: edition.areas.reduce((s, a) => s + toTenths(a.points), 0),
      expectedTenths: toTenths(edition.totalPoints),
    },
  ];
  for (const area of edition.areas) {
    const sumTenths = edition.items.filter((it) => it.area === area.code).reduce((s, it) => s + toTenths(it.points), 0);
    sums.push({ kind: "area", code: area.code, title: area.title, sumTenths, expectedTenths: toTenths(area.points) });
  }
  for (const item of edition.items) {
    const sumTenths = edition.indicators
      .filter((i) => i.item === item.code)
      .reduce((s, i) => s + toTenths(i.maxPoints), 0);
    sums.push({ kind: "item", code: item.code, title: item.title, sumTenths, expectedTenths: toTenths(item.points) });
  }
  return sums;
}

export const unbalanced = (sums: Sum[]) => sums.filter((s) => s.sumTenths !== s.expectedTenths);

const SUM_FIELDS = ["areas.points", "items.points", "indicators.maxPoints"];

/** What `validateEdition` refuses besides the sums (which `pointSums` words for people): formulas, codes, references. */
export function otherProblems(edition: Edition): string[] {
  const result = validateEdition(edition);
  return result.ok ? [] : result.errors.filter((e) => !SUM_FIELDS.includes(e.field)).map((e) => e.message);
}

/** The indicator form's fields as they are before any change (the inverse of `parseIndicatorForm`). */
export function indicatorFormFields(indicator: Indicator): Record<string, string> {
  const f: Record<string, string> = {
    title: indicator.title,
    description: indicator.description,
    maxPoints: String(indicator.maxPoints),
    ownerDepartment: indicator.ownerDepartment,
    evidence: indicator.evidence.join("\n"),
    tags: indicator.tags.join(", "),
    kind: indicator.scoring.kind,
    "provenance.status": indicator.provenance.status,
    ...(indicator.provenance.note ? { "provenance.note": indicator.provenance.note } : {}),
    ...Object.fromEntries(indicator.provenance.sources.map((id) => [`source.${id}`, "on"])),
  };
  const s = indicator.scoring;
  if (s.kind === "levels") {
    s.levels.forEach((l, n) =>
      Object.assign(f, {
        [`level.${n}.code`]: l.code,
        [`level.${n}.label`]: l.label,
        [`level.${n}.fraction`]: String(l.fraction),
      }),
    );
  }
  if (s.kind === "quantitative") {
    s.inputs.forEach((i, n) => {
      const opt = (name: string, value: unknown) =>
        value === undefined ? {} : { [`input.${n}.${name}`]: String(value) };
      Object.assign(
        f,
        { [`input.${n}.key`]: i.key, [`input.${n}.label`]: i.label },
        opt("unit", i.unit),
        opt("min", i.min),
        opt("max", i.max),
        opt("atMost", i.atMost),
        opt("labelEn", i.labelEn),
        i.integer ? { [`input.${n}.integer`]: "on" } : {},
      );
    });
    f.formula = s.formula;
    if (s.resultUnit) f.resultUnit = s.resultUnit;
    if (s.resultRange?.min !== undefined) f.resultMin = String(s.resultRange.min);
    if (s.resultRange?.max !== undefined) f.resultMax = String(s.resultRange.max);
    s.bands.forEach((b, n) =>
      Object.assign(
        f,
        { [`band.${n}.min`]: String(b.min), [`band.${n}.fraction`]: String(b.fraction) },
        b.label ? { [`band.${n}.label`]: b.label } : {},
      ),
    );
  }
  return f;
}
