// How a person reads one audit event: what it is about (the indicator's code and title, not a row id), what was
// done, and which fields changed, named and valued in words ("상태: 제출 → 승인", "검토 점수: – → 8.0점") rather
// than as stored ("status: submitted → approved", "reviewed_tenths: – → 80"). Pure and browser-safe: the history
// page, an indicator's history tab and the CSV export all describe events through here. The stored event is never
// changed; a field this module does not know keeps its raw name and value.
import { formatPoints } from "#indicators/points";
import type { Indicator } from "#indicators/schema";
import { formatCalendarDate, formatDateTime } from "~/domain/datetime";
import { isMessageKey, type Locale, type MessageKey, type Params, translate } from "~/i18n";

/** The parts of an audit event a reader sees (as `HistoryEntry` carries them, JSON already parsed). */
export interface AuditEventView {
  entity: string;
  entityId: string;
  action: string;
  before: unknown;
  after: unknown;
}

/** What the description of an indicator's answer needs from the rubric. */
export interface IndicatorLabels {
  title: string;
  levels?: Record<string, string>;
  inputs?: Record<string, { label: string; labelEn?: string; unit?: string }>;
}

/** Names looked up in batches by the caller: indicators of the round's edition by code, departments by id. */
export interface DisplayLookups {
  indicators?: Record<string, IndicatorLabels>;
  departments?: Record<string, string>;
}

export interface TargetView {
  /** The kind of thing, in words (응답, 증빙, 배정 …). */
  entity: string;
  code: string | null;
  title: string | null;
  /** "#8" for an indicator's row whose event does not name the indicator; null otherwise. */
  ref: string | null;
}

export interface ChangeView {
  field: string;
  label: string;
  /** The value in words; null when the field was empty (shown as "–"). */
  before: string | null;
  after: string | null;
}

/** "change" has both sides; "created" only the after side (an addition), "removed" only the before side. */
export type ChangeKind = "change" | "created" | "removed";

export const EMPTY = "–";

export function indicatorLabels(indicator: Indicator): IndicatorLabels {
  const s = indicator.scoring;
  return {
    title: indicator.title,
    ...(s.kind === "levels" ? { levels: Object.fromEntries(s.levels.map((l) => [l.code, l.label])) } : {}),
    ...(s.kind === "quantitative"
      ? {
          inputs: Object.fromEntries(
            s.inputs.map((i) => {
              // An edition may name its inputs in English too (labelEn); older ones have only the Korean label.
              const en = (i as { labelEn?: unknown }).labelEn;
              return [
                i.key,
                {
                  label: i.label,
                  ...(typeof en === "string" && en ? { labelEn: en } : {}),
                  ...(i.unit ? { unit: i.unit } : {}),
                },
              ];
            }),
          ),
        }
      : {}),
  };
}

/**
 * The lookups built from the round's edition and departments: for the given events only the indicators they name (a
 * page ships just those), or every indicator of the edition when no events are given (an export of any length).
 */
export function lookupsFor(
  indicators: readonly Indicator[],
  departments: readonly { id: number; name: string }[],
  events?: readonly AuditEventView[],
): DisplayLookups {
  const codes = events ? new Set(events.map(indicatorCodeOf)) : null;
  return {
    indicators: Object.fromEntries(
      indicators.filter((i) => !codes || codes.has(i.code)).map((i) => [i.code, indicatorLabels(i)]),
    ),
    departments: Object.fromEntries(departments.map((d) => [String(d.id), d.name])),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Labels.

const tr = (locale: Locale, key: string, params?: Params): string | null =>
  isMessageKey(key) ? translate(locale, key as MessageKey, params) : null;

export function entityLabel(locale: Locale, entity: string): string {
  return tr(locale, `history.entity.${entity}`) ?? entity;
}

export function actionLabel(locale: Locale, action: string): string {
  return tr(locale, `history.action.${action}`) ?? action;
}

/** Entities that belong to one indicator: their events name it ("indicator", "code", or "round:code" as the id). */
const INDICATOR_ENTITIES = new Set(["response", "evidence", "comment", "action_item", "assignment"]);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The indicator an event is about, as its own JSON or id names it; null for the round's own events. */
export function indicatorCodeOf(e: Pick<AuditEventView, "entity" | "entityId" | "before" | "after">): string | null {
  for (const side of [e.after, e.before]) {
    if (!isRecord(side)) continue;
    if (typeof side.indicator === "string") return side.indicator;
    if (typeof side.code === "string" && INDICATOR_ENTITIES.has(e.entity)) return side.code;
  }
  if (e.entity === "assignment") {
    const m = /^\d+:(.+)$/.exec(e.entityId);
    if (m) return m[1];
  }
  return null;
}

export function describeTarget(locale: Locale, e: AuditEventView, lookups: DisplayLookups = {}): TargetView {
  const code = indicatorCodeOf(e);
  return {
    entity: entityLabel(locale, e.entity),
    code,
    title: code ? (lookups.indicators?.[code]?.title ?? null) : null,
    ref: code === null && INDICATOR_ENTITIES.has(e.entity) && /^\d+$/.test(e.entityId) ? `#${e.entityId}` : null,
  };
}

/** The target in one line: "응답 1.1.08 민원행정 전략 및 체계". */
export function targetText(t: TargetView): string {
  return [t.entity, t.code ?? t.ref, t.title].filter(Boolean).join(" ");
}

// ---------------------------------------------------------------------------------------------------------------
// Fields and values.

type Format =
  | "hidden"
  | "text"
  | "level"
  | "points"
  | "implemented"
  | "flag"
  | "count"
  | "date"
  | "dateTime"
  | "month"
  | "bytes"
  | "number"
  | "status"
  | "roundState"
  | "actionStatus"
  | "evidenceKind"
  | "commentKind"
  | "certificationKind"
  | "stage"
  | "decision"
  | "carryOver"
  | "latePolicy";

/** Bookkeeping: versions, hashes, row ids, who-and-when columns the event itself already records. */
const HIDDEN = new Set([
  "version",
  "id",
  "indicator",
  "code",
  "hash",
  "prev_hash",
  "file_sha256",
  "file_mime",
  "updated_at",
  "updated_by",
  "created_at",
  "created_by",
  "reviewed_at",
  "reviewed_by",
  "submitted_at",
]);

const FORMATS: Record<string, Format> = {
  status: "status",
  state: "roundState",
  self_tenths: "points",
  reviewed_tenths: "points",
  score_tenths: "points",
  implemented: "implemented",
  carried_over: "flag",
  createdRound: "flag",
  revoked: "flag",
  voided: "flag",
  "answer.yes": "flag",
  "answer.level": "level",
  assignments: "count",
  answers: "count",
  dropped: "count",
  carried: "count",
  responses: "count",
  actionItems: "count",
  dueDate: "date",
  held_on: "date",
  award_date: "date",
  self_diagnosis_from: "date",
  self_diagnosis_until: "date",
  deadline_at: "dateTime",
  revoked_at: "dateTime",
  review_from: "month",
  review_until: "month",
  award_month: "month",
  file_size: "bytes",
  year: "number",
  stage: "stage",
  decision: "decision",
  carry_over: "carryOver",
  late_policy: "latePolicy",
};

/** The same field name meaning something else on another entity. */
const ENTITY_FORMATS: Record<string, Format> = {
  "action_item.status": "actionStatus",
  "evidence.kind": "evidenceKind",
  "comment.kind": "commentKind",
  "certification.kind": "certificationKind",
};

/** Values that name one of a fixed set, with the message prefix of their labels. */
const ENUM_KEYS: Partial<Record<Format, string>> = {
  status: "status",
  roundState: "round.state",
  actionStatus: "gaps.status",
  evidenceKind: "work.evidence.kind",
  commentKind: "review.comment.kind",
  certificationKind: "registry.kind",
  stage: "stages.stage",
  decision: "stages.decision",
  carryOver: "history.value.carryOver",
  latePolicy: "late.option",
};

function formatOf(entity: string, field: string): Format {
  if (HIDDEN.has(field) || field.endsWith("_id") || field.endsWith("_sha256")) return "hidden";
  if (field.startsWith("answer.inputs.")) return "number";
  return ENTITY_FORMATS[`${entity}.${field}`] ?? FORMATS[field] ?? "text";
}

export function fieldLabel(
  locale: Locale,
  field: string,
  lookups: DisplayLookups = {},
  code: string | null = null,
): string {
  if (field.startsWith("answer.inputs.")) {
    const key = field.slice("answer.inputs.".length);
    const input = code ? lookups.indicators?.[code]?.inputs?.[key] : undefined;
    return (locale === "en" ? input?.labelEn : undefined) ?? input?.label ?? key;
  }
  return tr(locale, `history.field.${field}`) ?? field;
}

const collapse = (text: string) => text.replace(/\s+/g, " ").trim();
const tag = (locale: Locale) => (locale === "ko" ? "ko-KR" : "en-GB");

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

const asNumber = (v: unknown): number | null =>
  typeof v === "number" && Number.isFinite(v)
    ? v
    : typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v)
      ? Number(v)
      : null;

/** One value in words; null for an empty one. Anything unexpected is shown as it is stored. */
export function describeValue(
  locale: Locale,
  entity: string,
  field: string,
  value: unknown,
  lookups: DisplayLookups = {},
  code: string | null = null,
): string | null {
  if (value === null || value === undefined || value === "") return null;
  const format = formatOf(entity, field);
  const raw = () => collapse(typeof value === "string" ? value : JSON.stringify(value));
  const n = asNumber(value);
  const enumKey = ENUM_KEYS[format];
  if (enumKey) return tr(locale, `${enumKey}.${String(value)}`) ?? raw();
  switch (format) {
    case "points":
      return n === null ? raw() : translate(locale, "common.points", { points: formatPoints(n) });
    case "implemented":
      return value === true || value === 1
        ? translate(locale, "work.implemented.yes")
        : value === false || value === 0
          ? translate(locale, "work.implemented.no")
          : raw();
    case "flag":
      return value === true || value === 1
        ? translate(locale, "common.yes")
        : value === false || value === 0
          ? translate(locale, "common.no")
          : raw();
    case "count":
      return n === null ? raw() : translate(locale, "history.value.count", { count: n.toLocaleString(tag(locale)) });
    case "number": {
      if (n === null) return raw();
      const unit =
        field.startsWith("answer.inputs.") && code
          ? lookups.indicators?.[code]?.inputs?.[field.slice("answer.inputs.".length)]?.unit
          : undefined;
      return `${n.toLocaleString(tag(locale), { maximumFractionDigits: 6 })}${unit ? ` ${unit}` : ""}`;
    }
    case "date":
      return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatCalendarDate(value, locale) : raw();
    case "dateTime":
      return typeof value === "string" && !Number.isNaN(Date.parse(value)) ? formatDateTime(value, locale) : raw();
    case "month": {
      const m = typeof value === "string" ? /^(\d{4})-(\d{2})$/.exec(value) : null;
      return m ? translate(locale, "history.value.month", { year: m[1], month: Number(m[2]) }) : raw();
    }
    case "bytes":
      return n === null ? raw() : bytes(n);
    case "level": {
      const label = code && typeof value === "string" ? lookups.indicators?.[code]?.levels?.[value] : undefined;
      return label ? `${value}. ${collapse(label)}` : raw();
    }
    default:
      return raw();
  }
}

/**
 * An event's side as flat, readable fields: an answer ("{\"level\":\"B\"}") becomes its parts (answer.level …), an
 * assignment list ([{department_id, role}]) becomes its lead and supporting departments by name.
 */
export function flattenSide(side: unknown, lookups: DisplayLookups = {}): Record<string, unknown> | null {
  if (side === null || side === undefined) return null;
  if (Array.isArray(side)) {
    if (side.every((a) => isRecord(a) && "department_id" in a && "role" in a)) {
      const name = (id: unknown) => lookups.departments?.[String(id)] ?? `#${String(id)}`;
      const of = (role: string) =>
        (side as Record<string, unknown>[])
          .filter((a) => a.role === role)
          .map((a) => name(a.department_id))
          .join(", ") || null;
      return { lead: of("lead"), support: of("support") };
    }
    return Object.fromEntries(side.map((v, i) => [String(i), v]));
  }
  if (!isRecord(side)) return { value: side };
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(side)) {
    if (key !== "answer") {
      out[key] = value;
      continue;
    }
    const answer = parseAnswer(value);
    if (answer === undefined) out.answer = value;
    else if (answer !== null) {
      for (const [part, v] of Object.entries(answer)) {
        if (part === "inputs" && isRecord(v))
          for (const [input, n] of Object.entries(v)) out[`answer.inputs.${input}`] = n;
        else out[`answer.${part}`] = v;
      }
    }
  }
  return out;
}

/** A stored answer (JSON text or object): its parts, null for none, undefined when it is not an answer at all. */
function parseAnswer(value: unknown): Record<string, unknown> | null | undefined {
  if (value === null || value === undefined || value === "") return null;
  let parsed = value;
  if (typeof value === "string") {
    try {
      parsed = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  return isRecord(parsed) ? parsed : undefined;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
/** Nothing worth a line when only one side exists: an empty value or an unset flag. */
const isBlank = (entity: string, field: string, v: unknown) =>
  v === null || v === undefined || v === "" || (formatOf(entity, field) === "flag" && (v === false || v === 0));

/** The fields an event changed, in words, bookkeeping left out. */
export function describeChanges(
  locale: Locale,
  e: AuditEventView,
  lookups: DisplayLookups = {},
): { kind: ChangeKind; changes: ChangeView[] } {
  const code = indicatorCodeOf(e);
  const before = flattenSide(e.before, lookups);
  const after = flattenSide(e.after, lookups);
  const kind: ChangeKind = before && after ? "change" : before ? "removed" : "created";
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const changes: ChangeView[] = [];
  for (const field of keys) {
    if (formatOf(e.entity, field) === "hidden") continue;
    const b = before?.[field];
    const a = after?.[field];
    if (kind === "change" ? same(b, a) : isBlank(e.entity, field, kind === "created" ? a : b)) continue;
    changes.push({
      field,
      label: fieldLabel(locale, field, lookups, code),
      before: describeValue(locale, e.entity, field, b, lookups, code),
      after: describeValue(locale, e.entity, field, a, lookups, code),
    });
  }
  return { kind, changes };
}

/** One side of the changes as lines "label: value", for a spreadsheet cell; empty for the side an addition lacks. */
export function changeLines(described: { kind: ChangeKind; changes: ChangeView[] }, side: "before" | "after"): string {
  if ((side === "before" && described.kind === "created") || (side === "after" && described.kind === "removed"))
    return "";
  return described.changes.map((c) => `${c.label}: ${c[side] ?? EMPTY}`).join("\n");
}

/** Long text (a narrative of up to 4,000 characters) cut for a table cell. */
export function shorten(text: string, max = 120): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
