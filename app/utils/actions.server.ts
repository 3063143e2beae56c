// The plumbing every form action shares: what an action answers (a notice, or field errors with the posted values)
// and the refusal of a form its schema turned down. Server-only; the components read the answer's type. (The route
// parameter that must be a row id, idParam, is the first step of every guard: app/utils/guards.server.ts.)
import { data } from "@remix-run/node";
import type { ZodError } from "zod";
import type { MessageKey, Params } from "~/i18n";
import { type FieldErrors, fieldErrors } from "./forms";

export interface Notice {
  key: MessageKey;
  params?: Params;
}
/** Shown once, right after it is made; only its hash is stored. */
export interface TemporaryPassword {
  username: string;
  displayName: string;
  password: string;
}
export type Outcome =
  { ok: true; notice: Notice; temporaryPassword?: TemporaryPassword } | { ok: false; errors: FieldErrors };

/** A change made: the notice the page shows. */
export const done = (key: MessageKey, params?: Params): Outcome => ({ ok: true, notice: { key, params } });
/** A change refused: the fields' errors. */
export const refuse = (errors: FieldErrors): Outcome => ({ ok: false, errors });
/** A change refused: one field's error. */
export const refuseField = (field: string, key: MessageKey): Outcome => ({ ok: false, errors: { [field]: key } });

export type ActionData =
  | { ok: true; intent: string; targetId: number | null; notice: Notice; temporaryPassword?: TemporaryPassword }
  | { ok: false; intent: string; targetId: number | null; errors: FieldErrors; values: Record<string, string> };

/** A form the schema refused: field errors, or "unknown request" when the intent itself is not one the page knows. */
export function invalid(error: ZodError): Outcome {
  if (error.issues.some((i) => i.path[0] === "intent"))
    return { ok: false, errors: { _form: "org.error.unknownIntent" } };
  return { ok: false, errors: fieldErrors(error) };
}

/**
 * The answer of a management action: the outcome, which form it belongs to (intent and target row) and, on refusal,
 * the posted values (never passwords) so the form re-renders with them when JavaScript is off. Never cached: it may
 * hold a temporary password.
 */
export function actionResponse(fields: Record<string, unknown>, outcome: Outcome, refusedStatus = 400) {
  const intent = String(fields.intent ?? "");
  // The row a per-row form acted on; a "create" form has none (its department or institution is a field, not a target).
  const target = intent.startsWith("create") ? null : (fields.departmentId ?? fields.userId ?? fields.institutionId);
  const targetId = typeof target === "string" && /^\d+$/.test(target) ? Number(target) : null;
  const init = { status: outcome.ok ? 200 : refusedStatus, headers: { "Cache-Control": "no-store" } };
  if (outcome.ok) return data<ActionData>({ ...outcome, intent, targetId }, init);
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields))
    if (typeof v === "string" && !/password|current|next|confirm/i.test(k)) values[k] = v;
  return data<ActionData>({ ok: false, intent, targetId, errors: outcome.errors, values }, init);
}
