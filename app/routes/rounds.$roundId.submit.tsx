import {
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { formatTenths } from "~/components/points";
import { transitionSchema } from "~/schemas/rounds";
import { useT } from "~/components/use-t";
import type { MessageKey } from "~/i18n";
import roundsHref from "~/styles/rounds.css?url";
import { db } from "~/utils/db.server";
import { formObject } from "~/utils/forms";
import { actionResponse, invalid, type ActionData } from "~/utils/actions.server";
import { runRoundIntent, submissionCheckFor } from "~/utils/round-admin.server";
import { pageTitle } from "~/utils/meta";
import { guardRound } from "~/utils/guards.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: roundsHref }];
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, "title.submit", data?.round.title);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { round } = await guardRound(request, params.roundId, "manage:round:institution");
  const { check, overview } = await submissionCheckFor(db, round);
  return {
    round: { id: round.id, title: round.title, state: round.state, version: round.version },
    check,
    totals: { selfTenths: overview.totals.selfTenths, maxTenths: overview.totals.maxTenths },
    thresholds: overview.thresholds,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, round } = await guardRound(request, params.roundId, "manage:round:institution");
  const fields = formObject(await request.formData());
  const parsed = transitionSchema.safeParse({ ...fields, intent: "transition", transition: "submit" });
  if (!parsed.success) return actionResponse(fields, invalid(parsed.error));
  const result = await runRoundIntent(db, actor, round, parsed.data);
  if (!result.ok) return actionResponse(fields, result);
  return redirect(`/rounds/${round.id}?submitted=1`);
}

export default function SubmitPage() {
  const { round, check, totals, thresholds } = useLoaderData<typeof loader>();
  const result = useActionData() as ActionData | undefined;
  const t = useT();
  const refused = result && !result.ok ? result.errors : null;
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/rounds/${round.id}`}>← {round.title}</Link>
      </p>
      <div className="page-head">
        <div>
          <h1>{t("rounds.submit.title")}</h1>
          <p>
            {thresholds
              ? t("rounds.submit.intro", {
                  total: formatTenths(totals.selfTenths),
                  line: formatTenths(thresholds.applicationTenths),
                })
              : t("schemes.submit.introRelative", { total: formatTenths(totals.selfTenths) })}
          </p>
        </div>
      </div>
      {refused ? (
        <p className="notice notice--error" role="alert">
          {t(refused._form ?? refused.acknowledge ?? "form.hasErrors")}
        </p>
      ) : null}
      {round.state !== "open" ? <p className="notice notice--warn">{t("rounds.submit.notOpen")}</p> : null}
      {check.findings.length === 0 ? (
        <p className="notice notice--ok" data-testid="check-clean">
          {t("rounds.submit.clean")}
        </p>
      ) : null}
      {check.findings.map((f) => (
        <section
          key={f.kind}
          className={`panel finding finding--${f.blocking ? "blocking" : "weak"}`}
          data-finding={f.kind}
        >
          <h2>
            <span className={`badge ${f.blocking ? "badge--returned" : "badge--warn"}`}>
              {t(f.blocking ? "rounds.submit.blocks" : "rounds.submit.weakens")}
            </span>{" "}
            {t(`rounds.finding.${f.kind}` as MessageKey, {
              count: f.indicators.length,
              total: formatTenths(totals.selfTenths),
              line: thresholds ? formatTenths(thresholds.applicationTenths) : "",
            })}
          </h2>
          {f.indicators.length ? (
            <details open={f.indicators.length <= 10}>
              <summary>{t("rounds.submit.showIndicators", { count: f.indicators.length })}</summary>
              <table className="data">
                <thead>
                  <tr>
                    <th>{t("home.code")}</th>
                    <th>{t("home.indicator")}</th>
                    <th>{t("home.department")}</th>
                    <th className="num">{t("home.max")}</th>
                  </tr>
                </thead>
                <tbody>
                  {f.indicators.map((i) => (
                    <tr key={i.code}>
                      <td>
                        <Link to={`/rounds/${round.id}/indicators/${i.code}`}>{i.code}</Link>
                      </td>
                      <td>{i.title}</td>
                      <td>{i.department ?? "–"}</td>
                      <td className="num">{formatTenths(i.maxTenths)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          ) : null}
        </section>
      ))}
      {round.state === "open" ? (
        <section className="panel">
          <Form method="post" className="form">
            <input type="hidden" name="version" value={round.version} />
            {check.needsAcknowledgement ? (
              <label className="choice__option">
                <input
                  type="checkbox"
                  name="acknowledge"
                  value="on"
                  required
                  aria-invalid={refused?.acknowledge ? true : undefined}
                />{" "}
                {t("rounds.submit.acknowledge", { line: thresholds ? formatTenths(thresholds.applicationTenths) : "" })}
              </label>
            ) : null}
            <p className="small muted">{t("rounds.submit.locks")}</p>
            <div className="form-actions">
              <button type="submit" className="button" disabled={check.blocked}>
                {t("rounds.submit.button")}
              </button>
            </div>
          </Form>
        </section>
      ) : null}
    </>
  );
}
