import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { Field } from "~/components/field";
import { useT } from "~/components/use-t";
import { clientAddress, getCurrentUser, signIn } from "~/utils/auth.server";
import { env } from "~/utils/env.server";
import { fieldErrors, type FieldErrors, formObject } from "~/utils/forms";
import { createSession } from "~/utils/session.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.login");

const LoginSchema = z.object({
  username: z.string().trim().min(1, "login.usernameRequired").max(100, "login.invalid"),
  password: z.string().min(1, "login.passwordRequired").max(200, "login.invalid"),
  redirectTo: z.string().optional(),
});

/** Only same-site paths: "/rounds/1", never "//evil.example" or "https://…". */
function safeRedirect(to: string | undefined): string {
  if (!to || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return "/";
  return to;
}

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getCurrentUser(request)) throw redirect("/");
  return null;
}

type ActionData = { errors: FieldErrors; minutes?: number };

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = LoginSchema.safeParse(formObject(await request.formData()));
  if (!parsed.success) return { errors: fieldErrors(parsed.error) } satisfies ActionData;
  const result = await signIn(parsed.data.username, parsed.data.password, clientAddress(context));
  if (!result.ok) {
    return {
      errors: { _form: result.reason === "throttled" ? "login.throttled" : "login.invalid" },
      minutes: env.LOGIN_WINDOW_MINUTES,
    } satisfies ActionData;
  }
  const cookie = await createSession(result.userId, request.headers.get("user-agent"));
  const to = result.mustChangePassword ? "/account/password" : safeRedirect(parsed.data.redirectTo);
  return redirect(to, { headers: { "Set-Cookie": cookie } });
}

export default function Login() {
  const t = useT();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const [params] = useSearchParams();
  const busy = useNavigation().state !== "idle";
  const formError = data?.errors._form;
  return (
    <div className="auth">
      <section className="panel" aria-labelledby="login-title">
        <h1 id="login-title">{t("login.title")}</h1>
        <p className="muted">{t("login.intro")}</p>
        {params.get("signedOut") ? (
          <p className="notice notice--ok" role="status">
            {t("login.signedOut")}
          </p>
        ) : null}
        {formError ? (
          <p className="notice notice--error" role="alert">
            {t(formError, { minutes: data?.minutes ?? 15 })}
          </p>
        ) : null}
        <Form method="post" className="form" noValidate>
          <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
          <Field
            name="username"
            label={t("login.username")}
            autoComplete="username"
            autoFocus
            required
            error={data?.errors.username}
          />
          <Field
            name="password"
            label={t("login.password")}
            type="password"
            autoComplete="current-password"
            required
            error={data?.errors.password}
          />
          <button type="submit" className="button" disabled={busy}>
            {t("login.submit")}
          </button>
        </Form>
      </section>
    </div>
  );
}
