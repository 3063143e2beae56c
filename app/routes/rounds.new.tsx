import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import { Field } from "~/components/field";
import { ActionNotice } from "~/components/org/action-notice";
import { SelectField } from "~/components/org/select-field";
import { useSchemaForm } from "~/components/org/use-schema-form";
import { CARRY_OVER_MODES, createRoundSchema } from "~/schemas/rounds";
import { useT } from "~/components/use-t";
import type { MessageKey } from "~/i18n";
import { db } from "~/utils/db.server";
import { formObject } from "~/utils/forms";
import { actionResponse, invalid } from "~/utils/actions.server";
import { createRound, newRoundOptions } from "~/utils/round-admin.server";
import { pageTitle } from "~/utils/meta";
import { guardInstitution } from "~/utils/guards.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.newRound");

export async function loader({ request }: LoaderFunctionArgs) {
  const { institutionId } = await guardInstitution(request, "manage:round:institution");
  return newRoundOptions(db, institutionId);
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, institutionId } = await guardInstitution(request, "manage:round:institution");
  const fields = formObject(await request.formData());
  const parsed = createRoundSchema.safeParse(fields);
  if (!parsed.success) return actionResponse(fields, invalid(parsed.error));
  const result = await createRound(db, actor, institutionId, parsed.data);
  if (!result.ok || !result.roundId) return actionResponse(fields, result);
  return redirect(`/rounds/${result.roundId}?created=1`);
}

export default function NewRoundPage() {
  const { institution, editions, previous, nextYear } = useLoaderData<typeof loader>();
  const t = useT();
  const ofYear = editions.find((e) => e.year === nextYear) ?? editions[0];
  const initial = {
    intent: "createRound",
    year: String(nextYear),
    editionId: ofYear?.id ?? "",
    title: t("rounds.new.defaultTitle", { year: nextYear }),
    deadline: `${nextYear}-08-29T18:00`,
    carryOver: previous ? "answers" : "none",
  };
  const { id, field, onSubmit, busy, form } = useSchemaForm(createRoundSchema, "createRound", initial);
  // The edition follows the year typed until the person picks one themselves (the 인증's first, as listed).
  const year = form.watch("year");
  const pickedEdition = !!form.formState.dirtyFields.editionId;
  useEffect(() => {
    if (!/^\d{4}$/.test(String(year ?? "")) || pickedEdition) return;
    const match = editions.find((e) => e.year === Number(year));
    if (match && form.getValues("editionId") !== match.id) form.setValue("editionId", match.id);
  }, [year, pickedEdition, editions, form]);
  return (
    <>
      <p className="breadcrumb">
        <Link to="/rounds">← {t("rounds.list.title")}</Link>
      </p>
      <div className="page-head">
        <div>
          <h1>{t("rounds.new.title")}</h1>
          <p>{t("rounds.new.intro", { institution: institution.name })}</p>
        </div>
      </div>
      <ActionNotice />
      <section className="panel">
        <Form id={id} method="post" className="form" noValidate onSubmit={onSubmit}>
          <input type="hidden" name="intent" value="createRound" />
          <div className="form-row">
            <Field label={t("rounds.field.year")} inputMode="numeric" required maxLength={4} {...field("year")} />
            <Field
              label={t("rounds.field.deadline")}
              type="datetime-local"
              required
              hint={t("rounds.field.deadlineHint")}
              {...field("deadline")}
            />
          </div>
          <Field label={t("rounds.field.title")} required maxLength={100} {...field("title")} />
          <SelectField label={t("rounds.field.edition")} hint={t("rounds.field.editionHint")} {...field("editionId")}>
            {editions.map((e) => (
              <option key={e.id} value={e.id}>
                {e.title} ({t("rounds.edition.count", { count: e.indicator_count })}
                {e.reconstruction ? `, ${t("common.reconstruction")}` : ""})
              </option>
            ))}
          </SelectField>
          <fieldset className="field">
            <legend>{t("rounds.field.carryOver")}</legend>
            {CARRY_OVER_MODES.map((mode) => (
              <label key={mode} className="choice__option">
                <input
                  type="radio"
                  value={mode}
                  disabled={!previous && mode !== "none"}
                  {...field("carryOver").registration}
                  defaultChecked={initial.carryOver === mode}
                />{" "}
                {t(`rounds.carryOver.${mode}` as MessageKey, { title: previous?.title ?? "" })}
              </label>
            ))}
            {previous ? (
              <span className="field__hint">{t("rounds.carryOver.hint")}</span>
            ) : (
              <span className="field__hint">{t("rounds.carryOver.noPrevious")}</span>
            )}
          </fieldset>
          <div className="form-actions">
            <button type="submit" className="button" disabled={busy}>
              {t("rounds.new.submit")}
            </button>
            <Link to="/rounds" className="button button--secondary">
              {t("form.cancel")}
            </Link>
          </div>
        </Form>
      </section>
    </>
  );
}
