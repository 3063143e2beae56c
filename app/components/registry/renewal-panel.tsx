import { Form, useNavigation } from "@remix-run/react";
import { formatCalendarDate } from "~/domain/datetime";
import type { InstitutionTimeline } from "~/utils/registry-read.server";
import type { Errors } from "~/utils/registry-result.server";
import type { MessageKey } from "~/i18n";
import { ErrorText } from "../field";
import { useLocale, useT } from "../use-t";

type Renewal = NonNullable<InstitutionTimeline["renewal"]>;

const MONTH_FIELDS = [
  ["reviewFrom", "registry.plan.reviewFrom"],
  ["reviewUntil", "registry.plan.reviewUntil"],
  ["awardMonth", "registry.plan.awardMonth"],
] as const;

/** "2016-09" → "2016. 9." (ko) or "09/2016" (en). */
export function monthText(ym: string, locale: "ko" | "en") {
  const [y, m] = ym.split("-").map(Number);
  return locale === "ko" ? `${y}. ${m}.` : `${String(m).padStart(2, "0")}/${y}`;
}

/** The proposed renewal round for the current certificate and, for who may, the form that creates it in one step. */
export function RenewalPanel({
  renewal,
  institutionType,
  canPlan,
  readOnlyReason,
  errors,
  graceMonths,
}: {
  renewal: Renewal;
  institutionType: string;
  canPlan: boolean;
  /** Why the plan is shown without its form: another day than today is viewed, or the person may not create rounds. */
  readOnlyReason: "as-of" | "permission" | null;
  errors: Errors | null;
  graceMonths: number;
}) {
  const t = useT();
  const locale = useLocale();
  const busy = useNavigation().state !== "idle";
  const p = renewal.proposal;
  const err = (field: string) => errors?.[field];
  const fieldProps = (field: string) =>
    err(field) ? { "aria-invalid": true as const, "aria-describedby": `rn-${field}-error` } : {};
  const errorText = (field: string) => {
    const e = err(field);
    return <ErrorText id={`rn-${field}-error`} message={e ? t(e.key, e.params) : null} />;
  };
  const editionMissing = !renewal.edition;
  return (
    <section className="panel renewal" aria-labelledby="renewal-title">
      <h2 id="renewal-title">{t("registry.plan.title", { year: p.year })}</h2>
      <p>{t("registry.plan.intro", { until: formatCalendarDate(p.consecutiveUntil, locale), months: graceMonths })}</p>
      {p.warnings.map((w) => (
        <p key={w} className="notice notice--warn">
          {t(`registry.plan.warning.${w}` as "registry.plan.warning.lapses", {
            deadline: formatCalendarDate(p.deadlineDate, locale),
          })}
        </p>
      ))}
      {renewal.existingRound ? (
        <p className="notice notice--ok" role="status">
          {t("registry.plan.exists", { title: renewal.existingRound.title })}
        </p>
      ) : editionMissing ? (
        <p className="notice notice--error" role="alert" data-testid="no-edition">
          {t("registry.plan.noEdition", { year: p.year, type: t(`instType.${institutionType}` as MessageKey) })}
        </p>
      ) : (
        <p className="muted">{t("registry.plan.edition", { title: renewal.edition!.title })}</p>
      )}
      {err("_form") ? (
        <p className="notice notice--error" role="alert">
          {t(err("_form")!.key, err("_form")!.params)}
        </p>
      ) : null}

      {canPlan ? (
        <Form method="post" className="form form--wide">
          <input type="hidden" name="intent" value="renew" />
          <input type="hidden" name="certificationId" value={renewal.certificationId} />
          <fieldset className="renewal__fields" disabled={editionMissing || Boolean(renewal.existingRound)}>
            <legend className="visually-hidden">{t("registry.plan.title", { year: p.year })}</legend>
            <div className="form-row form-row--top">
              <div className="field">
                <label htmlFor="rn-selfDiagnosisFrom">{t("registry.plan.selfDiagnosisFrom")}</label>
                <input
                  id="rn-selfDiagnosisFrom"
                  name="selfDiagnosisFrom"
                  type="date"
                  defaultValue={p.selfDiagnosisFrom}
                  required
                  {...fieldProps("selfDiagnosisFrom")}
                />
                {errorText("selfDiagnosisFrom")}
              </div>
              <div className="field">
                <label htmlFor="rn-deadline">{t("registry.plan.deadline")}</label>
                <input
                  id="rn-deadline"
                  name="deadline"
                  type="datetime-local"
                  defaultValue={`${p.deadlineDate}T${p.deadlineTime}`}
                  required
                  aria-describedby="rn-deadline-hint"
                  {...fieldProps("deadline")}
                />
                <span id="rn-deadline-hint" className="field__hint">
                  {t("registry.plan.deadlineHint")}
                </span>
                {errorText("deadline")}
              </div>
            </div>
            <div className="form-row form-row--top">
              {MONTH_FIELDS.map(([field, label]) => (
                <div key={field} className="field">
                  <label htmlFor={`rn-${field}`}>{t(label)}</label>
                  <input
                    id={`rn-${field}`}
                    name={field}
                    type="month"
                    defaultValue={p[field]}
                    required
                    {...fieldProps(field)}
                  />
                  {errorText(field)}
                </div>
              ))}
            </div>
            <div className="form-actions">
              <button type="submit" className="button" disabled={busy}>
                {t("registry.plan.create")}
              </button>
              <span className="field__hint">{t("registry.plan.createHint")}</span>
            </div>
          </fieldset>
        </Form>
      ) : (
        <>
          <dl className="facts renewal__facts">
            <dt>{t("registry.plan.selfDiagnosis")}</dt>
            <dd>
              {formatCalendarDate(p.selfDiagnosisFrom, locale)} – {formatCalendarDate(p.deadlineDate, locale)}{" "}
              {p.deadlineTime}
            </dd>
            <dt>{t("registry.plan.reviews")}</dt>
            <dd>
              {monthText(p.reviewFrom, locale)} – {monthText(p.reviewUntil, locale)}
            </dd>
            <dt>{t("registry.plan.award")}</dt>
            <dd>{monthText(p.awardMonth, locale)}</dd>
          </dl>
          {readOnlyReason ? (
            <p className="field__hint">
              {t(readOnlyReason === "as-of" ? "registry.plan.readOnlyAsOf" : "registry.plan.readOnly")}
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
