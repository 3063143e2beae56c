import { zodResolver } from "@hookform/resolvers/zod";
import {
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { useForm, useWatch } from "react-hook-form";
import { ErrorText } from "~/components/field";
import { compareRegions, currentRegion } from "~/schemas/regions";
import { type CertificationFormValues, certificationFormSchema } from "~/schemas/registry";
import { kindKey, levelKey } from "~/components/registry/status";
import { useT } from "~/components/use-t";
import { todayInSeoul } from "~/domain/validity";
import type { MessageKey } from "~/i18n";
import registryHref from "~/styles/registry.css?url";
import { db } from "~/utils/db.server";
import { formObject } from "~/utils/forms";
import { requirePermission } from "~/utils/guards.server";
import { type Errors } from "~/utils/registry-result.server";
import { getRegistrySettings } from "~/utils/registry-settings.server";
import { institutionChoices, roundChoices } from "~/utils/registry-read.server";
import { recordCertification } from "~/utils/registry-write.server";
import { pageTitle } from "~/utils/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: registryHref }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.registryNew");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:registry:any");
  const preset = new URL(request.url).searchParams.get("institution") ?? "";
  const [institutions, rounds, settings] = await Promise.all([
    institutionChoices(db),
    roundChoices(db),
    getRegistrySettings(db),
  ]);
  return {
    institutions,
    rounds,
    preset: /^\d+$/.test(preset) ? preset : "",
    today: todayInSeoul(),
    graceMonths: settings.rules.graceMonths,
  };
}

export async function action({
  request,
}: ActionFunctionArgs): Promise<{ errors: Errors; values: Record<string, unknown> } | Response> {
  const { user } = await requirePermission(request, "manage:registry:any");
  const values = formObject(await request.formData());
  const result = await recordCertification(db, user.id, values);
  if (!result.ok) return { errors: result.errors, values };
  return redirect(`/registry/institutions/${String(values.institutionId)}?done=recorded`);
}

type FormField = "institutionId" | "awardDate" | "kind" | "score" | "roundId" | "note";

export default function RecordCertification() {
  const { institutions, rounds, preset, today, graceMonths } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const submit = useSubmit();
  const busy = useNavigation().state !== "idle";
  const posted = (data && "values" in data ? data.values : {}) as Partial<Record<string, string>>;
  const form = useForm<CertificationFormValues>({
    resolver: zodResolver(certificationFormSchema),
    defaultValues: {
      institutionId: posted.institutionId ?? preset,
      awardDate: posted.awardDate ?? "",
      kind: (posted.kind as "initial" | "renewal" | undefined) ?? undefined,
      score: posted.score ?? "",
      roundId: posted.roundId ?? "",
      note: posted.note ?? "",
    },
  });
  const chosen = useWatch({ control: form.control, name: "institutionId" });
  const serverErrors = data && "errors" in data ? data.errors : {};
  const error = (field: FormField) => {
    const client = form.formState.errors[field]?.message;
    if (client) return t(client as MessageKey);
    const server = serverErrors[field];
    return server ? t(server.key, server.params) : null;
  };
  const a11y = (field: FormField) =>
    error(field) ? { "aria-invalid": true as const, "aria-describedby": `c-${field}-error` } : {};
  const errorText = (field: FormField) => <ErrorText id={`c-${field}-error`} message={error(field)} />;
  const regions = [...new Set(institutions.map((i) => currentRegion(i.region)))].sort(compareRegions);

  return (
    <>
      <p className="breadcrumb">
        <Link to="/registry">← {t("registry.title")}</Link>
      </p>
      <div className="page-head">
        <div>
          <h1>{t("registry.record")}</h1>
          <p>{t("registry.record.intro")}</p>
        </div>
      </div>
      {serverErrors._form ? (
        <p className="notice notice--error" role="alert">
          {t(serverErrors._form.key, serverErrors._form.params)}
        </p>
      ) : null}
      <section className="panel">
        <Form
          method="post"
          className="form"
          noValidate
          onSubmit={(event) => {
            const target = event.currentTarget;
            void form.handleSubmit(() => submit(target, { method: "post" }))(event);
          }}
        >
          <div className="field">
            <label htmlFor="c-institutionId">{t("registry.col.institution")}</label>
            <select id="c-institutionId" {...form.register("institutionId")} {...a11y("institutionId")}>
              <option value="">{t("registry.record.chooseInstitution")}</option>
              {regions.map((region) => (
                <optgroup key={region} label={region}>
                  {institutions
                    .filter((i) => currentRegion(i.region) === region)
                    .map((i) => (
                      <option key={i.id} value={i.id}>
                        {i.name} ({t(levelKey(i.type))})
                      </option>
                    ))}
                </optgroup>
              ))}
            </select>
            {errorText("institutionId")}
          </div>
          <div className="form-row form-row--top">
            <div className="field">
              <label htmlFor="c-awardDate">{t("registry.record.awardDate")}</label>
              <input id="c-awardDate" type="date" max={today} {...form.register("awardDate")} {...a11y("awardDate")} />
              <span className="field__hint">{t("registry.record.awardDateHint")}</span>
              {errorText("awardDate")}
            </div>
            <div className="field">
              <label htmlFor="c-score">{t("registry.record.score")}</label>
              <input
                id="c-score"
                inputMode="decimal"
                placeholder="937.8"
                {...form.register("score")}
                {...a11y("score")}
              />
              {errorText("score")}
            </div>
          </div>
          <fieldset className="field" {...a11y("kind")}>
            <legend>{t("registry.record.kind")}</legend>
            <div className="choice__options">
              {(["initial", "renewal"] as const).map((k) => (
                <label key={k} className="choice__option">
                  <input type="radio" value={k} {...form.register("kind")} /> {t(kindKey(k))}
                </label>
              ))}
            </div>
            <span className="field__hint">{t("registry.record.kindHint", { months: graceMonths })}</span>
            {errorText("kind")}
          </fieldset>
          <div className="field">
            <label htmlFor="c-roundId">{t("registry.record.round")}</label>
            <select id="c-roundId" {...form.register("roundId")} {...a11y("roundId")}>
              <option value="">{t("registry.record.noRound")}</option>
              {rounds
                .filter((r) => !chosen || String(r.institution_id) === chosen)
                .map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.institution_name} · {r.title}
                  </option>
                ))}
            </select>
            <span className="field__hint">{t("registry.record.roundHint")}</span>
            {errorText("roundId")}
          </div>
          <div className="field">
            <label htmlFor="c-note">{t("registry.record.note")}</label>
            <textarea id="c-note" rows={2} maxLength={500} {...form.register("note")} {...a11y("note")} />
            {errorText("note")}
          </div>
          <div className="form-actions">
            <button type="submit" className="button" disabled={busy}>
              {t("registry.record.submit")}
            </button>
            <Link to="/registry" className="button button--ghost">
              {t("form.cancel")}
            </Link>
          </div>
        </Form>
      </section>
    </>
  );
}
