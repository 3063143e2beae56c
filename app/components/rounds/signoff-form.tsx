// The coordinator's form for the report's 결재 fields (문서번호, 시행일, 기안자·검토자·결재자), shown above the report
// and never printed.
import { Form } from "@remix-run/react";
import type { ActionData } from "~/utils/actions.server";
import type { Signoff } from "~/utils/report-signoff.server";
import { useT } from "../use-t";

export function SignoffForm({ signoff, result }: { signoff: Signoff; result?: ActionData }) {
  const t = useT();
  const refused = result && !result.ok ? result : undefined;
  const value = (field: string, fallback: string) => refused?.values[field] ?? fallback;
  const err = (field: string) => refused?.errors[field];
  const fields = [
    { name: "documentNumber", label: "signoff.documentNumber", value: signoff.documentNumber, max: 60 },
    { name: "drafter", label: "signoff.drafter", value: signoff.drafter, max: 40 },
    { name: "reviewer", label: "signoff.reviewer", value: signoff.reviewer, max: 40 },
    { name: "approver", label: "signoff.approver", value: signoff.approver, max: 40 },
  ] as const;
  return (
    <section className="panel no-print" aria-labelledby="signoff-title">
      <h2 id="signoff-title">{t("signoff.title")}</h2>
      <p className="small muted">{t("signoff.intro")}</p>
      {result?.ok ? (
        <p className="notice notice--ok" role="status">
          {t(result.notice.key)}
        </p>
      ) : null}
      {refused?.errors._form ? (
        <p className="notice notice--error" role="alert">
          {t(refused.errors._form)}
        </p>
      ) : null}
      <Form method="post" className="form-row" preventScrollReset>
        <input type="hidden" name="intent" value="saveSignoff" />
        <input type="hidden" name="version" value={signoff.version} />
        {fields.slice(0, 1).map((f) => (
          <TextField key={f.name} {...f} value={value(f.name, f.value)} error={err(f.name)} />
        ))}
        <div className="field">
          <label htmlFor="signoff-effectiveDate">{t("signoff.effectiveDate")}</label>
          <input
            id="signoff-effectiveDate"
            type="date"
            name="effectiveDate"
            defaultValue={value("effectiveDate", signoff.effectiveDate ?? "")}
            aria-invalid={err("effectiveDate") ? true : undefined}
            aria-describedby={err("effectiveDate") ? "signoff-effectiveDate-error" : undefined}
          />
          {err("effectiveDate") ? (
            <span id="signoff-effectiveDate-error" className="field__error" role="alert">
              {t(err("effectiveDate")!)}
            </span>
          ) : null}
        </div>
        {fields.slice(1).map((f) => (
          <TextField key={f.name} {...f} value={value(f.name, f.value)} error={err(f.name)} />
        ))}
        <button type="submit" className="button">
          {t("signoff.save")}
        </button>
      </Form>
    </section>
  );
}

function TextField({
  name,
  label,
  value,
  max,
  error,
}: {
  name: string;
  label: Parameters<ReturnType<typeof useT>>[0];
  value: string;
  max: number;
  error?: Parameters<ReturnType<typeof useT>>[0];
}) {
  const t = useT();
  const id = `signoff-${name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{t(label)}</label>
      <input
        id={id}
        name={name}
        defaultValue={value}
        maxLength={max}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error ? (
        <span id={`${id}-error`} className="field__error" role="alert">
          {t(error)}
        </span>
      ) : null}
    </div>
  );
}
