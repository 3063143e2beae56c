import { useEffect, useRef } from "react";
import type { MessageKey } from "~/i18n";
import type { DraftRefusal } from "~/utils/edition-drafts.server";
import { useT } from "../use-t";
import { useSumText } from "./sums";

/** The outcome of the last change: saved, or refused with the reason (stale, unbalanced sums, bad fields). */
export function DraftNotice({ result, done }: { result?: DraftRefusal | unknown; done: string | null }) {
  const t = useT();
  const sumText = useSumText();
  const ref = useRef<HTMLDivElement>(null);
  const refusal = result as DraftRefusal | undefined;
  useEffect(() => {
    if (refusal) ref.current?.focus();
  }, [refusal]);
  if (refusal && !refusal.ok) {
    const key: MessageKey =
      refusal.reason === "fields" ? "form.hasErrors" : (`draft.refused.${refusal.reason}` as MessageKey);
    return (
      <div ref={ref} tabIndex={-1} className="notice notice--error" role="alert">
        <p>{t(key)}</p>
        {refusal.sums?.length ? (
          <ul>
            {refusal.sums.map((s) => (
              <li key={`${s.kind}-${s.code}`}>{sumText(s)}</li>
            ))}
          </ul>
        ) : null}
        {refusal.messages?.length ? (
          <ul>
            {refusal.messages.map((m, i) => (
              <li key={i}>
                <code>{m}</code>
              </li>
            ))}
          </ul>
        ) : null}
        {refusal.errors ? (
          <ul>
            {Object.entries(refusal.errors).map(([field, message]) => (
              <li key={field}>
                {t(`draft.label.${field.replace(/\.\d+\./, ".")}` as MessageKey)}: {t(message as MessageKey)}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    );
  }
  if (done)
    return (
      <p className="notice notice--ok" role="status">
        {t(`draft.done.${done}` as MessageKey)}
      </p>
    );
  return null;
}
