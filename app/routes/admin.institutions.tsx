import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ActionNotice } from "~/components/org/action-notice";
import { CreateInstitutionForm, InstitutionsTable } from "~/components/org/institutions";
import orgStyles from "~/components/org/org.css?url";
import { institutionIntentSchema } from "~/schemas/org";
import { useT } from "~/components/use-t";
import { db } from "~/utils/db.server";
import { formObject } from "~/utils/forms";
import { actionResponse, invalid } from "~/utils/actions.server";
import { listInstitutions, runInstitutionIntent } from "~/utils/institutions.server";
import { requirePermission } from "~/utils/guards.server";
import { pageTitle } from "~/utils/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: orgStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.institutions");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:institution:any");
  return { institutions: await listInstitutions(db) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requirePermission(request, "manage:institution:any");
  const fields = formObject(await request.formData());
  const parsed = institutionIntentSchema.safeParse(fields);
  if (!parsed.success) return actionResponse(fields, invalid(parsed.error));
  return actionResponse(fields, await runInstitutionIntent(db, actor, parsed.data));
}

export default function Institutions() {
  const { institutions } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t("org.institutions.title")}</h1>
          <p>{t("org.institutions.intro")}</p>
        </div>
        <a href="#form-createInstitution" className="button button--secondary">
          {t("org.jump.createInstitution")}
        </a>
      </div>
      <ActionNotice />
      <section className="panel" aria-labelledby="institutions-title">
        <h2 id="institutions-title">{t("org.institutions.list")}</h2>
        <InstitutionsTable institutions={institutions} />
      </section>
      <section className="panel">
        <CreateInstitutionForm />
      </section>
    </>
  );
}
