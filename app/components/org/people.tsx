import { Form, Link } from "@remix-run/react";
import { useWatch } from "react-hook-form";
import type { MessageKey } from "~/i18n";
import type { Person } from "~/utils/people.server";
import { Field } from "../field";
import { useT } from "../use-t";
import { RowAction, useClosingDisclosure } from "./row-action";
import {
  adminCreateUserSchema,
  adminUpdateUserSchema,
  ADMIN_ROLES,
  createUserSchema,
  MEMBER_ROLES,
  updateUserSchema,
} from "~/schemas/org";
import { SelectField } from "./select-field";
import { useSchemaForm } from "./use-schema-form";

export interface DepartmentOption {
  id: number;
  institutionId: number;
  name: string;
  active: boolean;
}

/** "org" on an institution's page; "admin" on the system-wide page, where the institution is a field. */
export type PeopleMode = "org" | "admin";

const roleKey = (role: string | null, isSystemAdmin: boolean): MessageKey | null =>
  role ? (`role.${role}` as MessageKey) : isSystemAdmin ? "role.admin" : null;

interface PeopleTableProps {
  people: Person[];
  departments: DepartmentOption[];
  viewerId: number;
  mode: PeopleMode;
}

export function PeopleTable({ people, departments, viewerId, mode }: PeopleTableProps) {
  const t = useT();
  if (people.length === 0) return <p className="muted">{t("org.people.empty")}</p>;
  return (
    <div className="table-wrap">
      <table className="data org-table">
        <thead>
          <tr>
            <th scope="col">{t("org.field.displayName")}</th>
            <th scope="col">{t("org.field.username")}</th>
            {mode === "admin" ? <th scope="col">{t("org.field.institution")}</th> : null}
            <th scope="col">{t("org.field.role")}</th>
            <th scope="col">{t("org.field.department")}</th>
            <th scope="col">{t("common.status")}</th>
            <th scope="col">{t("common.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {people.map((p) => {
            const role = roleKey(p.role, p.isSystemAdmin);
            const self = p.userId === viewerId;
            return (
              <tr key={`${p.userId}-${p.membershipId ?? "admin"}`} className={p.active ? undefined : "row--inactive"}>
                <th scope="row">
                  {p.displayName} {self ? <span className="badge">{t("org.people.you")}</span> : null}
                  {p.email ? <div className="muted small">{p.email}</div> : null}
                </th>
                <td className="username">{p.username}</td>
                {mode === "admin" ? (
                  <td>
                    {p.institutionId ? (
                      <Link to={`/org/${p.institutionId}`}>{p.institutionName}</Link>
                    ) : (
                      t("common.none")
                    )}
                  </td>
                ) : null}
                <td>
                  {role ? t(role) : t("common.none")}
                  {p.isSystemAdmin && p.role ? <> · {t("role.admin")}</> : null}
                </td>
                <td>{p.departmentName ?? t("common.none")}</td>
                <td>
                  <span className={`badge ${p.active ? "badge--approved" : "badge--muted"}`}>
                    {t(p.active ? "common.active" : "common.inactive")}
                  </span>
                  {p.mustChangePassword ? (
                    <>
                      {" "}
                      <span className="badge badge--warn">{t("org.people.mustChange")}</span>
                    </>
                  ) : null}
                </td>
                <td>
                  <div className="row-actions">
                    {p.membershipId && p.institutionId && (mode === "org" || !self) ? (
                      <EditPerson
                        person={p}
                        departments={departments.filter((d) => d.institutionId === p.institutionId)}
                        mode={mode}
                      />
                    ) : null}
                    {self ? null : (
                      <>
                        <RowAction
                          intent="resetPassword"
                          fields={{ userId: p.userId }}
                          subject={p.displayName}
                          danger
                          label={t("org.people.resetPassword")}
                          confirm={t("org.people.confirmReset", { name: p.displayName })}
                        />
                        {p.active ? (
                          <RowAction
                            intent="deactivateUser"
                            fields={{ userId: p.userId }}
                            subject={p.displayName}
                            danger
                            label={t("org.action.deactivate")}
                            confirm={t("org.people.confirmDeactivate", { name: p.displayName })}
                          />
                        ) : (
                          <RowAction
                            intent="reactivateUser"
                            fields={{ userId: p.userId }}
                            subject={p.displayName}
                            label={t("org.action.reactivate")}
                          />
                        )}
                      </>
                    )}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function DepartmentOptions({ departments, selected }: { departments: DepartmentOption[]; selected?: number | null }) {
  const t = useT();
  return (
    <>
      <option value="">{t("org.select.noDepartment")}</option>
      {departments
        .filter((d) => d.active || d.id === selected)
        .map((d) => (
          <option key={d.id} value={d.id}>
            {d.active ? d.name : t("org.select.inactive", { name: d.name })}
          </option>
        ))}
    </>
  );
}

function EditPerson({
  person,
  departments,
  mode,
}: {
  person: Person;
  departments: DepartmentOption[];
  mode: PeopleMode;
}) {
  const t = useT();
  const initial = {
    intent: "updateUser",
    userId: String(person.userId),
    institutionId: String(person.institutionId ?? ""),
    role: person.role ?? "",
    departmentId: person.departmentId ? String(person.departmentId) : "",
  };
  const schema = mode === "admin" ? adminUpdateUserSchema : updateUserSchema;
  const { id, field, onSubmit, busy, failed, succeeded } = useSchemaForm(schema, "updateUser", initial, person.userId);
  const closing = useClosingDisclosure(succeeded);
  const label = t("org.people.edit");
  const prefix = `edit-${person.userId}-${person.membershipId}`;
  return (
    <details className="disclosure" open={failed ? true : undefined} ref={closing}>
      <summary className="button button--small button--secondary" aria-label={`${label}: ${person.displayName}`}>
        {label}
      </summary>
      <Form id={id} method="post" className="form disclosure__body" noValidate onSubmit={onSubmit} preventScrollReset>
        <input type="hidden" name="intent" value="updateUser" />
        <input type="hidden" name="userId" value={person.userId} />
        <input type="hidden" name="institutionId" value={person.institutionId ?? ""} />
        <SelectField id={`${prefix}-role`} label={t("org.field.role")} {...field("role")}>
          {MEMBER_ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          id={`${prefix}-department`}
          label={t("org.field.department")}
          hint={t("org.hint.department")}
          {...field("departmentId")}
        >
          <DepartmentOptions departments={departments} selected={person.departmentId} />
        </SelectField>
        <div className="form-actions">
          <button type="submit" className="button button--small" disabled={busy}>
            {t("form.save")}
          </button>
        </div>
      </Form>
    </details>
  );
}

interface CreatePersonFormProps {
  mode: PeopleMode;
  departments: DepartmentOption[];
  /** admin: the institutions a person can be added to; the filter's institution comes first. */
  institutions?: { id: number; name: string }[];
  defaultInstitutionId?: number | null;
}

/** A new account; the server makes a temporary password and shows it once. */
export function CreatePersonForm({
  mode,
  departments,
  institutions = [],
  defaultInstitutionId = null,
}: CreatePersonFormProps) {
  const t = useT();
  const initial = {
    intent: "createUser",
    username: "",
    displayName: "",
    email: "",
    role: "",
    departmentId: "",
    ...(mode === "admin" ? { institutionId: defaultInstitutionId ? String(defaultInstitutionId) : "" } : {}),
  };
  const schema = mode === "admin" ? adminCreateUserSchema : createUserSchema;
  const { id, form, field, onSubmit, busy } = useSchemaForm(schema, "createUser", initial as Record<string, string>);
  const role = useWatch({ control: form.control, name: "role" }) as string | undefined;
  const institutionId = useWatch({ control: form.control, name: "institutionId" }) as string | undefined;
  // With JavaScript, offer only the chosen institution's departments; without it, the server checks the pair.
  const offered =
    mode === "admin" && institutionId
      ? departments.filter((d) => String(d.institutionId) === institutionId)
      : departments;
  const roles = mode === "admin" ? ADMIN_ROLES : MEMBER_ROLES;
  return (
    <Form
      id={id}
      method="post"
      className="form"
      noValidate
      onSubmit={onSubmit}
      aria-labelledby="create-person-title"
      preventScrollReset
    >
      <h3 id="create-person-title">{t("org.people.create")}</h3>
      <p className="muted small">{t("org.people.createIntro")}</p>
      <input type="hidden" name="intent" value="createUser" />
      <Field
        id="new-username"
        label={t("org.field.username")}
        hint={t("org.hint.username")}
        required
        maxLength={40}
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        {...field("username")}
      />
      <Field
        id="new-display-name"
        label={t("org.field.displayName")}
        required
        maxLength={50}
        autoComplete="off"
        {...field("displayName")}
      />
      <Field
        id="new-email"
        label={t("org.field.emailOptional")}
        type="email"
        maxLength={254}
        autoComplete="off"
        {...field("email")}
      />
      <SelectField id="new-role" label={t("org.field.role")} required {...field("role")}>
        <option value="">{t("org.select.choose")}</option>
        {roles.map((r) => (
          <option key={r} value={r}>
            {t(r === "system_admin" ? "role.admin" : `role.${r}`)}
          </option>
        ))}
      </SelectField>
      {mode === "admin" ? (
        <SelectField
          id="new-institution"
          label={t("org.field.institution")}
          hint={t(role === "system_admin" ? "org.hint.adminNoInstitution" : "org.hint.institution")}
          {...field("institutionId")}
        >
          <option value="">{t("org.select.choose")}</option>
          {institutions.map((i) => (
            <option key={i.id} value={i.id}>
              {i.name}
            </option>
          ))}
        </SelectField>
      ) : null}
      <SelectField
        id="new-department"
        label={t("org.field.department")}
        hint={t(mode === "admin" && departments.length === 0 ? "org.hint.departmentFilter" : "org.hint.department")}
        {...field("departmentId")}
      >
        <DepartmentOptions departments={offered} />
      </SelectField>
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy}>
          {t("org.people.createSubmit")}
        </button>
      </div>
    </Form>
  );
}
