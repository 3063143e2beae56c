import {
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ErrorText } from "~/components/field";
import { useLocale, useT } from "~/components/use-t";
import { formatCalendarDate } from "~/domain/datetime";
import registryHref from "~/styles/registry.css?url";
import { db } from "~/utils/db.server";
import { formObject } from "~/utils/forms";
import { requirePermission } from "~/utils/guards.server";
import { addValidityTerm, getRegistrySettings, updateRegistrySettings } from "~/utils/registry-settings.server";
import { type Errors } from "~/utils/registry-result.server";
import { pageTitle } from "~/utils/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: registryHref }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.registrySettings");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:registry:any");
  return { settings: await getRegistrySettings(db) };
}

export async function action({
  request,
}: ActionFunctionArgs): Promise<{ intent: string; errors: Errors; values: Record<string, unknown> } | Response> {
  const { user } = await requirePermission(request, "manage:registry:any");
  const values = formObject(await request.formData());
  const result =
    values.intent === "term"
      ? await addValidityTerm(db, user.id, values)
      : await updateRegistrySettings(db, user.id, values);
  if (!result.ok) return { intent: String(values.intent), errors: result.errors, values };
  return redirect("/registry/settings?saved=1");
}

const MONTH_FIELDS = [
  "selfDiagnosisStartMonth",
  "deadlineMonth",
  "reviewStartMonth",
  "reviewEndMonth",
  "awardMonth",
] as const;

export default function RegistrySettings() {
  const { settings } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [search] = useSearchParams();
  const t = useT();
  const locale = useLocale();
  const errors = data?.errors ?? {};
  const posted = (data?.values ?? {}) as Record<string, string>;
  const isTerm = data?.intent === "term";
  const value = (field: string, fallback: string | number) =>
    !isTerm && data && field in posted ? posted[field] : String(fallback);
  const err = (field: string, prefix: string) => (
    <ErrorText
      id={`${prefix}-${field}-error`}
      message={
        errors[field] && (isTerm ? prefix === "t" : prefix === "s") ? t(errors[field].key, errors[field].params) : null
      }
    />
  );
  const invalid = (field: string, prefix: string) =>
    errors[field] && (isTerm ? prefix === "t" : prefix === "s")
      ? { "aria-invalid": true as const, "aria-describedby": `${prefix}-${field}-error` }
      : {};
  const { rules, schedule } = settings;

  return (
    <>
      <p className="breadcrumb">
        <Link to="/registry">← {t("registry.title")}</Link>
      </p>
      <div className="page-head">
        <div>
          <h1>{t("registry.settings")}</h1>
          <p>{t("registry.settings.intro")}</p>
        </div>
      </div>
      {search.get("saved") ? (
        <p className="notice notice--ok" role="status">
          {t("form.saved")}
        </p>
      ) : null}

      <section className="panel">
        <h2>{t("registry.settings.windows")}</h2>
        <Form method="post" className="form form--wide">
          <input type="hidden" name="intent" value="settings" />
          <div className="form-row form-row--top">
            <div className="field">
              <label htmlFor="s-expiringMonths">{t("registry.settings.expiringMonths")}</label>
              <input
                id="s-expiringMonths"
                name="expiringMonths"
                type="number"
                min={0}
                max={24}
                defaultValue={value("expiringMonths", rules.expiringMonths)}
                {...invalid("expiringMonths", "s")}
              />
              <span className="field__hint">{t("registry.settings.expiringHint")}</span>
              {err("expiringMonths", "s")}
            </div>
            <div className="field">
              <label htmlFor="s-graceMonths">{t("registry.settings.graceMonths")}</label>
              <input
                id="s-graceMonths"
                name="graceMonths"
                type="number"
                min={0}
                max={12}
                defaultValue={value("graceMonths", rules.graceMonths)}
                {...invalid("graceMonths", "s")}
              />
              <span className="field__hint">{t("registry.settings.graceHint")}</span>
              {err("graceMonths", "s")}
            </div>
          </div>
          <div>
            <h3>{t("registry.settings.schedule")}</h3>
            <p className="field__hint">{t("registry.settings.scheduleHint")}</p>
          </div>
          <div className="form-row form-row--top settings-months">
            {MONTH_FIELDS.map((f) => (
              <div key={f} className="field">
                <label htmlFor={`s-${f}`}>{t(`registry.settings.${f}`)}</label>
                <input
                  id={`s-${f}`}
                  name={f}
                  type="number"
                  min={1}
                  max={12}
                  defaultValue={value(f, schedule[f])}
                  {...invalid(f, "s")}
                />
                {err(f, "s")}
              </div>
            ))}
            <div className="field">
              <label htmlFor="s-deadlineTime">{t("registry.settings.deadlineTime")}</label>
              <input
                id="s-deadlineTime"
                name="deadlineTime"
                type="time"
                defaultValue={value("deadlineTime", schedule.deadlineTime)}
                {...invalid("deadlineTime", "s")}
              />
              {err("deadlineTime", "s")}
            </div>
          </div>
          <div>
            <button type="submit" className="button">
              {t("form.save")}
            </button>
          </div>
        </Form>
      </section>

      <section className="panel">
        <h2>{t("registry.settings.terms")}</h2>
        <p className="field__hint">{t("registry.settings.termsHint")}</p>
        <table className="data">
          <thead>
            <tr>
              <th>{t("registry.settings.termFrom")}</th>
              <th className="num">{t("registry.kind.initial")}</th>
              <th className="num">{t("registry.settings.renewalConsecutive")}</th>
            </tr>
          </thead>
          <tbody>
            {rules.terms.map((term) => (
              <tr key={term.from}>
                <td>{formatCalendarDate(term.from, locale)}</td>
                <td className="num">{t("registry.termYears", { years: term.initialYears })}</td>
                <td className="num">{t("registry.termYears", { years: term.renewalYears })}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <Form method="post" className="form form--wide settings-term">
          <input type="hidden" name="intent" value="term" />
          <div className="form-row">
            <div className="field">
              <label htmlFor="t-from">{t("registry.settings.termFrom")}</label>
              <input
                id="t-from"
                name="from"
                type="date"
                defaultValue={isTerm ? posted.from : ""}
                {...invalid("from", "t")}
              />
              {err("from", "t")}
            </div>
            <div className="field">
              <label htmlFor="t-initialYears">{t("registry.kind.initial")}</label>
              <input
                id="t-initialYears"
                name="initialYears"
                type="number"
                min={1}
                max={10}
                defaultValue={isTerm ? posted.initialYears : "2"}
                {...invalid("initialYears", "t")}
              />
              {err("initialYears", "t")}
            </div>
            <div className="field">
              <label htmlFor="t-renewalYears">{t("registry.settings.renewalConsecutive")}</label>
              <input
                id="t-renewalYears"
                name="renewalYears"
                type="number"
                min={1}
                max={10}
                defaultValue={isTerm ? posted.renewalYears : "3"}
                {...invalid("renewalYears", "t")}
              />
              {err("renewalYears", "t")}
            </div>
            <div>
              <button type="submit" className="button button--secondary">
                {t("registry.settings.addTerm")}
              </button>
            </div>
          </div>
        </Form>
      </section>
    </>
  );
}
