// Shared by browser and server: turn a zod failure into one message key per field.
import type { ZodError } from "zod";
import { isMessageKey, type MessageKey } from "~/i18n";

export type FieldErrors = Partial<Record<string, MessageKey>>;

/** Zod schemas in this app use translation keys as their messages; anything else falls back to a generic one. */
export function fieldErrors(error: ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.join(".") || "_form";
    if (out[field]) continue;
    out[field] = isMessageKey(issue.message) ? issue.message : "form.hasErrors";
  }
  return out;
}

/**
 * Text as it may be stored: without NUL characters. PostgreSQL's text type cannot hold U+0000 (a query carrying one
 * fails), SQLite would keep it invisibly, and no form or spreadsheet cell means anything by it.
 */
export function storableText(value: string): string {
  return value.includes("\u0000") ? value.replaceAll("\u0000", "") : value;
}

/** FormData → plain object (last value wins; repeated keys listed in `arrays` become arrays), texts storable. */
/** Fields named `<prefix><key>` (grade_1, obs_4.02 …) as one record keyed by what follows the prefix. */
export function prefixedFields(fields: Record<string, unknown>, prefix: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fields)
      .filter(([k]) => k.startsWith(prefix))
      .map(([k, v]) => [k.slice(prefix.length), String(v)]),
  );
}

export function formObject(form: FormData, arrays: string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, raw] of form.entries()) {
    if (typeof raw !== "string") continue;
    const value = storableText(raw);
    if (arrays.includes(key)) out[key] = [...((out[key] as string[]) ?? []), value];
    else out[key] = value;
  }
  return out;
}
