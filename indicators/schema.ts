// One schema for a rubric edition (3 areas → 6 diagnostic items → indicators, 1,000 points), plus the
// cross-field rules zod alone cannot state. Errors name the indicator and the field.
import { z } from "zod";
import { parseFormula } from "./formula";
import { hasAtMostOneDecimal, toTenths } from "./points";

export const SCORING_KINDS = ["yesno", "levels", "quantitative"] as const;
/**
 * The programme an edition belongs to (ADR 029): the 민원서비스 우수기관 인증 (2012–2015), the 민원서비스 종합평가,
 * the 국민행복민원실 인증. An edition that does not say belongs to the 인증.
 */
export const SCHEME_IDS = ["certification", "comprehensive", "happy-office"] as const;

const text = z.string().trim().min(1);
const points = z.number().nonnegative();

const LevelSchema = z.object({ code: text, label: text, fraction: z.number() });
const BandSchema = z.object({ min: z.number(), fraction: z.number(), label: z.string().optional() });
/** The largest magnitude any quantitative input or bound may have: beyond it a typing slip is likelier than a value. */
export const INPUT_LIMIT = 1_000_000_000;

const inputKey = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be a name of letters, digits and _ (not starting with a digit)");
const bound = z.number().refine(Number.isFinite, "must be a finite number");

/**
 * One value a department enters for a quantitative indicator, with the rules its meaning implies. Unknown keys are
 * refused, so a misspelt rule (`interger: true`) cannot silently fall away.
 */
const InputSchema = z.strictObject({
  key: inputKey,
  label: text,
  /** The label in English mode; the Korean label otherwise. */
  labelEn: text.optional(),
  unit: z.string().optional(),
  /** Whole numbers only (counts of cases, people, machines). */
  integer: z.boolean().optional(),
  /** Smallest accepted value; 0 when absent. */
  min: bound.optional(),
  /** Largest accepted value; 100 when absent and the unit is "%", else the input limit. */
  max: bound.optional(),
  /** The key of another input this one may not exceed (cases handled on time ≤ all cases handled). */
  atMost: inputKey.optional(),
});

/** The range the formula's result must fall in (a rate between 0 and 100); a result outside it is refused. */
const ResultRangeSchema = z.strictObject({ min: bound.optional(), max: bound.optional() });

export const ScoringSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("yesno") }),
  z.object({ kind: z.literal("levels"), levels: z.array(LevelSchema).min(1) }),
  z.strictObject({
    kind: z.literal("quantitative"),
    inputs: z.array(InputSchema).min(1),
    formula: text,
    resultUnit: z.string().optional(),
    resultRange: ResultRangeSchema.optional(),
    bands: z.array(BandSchema).min(1),
  }),
]);

/** What a source is: a seed document, a press page, a law text, or a reference note kept with the project. */
export const SOURCE_KINDS = ["seed", "press", "law", "reference"] as const;
/**
 * How far a piece of the rubric rests on its sources:
 * - `sourced`: a source names it (the indicator, or the area/item with its title or points);
 * - `derived`: a sourced theme given an assumed scale, wording or points;
 * - `placeholder`: assumed, to fill the structure (no source names it).
 */
export const PROVENANCE_STATUSES = ["sourced", "derived", "placeholder"] as const;
export type ProvenanceStatus = (typeof PROVENANCE_STATUSES)[number];

const sourceId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "must be lower-case letters, digits and -");

/** One entry of an edition's sources list; `date` is the day, month or year the source speaks for (YYYY[-MM[-DD]]). */
export const SourceSchema = z.strictObject({
  id: sourceId,
  title: text,
  kind: z.enum(SOURCE_KINDS),
  date: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, "must be YYYY, YYYY-MM or YYYY-MM-DD"),
  /** A web address, or a file path for a seed document. */
  address: text,
  /** What the source says that the edition relies on. */
  says: text,
});

/** Where an area, item or indicator comes from. Required: an edition that does not say is refused. */
export const ProvenanceSchema = z.strictObject({
  status: z.enum(PROVENANCE_STATUSES),
  sources: z.array(sourceId).default([]),
  /** Which numbers or words are assumptions, or what the source says exactly. */
  note: z.string().optional(),
});

export const IndicatorSchema = z.object({
  code: z.string().regex(/^[0-9A-Za-z][0-9A-Za-z.-]*$/),
  area: text,
  item: text,
  title: text,
  description: z.string(),
  maxPoints: points,
  scoring: ScoringSchema,
  evidence: z.array(z.string()).default([]),
  ownerDepartment: text,
  tags: z.array(z.string().regex(/^[a-z0-9-]+$/)).default([]),
  provenance: ProvenanceSchema,
});

export const EditionSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  /** Absent: the 인증 (every edition written before schemes existed). */
  scheme: z.enum(SCHEME_IDS).optional(),
  year: z.number().int().min(2012).max(2100),
  institutionType: z.enum(["sido", "sigungu"]),
  title: text,
  reconstruction: z.boolean(),
  notice: z.string().optional(),
  supersedes: z.string().optional(),
  totalPoints: points,
  /** The absolute lines that year's manual states; only the 인증 has them (the 종합평가 grades relative to peers). */
  thresholds: z.object({ application: points, consulting: points }).optional(),
  /** How long an award is valid; absent for a scheme that grades rather than certifies. */
  validity: z
    .object({ initialYears: z.number().int().positive(), renewalYears: z.number().int().positive() })
    .optional(),
  structure: z.object({
    areas: z.number().int().positive(),
    items: z.number().int().positive(),
    indicators: z.number().int().positive(),
  }),
  legalReferences: z.array(z.object({ key: text, citation: text })).optional(),
  /** Every source the edition's provenance cites (seed documents, press pages, law articles, reference notes). */
  sources: z.array(SourceSchema).min(1),
  areas: z.array(z.object({ code: text, title: text, points, provenance: ProvenanceSchema })).min(1),
  items: z.array(z.object({ code: text, area: text, title: text, points, provenance: ProvenanceSchema })).min(1),
  indicators: z.array(IndicatorSchema).min(1),
});

export type Edition = z.infer<typeof EditionSchema>;
export type Indicator = Edition["indicators"][number];
export type Scoring = Indicator["scoring"];
export type Quantitative = Extract<Scoring, { kind: "quantitative" }>;
export type QuantitativeInput = Quantitative["inputs"][number];
export type Area = Edition["areas"][number];
export type Item = Edition["items"][number];
export type Source = Edition["sources"][number];
export type Provenance = Indicator["provenance"];

export interface EditionIssue {
  indicator?: string;
  field: string;
  message: string;
}

export type ValidationResult = { ok: true; edition: Edition } | { ok: false; errors: EditionIssue[] };

const fmt = (tenths: number) => (tenths / 10).toFixed(1).replace(/\.0$/, "");

/** "scoring.inputs.1.integer" → "scoring.inputs[total].integer": an input is named by its key where it has one. */
function fieldPath(indicator: Record<string, unknown> | undefined, path: string[]): string {
  if (path[0] !== "scoring" || path[1] !== "inputs" || path.length < 3) return path.join(".");
  const inputs = (indicator?.scoring as Record<string, unknown> | undefined)?.inputs;
  const input = (Array.isArray(inputs) ? inputs[Number(path[2])] : undefined) as Record<string, unknown> | undefined;
  const name = typeof input?.key === "string" && input.key ? input.key : `#${Number(path[2]) + 1}`;
  return [`scoring.inputs[${name}]`, ...path.slice(3)].join(".");
}

/** Turns a zod issue into a message that names the indicator (by code) and the field. */
function describeZodIssue(raw: unknown, issue: z.core.$ZodIssue): EditionIssue {
  const path = issue.path.map(String);
  const rawObj = (raw ?? {}) as Record<string, unknown>;
  if (path[0] === "indicators" && path.length >= 2) {
    const index = Number(path[1]);
    const entry = (Array.isArray(rawObj.indicators) ? rawObj.indicators[index] : undefined) as
      Record<string, unknown> | undefined;
    const code = typeof entry?.code === "string" ? entry.code : `#${index + 1}`;
    const field = fieldPath(entry, path.slice(2)) || "indicator";
    let message = issue.message;
    if (field === "scoring.kind" || (field === "scoring" && issue.code === "invalid_union")) {
      const kind = (entry?.scoring as Record<string, unknown> | undefined)?.kind;
      message = `unknown scoring kind ${JSON.stringify(kind)} (expected ${SCORING_KINDS.join(", ")})`;
      return { indicator: code, field: "scoring.kind", message: `indicator ${code}: scoring.kind: ${message}` };
    }
    return { indicator: code, field, message: `indicator ${code}: ${field}: ${message}` };
  }
  if ((path[0] === "items" || path[0] === "areas") && path.length >= 2) {
    const list = rawObj[path[0]];
    const entry = (Array.isArray(list) ? list[Number(path[1])] : undefined) as Record<string, unknown> | undefined;
    const name = `${path[0] === "items" ? "item" : "area"} ${typeof entry?.code === "string" ? entry.code : `#${Number(path[1]) + 1}`}`;
    const field = path.slice(2).join(".") || path[0];
    return { field, message: `${name}: ${field}: ${issue.message}` };
  }
  const field = path.join(".") || "edition";
  return { field, message: `${field}: ${issue.message}` };
}

/** Rules across fields: unique codes, references, sums in tenths, fractions, formulas, declared counts. */
function crossCheck(e: Edition): EditionIssue[] {
  const errors: EditionIssue[] = [];
  const add = (field: string, message: string, indicator?: string) => errors.push({ indicator, field, message });

  const areaCodes = new Map<string, number>();
  e.areas.forEach((a, i) => {
    if (areaCodes.has(a.code))
      add("areas.code", `area ${a.code}: duplicate code (first seen at position ${areaCodes.get(a.code)! + 1})`);
    else areaCodes.set(a.code, i);
  });
  const itemCodes = new Map<string, number>();
  e.items.forEach((it, i) => {
    if (itemCodes.has(it.code))
      add("items.code", `item ${it.code}: duplicate code (first seen at position ${itemCodes.get(it.code)! + 1})`);
    else itemCodes.set(it.code, i);
    if (!areaCodes.has(it.area)) add("items.area", `item ${it.code}: area "${it.area}" does not exist`);
  });

  const sourceIds = new Set<string>();
  for (const src of e.sources) {
    if (sourceIds.has(src.id)) add("sources.id", `source ${src.id}: duplicate id`);
    sourceIds.add(src.id);
  }
  const checkProvenance = (who: string, p: Provenance, indicator?: string) => {
    for (const id of p.sources) {
      if (!sourceIds.has(id))
        add(
          "provenance.sources",
          `${who}: provenance.sources: unknown source "${id}" (not in the edition's sources list)`,
          indicator,
        );
    }
    if (p.status !== "placeholder" && p.sources.length === 0) {
      add(
        "provenance.sources",
        `${who}: provenance.sources: a ${p.status} entry must cite at least one source`,
        indicator,
      );
    }
  };
  e.areas.forEach((a) => checkProvenance(`area ${a.code}`, a.provenance));
  e.items.forEach((it) => checkProvenance(`item ${it.code}`, it.provenance));
  e.indicators.forEach((ind) => checkProvenance(`indicator ${ind.code}`, ind.provenance, ind.code));

  const seen = new Map<string, number>();
  e.indicators.forEach((ind, i) => {
    const at = (field: string, message: string) => add(field, `indicator ${ind.code}: ${message}`, ind.code);
    if (seen.has(ind.code)) at("code", `duplicate code (first seen at row ${seen.get(ind.code)! + 1})`);
    else seen.set(ind.code, i);
    const item = e.items.find((it) => it.code === ind.item);
    if (!item) at("item", `item "${ind.item}" does not exist`);
    else if (item.area !== ind.area)
      at("area", `area "${ind.area}" does not match its item ${item.code}, which is under area "${item.area}"`);
    if (!areaCodes.has(ind.area)) at("area", `area "${ind.area}" does not exist`);
    if (!hasAtMostOneDecimal(ind.maxPoints)) at("maxPoints", `maxPoints ${ind.maxPoints} has more than one decimal`);
    const s = ind.scoring;
    if (s.kind === "levels") {
      s.levels.forEach((l, n) => {
        if (l.fraction < 0 || l.fraction > 1)
          at(
            `scoring.levels[${n}].fraction`,
            `scoring.levels[${n}].fraction must be between 0 and 1 (got ${l.fraction})`,
          );
      });
      if (!s.levels.some((l) => l.fraction === 1))
        at("scoring.levels", "scoring.levels: no level gives full points (fraction 1)");
      const codes = s.levels.map((l) => l.code);
      if (new Set(codes).size !== codes.length) at("scoring.levels", "scoring.levels: duplicate level codes");
    }
    if (s.kind === "quantitative") {
      const keys = s.inputs.map((x) => x.key);
      if (new Set(keys).size !== keys.length) at("scoring.inputs", "scoring.inputs: duplicate input keys");
      const parsed = parseFormula(s.formula, keys);
      if (!parsed.ok) at("scoring.formula", `scoring.formula: ${parsed.message}`);
      for (const input of s.inputs) {
        const f = `scoring.inputs[${input.key}]`;
        const min = input.min ?? 0;
        const max = input.max ?? (input.unit === "%" ? 100 : INPUT_LIMIT);
        if (input.min !== undefined && Math.abs(input.min) > INPUT_LIMIT)
          at(`${f}.min`, `${f}.min: ${input.min} is beyond the input limit of ${INPUT_LIMIT}`);
        if (input.max !== undefined && Math.abs(input.max) > INPUT_LIMIT)
          at(`${f}.max`, `${f}.max: ${input.max} is beyond the input limit of ${INPUT_LIMIT}`);
        if (min > max) at(`${f}.max`, `${f}: min ${min} is above max ${max}`);
        if (input.integer && Math.ceil(min) > Math.floor(max))
          at(`${f}.integer`, `${f}: no whole number lies between min ${min} and max ${max}`);
        if (input.atMost !== undefined) {
          if (input.atMost === input.key) at(`${f}.atMost`, `${f}.atMost: an input cannot be compared with itself`);
          else if (!keys.includes(input.atMost))
            at(`${f}.atMost`, `${f}.atMost: unknown input "${input.atMost}" (declared: ${keys.join(", ")})`);
        }
      }
      if (s.resultRange) {
        const { min, max } = s.resultRange;
        if (min === undefined && max === undefined)
          at("scoring.resultRange", "scoring.resultRange: give min, max or both");
        if (min !== undefined && max !== undefined && min > max)
          at("scoring.resultRange", `scoring.resultRange: min ${min} is above max ${max}`);
      }
      s.bands.forEach((b, n) => {
        if (b.fraction < 0 || b.fraction > 1)
          at(
            `scoring.bands[${n}].fraction`,
            `scoring.bands[${n}].fraction must be between 0 and 1 (got ${b.fraction})`,
          );
      });
      const mins = s.bands.map((b) => b.min);
      if (new Set(mins).size !== mins.length) at("scoring.bands", "scoring.bands: two bands start at the same value");
      if (!s.bands.some((b) => b.fraction === 1))
        at("scoring.bands", "scoring.bands: no band gives full points (fraction 1)");
    }
  });

  const total = toTenths(e.totalPoints);
  const areaSum = e.areas.reduce((s, a) => s + toTenths(a.points), 0);
  if (areaSum !== total)
    add("areas.points", `areas: points sum to ${fmt(areaSum)}, expected totalPoints ${fmt(total)}`);
  for (const area of e.areas) {
    const sum = e.items.filter((it) => it.area === area.code).reduce((s, it) => s + toTenths(it.points), 0);
    if (sum !== toTenths(area.points))
      add(
        "items.points",
        `area ${area.code}: its items' points sum to ${fmt(sum)}, expected ${fmt(toTenths(area.points))}`,
      );
  }
  for (const item of e.items) {
    const sum = e.indicators.filter((i) => i.item === item.code).reduce((s, i) => s + toTenths(i.maxPoints), 0);
    if (sum !== toTenths(item.points))
      add(
        "indicators.maxPoints",
        `item ${item.code}: its indicators' points sum to ${fmt(sum)}, expected ${fmt(toTenths(item.points))}`,
      );
  }
  const indSum = e.indicators.reduce((s, i) => s + toTenths(i.maxPoints), 0);
  if (indSum !== total)
    add("indicators.maxPoints", `indicators: points sum to ${fmt(indSum)}, expected totalPoints ${fmt(total)}`);

  const declared = e.structure;
  if (declared.areas !== e.areas.length)
    add("structure.areas", `structure.areas: declares ${declared.areas} areas, found ${e.areas.length}`);
  if (declared.items !== e.items.length)
    add("structure.items", `structure.items: declares ${declared.items} items, found ${e.items.length}`);
  if (declared.indicators !== e.indicators.length)
    add(
      "structure.indicators",
      `structure.indicators: declares ${declared.indicators} indicators, found ${e.indicators.length}`,
    );

  const certification = (e.scheme ?? "certification") === "certification";
  if (certification && !e.thresholds)
    add("thresholds", "thresholds: an edition of the 인증 states its application and consulting lines");
  if (certification && !e.validity)
    add("validity", "validity: an edition of the 인증 states its validity (initialYears, renewalYears)");
  if (!certification && e.thresholds)
    add("thresholds", `thresholds: the ${e.scheme} scheme has no absolute lines; remove thresholds`);
  const th = e.thresholds;
  if (!th) return errors;
  if (th.application > e.totalPoints)
    add("thresholds.application", `thresholds.application ${th.application} exceeds totalPoints ${e.totalPoints}`);
  if (th.consulting >= th.application)
    add(
      "thresholds.consulting",
      `thresholds.consulting ${th.consulting} must be below thresholds.application ${th.application}`,
    );
  return errors;
}

/** How many indicators of an edition are sourced, derived and placeholder. */
export function provenanceCounts(e: Pick<Edition, "indicators">): Record<ProvenanceStatus, number> {
  const counts: Record<ProvenanceStatus, number> = { sourced: 0, derived: 0, placeholder: 0 };
  for (const ind of e.indicators) counts[ind.provenance.status] += 1;
  return counts;
}

/** Validates an edition and reports every error, each naming its indicator (by code) and field. */
export function validateEdition(raw: unknown): ValidationResult {
  const parsed = EditionSchema.safeParse(raw);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue) => describeZodIssue(raw, issue));
    // Deduplicate (a bad union member can raise several issues on one field).
    const unique = errors.filter((e, i) => errors.findIndex((x) => x.message === e.message) === i);
    return { ok: false, errors: unique };
  }
  const errors = crossCheck(parsed.data);
  return errors.length ? { ok: false, errors } : { ok: true, edition: parsed.data };
}
