import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Field } from "~/components/field";
import { ActionNotice } from "~/components/org/action-notice";
import orgStyles from "~/components/org/org.css?url";
import { changePasswordSchema, PASSWORD_MIN } from "~/schemas/org";
import { useSchemaForm } from "~/components/org/use-schema-form";
import { useT } from "~/components/use-t";
import { clientAddress } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { formObject } from "~/utils/forms";
import { actionResponse, invalid } from "~/utils/actions.server";
import { changeOwnPassword, mustChangePassword } from "~/utils/own-password.server";
import { requireSignedIn } from "~/utils/guards.server";
import { createSession } from "~/utils/session.server";
import { pageTitle } from "~/utils/meta";
import { mailPreferenceSchema } from "~/schemas/account";
import { mailPreference, setMailOptOut } from "~/utils/mail-preference.server";
import type { ActionData } from "~/utils/actions.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: orgStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.password");

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireSignedIn(request);
  return { mustChange: await mustChangePassword(db, user.id), mail: await mailPreference(db, user.id) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = await requireSignedIn(request);
  const fields = formObject(await request.formData());
  if (fields.intent === "mailPreference") {
    const pref = mailPreferenceSchema.safeParse(fields);
    if (!pref.success) return actionResponse(fields, invalid(pref.error));
    return actionResponse(fields, await setMailOptOut(db, user.id, pref.data.receive !== "on"));
  }
  const parsed = changePasswordSchema.safeParse(fields);
  if (!parsed.success) return actionResponse(fields, invalid(parsed.error));
  const outcome = await changeOwnPassword(db, user.id, parsed.data, clientAddress(context));
  // Too many wrong current passwords: the same limits as sign-in, answered as such.
  if (!outcome.ok) return actionResponse(fields, outcome, outcome.errors.current === "password.throttled" ? 429 : 400);
  // Every session of the person ended with the change; this browser continues in a fresh one.
  const cookie = await createSession(user.id, request.headers.get("user-agent"));
  return redirect("/?passwordChanged=1", { headers: { "Set-Cookie": cookie } });
}

const EMPTY = { intent: "changePassword", current: "", next: "", confirm: "" };

export default function ChangePassword() {
  const { mustChange, mail } = useLoaderData<typeof loader>();
  const result = useActionData() as ActionData | undefined;
  const t = useT();
  const { id, field, onSubmit, busy } = useSchemaForm(changePasswordSchema, "changePassword", EMPTY);
  return (
    <>
      <section className="panel password-panel" aria-labelledby="password-title">
        <h1 id="password-title">{t("password.title")}</h1>
        {mustChange ? (
          <p className="notice notice--warn" role="status">
            {t("password.mustChange")}
          </p>
        ) : null}
        {result?.intent !== "mailPreference" ? <ActionNotice /> : null}
        <Form id={id} method="post" className="form" noValidate onSubmit={onSubmit}>
          <input type="hidden" name="intent" value="changePassword" />
          <Field
            label={t("password.current")}
            type="password"
            autoComplete="current-password"
            required
            {...field("current")}
            defaultValue={undefined}
          />
          <Field
            label={t("password.new")}
            type="password"
            autoComplete="new-password"
            required
            minLength={PASSWORD_MIN}
            hint={t("org.hint.password", { min: PASSWORD_MIN })}
            {...field("next")}
            defaultValue={undefined}
          />
          <Field
            label={t("password.confirm")}
            type="password"
            autoComplete="new-password"
            required
            {...field("confirm")}
            defaultValue={undefined}
          />
          <div className="form-actions">
            <button type="submit" className="button" disabled={busy}>
              {t("password.submit")}
            </button>
          </div>
        </Form>
      </section>
      <section className="panel password-panel" aria-labelledby="mail-title">
        <h2 id="mail-title">{t("mail.pref.title")}</h2>
        <p>
          {mail.email ? t("mail.pref.address", { email: mail.email }) : t("mail.pref.noAddress")}{" "}
          {mail.mailOn ? null : t("mail.pref.serverOff")}
        </p>
        {result?.intent === "mailPreference" && result.ok ? (
          <p className="notice notice--ok" role="status">
            {t(result.notice.key)}
          </p>
        ) : null}
        <Form method="post" className="form">
          <input type="hidden" name="intent" value="mailPreference" />
          <div className="field field--check">
            <label>
              <input type="checkbox" name="receive" defaultChecked={!mail.optedOut} key={String(mail.optedOut)} />{" "}
              {t("mail.pref.receive")}
            </label>
            <span className="field__hint">{t("mail.pref.hint")}</span>
          </div>
          <div className="form-actions">
            <button type="submit" className="button button--secondary">
              {t("mail.pref.save")}
            </button>
          </div>
        </Form>
      </section>
    </>
  );
}
