// What the registry's writes answer: the result, or field errors as translation keys.
import type { Selectable } from "kysely";
import type { CertificationTable } from "#db/schema";
import type { MessageKey } from "~/i18n";
import type { Notice } from "./actions.server";

export type Certification = Selectable<CertificationTable>;

/** One message, as the management actions' notices are. */
export type Message = Notice;
export type Errors = Record<string, Message>;
export type Result<T> = ({ ok: true } & T) | { ok: false; errors: Errors };

/** zod issues (whose messages are translation keys) → one message per field. */
export function issuesToErrors(issues: { path: PropertyKey[]; message: string }[]): Errors {
  const out: Errors = {};
  for (const issue of issues) {
    const field = issue.path.map(String).join(".") || "_form";
    out[field] ??= { key: issue.message as MessageKey };
  }
  return out;
}
