import { Form, Link } from "@remix-run/react";
import type { MessageKey } from "~/i18n";
import type { listInstitutions } from "~/utils/institutions.server";
import { Field } from "../field";
import { useT } from "../use-t";
import { RowAction } from "./row-action";
import { createInstitutionSchema, INSTITUTION_TYPES, REGIONS } from "~/schemas/org";
import { SelectField } from "./select-field";
import { useSchemaForm } from "./use-schema-form";

type InstitutionRow = Awaited<ReturnType<typeof listInstitutions>>[number];

export function InstitutionsTable({ institutions }: { institutions: InstitutionRow[] }) {
  const t = useT();
  if (institutions.length === 0) return <p className="muted">{t("org.institutions.empty")}</p>;
  return (
    <div className="table-wrap">
      <table className="data org-table">
        <caption>{t("org.institutions.count", { count: institutions.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("org.field.institutionName")}</th>
            <th scope="col">{t("org.field.code")}</th>
            <th scope="col">{t("org.field.region")}</th>
            <th scope="col">{t("org.field.type")}</th>
            <th scope="col" className="num">
              {t("org.col.departments")}
            </th>
            <th scope="col" className="num">
              {t("org.col.users")}
            </th>
            <th scope="col">{t("common.status")}</th>
            <th scope="col">{t("common.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {institutions.map((i) => (
            <tr key={i.id} className={i.active ? undefined : "row--inactive"}>
              <th scope="row">
                <Link to={`/org/${i.id}`}>{i.name}</Link>
              </th>
              <td className="username">{i.code}</td>
              <td>{i.region}</td>
              <td>{t(`instType.${i.type}` as MessageKey)}</td>
              <td className="num">{i.departments}</td>
              <td className="num">{i.users}</td>
              <td>
                <span className={`badge ${i.active ? "badge--approved" : "badge--muted"}`}>
                  {t(i.active ? "common.active" : "common.inactive")}
                </span>
              </td>
              <td>
                <div className="row-actions">
                  {i.active ? (
                    <RowAction
                      intent="deactivateInstitution"
                      fields={{ institutionId: i.id }}
                      subject={i.name}
                      danger
                      label={t("org.action.deactivate")}
                      confirm={t("org.institutions.confirmDeactivate", { name: i.name })}
                    />
                  ) : (
                    <RowAction
                      intent="reactivateInstitution"
                      fields={{ institutionId: i.id }}
                      subject={i.name}
                      label={t("org.action.reactivate")}
                    />
                  )}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const EMPTY = { intent: "createInstitution", code: "", name: "", region: "", type: "" };

export function CreateInstitutionForm() {
  const t = useT();
  const { id, field, onSubmit, busy } = useSchemaForm(createInstitutionSchema, "createInstitution", EMPTY);
  return (
    <Form
      id={id}
      method="post"
      className="form"
      noValidate
      onSubmit={onSubmit}
      aria-labelledby="create-institution-title"
      preventScrollReset
    >
      <h2 id="create-institution-title">{t("org.institutions.create")}</h2>
      <input type="hidden" name="intent" value="createInstitution" />
      <Field label={t("org.field.institutionName")} required maxLength={100} {...field("name")} />
      <Field
        label={t("org.field.code")}
        hint={t("org.hint.code")}
        required
        maxLength={40}
        autoCapitalize="none"
        spellCheck={false}
        {...field("code")}
      />
      <Field
        label={t("org.field.region")}
        hint={t("org.hint.region")}
        required
        maxLength={30}
        list="region-options"
        {...field("region")}
      />
      <datalist id="region-options">
        {REGIONS.map((r) => (
          <option key={r} value={r} />
        ))}
      </datalist>
      <SelectField label={t("org.field.type")} required {...field("type")}>
        <option value="">{t("org.select.choose")}</option>
        {INSTITUTION_TYPES.map((type) => (
          <option key={type} value={type}>
            {t(`instType.${type}`)}
          </option>
        ))}
      </SelectField>
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy}>
          {t("org.institutions.createSubmit")}
        </button>
      </div>
    </Form>
  );
}
