import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import {
  EstimatePanel,
  GradeRulePanel,
  PeersPanel,
  PublicationPanel,
  ReceivedPanel,
} from "~/components/grades/grade-panels";
import { useT } from "~/components/use-t";
import { can } from "~/domain/permissions";
import { gradeIntentSchema } from "~/schemas/grades";
import roundsHref from "~/styles/rounds.css?url";
import { actionResponse, invalid, type ActionData } from "~/utils/actions.server";
import { db } from "~/utils/db.server";
import { formObject, prefixedFields } from "~/utils/forms";
import { gradePage, runGradeIntent } from "~/utils/grades.server";
import { assertCan, found, guardRound } from "~/utils/guards.server";
import { pageTitle } from "~/utils/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: roundsHref }];
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, "title.grades", data?.round.title);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, round } = await guardRound(request, params.roundId, "read:round:institution");
  // A round of a scheme without relative grades has no such page.
  const page = found(await gradePage(db, round));
  return {
    round: { id: round.id, title: round.title },
    page,
    mayEdit: can(actor, "manage:round:institution", { institutionId: round.institution_id, roundId: round.id }),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, round } = await guardRound(request, params.roundId, "read:round:institution");
  assertCan(actor, "manage:round:institution", { institutionId: round.institution_id, roundId: round.id });
  const fields = formObject(await request.formData());
  // The grade selects arrive as grade_<part>; the schema takes them as one record.
  const grades = prefixedFields(fields, "grade_");
  const parsed = gradeIntentSchema.safeParse({ ...fields, grades });
  if (!parsed.success) return actionResponse(fields, invalid(parsed.error));
  return actionResponse(fields, await runGradeIntent(db, actor, round, parsed.data));
}

export default function GradePage() {
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
          <h1>{t("grades.title")}</h1>
          <p>{t("grades.intro")}</p>
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
      <EstimatePanel estimates={page.estimates} />
      <GradeRulePanel grading={page.grading} />
      <PeersPanel peers={page.peers} items={page.items} mayEdit={mayEdit} result={result} />
      <ReceivedPanel
        received={page.received}
        items={page.items}
        bands={page.grading.bands}
        mayEdit={mayEdit}
        result={result}
      />
      {page.publication ? <PublicationPanel publication={page.publication} mayEdit={mayEdit} result={result} /> : null}
    </>
  );
}
