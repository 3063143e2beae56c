import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useMemo, useState } from "react";
import { type Edition, type Indicator, type Scoring, SCORING_KINDS, validateEdition } from "#indicators/schema";
import { DraftNotice } from "~/components/drafts/draft-notice";
import { ProvenanceFields } from "~/components/drafts/provenance-fields";
import { LevelsFields, QuantitativeFields } from "~/components/drafts/scoring-fields";
import { SumsPanel } from "~/components/drafts/sums";
import { Field } from "~/components/field";
import { useT } from "~/components/use-t";
import type { MessageKey } from "~/i18n";
import {
  type FieldErrors,
  parseIndicatorForm,
  pointSums,
  removeIndicator,
  replaceIndicator,
  startScoring,
} from "~/domain/edition-edit";
import { db } from "~/utils/db.server";
import {
  formValues,
  refuse,
  refuseOutcome,
  requireDraftParam,
  saveDraft,
  versionOf,
} from "~/utils/edition-drafts.server";
import { formObject } from "~/utils/forms";
import { found, requirePermission } from "~/utils/guards.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, "title.draftIndicator", data ? `${data.indicator.code} ${data.indicator.title}` : undefined);

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:edition:any");
  const draft = await requireDraftParam(db, params.draftId);
  const indicator = found(draft.edition.indicators.find((i) => i.code === params.code));
  // The whole edition comes along: the form checks the sums and the formula live, with the server's own rules.
  return {
    id: draft.id,
    version: draft.version,
    published: Boolean(draft.publishedAt),
    edition: draft.edition,
    indicator,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "manage:edition:any");
  const draft = await requireDraftParam(db, params.draftId);
  const current = found(draft.edition.indicators.find((i) => i.code === params.code));
  const fields = formObject(await request.formData());
  const intent = String(fields.intent ?? "");
  const version = versionOf(fields);
  const values = formValues(fields);
  if (intent === "remove") {
    const outcome = await saveDraft(
      db,
      user.id,
      draft.id,
      version,
      removeIndicator(draft.edition, current.code),
      `remove:indicator ${current.code}`,
    );
    return outcome.ok ? redirect(`/editions/drafts/${draft.id}?done=remove`) : refuseOutcome(intent, outcome, values);
  }
  if (intent !== "save") return refuse(intent, 400, { reason: "fields", errors: { intent: "draft.error.required" } });
  const { indicator, errors } = parseIndicatorForm(
    fields,
    current,
    draft.edition.sources.map((x) => x.id),
  );
  if (Object.keys(errors).length) return refuse(intent, 400, { reason: "fields", errors, values });
  const outcome = await saveDraft(
    db,
    user.id,
    draft.id,
    version,
    replaceIndicator(draft.edition, current.code, indicator),
    `edit:indicator ${current.code}`,
  );
  return outcome.ok
    ? redirect(`/editions/drafts/${draft.id}/indicators/${encodeURIComponent(current.code)}?done=save`)
    : refuseOutcome(intent, outcome, values);
}

/** What the live check shows: this form's field errors, the sums it touches, and what validation says of it. */
function check(edition: Edition, current: Indicator, form: HTMLFormElement | null) {
  if (!form) return null;
  const fields: Record<string, string> = {};
  new FormData(form).forEach((v, k) => {
    if (typeof v === "string") fields[k] = v;
  });
  const { indicator, errors } = parseIndicatorForm(
    fields,
    current,
    edition.sources.map((x) => x.id),
  );
  const next = replaceIndicator(edition, current.code, indicator);
  const item = next.items.find((it) => it.code === indicator.item);
  const sums = pointSums(next).filter((s) => s.kind === "total" || s.code === indicator.item || s.code === item?.area);
  const result = validateEdition(next);
  const problems = result.ok ? [] : result.errors.filter((e) => e.indicator === current.code).map((e) => e.message);
  return { errors, sums, problems, indicator };
}

export default function DraftIndicator() {
  const { id, version, published, edition, indicator } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const refusal = result && !result.ok ? result : undefined;
  const values = refusal?.values;
  const [kind, setKind] = useState<Scoring["kind"]>((values?.kind as Scoring["kind"]) ?? indicator.scoring.kind);
  const [live, setLive] = useState<ReturnType<typeof check>>(null);
  const scoring = kind === indicator.scoring.kind ? indicator.scoring : startScoring(kind);
  const saved = useMemo(
    () =>
      pointSums(edition).filter((s) => s.kind === "total" || s.code === indicator.item || s.code === indicator.area),
    [edition, indicator],
  );
  const errors: FieldErrors = live?.errors ?? (refusal?.errors as FieldErrors | undefined) ?? {};
  const maxPoints = live?.indicator.maxPoints ?? indicator.maxPoints;
  const v = (name: string, fallback: string | number) => values?.[name] ?? String(fallback);
  const done = useSearchParams()[0].get("done");
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/editions/drafts/${id}`}>← {edition.title}</Link>
      </p>
      <div className="page-head">
        <div>
          <h1>
            {indicator.code} {indicator.title}
          </h1>
          <p>
            {t("editions.area")} {indicator.area} · {t("editions.item")} {indicator.item} ·{" "}
            {t("draft.head.version", { version })}
          </p>
        </div>
      </div>
      <DraftNotice result={refusal} done={done} />
      <section className="panel" aria-labelledby="live-title">
        <h2 id="live-title">{t("draft.live.title")}</h2>
        <SumsPanel sums={live?.sums ?? saved} id="live-sums" />
        {live?.problems.length ? (
          <ul className="notice notice--error">
            {live.problems.map((m, i) => (
              <li key={i}>
                <code>{m}</code>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      <section className="panel">
        <Form
          method="post"
          className="form"
          noValidate
          onChange={(e) => setLive(check(edition, indicator, e.currentTarget))}
        >
          <input type="hidden" name="intent" value="save" />
          <input type="hidden" name="version" value={version} />
          <fieldset disabled={published} className="field">
            <Field
              name="title"
              label={t("draft.label.title")}
              defaultValue={v("title", indicator.title)}
              error={errors.title}
              required
            />
            <div className="field">
              <label htmlFor="f-description">{t("draft.label.description")}</label>
              <textarea
                id="f-description"
                name="description"
                rows={4}
                defaultValue={v("description", indicator.description)}
              />
            </div>
            <div className="form-row">
              <Field
                name="maxPoints"
                label={t("draft.label.maxPoints")}
                inputMode="decimal"
                defaultValue={v("maxPoints", indicator.maxPoints)}
                error={errors.maxPoints}
              />
              <Field
                name="ownerDepartment"
                label={t("draft.label.ownerDepartment")}
                defaultValue={v("ownerDepartment", indicator.ownerDepartment)}
                error={errors.ownerDepartment}
              />
              <Field
                name="tags"
                label={t("draft.label.tags")}
                hint={t("draft.tags.hint")}
                defaultValue={v("tags", indicator.tags.join(", "))}
                error={errors.tags}
              />
            </div>
            <div className="field">
              <label htmlFor="f-evidence">{t("draft.label.evidence")}</label>
              <textarea
                id="f-evidence"
                name="evidence"
                rows={4}
                aria-describedby="f-evidence-hint"
                defaultValue={v("evidence", indicator.evidence.join("\n"))}
              />
              <span id="f-evidence-hint" className="field__hint">
                {t("draft.evidence.hint")}
              </span>
            </div>
            <div className="field">
              <label htmlFor="f-kind">{t("draft.label.kind")}</label>
              <select
                id="f-kind"
                name="kind"
                value={kind}
                onChange={(e) => setKind(e.currentTarget.value as Scoring["kind"])}
              >
                {SCORING_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`draft.kind.${k}` as MessageKey)}
                  </option>
                ))}
              </select>
              {errors.kind ? (
                <span className="field__error" role="alert">
                  {t(errors.kind)}
                </span>
              ) : null}
            </div>
            {scoring.kind === "levels" ? (
              <LevelsFields
                key={kind}
                scoring={scoring}
                maxPoints={maxPoints}
                errors={errors}
                values={values}
                live={live?.indicator.scoring}
              />
            ) : null}
            {scoring.kind === "quantitative" ? (
              <QuantitativeFields key={kind} scoring={scoring} maxPoints={maxPoints} errors={errors} values={values} />
            ) : null}
            <ProvenanceFields
              provenance={indicator.provenance}
              sources={edition.sources}
              errors={errors}
              values={values}
            />
            <div className="form-actions">
              <button type="submit" className="button">
                {t("draft.indicator.save")}
              </button>
              <Link to={`/editions/drafts/${id}`} className="button button--secondary">
                {t("form.cancel")}
              </Link>
            </div>
          </fieldset>
        </Form>
      </section>
      {published ? null : (
        <section className="panel">
          <Form
            method="post"
            onSubmit={(e) => {
              // Without JavaScript the button deletes at once (the draft's diff still shows it, and nothing is published).
              if (!window.confirm(t("draft.indicator.removeConfirm", { code: indicator.code }))) e.preventDefault();
            }}
          >
            <input type="hidden" name="intent" value="remove" />
            <input type="hidden" name="version" value={version} />
            <button type="submit" className="button button--danger">
              {t("draft.indicator.remove", { code: indicator.code })}
            </button>
          </Form>
        </section>
      )}
    </>
  );
}
