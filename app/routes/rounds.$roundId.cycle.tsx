import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { SelectionPanel, StagesPanel, VisitsPanel } from "~/components/happy-office/cycle-panels";
import { sourcesHref } from "~/components/provenance";
import { useT } from "~/components/use-t";
import { can } from "~/domain/permissions";
import { CYCLE_SCHEMAS } from "~/schemas/happy-office";
import roundsHref from "~/styles/rounds.css?url";
import { actionResponse, invalid, type ActionData } from "~/utils/actions.server";
import { db } from "~/utils/db.server";
import { formObject, prefixedFields } from "~/utils/forms";
import { cyclePage, runCycleIntent } from "~/utils/happy-office.server";
import { assertCan, found, guardRound } from "~/utils/guards.server";
import { pageTitle } from "~/utils/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: roundsHref }];
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, "happy.pageTitle", data?.round.title);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, round } = await guardRound(request, params.roundId, "read:round:institution");
  // Only a round on a 국민행복민원실 edition has a cycle.
  const page = found(await cyclePage(db, round));
  return {
    round: { id: round.id, title: round.title, institutionId: round.institution_id },
    page,
    mayEdit: can(actor, "manage:round:institution", { institutionId: round.institution_id, roundId: round.id }),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, round } = await guardRound(request, params.roundId, "read:round:institution");
  assertCan(actor, "manage:round:institution", { institutionId: round.institution_id, roundId: round.id });
  const fields = formObject(await request.formData());
  const schema = CYCLE_SCHEMAS[String(fields.intent) as keyof typeof CYCLE_SCHEMAS];
  if (!schema) return actionResponse(fields, { ok: false, errors: { _form: "org.error.unknownIntent" } });
  // The per-criterion observations arrive as obs_<item code>; the schema takes them as one record.
  const observations = prefixedFields(fields, "obs_");
  const parsed = schema.safeParse({ ...fields, observations });
  if (!parsed.success) return actionResponse(fields, invalid(parsed.error));
  const result = await runCycleIntent(db, actor, round, parsed.data);
  return actionResponse(fields, result.outcome, result.refusedStatus);
}

export default function CyclePage() {
  const { round, page, mayEdit } = useLoaderData<typeof loader>();
  const result = useActionData() as ActionData | undefined;
  const t = useT();
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/rounds/${round.id}`}>← {round.title}</Link>
      </p>
      <div className="page-head">
        <div>
          <h1>{t("happy.title")}</h1>
          <p>{t("happy.intro")}</p>
          <p className="small">
            {t("happy.edition", { title: page.edition.title })}
            {page.edition.reconstruction ? (
              <>
                {" "}
                <span className="badge badge--prov-derived">{t("happy.reconstruction")}</span>{" "}
                <Link to={sourcesHref(page.edition.id)}>{t("provenance.sourcesLink")}</Link>
              </>
            ) : null}
          </p>
        </div>
      </div>
      {result?.ok ? (
        <p className="notice notice--ok" role="status">
          {t(result.notice.key, result.notice.params)}
        </p>
      ) : null}
      {result && !result.ok && result.errors._form ? (
        <p className="notice notice--error" role="alert">
          {t(result.errors._form)}
        </p>
      ) : null}
      <StagesPanel page={page} mayEdit={mayEdit} result={result} />
      <VisitsPanel page={page} mayEdit={mayEdit} result={result} />
      <SelectionPanel page={page} institutionId={round.institutionId} mayEdit={mayEdit} result={result} />
    </>
  );
}
