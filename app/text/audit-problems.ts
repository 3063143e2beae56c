// A verification problem in the reader's language (the history page in Korean or English, the CLI in either), and the
// event each one points at, so the page can mark that row. Pure and browser-safe: the translating function is passed
// in (app/i18n's `translate`).
import type { ChainProblem } from "~/domain/audit-chain";
import type { ReplayProblem } from "~/domain/audit-replay";
import type { CheckpointProblem } from "~/domain/checkpoint";
import { describeValue, entityLabel, fieldLabel } from "./audit-display";
import { formatDateTime } from "~/domain/datetime";
import type { Locale, MessageKey, Params } from "~/i18n";

export type Translate = (locale: Locale, key: MessageKey, params?: Params) => string;

export type VerifyProblem = ChainProblem | CheckpointProblem | ReplayProblem;

/** The event a problem is about (the row to mark on the history page), or null. */
export function problemSeq(p: VerifyProblem): number | null {
  switch (p.kind) {
    case "gap":
    case "broken-link":
    case "altered":
    case "checkpoint-rewritten":
    case "checkpoint-missing":
    case "row-differs":
    case "row-missing":
      return p.seq;
    default:
      return null;
  }
}

const COLUMN_FIELD: Record<string, string> = { indicator_code: "indicator", voided: "voided" };

export function describeProblem(locale: Locale, p: VerifyProblem, translate: Translate): string {
  const source = (s: string) => (s === "database" ? translate(locale, "verify.source.database") : s);
  switch (p.kind) {
    case "gap":
    case "broken-link":
    case "altered":
      return translate(locale, `verify.problem.${p.kind}`, { seq: p.seq });
    case "checkpoint-truncated":
      return translate(locale, "verify.problem.checkpoint-truncated", {
        seq: p.seq,
        last: p.lastSeq,
        signedAt: formatDateTime(p.signedAt, locale),
        source: source(p.source),
      });
    case "checkpoint-rewritten":
    case "checkpoint-missing":
      return translate(locale, `verify.problem.${p.kind}`, {
        seq: p.seq,
        signedAt: formatDateTime(p.signedAt, locale),
        source: source(p.source),
      });
    case "checkpoint-signature":
      return translate(locale, `verify.problem.checkpoint-signature.${p.reason}` as MessageKey, {
        seq: p.seq,
        keyId: p.keyId,
        source: source(p.source),
      });
    default: {
      const entity = entityLabel(locale, p.entity);
      const ref = [p.code, `#${p.id}`].filter(Boolean).join(" ");
      if (p.kind === "row-unlogged") return translate(locale, "verify.problem.row-unlogged", { entity, ref });
      if (p.kind === "row-missing") return translate(locale, "verify.problem.row-missing", { entity, ref, seq: p.seq });
      const fields = p.differences
        .map((d) => {
          const field = COLUMN_FIELD[d.column] ?? d.column;
          const value = (v: unknown) => describeValue(locale, p.entity, field, v) ?? "–";
          return translate(locale, "verify.difference", {
            field: fieldLabel(locale, field),
            log: value(d.log),
            table: value(d.table),
          });
        })
        .join("; ");
      return translate(locale, "verify.problem.row-differs", { entity, ref, fields, seq: p.seq });
    }
  }
}
