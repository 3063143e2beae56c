import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Field } from "~/components/field";
import { ActionNotice } from "~/components/org/action-notice";
import orgStyles from "~/components/org/org.css?url";
import { CreatePersonForm, PeopleTable } from "~/components/org/people";
import { ADMIN_ROLES, type AdminRole, adminUserIntentSchema } from "~/schemas/org";
import { SelectField } from "~/components/org/select-field";
import { useT } from "~/components/use-t";
import { db } from "~/utils/db.server";
import { formObject } from "~/utils/forms";
import { actionResponse, invalid } from "~/utils/actions.server";
import { listDepartments } from "~/utils/departments.server";
import { listInstitutions } from "~/utils/institutions.server";
import { listPeople } from "~/utils/people.server";
import { runAdminUserIntent } from "~/utils/org-intents.server";
import { requirePermission } from "~/utils/guards.server";
import { pageTitle } from "~/utils/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: orgStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.users");

const PAGE_SIZE = 200;

/** ?institution=12&role=auditor&q=김 — anything unrecognised is simply no filter. */
function filtersOf(url: URL) {
  const institution = url.searchParams.get("institution") ?? "";
  const role = url.searchParams.get("role") ?? "";
  return {
    institutionId: /^[1-9]\d{0,11}$/.test(institution) ? Number(institution) : undefined,
    role: (ADMIN_ROLES as readonly string[]).includes(role) ? (role as AdminRole) : undefined,
    q: (url.searchParams.get("q") ?? "").trim().slice(0, 100),
  };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requirePermission(request, "manage:user:any");
  const filters = filtersOf(new URL(request.url));
  const [{ people, more }, institutions] = await Promise.all([
    listPeople(db, { ...filters, limit: PAGE_SIZE }),
    listInstitutions(db),
  ]);
  // Departments of the institutions on screen (for each row's role/department form) and of the filtered one.
  const shown = new Set(people.map((p) => p.institutionId).filter((id): id is number => id !== null));
  if (filters.institutionId) shown.add(filters.institutionId);
  const departments = await listDepartments(db, [...shown]);
  return {
    filters,
    people,
    more,
    institutions: institutions.map((i) => ({ id: i.id, name: i.name, active: i.active })),
    departments,
    viewerId: actor.userId,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requirePermission(request, "manage:user:any");
  const fields = formObject(await request.formData());
  const parsed = adminUserIntentSchema.safeParse(fields);
  if (!parsed.success) return actionResponse(fields, invalid(parsed.error));
  return actionResponse(fields, await runAdminUserIntent(db, actor, parsed.data));
}

export default function AdminUsers() {
  const { filters, people, more, institutions, departments, viewerId } = useLoaderData<typeof loader>();
  const t = useT();
  const filtered = departments.filter((d) => d.institutionId === filters.institutionId);
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t("org.users.title")}</h1>
          <p>{t("org.users.intro")}</p>
        </div>
        <a href="#form-createUser" className="button button--secondary">
          {t("org.jump.createPerson")}
        </a>
      </div>
      <ActionNotice />
      <section className="panel" aria-labelledby="users-title">
        <h2 id="users-title">{t("org.users.list")}</h2>
        <Form method="get" className="filters" role="search" aria-label={t("org.users.filters")}>
          <SelectField
            id="filter-institution"
            name="institution"
            label={t("org.field.institution")}
            defaultValue={filters.institutionId ?? ""}
          >
            <option value="">{t("common.all")}</option>
            {institutions.map((i) => (
              <option key={i.id} value={i.id}>
                {i.active ? i.name : t("org.select.inactive", { name: i.name })}
              </option>
            ))}
          </SelectField>
          <SelectField id="filter-role" name="role" label={t("org.field.role")} defaultValue={filters.role ?? ""}>
            <option value="">{t("common.all")}</option>
            {ADMIN_ROLES.map((r) => (
              <option key={r} value={r}>
                {t(r === "system_admin" ? "role.admin" : `role.${r}`)}
              </option>
            ))}
          </SelectField>
          <Field
            id="filter-q"
            name="q"
            type="search"
            label={t("org.users.search")}
            defaultValue={filters.q}
            maxLength={100}
          />
          <button type="submit" className="button button--secondary">
            {t("org.users.apply")}
          </button>
        </Form>
        <p className="muted small" role="status">
          {t(more ? "org.users.countMore" : "org.users.count", { count: people.length })}
        </p>
        <PeopleTable people={people} departments={departments} viewerId={viewerId} mode="admin" />
      </section>
      <section className="panel">
        <CreatePersonForm
          key={filters.institutionId ?? "all"}
          mode="admin"
          departments={filtered}
          institutions={institutions.filter((i) => i.active)}
          defaultInstitutionId={filters.institutionId ?? null}
        />
      </section>
    </>
  );
}
