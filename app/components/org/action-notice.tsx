import { useActionData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import type { MessageKey } from "~/i18n";
import type { ActionData, TemporaryPassword } from "~/utils/actions.server";
import { useT } from "../use-t";
import { formId } from "./use-schema-form";

/** The outcome of the last change on the page: done, refused (why), and a temporary password when one was made. */
export function ActionNotice() {
  const t = useT();
  const result = useActionData() as ActionData | undefined;
  const ref = useRef<HTMLDivElement>(null);
  // A one-time password, or a refusal that names no field, may appear far above the button that caused it:
  // bring it into view and move the focus there so it is seen and read out.
  const attention = result ? (result.ok ? Boolean(result.temporaryPassword) : Boolean(result.errors._form)) : false;
  useEffect(() => {
    if (attention) ref.current?.focus();
  }, [result, attention]);
  if (!result) return null;
  if (result.ok) {
    return (
      <div ref={ref} tabIndex={-1} className="action-notice">
        <p className="notice notice--ok" role="status">
          {t(result.notice.key, result.notice.params)}
        </p>
        {result.temporaryPassword ? <TemporaryPasswordPanel value={result.temporaryPassword} /> : null}
      </div>
    );
  }
  const key: MessageKey = result.errors._form ?? "form.hasErrors";
  const fieldsWrong = Object.keys(result.errors).some((k) => k !== "_form");
  return (
    <div ref={ref} tabIndex={-1} className="action-notice">
      <p className="notice notice--error" role="alert">
        {t(key)}
        {fieldsWrong ? (
          <>
            {" "}
            <a href={`#${formId(result.intent, result.targetId)}`}>{t("org.notice.goToForm")}</a>
          </>
        ) : null}
      </p>
    </div>
  );
}

function TemporaryPasswordPanel({ value }: { value: TemporaryPassword }) {
  const t = useT();
  return (
    <section className="notice notice--warn" aria-labelledby="temp-password-title" data-testid="temporary-password">
      <h2 id="temp-password-title" className="small">
        {t("org.tempPassword.title")}
      </h2>
      <p>{t("org.tempPassword.for", { name: value.displayName, username: value.username })}</p>
      <p>
        <code className="temp-password">{value.password}</code>
      </p>
      <p className="small">{t("org.tempPassword.once")}</p>
    </section>
  );
}
