import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ActionNotice } from "~/components/org/action-notice";
import { CreateDepartmentForm, DepartmentsTable } from "~/components/org/departments";
import orgStyles from "~/components/org/org.css?url";
import { CreatePersonForm, PeopleTable } from "~/components/org/people";
import { orgIntentSchema } from "~/schemas/org";
import { useT } from "~/components/use-t";
import type { MessageKey } from "~/i18n";
import { db } from "~/utils/db.server";
import { formObject } from "~/utils/forms";
import { actionResponse, invalid } from "~/utils/actions.server";
import { getInstitution } from "~/utils/institutions.server";
import { listDepartments } from "~/utils/departments.server";
import { listPeople } from "~/utils/people.server";
import { runOrgIntent } from "~/utils/org-intents.server";
import { guardOrgManager } from "~/utils/guards.server";
import { pageTitle } from "~/utils/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: orgStyles }];
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, "title.org", data?.institution.name);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, institutionId } = await guardOrgManager(request, params.institutionId);
  const institution = await getInstitution(db, institutionId);
  const [departments, { people }] = await Promise.all([
    listDepartments(db, [institutionId]),
    listPeople(db, { institutionId }),
  ]);
  return { institution, departments, people, viewer: { userId: actor.userId, isSystemAdmin: actor.isSystemAdmin } };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, institutionId } = await guardOrgManager(request, params.institutionId);
  const fields = formObject(await request.formData());
  const parsed = orgIntentSchema.safeParse(fields);
  if (!parsed.success) return actionResponse(fields, invalid(parsed.error));
  await getInstitution(db, institutionId);
  return actionResponse(fields, await runOrgIntent(db, actor, institutionId, parsed.data));
}

export default function OrgPage() {
  const { institution, departments, people, viewer } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      {viewer.isSystemAdmin ? (
        <p>
          <Link to="/admin/institutions">{t("org.backToInstitutions")}</Link>
        </p>
      ) : null}
      <div className="page-head">
        <div>
          <h1>{institution.name}</h1>
          <p>
            {institution.region} · {t(`instType.${institution.type}` as MessageKey)}{" "}
            {institution.active ? null : <span className="badge badge--muted">{t("common.inactive")}</span>}
          </p>
        </div>
        <nav aria-label={t("org.jump.label")} className="row-actions">
          <a href="#departments-title" className="button button--secondary">
            {t("org.jump.departments", { count: departments.length })}
          </a>
          <a href="#people-title" className="button button--secondary">
            {t("org.jump.people", { count: people.length })}
          </a>
          <a href="#form-createUser" className="button button--secondary">
            {t("org.jump.createPerson")}
          </a>
        </nav>
      </div>
      {institution.active ? null : <p className="notice notice--warn">{t("org.institutionInactive")}</p>}
      <ActionNotice />
      <section className="panel" aria-labelledby="departments-title">
        <h2 id="departments-title">{t("org.departments.title")}</h2>
        <p className="muted small">{t("org.departments.intro")}</p>
        <DepartmentsTable departments={departments} />
        <CreateDepartmentForm />
      </section>
      <section className="panel" aria-labelledby="people-title">
        <h2 id="people-title">{t("org.people.title")}</h2>
        <PeopleTable people={people} departments={departments} viewerId={viewer.userId} mode="org" />
        <CreatePersonForm mode="org" departments={departments} />
      </section>
    </>
  );
}
