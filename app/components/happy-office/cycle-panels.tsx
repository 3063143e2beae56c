// The 국민행복민원실 cycle page's panels: the year's stages with what was recorded, the 체험평가 visits, and the
// selection with the certificate it created (plaque and validity). Every fact shows its source (ADR 037).
import { Form, Link } from "@remix-run/react";
import { Fragment } from "react";
import { formatCalendarDate } from "~/domain/datetime";
import type { MessageKey } from "~/i18n";
import type { ActionData } from "~/utils/actions.server";
import type { CyclePage } from "~/utils/happy-office.server";
import { ErrorText, Field } from "../field";
import { RuleSourceNote } from "../grades/grade-panels";
import { SelectField } from "../org/select-field";
import { useLocale, useT } from "../use-t";

type T = ReturnType<typeof useT>;
const stageLabel = (t: T, key: string) => t(`happy.stage.${key}` as MessageKey);
const plaqueLabel = (t: T, plaque: string | null) => (plaque ? t(`happy.plaque.${plaque}` as MessageKey) : "–");
const errorsFor = (result: ActionData | undefined, intent: string) =>
  result && !result.ok && result.intent === intent ? result.errors : {};
const valuesFor = (result: ActionData | undefined, intent: string) =>
  result && !result.ok && result.intent === intent ? result.values : {};

function TextArea({
  name,
  label,
  error,
  defaultValue,
}: {
  name: string;
  label: string;
  error?: MessageKey;
  defaultValue?: string;
}) {
  const t = useT();
  const id = `f-${name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        name={name}
        rows={2}
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      <ErrorText id={`${id}-error`} message={error ? t(error) : null} />
    </div>
  );
}

export function StagesPanel({ page, mayEdit, result }: { page: CyclePage; mayEdit: boolean; result?: ActionData }) {
  const t = useT();
  const locale = useLocale();
  const date = (d: string) => formatCalendarDate(d, locale);
  const errors = errorsFor(result, "recordStage");
  const values = valuesFor(result, "recordStage");
  const open = page.stages.filter((s) => s.key !== "selection");
  return (
    <section className="panel" aria-labelledby="stages-title">
      <h2 id="stages-title">{t("happy.calendar.title")}</h2>
      <p>
        <RuleSourceNote rule={page.rule} />
      </p>
      <div className="table-wrap">
        <table className="data" data-testid="cycle-stages">
          <thead>
            <tr>
              <th>{t("happy.calendar.stage")}</th>
              <th>{t("happy.calendar.planned")}</th>
              <th>{t("happy.calendar.recorded")}</th>
            </tr>
          </thead>
          <tbody>
            {page.stages.map((s) => (
              <tr key={s.key} data-stage={s.key}>
                <th scope="row">
                  {stageLabel(t, s.key)}
                  {page.next === s.key ? <span className="badge badge--warn">{t("happy.calendar.next")}</span> : null}
                </th>
                <td>{s.from && s.until ? `${date(s.from)} – ${date(s.until)}` : "–"}</td>
                <td>
                  {s.recorded ? (
                    <>
                      {date(s.recorded.date)}
                      {s.recorded.outcome ? ` · ${t(`happy.outcome.${s.recorded.outcome}` as MessageKey)}` : ""}
                      {s.recorded.note ? <div className="small muted">{s.recorded.note}</div> : null}
                    </>
                  ) : (
                    <span className="muted">{t("happy.calendar.notRecorded")}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="small">
        {t("happy.calendar.awardDay", { date: date(page.awardDay.date) })} <RuleSourceNote rule={page.awardDay.rule} />
      </p>
      {mayEdit && !page.stages.find((s) => s.key === "selection")?.recorded ? (
        // Remounted once a stage is recorded, so the form offers the next stage instead of the one just saved.
        <Form key={`stage-${page.next}`} method="post" aria-labelledby="stage-form-title">
          <h3 id="stage-form-title">{t("happy.stage.form")}</h3>
          <p className="small muted">{t("happy.stage.help")}</p>
          <input type="hidden" name="intent" value="recordStage" />
          <div className="form-row form-row--wrap">
            <SelectField
              name="stage"
              label={t("happy.field.stage")}
              defaultValue={values.stage ?? (page.next === "selection" ? "mystery" : (page.next ?? "application"))}
              error={errors.stage}
            >
              {open.map((s) => (
                <option key={s.key} value={s.key}>
                  {stageLabel(t, s.key)}
                </option>
              ))}
            </SelectField>
            <Field
              name="date"
              type="date"
              label={t("happy.field.date")}
              defaultValue={values.date}
              error={errors.date}
            />
            <Field name="note" label={t("happy.field.note")} defaultValue={values.note} error={errors.note} />
          </div>
          {errors._form ? (
            <p className="field__error" role="alert">
              {t(errors._form)}
            </p>
          ) : null}
          <div className="form-actions">
            <button type="submit" className="button">
              {t("happy.stage.save")}
            </button>
          </div>
        </Form>
      ) : null}
    </section>
  );
}

export function VisitsPanel({ page, mayEdit, result }: { page: CyclePage; mayEdit: boolean; result?: ActionData }) {
  const t = useT();
  const locale = useLocale();
  const errors = errorsFor(result, "addVisit");
  const values = valuesFor(result, "addVisit");
  const closed = Boolean(page.stages.find((s) => s.key === "selection")?.recorded);
  const criterion = (code: string) => page.criteria.find((c) => c.code === code)?.title ?? code;
  return (
    <section className="panel" aria-labelledby="visits-title">
      <h2 id="visits-title">{t("happy.visits.title")}</h2>
      <p className="small muted">{t("happy.visits.help")}</p>
      {page.visits.length === 0 ? <p className="muted">{t("happy.visits.empty")}</p> : null}
      <ul className="visits" data-testid="mystery-visits">
        {page.visits.map((v) => (
          <li key={v.id} className="visit">
            <p>
              <strong>{formatCalendarDate(v.visitedOn, locale)}</strong> ·{" "}
              {t(`happy.channel.${v.channel}` as MessageKey)} · {v.scenario}
              {v.score !== null ? ` · ${t("happy.field.score")}: ${v.score}` : ""}
            </p>
            <dl className="facts">
              {Object.entries(v.observations).map(([code, text]) => (
                <Fragment key={code}>
                  <dt>{criterion(code)}</dt>
                  <dd>{text}</dd>
                </Fragment>
              ))}
              {v.finding ? (
                <>
                  <dt>{t("happy.field.finding")}</dt>
                  <dd>{v.finding}</dd>
                </>
              ) : null}
              {v.followUp ? (
                <>
                  <dt>{t("happy.field.followUp")}</dt>
                  <dd>{v.followUp}</dd>
                </>
              ) : null}
            </dl>
            {mayEdit && !closed ? (
              <Form method="post">
                <input type="hidden" name="intent" value="removeVisit" />
                <input type="hidden" name="visitId" value={v.id} />
                <button
                  type="submit"
                  className="button button--secondary button--small"
                  aria-label={t("happy.visits.removeLabel", { date: formatCalendarDate(v.visitedOn, locale) })}
                >
                  {t("happy.visits.remove")}
                </button>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
      {mayEdit && !closed ? (
        // Emptied once the visit is in (a new visit count remounts it); kept as posted when refused.
        <Form key={`visit-${page.visits.length}`} method="post" aria-labelledby="visit-form-title">
          <h3 id="visit-form-title">{t("happy.visits.add")}</h3>
          <input type="hidden" name="intent" value="addVisit" />
          <div className="form-row form-row--wrap">
            <Field
              name="visitedOn"
              type="date"
              label={t("happy.field.visitedOn")}
              defaultValue={values.visitedOn}
              error={errors.visitedOn}
            />
            <SelectField
              name="channel"
              label={t("happy.field.channel")}
              defaultValue={values.channel ?? "visit"}
              error={errors.channel}
            >
              {(["visit", "phone", "online"] as const).map((c) => (
                <option key={c} value={c}>
                  {t(`happy.channel.${c}`)}
                </option>
              ))}
            </SelectField>
            <Field
              name="scenario"
              label={t("happy.field.scenario")}
              defaultValue={values.scenario}
              error={errors.scenario}
            />
            <Field
              name="score"
              inputMode="numeric"
              label={t("happy.field.score")}
              defaultValue={values.score}
              error={errors.score}
            />
          </div>
          {page.criteria.map((c) => (
            <TextArea
              key={c.code}
              name={`obs_${c.code}`}
              label={t("happy.field.observation", { criterion: c.title })}
              defaultValue={values[`obs_${c.code}`]}
              error={errors[`obs_${c.code}`]}
            />
          ))}
          <TextArea
            name="finding"
            label={t("happy.field.finding")}
            defaultValue={values.finding}
            error={errors.finding}
          />
          <TextArea
            name="followUp"
            label={t("happy.field.followUp")}
            defaultValue={values.followUp}
            error={errors.followUp}
          />
          {errors._form ? (
            <p className="field__error" role="alert">
              {t(errors._form)}
            </p>
          ) : null}
          <div className="form-actions">
            <button type="submit" className="button">
              {t("happy.visits.add")}
            </button>
          </div>
        </Form>
      ) : null}
    </section>
  );
}

export function SelectionPanel({
  page,
  institutionId,
  mayEdit,
  result,
}: {
  page: CyclePage;
  institutionId: number;
  mayEdit: boolean;
  result?: ActionData;
}) {
  const t = useT();
  const locale = useLocale();
  const date = (d: string) => formatCalendarDate(d, locale);
  const errors = errorsFor(result, "recordSelection");
  const values = valuesFor(result, "recordSelection");
  const selection = page.stages.find((s) => s.key === "selection")?.recorded ?? null;
  return (
    <section className="panel" aria-labelledby="selection-title">
      <h2 id="selection-title">{t("happy.selection.title")}</h2>
      <p className="small">
        <RuleSourceNote rule={page.plaqueRule} />
        <br />
        <RuleSourceNote rule={page.validityRule} />
      </p>
      {page.award ? (
        <div data-testid="happy-award">
          <h3>{t("happy.award.title")}</h3>
          <dl className="facts">
            <dt>{t("happy.award.plaque")}</dt>
            <dd data-testid="award-plaque">{plaqueLabel(t, page.award.plaque)}</dd>
            <dt>{t("happy.award.period")}</dt>
            <dd data-testid="award-validity">
              {date(page.award.validity.validFrom)} – {date(page.award.validity.validUntil)} (
              {t("happy.award.years", { years: page.award.validity.years })})
            </dd>
          </dl>
          <p>
            <Link to={`/registry/institutions/${institutionId}`}>{t("happy.award.registry")}</Link>
          </p>
        </div>
      ) : selection?.outcome === "not-selected" ? (
        <p data-testid="happy-not-selected">{t("happy.selection.notSelected")}</p>
      ) : null}
      {page.preview ? (
        <p data-testid="award-preview">
          {t("happy.selection.preview", {
            date: date(page.awardDay.date),
            plaque: plaqueLabel(t, page.preview.plaque),
            until: date(page.preview.validUntil),
          })}
          {page.preview.renews ? ` (${t("happy.selection.previewRenews", { date: date(page.preview.renews) })})` : ""}
        </p>
      ) : null}
      <h3>{t("happy.history.title")}</h3>
      {page.history.length ? (
        <ul data-testid="happy-history">
          {page.history.map((h) => (
            <li key={h.id}>
              {t("happy.history.item", {
                date: date(h.awardDate),
                plaque: plaqueLabel(t, h.plaque),
                until: date(h.validUntil),
              })}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("happy.history.none")}</p>
      )}
      {mayEdit && !selection ? (
        <Form method="post" aria-labelledby="selection-form-title">
          <h3 id="selection-form-title">{t("happy.selection.save")}</h3>
          <p className="small muted">{t("happy.selection.help")}</p>
          <input type="hidden" name="intent" value="recordSelection" />
          <div className="form-row form-row--wrap">
            <SelectField
              name="outcome"
              label={t("happy.field.outcome")}
              defaultValue={values.outcome ?? "selected"}
              error={errors.outcome}
            >
              <option value="selected">{t("happy.outcome.selected")}</option>
              <option value="not-selected">{t("happy.outcome.not-selected")}</option>
            </SelectField>
            <Field
              id="f-selection-date"
              name="date"
              type="date"
              label={t("happy.field.selectionDate")}
              defaultValue={values.date}
              error={errors.date}
            />
            <Field
              name="awardDate"
              type="date"
              label={t("happy.field.awardDate")}
              defaultValue={values.awardDate ?? page.awardDay.date}
              error={errors.awardDate}
            />
            <Field
              id="f-selection-note"
              name="note"
              label={t("happy.field.note")}
              defaultValue={values.note}
              error={errors.note}
            />
          </div>
          {errors._form ? (
            <p className="field__error" role="alert">
              {t(errors._form)}
            </p>
          ) : null}
          <div className="form-actions">
            <button type="submit" className="button">
              {t("happy.selection.save")}
            </button>
          </div>
        </Form>
      ) : null}
    </section>
  );
}
