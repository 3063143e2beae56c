// The rules of a department's response, pure and browser-safe: who may edit when, how the status moves, and the
// one zod schema that checks the form in the browser and the same fields again on the server.
import { z } from "zod";
import { type Indicator, INPUT_LIMIT, type Quantitative } from "#indicators/schema";
import { quantitativeProblems, type ScoreProblem, scoreResponse } from "~/domain/scoring";
import type { MessageKey } from "~/i18n";

// Defined once, with the tables that store them; the domain names them for its rules.
import type { ResponseStatus, RoundState } from "#db/schema";
export type { ResponseStatus, RoundState };
export type AssignmentRole = "lead" | "support";

/** Statuses a department may still change; submitted and approved ones wait for (or passed) review. */
export const EDITABLE_STATUSES: readonly ResponseStatus[] = ["not_started", "draft", "returned"];

/** Why a response cannot be edited right now, or null when it can. */
export type EditLock = "round-not-open" | "submitted" | "approved" | "not-assigned" | null;

export function editLock(input: { roundState: RoundState; status: ResponseStatus; mayUpdate: boolean }): EditLock {
  if (input.roundState !== "open") return "round-not-open";
  if (!input.mayUpdate) return "not-assigned";
  if (input.status === "submitted") return "submitted";
  if (input.status === "approved") return "approved";
  return null;
}

/** A save keeps a returned response returned (it still needs handing in again) and starts a new one. */
export function statusAfterSave(status: ResponseStatus): ResponseStatus {
  return status === "not_started" ? "draft" : status;
}

/** Only the lead department hands an indicator in; supporting departments contribute answers and evidence. */
export function maySubmit(input: { lock: EditLock; role: AssignmentRole | null; status: ResponseStatus }): boolean {
  return input.lock === null && input.role === "lead" && (input.status === "draft" || input.status === "returned");
}

// ---------------------------------------------------------------------------------------------------------------
// The answer as stored (responses.answer, JSON) and as scored.

export interface StoredAnswer {
  yes?: boolean;
  level?: string;
  inputs?: Record<string, number>;
}

export interface Draft {
  /** true implemented, false not implemented (미시행), null not yet assessed. */
  implemented: boolean | null;
  answer: StoredAnswer;
  narrative: string;
}

export function parseStoredAnswer(text: string | null): StoredAnswer {
  if (!text) return {};
  try {
    const value = JSON.parse(text) as unknown;
    if (!value || typeof value !== "object") return {};
    const v = value as Record<string, unknown>;
    const out: StoredAnswer = {};
    if (typeof v.yes === "boolean") out.yes = v.yes;
    if (typeof v.level === "string") out.level = v.level;
    if (v.inputs && typeof v.inputs === "object") {
      out.inputs = Object.fromEntries(
        Object.entries(v.inputs as Record<string, unknown>).filter(
          (e): e is [string, number] => typeof e[1] === "number" && Number.isFinite(e[1]),
        ),
      );
    }
    return out;
  } catch {
    return {};
  }
}

/** JSON for responses.answer, or null when nothing was answered. Keys in a fixed order so equal answers compare equal. */
export function storeAnswer(answer: StoredAnswer): string | null {
  const out: StoredAnswer = {};
  if (answer.yes !== undefined) out.yes = answer.yes;
  if (answer.level !== undefined) out.level = answer.level;
  if (answer.inputs && Object.keys(answer.inputs).length) {
    out.inputs = Object.fromEntries(Object.entries(answer.inputs).sort(([a], [b]) => a.localeCompare(b)));
  }
  return Object.keys(out).length ? JSON.stringify(out) : null;
}

export function draftFromRow(
  row: { implemented: number | null; answer: string | null; narrative: string | null } | null,
): Draft {
  if (!row) return { implemented: null, answer: {}, narrative: "" };
  return {
    implemented: row.implemented === null ? null : row.implemented === 1,
    answer: parseStoredAnswer(row.answer),
    narrative: row.narrative ?? "",
  };
}

/** A response nobody has answered yet: a save based on "no version" (0) may fill it without a conflict. */
export function isBlank(row: { implemented: number | null; answer: string | null; narrative: string | null }): boolean {
  return row.implemented === null && row.answer === null && (row.narrative ?? "") === "";
}

/** A save based on `expectedVersion` would overwrite someone else's work. */
export function isConflict(
  expectedVersion: number,
  current: { version: number; implemented: number | null; answer: string | null; narrative: string | null } | null,
): boolean {
  if (!current) return expectedVersion !== 0;
  if (current.version === expectedVersion) return false;
  return !(expectedVersion === 0 && isBlank(current));
}

// ---------------------------------------------------------------------------------------------------------------
// The form: the same field names in the browser (react-hook-form) and in a plain POST without JavaScript.

export interface ResponseFormValues {
  version: string;
  implemented: "" | "yes" | "no";
  yes: "" | "yes" | "no";
  level: string;
  inputs: Record<string, string>;
  narrative: string;
}

export const NARRATIVE_MAX = 4000;
/** Generous upper bound for any quantitative input: beyond it a typing slip is far likelier than a real value. */
export const INPUT_MAX = INPUT_LIMIT;

// Digits with commas between every three ("98,731", "1,234,567.5") or none; a sign and decimals allowed.
const PLAIN_NUMBER = /^[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$|^[-+]?\.\d+$/;

/**
 * A number as a person types or pastes it → the number; null when it is not one. The one reading of numbers for the
 * web form and the Excel import: "98,731", " 1,234.5 ", full-width "９８，７３１" are numbers; "1e3", "천 일" and a
 * comma that does not separate thousands ("1,2", which some write for 1.2) are not.
 */
export function parseNumberText(text: string): number | null {
  const cleaned = text.normalize("NFKC").trim();
  if (!PLAIN_NUMBER.test(cleaned)) return null;
  const n = Number(cleaned.replace(/,/g, ""));
  return Number.isFinite(n) ? n : null;
}

/** The message for text that is not a number: misplaced thousands separators get their own. */
const notANumber = (text: string): MessageKey =>
  /^[-+]?[\d,]+(\.\d*)?$/.test(text.normalize("NFKC").trim()) && text.includes(",")
    ? "work.error.grouping"
    : "work.error.number";

/** Unchecked radios and absent fields arrive as undefined (plain POST) or null (react-hook-form): both mean "". */
const blank = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === undefined || v === null ? "" : v), schema);
const choice = blank(z.enum(["", "yes", "no"], { message: "work.error.choice" }));
const unused = blank(z.literal("", { message: "work.error.unknownField" }));

// Building a schema is not free and an indicator never changes (editions are cached, immutable objects): one per indicator.
const schemas = new WeakMap<Indicator, ReturnType<typeof buildResponseFormSchema>>();

/** The form schema for one indicator: fitted to its scoring method. Messages are translation keys naming the problem. */
export function responseFormSchema(indicator: Indicator) {
  let schema = schemas.get(indicator);
  if (!schema) {
    schema = buildResponseFormSchema(indicator);
    schemas.set(indicator, schema);
  }
  return schema;
}

function buildResponseFormSchema(indicator: Indicator) {
  const s = indicator.scoring;
  const levels = s.kind === "levels" ? s.levels.map((l) => l.code) : [];
  const inputs = s.kind === "quantitative" ? s.inputs : [];
  return z
    .object({
      version: blank(z.string().regex(/^\d{1,9}$/, "work.error.version")),
      implemented: choice,
      yes: s.kind === "yesno" ? choice : unused,
      level:
        s.kind === "levels"
          ? blank(z.string().refine((v) => v === "" || levels.includes(v), "work.error.levelUnknown"))
          : unused,
      inputs: z
        .preprocess(
          (v) => (v && typeof v === "object" ? v : {}),
          z.strictObject(
            Object.fromEntries(inputs.map((i) => [i.key, blank(z.string().max(40, "work.error.number"))])),
            { error: "work.error.unknownField" },
          ),
        )
        .transform((v) => v as Record<string, string>),
      narrative: blank(z.string().max(NARRATIVE_MAX, "work.error.narrativeTooLong")),
    })
    .superRefine((form, ctx) => {
      if (s.kind !== "quantitative") return;
      for (const problem of inputProblems(
        s,
        (form.inputs ?? {}) as Record<string, unknown>,
        form.implemented !== "no",
      )) {
        ctx.addIssue({ code: "custom", path: problem.field.split("."), message: problem.key });
      }
    });
}

/**
 * The problems of a quantitative indicator's inputs as typed: text that is not a number, then the rubric's rules on
 * the numbers (`quantitativeProblems`, the same rules the score obeys); the formula only when `evaluate`.
 */
export function inputProblems(
  s: Quantitative,
  texts: Readonly<Record<string, unknown>>,
  evaluate = true,
): ScoreProblem[] {
  const problems: ScoreProblem[] = [];
  const values: Record<string, number> = {};
  for (const input of s.inputs) {
    const text = texts[input.key];
    if (typeof text !== "string" || text.trim() === "" || text.length > 40) continue;
    const n = parseNumberText(text);
    if (n === null) problems.push({ field: `inputs.${input.key}`, key: notANumber(text) });
    else values[input.key] = n;
  }
  // A formula is only worth evaluating once every input reads as a number.
  const checked = quantitativeProblems(s, values, evaluate && problems.length === 0);
  return [...problems, ...checked.problems];
}

export type ParsedForm = z.infer<ReturnType<typeof responseFormSchema>>;

/** "inputs.legalDays" → { inputs: { legalDays } }: a plain form POST's flat names as the schema's shape. */
export function nestFormFields(flat: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { inputs: {} };
  for (const [key, value] of Object.entries(flat)) {
    const dot = key.indexOf(".");
    if (dot === -1) {
      out[key] = value;
      continue;
    }
    const head = key.slice(0, dot);
    const rest = key.slice(dot + 1);
    const group = (out[head] && typeof out[head] === "object" ? out[head] : {}) as Record<string, unknown>;
    group[rest] = value;
    out[head] = group;
  }
  return out;
}

export function draftFromForm(indicator: Indicator, values: ParsedForm): Draft {
  const answer: StoredAnswer = {};
  const s = indicator.scoring;
  // A yes/no indicator asks one question: 시행 is the yes (issue 15: it asked 시행 여부 and then 충족 여부). An
  // explicit answer (the grid's or the workbook's answer column, an older form) still counts as given.
  if (s.kind === "yesno" && values.yes) answer.yes = values.yes === "yes";
  else if (s.kind === "yesno" && values.implemented === "yes") answer.yes = true;
  if (s.kind === "levels" && values.level) answer.level = values.level;
  if (s.kind === "quantitative") {
    const inputs: Record<string, number> = {};
    for (const i of s.inputs) {
      const n = parseNumberText(values.inputs[i.key] ?? "");
      if (n !== null) inputs[i.key] = n;
    }
    if (Object.keys(inputs).length) answer.inputs = inputs;
  }
  return {
    implemented: values.implemented === "" ? null : values.implemented === "yes",
    answer,
    narrative: values.narrative.trim(),
  };
}

export function formValuesFromDraft(indicator: Indicator, draft: Draft, version: number): ResponseFormValues {
  const s = indicator.scoring;
  return {
    version: String(version),
    implemented: draft.implemented === null ? "" : draft.implemented ? "yes" : "no",
    yes: draft.answer.yes === undefined ? "" : draft.answer.yes ? "yes" : "no",
    level: draft.answer.level ?? "",
    inputs: Object.fromEntries(
      (s.kind === "quantitative" ? s.inputs : []).map((i) => [i.key, draft.answer.inputs?.[i.key]?.toString() ?? ""]),
    ),
    narrative: draft.narrative,
  };
}

export interface FieldProblem {
  field: string;
  message: string;
}

/** What a draft's answer still lacks to be scored, as field → translation key. */
export function missingAnswer(indicator: Indicator, draft: Draft): FieldProblem[] {
  if (draft.implemented === null) return [{ field: "implemented", message: "work.error.required" }];
  if (draft.implemented === false) {
    return draft.narrative ? [] : [{ field: "narrative", message: "work.error.reasonRequired" }];
  }
  const s = indicator.scoring;
  if (s.kind === "yesno" && draft.answer.yes === undefined) return [{ field: "yes", message: "work.error.required" }];
  if (s.kind === "levels" && !draft.answer.level) return [{ field: "level", message: "work.error.required" }];
  if (s.kind === "quantitative") {
    return s.inputs
      .filter((i) => draft.answer.inputs?.[i.key] === undefined)
      .map((i) => ({ field: `inputs.${i.key}`, message: "work.error.required" }));
  }
  return [];
}

/**
 * What a draft still lacks before it can be handed in: a scorable answer and, for an implemented indicator, the
 * account of what was done (the auditor reads it against the evidence).
 */
export function missingForSubmit(indicator: Indicator, draft: Draft): FieldProblem[] {
  const missing = missingAnswer(indicator, draft);
  if (draft.implemented === true && !draft.narrative.trim())
    missing.push({ field: "narrative", message: "work.error.narrativeRequired" });
  return missing;
}

export type DraftScore =
  | { state: "incomplete" }
  | { state: "scored"; tenths: number; result?: number }
  | { state: "invalid"; field: string; key: MessageKey };

/** The score of a draft by the edition's rule; the server always recomputes it and never trusts the browser's. */
export function scoreDraft(indicator: Indicator, draft: Draft): DraftScore {
  if (draft.implemented === null) return { state: "incomplete" };
  if (draft.implemented && missingAnswer(indicator, draft).length) return { state: "incomplete" };
  const result = scoreResponse(
    indicator,
    draft.implemented ? { implemented: true, ...draft.answer } : { implemented: false },
  );
  if (!result.ok) return { state: "invalid", field: result.field, key: result.key };
  return { state: "scored", tenths: result.tenths, ...(result.result !== undefined ? { result: result.result } : {}) };
}

/**
 * The server's field errors that still describe what is on the form: one whose field was edited since it was sent,
 * or that the browser's own check now judges, is gone (the person sees the browser's message instead). Problems of
 * the whole answer ("result", "formula", "_form") go as soon as any value changes.
 */
export function standingServerErrors<E>(
  errors: Readonly<Record<string, E>>,
  sent: ResponseFormValues | null,
  now: ResponseFormValues,
  clientFields: ReadonlySet<string>,
): Record<string, E> {
  const valueOf = (v: ResponseFormValues | null, field: string): unknown => {
    if (!v) return undefined;
    if (field.startsWith("inputs.")) return v.inputs?.[field.slice("inputs.".length)] ?? "";
    return (v as unknown as Record<string, unknown>)[field] ?? "";
  };
  const whole = !sent || comparableValues(sent) !== comparableValues(now);
  return Object.fromEntries(
    Object.entries(errors).filter(([field]) => {
      if (clientFields.has(field)) return false;
      if (field in FORM_FIELDS || field.startsWith("inputs.")) return valueOf(sent, field) === valueOf(now, field);
      return !whole;
    }),
  );
}

const FORM_FIELDS = { version: 1, implemented: 1, yes: 1, level: 1, narrative: 1 } as const;
const comparableValues = (v: ResponseFormValues) =>
  JSON.stringify([
    v.implemented ?? "",
    v.yes ?? "",
    v.level ?? "",
    v.narrative ?? "",
    Object.entries(v.inputs ?? {}).sort(),
  ]);

/** The indicators that are ready to hand in together: the department leads them, they are open and complete. */
export function finishedForSubmit<
  T extends { indicator: Indicator; status: ResponseStatus; role: AssignmentRole; draft: Draft },
>(rows: T[], roundState: RoundState): T[] {
  return rows.filter((r) => {
    const lock = editLock({ roundState, status: r.status, mayUpdate: true });
    if (!maySubmit({ lock, role: r.role, status: r.status })) return false;
    return missingForSubmit(r.indicator, r.draft).length === 0 && scoreDraft(r.indicator, r.draft).state === "scored";
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Evidence that is not a file.

export const TITLE_MAX = 200;
export const NOTE_MAX = 4000;

export const LinkEvidenceSchema = z.object({
  title: z.string().trim().min(1, "work.error.required").max(TITLE_MAX, "work.error.tooLong"),
  url: z
    .string()
    .trim()
    .max(2000, "work.error.tooLong")
    .refine((v) => {
      try {
        const u = new URL(v);
        return (u.protocol === "https:" || u.protocol === "http:") && Boolean(u.hostname);
      } catch {
        return false;
      }
    }, "work.error.url"),
});

export const NoteEvidenceSchema = z.object({
  title: z.string().trim().min(1, "work.error.required").max(TITLE_MAX, "work.error.tooLong"),
  note: z.string().trim().min(1, "work.error.required").max(NOTE_MAX, "work.error.tooLong"),
});

export const FileTitleSchema = z.object({
  title: z.string().trim().max(TITLE_MAX, "work.error.tooLong"),
});

// ---------------------------------------------------------------------------------------------------------------
// Evidence files: the accepted types and the file-name rules (the server also checks the content's magic bytes).

export interface EvidenceType {
  mime: string;
  /** Content families (magic bytes) a file with this extension may have. */
  families: readonly ("pdf" | "png" | "jpeg" | "gif" | "ole" | "zip" | "hwp3")[];
}

const OOXML = "application/vnd.openxmlformats-officedocument";
export const EVIDENCE_TYPES: Readonly<Record<string, EvidenceType>> = {
  pdf: { mime: "application/pdf", families: ["pdf"] },
  hwp: { mime: "application/x-hwp", families: ["ole", "hwp3"] },
  hwpx: { mime: "application/hwp+zip", families: ["zip"] },
  doc: { mime: "application/msword", families: ["ole"] },
  docx: { mime: `${OOXML}.wordprocessingml.document`, families: ["zip"] },
  xls: { mime: "application/vnd.ms-excel", families: ["ole"] },
  xlsx: { mime: `${OOXML}.spreadsheetml.sheet`, families: ["zip"] },
  ppt: { mime: "application/vnd.ms-powerpoint", families: ["ole"] },
  pptx: { mime: `${OOXML}.presentationml.presentation`, families: ["zip"] },
  png: { mime: "image/png", families: ["png"] },
  jpg: { mime: "image/jpeg", families: ["jpeg"] },
  jpeg: { mime: "image/jpeg", families: ["jpeg"] },
  gif: { mime: "image/gif", families: ["gif"] },
};

/** For `<input type="file" accept>`: a hint to the browser's picker, not a check. */
export const EVIDENCE_ACCEPT = Object.keys(EVIDENCE_TYPES)
  .map((e) => `.${e}`)
  .join(",");

export const FILE_NAME_MAX = 200;

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
}

export type FileNameCheck =
  | { ok: true; name: string; type: EvidenceType }
  | { ok: false; reason: "path" | "characters" | "reserved" | "tooLong" | "type"; name: string };

// Control characters (\p{Cc}: U+0000–001F and U+007F–009F), and the bidirectional overrides that make "exe.pdf" look like "fdp.exe".
const UNSAFE_CHARACTERS = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069<>:"|?*]/u;
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

/**
 * The name a file is stored and offered for download under, checked: no directories or "..", no control or
 * direction-changing characters, no device names, at most 200 characters, and an accepted extension.
 * Korean names written decomposed (as macOS sends them) are composed (NFC) first.
 */
export function checkEvidenceFileName(raw: string): FileNameCheck {
  const name = raw.normalize("NFC").trim();
  const shown = name.replace(UNSAFE_CHARACTERS, "?").slice(0, 80);
  if (/[/\\]/.test(name) || name === "." || name === ".." || name.startsWith("."))
    return { ok: false, reason: "path", name: shown };
  if (UNSAFE_CHARACTERS.test(name) || /[. ]$/.test(name)) return { ok: false, reason: "characters", name: shown };
  if (RESERVED.test(name)) return { ok: false, reason: "reserved", name: shown };
  if (name.length > FILE_NAME_MAX || new TextEncoder().encode(name).length > 255)
    return { ok: false, reason: "tooLong", name: shown };
  const type = EVIDENCE_TYPES[extensionOf(name)];
  if (!type) return { ok: false, reason: "type", name: shown };
  return { ok: true, name, type };
}
