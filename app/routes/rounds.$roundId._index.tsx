import { lineMarks } from "~/components/rounds/line-marks";
import { josa } from "es-hangul";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { ActionNotice } from "~/components/org/action-notice";
import { RoundHeader } from "~/components/round-header";
import { DepartmentProgress, ItemChart, RoundActions, RoundStats } from "~/components/rounds/dashboard";
import { ScoreBar } from "~/components/score-bar";
import { formatTenths } from "~/components/points";
import { useT } from "~/components/use-t";
import { can } from "~/domain/permissions";
import { ROUND_TRANSITIONS, transitionsFrom } from "~/domain/round-state";
import { roundIntentSchema } from "~/schemas/rounds";
import roundsHref from "~/styles/rounds.css?url";
import { db } from "~/utils/db.server";
import { formObject } from "~/utils/forms";
import { actionResponse, invalid } from "~/utils/actions.server";
import { assertCan, guardRound } from "~/utils/guards.server";
import { roundDashboard, runRoundIntent } from "~/utils/round-admin.server";
import { pageTitle } from "~/utils/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: roundsHref }];
export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, null, data?.round.title);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, round } = await guardRound(request, params.roundId, "read:round:institution");
  const scope = { institutionId: round.institution_id, roundId: round.id };
  const mayManage = can(actor, "manage:round:institution", scope);
  // Moving the round through review is for its own institution's auditors, not for a cross reviewer.
  const mayReview = can(actor, "review:response:institution", { institutionId: round.institution_id });
  const dashboard = await roundDashboard(db, round);
  const transitions = transitionsFrom(round.state).filter((tr) =>
    ROUND_TRANSITIONS[tr].by === "coordinator" ? mayManage : mayReview,
  );
  return {
    round: {
      id: round.id,
      title: round.title,
      year: round.year,
      state: round.state,
      deadlineAt: round.deadline_at,
      latePolicy: round.late_policy,
      version: round.version,
    },
    dashboard,
    mayManage,
    mayReviewHere: can(actor, "review:response:institution", scope),
    transitions,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, round } = await guardRound(request, params.roundId, "read:round:institution");
  const fields = formObject(await request.formData());
  const parsed = roundIntentSchema.safeParse(fields);
  if (!parsed.success) return actionResponse(fields, invalid(parsed.error));
  const by = parsed.data.intent === "transition" ? ROUND_TRANSITIONS[parsed.data.transition].by : "coordinator";
  assertCan(actor, by === "coordinator" ? "manage:round:institution" : "review:response:institution", {
    institutionId: round.institution_id,
  });
  return actionResponse(fields, await runRoundIntent(db, actor, round, parsed.data));
}

export default function RoundDashboard() {
  const { round, dashboard, mayManage, mayReviewHere, transitions } = useLoaderData<typeof loader>();
  const t = useT();
  const [search] = useSearchParams();
  const { totals, thresholds } = dashboard;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/rounds">← {t("rounds.list.title")}</Link>
      </p>
      <RoundHeader round={round} title={round.title} />
      {search.get("created") ? (
        <p className="notice notice--ok" role="status">
          {t("rounds.notice.createdShort")}
        </p>
      ) : null}
      <ActionNotice />
      {dashboard.edition.reconstruction ? (
        <p className="notice notice--warn small">
          {t("rounds.reconstructionNote", {
            edition: dashboard.edition.title,
            topic: josa.pick(dashboard.edition.title, "은/는"),
          })}
        </p>
      ) : null}

      <nav className="round-tools" aria-label={t("rounds.tools.label")}>
        {mayManage ? (
          <Link className="button button--secondary" to={`/rounds/${round.id}/assignments`}>
            {t("rounds.tools.assignments")}
          </Link>
        ) : null}
        <Link className="button button--secondary" to={`/rounds/${round.id}/gaps`}>
          {t("rounds.tools.gaps")}
        </Link>
        <Link className="button button--secondary" to={`/rounds/${round.id}/library`}>
          {t("library.nav")}
        </Link>
        {mayManage ? (
          <a className="button button--secondary" href={`/rounds/${round.id}/export.xlsx`}>
            {t("rounds.tools.export")}
          </a>
        ) : null}
        {mayManage ? (
          <Link className="button button--secondary" to={`/rounds/${round.id}/import`}>
            {t("rounds.tools.import")}
          </Link>
        ) : null}
        <Link className="button button--secondary" to={`/rounds/${round.id}/report`}>
          {t("rounds.tools.report")}
        </Link>
        {mayReviewHere ? (
          <Link className="button button--secondary" to={`/rounds/${round.id}/review`}>
            {t("review.queue.title")}
          </Link>
        ) : null}
        <Link className="button button--secondary" to={`/rounds/${round.id}/stages`}>
          {t("stages.title")}
        </Link>
        <Link className="button button--secondary" to={`/rounds/${round.id}/history`}>
          {t("rounds.tools.history")}
        </Link>
        {mayManage && round.state === "open" ? (
          <Link className="button" to={`/rounds/${round.id}/submit`}>
            {t("rounds.tools.submit")}
          </Link>
        ) : null}
      </nav>

      <RoundStats round={round} dashboard={dashboard} />

      <section className="panel" aria-labelledby="total-bar">
        <h2 id="total-bar">{t("rounds.dashboard.total", { max: (totals.maxTenths / 10).toLocaleString("ko-KR") })}</h2>
        <p className="total-line">
          <strong data-testid="dashboard-self-total">{formatTenths(totals.selfTenths)}</strong> /{" "}
          {formatTenths(totals.maxTenths)}
          {totals.reviewed > 0 ? (
            <span className="muted">
              {" "}
              · {t("rounds.dashboard.reviewedTotal")}{" "}
              <strong data-testid="dashboard-reviewed-total">{formatTenths(totals.reviewedTenths)}</strong>
            </span>
          ) : null}
        </p>
        <ScoreBar valueTenths={totals.selfTenths} maxTenths={totals.maxTenths} lines={lineMarks(t, thresholds)} />
      </section>

      <ItemChart totals={totals} />
      <DepartmentProgress departments={dashboard.departments} roundId={round.id} />
      {transitions.length || mayManage ? (
        <RoundActions round={round} transitions={transitions} mayManage={mayManage} />
      ) : null}
    </>
  );
}
