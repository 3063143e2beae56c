import { Form } from "@remix-run/react";
import type { listDepartments } from "~/utils/departments.server";
import { Field } from "../field";
import { useT } from "../use-t";
import { RowAction, useClosingDisclosure } from "./row-action";
import { createDepartmentSchema, renameDepartmentSchema } from "~/schemas/org";
import { useSchemaForm } from "./use-schema-form";

export type DepartmentRow = Awaited<ReturnType<typeof listDepartments>>[number];

/** An institution's departments: rename, mark the lead department, stop and restart using one. */
export function DepartmentsTable({ departments }: { departments: DepartmentRow[] }) {
  const t = useT();
  if (departments.length === 0) return <p className="muted">{t("org.departments.empty")}</p>;
  return (
    <div className="table-wrap">
      <table className="data org-table">
        <thead>
          <tr>
            <th scope="col">{t("org.field.departmentName")}</th>
            <th scope="col" className="num">
              {t("org.col.members")}
            </th>
            <th scope="col">{t("common.status")}</th>
            <th scope="col">{t("common.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {departments.map((d) => (
            <tr key={d.id} className={d.active ? undefined : "row--inactive"}>
              <th scope="row">
                {d.name} {d.isLead ? <span className="badge badge--role">{t("org.departments.lead")}</span> : null}
              </th>
              <td className="num">{d.members}</td>
              <td>
                <span className={`badge ${d.active ? "badge--approved" : "badge--muted"}`}>
                  {t(d.active ? "common.active" : "common.inactive")}
                </span>
              </td>
              <td>
                <div className="row-actions">
                  <RenameDepartment department={d} />
                  {d.active && !d.isLead ? (
                    <RowAction
                      intent="setLeadDepartment"
                      fields={{ departmentId: d.id }}
                      subject={d.name}
                      label={t("org.departments.makeLead")}
                    />
                  ) : null}
                  {d.active ? (
                    <RowAction
                      intent="deactivateDepartment"
                      fields={{ departmentId: d.id }}
                      subject={d.name}
                      danger
                      label={t("org.action.deactivate")}
                      confirm={t("org.departments.confirmDeactivate", { name: d.name })}
                    />
                  ) : (
                    <RowAction
                      intent="reactivateDepartment"
                      fields={{ departmentId: d.id }}
                      subject={d.name}
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

function RenameDepartment({ department }: { department: DepartmentRow }) {
  const t = useT();
  const initial = { intent: "renameDepartment", departmentId: String(department.id), name: department.name };
  const { id, field, onSubmit, busy, failed, succeeded } = useSchemaForm(
    renameDepartmentSchema,
    "renameDepartment",
    initial,
    department.id,
  );
  const closing = useClosingDisclosure(succeeded);
  const label = t("org.departments.rename");
  return (
    <details className="disclosure" open={failed ? true : undefined} ref={closing}>
      <summary className="button button--small button--secondary" aria-label={`${label}: ${department.name}`}>
        {label}
      </summary>
      <Form id={id} method="post" className="form disclosure__body" noValidate onSubmit={onSubmit} preventScrollReset>
        <input type="hidden" name="intent" value="renameDepartment" />
        <input type="hidden" name="departmentId" value={department.id} />
        <Field
          id={`rename-${department.id}`}
          label={t("org.field.newDepartmentName")}
          required
          maxLength={50}
          {...field("name")}
        />
        <div className="form-actions">
          <button type="submit" className="button button--small" disabled={busy}>
            {t("form.save")}
          </button>
        </div>
      </Form>
    </details>
  );
}

const EMPTY = { intent: "createDepartment", name: "" };

export function CreateDepartmentForm() {
  const t = useT();
  const { id, field, onSubmit, busy } = useSchemaForm(createDepartmentSchema, "createDepartment", EMPTY);
  return (
    <Form
      id={id}
      method="post"
      className="form"
      noValidate
      onSubmit={onSubmit}
      aria-labelledby="create-department-title"
      preventScrollReset
    >
      <h3 id="create-department-title">{t("org.departments.create")}</h3>
      <input type="hidden" name="intent" value="createDepartment" />
      <Field
        id="new-department-name"
        label={t("org.field.departmentName")}
        required
        maxLength={50}
        {...field("name")}
      />
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy}>
          {t("org.departments.createSubmit")}
        </button>
      </div>
    </Form>
  );
}
