import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { formatTenths } from "~/components/points";
import { GapSummaryStats, GapTable } from "~/components/rounds/gaps";
import { PlanTools, ThresholdPlanPanel } from "~/components/rounds/plan";
import { actionItemSchema } from "~/schemas/rounds";
import { useT } from "~/components/use-t";
import { GAP_KINDS } from "~/domain/gaps";
import { projectTargets } from "~/domain/plan";
import { effortSchema, parseTargets } from "~/schemas/plan";
import { can } from "~/domain/permissions";
import type { MessageKey } from "~/i18n";
import roundsHref from "~/styles/rounds.css?url";
import { db } from "~/utils/db.server";
import { formObject } from "~/utils/forms";
import { roundGaps, saveActionItem } from "~/utils/gaps.server";
import { saveEffort } from "~/utils/plan.server";
import { requireEdition } from "~/utils/round-admin.server";
import { actionResponse, invalid, type ActionData } from "~/utils/actions.server";
import { institutionDepartments } from "~/utils/round-admin.server";
import { pageTitle } from "~/utils/meta";
import { guardRound } from "~/utils/guards.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: roundsHref }];
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, "title.gaps", data?.round.title);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, round } = await guardRound(request, params.roundId, "read:round:institution");
  const mayManage = can(actor, "manage:round:institution", { institutionId: round.institution_id });
  const [data, departments] = await Promise.all([
    roundGaps(db, round),
    mayManage ? institutionDepartments(db, round.institution_id) : Promise.resolve([]),
  ]);
  // What-if targets come from the query string, so a projection can be linked and works without JavaScript.
  const search = new URL(request.url).searchParams;
  const { targets, errors: targetErrors } = parseTargets(search, new Map(data.gaps.map((g) => [g.code, g.maxTenths])));
  const whatIf = projectTargets(
    data.gaps,
    data.totals.selfTenths,
    data.thresholds.applicationTenths,
    targets,
    data.effort,
  );
  const typedTargets = Object.fromEntries(
    [...search.entries()].filter(([k]) => k.startsWith("to.")).map(([k, v]) => [k.slice(3), v.slice(0, 10)]),
  );
  return {
    round: { id: round.id, title: round.title, state: round.state },
    data,
    whatIf,
    targets: typedTargets,
    targetErrors,
    departments: departments.map((d) => ({ id: d.id, name: d.name })),
    mayManage,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, round } = await guardRound(request, params.roundId, "manage:round:institution");
  const fields = formObject(await request.formData());
  if (fields.intent === "saveEffort") {
    const effort = effortSchema.safeParse(fields);
    if (!effort.success) return actionResponse(fields, invalid(effort.error));
    const edition = await requireEdition(db, round.edition_id);
    const codes = new Set(edition.indicators.map((i) => i.code));
    return actionResponse(fields, await saveEffort(db, actor, round, effort.data, codes));
  }
  const parsed = actionItemSchema.safeParse(fields);
  if (!parsed.success) return actionResponse(fields, invalid(parsed.error));
  return actionResponse(fields, await saveActionItem(db, actor, round, parsed.data));
}

export default function GapsPage() {
  const { round, data, departments, mayManage, whatIf, targets, targetErrors } = useLoaderData<typeof loader>();
  const result = useActionData() as ActionData | undefined;
  const t = useT();
  const [search] = useSearchParams();
  const kind = search.get("kind") ?? "";
  const department = search.get("department") ?? "";
  const area = search.get("area") ?? "";
  const shown = data.gaps.filter(
    (g) =>
      (!kind || g.kind === kind) &&
      (!area || g.area === area) &&
      (!department || (department === "none" ? g.department === null : String(g.department?.id) === department)),
  );
  const gapDepartments = [
    ...new Map(data.gaps.filter((g) => g.department).map((g) => [g.department!.id, g.department!.name])).entries(),
  ].sort((a, b) => a[1].localeCompare(b[1], "ko"));
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/rounds/${round.id}`}>← {round.title}</Link>
      </p>
      <div className="page-head">
        <div>
          <h1>{t("gaps.title")}</h1>
          <p>
            {t("gaps.intro", {
              total: formatTenths(data.totals.selfTenths),
              max: formatTenths(data.totals.maxTenths),
              count: data.gaps.length,
            })}
          </p>
        </div>
        <div className="page-head__actions">
          <Link className="button button--secondary" to={`/rounds/${round.id}/report`}>
            {t("rounds.tools.report")}
          </Link>
        </div>
      </div>
      {result?.ok && result.intent !== "saveEffort" ? (
        <p className="notice notice--ok" role="status">
          {t(result.notice.key, result.notice.params)}
        </p>
      ) : null}
      {result && !result.ok && result.intent !== "saveEffort" ? (
        <p className="notice notice--error" role="alert">
          {t(result.errors._form ?? "form.hasErrors")}
        </p>
      ) : null}

      <GapSummaryStats data={data} />
      <ThresholdPlanPanel data={data} roundId={round.id} />
      <PlanTools
        data={data}
        whatIf={whatIf}
        targets={targets}
        targetErrors={targetErrors}
        mayManage={mayManage}
        result={result}
      />

      <section className="panel" aria-labelledby="gap-list">
        <h2 id="gap-list">{t("gaps.list.title")}</h2>
        <Form method="get" className="form-row filters" role="search" aria-label={t("gaps.filter.label")}>
          <div className="field">
            <label htmlFor="filter-kind">{t("gaps.col.kind")}</label>
            <select id="filter-kind" name="kind" defaultValue={kind}>
              <option value="">{t("gaps.filter.all")}</option>
              {GAP_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`gaps.kind.${k}` as MessageKey)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-area">{t("gaps.filter.area")}</label>
            <select id="filter-area" name="area" defaultValue={area}>
              <option value="">{t("gaps.filter.all")}</option>
              {data.areas.map((a) => (
                <option key={a.code} value={a.code}>
                  {a.code}. {a.title}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-department">{t("gaps.col.department")}</label>
            <select id="filter-department" name="department" defaultValue={department}>
              <option value="">{t("gaps.filter.all")}</option>
              {gapDepartments.map(([id, name]) => (
                <option key={id} value={id}>
                  {name}
                </option>
              ))}
              <option value="none">{t("gaps.unassigned")}</option>
            </select>
          </div>
          <button type="submit" className="button button--secondary">
            {t("gaps.filter.apply")}
          </button>
        </Form>
        <p className="small muted" aria-live="polite">
          {t("gaps.filter.shown", { shown: shown.length, total: data.gaps.length })}
        </p>
        <GapTable
          data={data}
          roundId={round.id}
          gaps={shown}
          departments={departments}
          editable={mayManage}
          result={result}
        />
      </section>
    </>
  );
}
