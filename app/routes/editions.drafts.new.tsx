import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field } from "~/components/field";
import { SelectField } from "~/components/org/select-field";
import { useT } from "~/components/use-t";
import type { MessageKey } from "~/i18n";
import { db } from "~/utils/db.server";
import { createDraft } from "~/utils/edition-drafts.server";
import { listEditions } from "~/utils/editions.server";
import { newDraftSchema } from "~/schemas/editions";
import { formObject } from "~/utils/forms";
import { requirePermission } from "~/utils/guards.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.draftNew");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:edition:any");
  const editions = await listEditions(db);
  const from = new URL(request.url).searchParams.get("from");
  const base = editions.find((e) => e.id === from) ?? editions[0];
  return {
    editions: editions.map((e) => ({ id: e.id, title: e.title, year: e.year, institutionType: e.institution_type })),
    initial: base
      ? {
          baseId: base.id,
          id: `${base.id}-${base.year + 1}`,
          year: String(base.year + 1),
          institutionType: base.institution_type,
          title: "",
        }
      : null,
  };
}

type Errors = Partial<Record<string, MessageKey>>;

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "manage:edition:any");
  const fields = formObject(await request.formData());
  const parsed = newDraftSchema.safeParse(fields);
  const values = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, String(v)]));
  if (!parsed.success) {
    const errors: Errors = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message as MessageKey;
    return data({ errors, values }, { status: 400 });
  }
  const result = await createDraft(db, user.id, parsed.data);
  if (!result.ok) {
    const errors: Errors = {
      [result.field]: result.reason === "taken" ? "draft.error.idTaken" : "draft.error.required",
    };
    return data({ errors, values }, { status: result.reason === "taken" ? 409 : 400 });
  }
  return redirect(`/editions/drafts/${result.id}`);
}

export default function NewDraft() {
  const { editions, initial } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const busy = useNavigation().state !== "idle";
  const values = result?.values ?? initial ?? {};
  const errors: Errors = result?.errors ?? {};
  return (
    <>
      <p className="breadcrumb">
        <Link to="/editions">← {t("nav.editions")}</Link>
      </p>
      <div className="page-head">
        <div>
          <h1>{t("draft.new.title")}</h1>
          <p>{t("draft.new.intro")}</p>
        </div>
      </div>
      {result ? (
        <p className="notice notice--error" role="alert">
          {t("form.hasErrors")}
        </p>
      ) : null}
      <section className="panel">
        <Form method="post" className="form" noValidate>
          <SelectField name="baseId" label={t("draft.field.base")} defaultValue={values.baseId} error={errors.baseId}>
            {editions.map((e) => (
              <option key={e.id} value={e.id}>
                {e.title}
              </option>
            ))}
          </SelectField>
          <div className="form-row">
            <Field
              name="id"
              label={t("draft.field.id")}
              hint={t("draft.field.idHint")}
              defaultValue={values.id}
              error={errors.id}
              required
            />
            <Field
              name="year"
              label={t("editions.year")}
              inputMode="numeric"
              maxLength={4}
              defaultValue={values.year}
              error={errors.year}
              required
            />
            <SelectField
              name="institutionType"
              label={t("editions.type")}
              defaultValue={values.institutionType}
              error={errors.institutionType}
            >
              <option value="sigungu">{t("instType.sigungu")}</option>
              <option value="sido">{t("instType.sido")}</option>
            </SelectField>
          </div>
          <Field
            name="title"
            label={t("draft.field.title")}
            defaultValue={values.title}
            error={errors.title}
            required
            maxLength={200}
          />
          <div className="form-actions">
            <button type="submit" className="button" disabled={busy}>
              {t("draft.new.submit")}
            </button>
            <Link to="/editions" className="button button--secondary">
              {t("form.cancel")}
            </Link>
          </div>
        </Form>
      </section>
    </>
  );
}
