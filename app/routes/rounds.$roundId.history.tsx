import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { HistoryList } from "~/components/review/history";
import { useLocale, useT } from "~/components/use-t";
import { entityLabel } from "~/domain/audit-display";
import roundsHref from "~/styles/rounds.css?url";
import { db } from "~/utils/db.server";
import { HISTORY_PAGE, historyFilterFrom, roundHistory, verifyAuditLog } from "~/utils/history.server";
import { guardRound } from "~/utils/round-admin.server";
import { pageTitle } from "~/utils/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: roundsHref }];
export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, "title.history", data?.round.title);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { round } = await guardRound(request, params.roundId, "read:audit:institution");
  const filter = historyFilterFrom(new URL(request.url).searchParams);
  return { round: { id: round.id, title: round.title }, filter, pageSize: HISTORY_PAGE, history: await roundHistory(db, round, filter) };
}

/** Runs the integrity check of the whole log; it changes nothing, so it is safe to repeat. */
export async function action({ request, params }: ActionFunctionArgs) {
  await guardRound(request, params.roundId, "read:audit:institution");
  const result = await verifyAuditLog(db);
  // Only the verdict and where it broke: the events themselves belong to other institutions too.
  return { ok: result.ok, checked: result.checked, lastSeq: result.lastSeq, problems: result.problems.length, first: result.problems[0] ?? null };
}

export default function RoundHistory() {
  const { round, filter, pageSize, history } = useLoaderData<typeof loader>();
  const verified = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const busy = useNavigation().state === "submitting";
  const [search] = useSearchParams();
  const pageHref = (page: number) => {
    const next = new URLSearchParams(search);
    next.set("page", String(page));
    return `?${next.toString()}`;
  };
  const from = (filter.page - 1) * pageSize + 1;
  const to = Math.min(filter.page * pageSize, history.total);
  return (
    <>
      <p className="breadcrumb"><Link to={`/rounds/${round.id}`}>← {round.title}</Link></p>
      <div className="page-head">
        <div>
          <h1>{t("history.title")}</h1>
          <p>{t("history.round.intro")}</p>
        </div>
        <div className="page-head__actions">
          <a className="button button--secondary" href={`/rounds/${round.id}/history.csv${search.toString() ? `?${search.toString()}` : ""}`}>{t("history.csv")}</a>
        </div>
      </div>

      <section className="panel" aria-labelledby="verify-title">
        <h2 id="verify-title">{t("history.verify.title")}</h2>
        {verified ? (
          <p className={`notice ${verified.ok ? "notice--ok" : "notice--error"}`} role="status" data-testid="verify-result">
            {verified.ok
              ? t("history.verify.ok", { count: verified.checked, last: verified.lastSeq })
              : t("history.verify.failed", { count: verified.problems, seq: verified.first?.seq ?? "–", message: verified.first?.message ?? "" })}
          </p>
        ) : null}
        <Form method="post"><button type="submit" className="button button--secondary" disabled={busy}>{t("history.verify.run")}</button></Form>
      </section>

      <Form method="get" className="form-row filters panel" role="search">
        <label className="field"><span>{t("history.filter.entity")}</span>
          <select name="entity" defaultValue={filter.entity ?? ""}>
            <option value="">{t("history.filter.all")}</option>
            {history.entities.map((e) => <option key={e} value={e}>{entityLabel(locale, e)}</option>)}
          </select>
        </label>
        <label className="field"><span>{t("history.filter.actor")}</span>
          <select name="actor" defaultValue={filter.actorId ?? ""}>
            <option value="">{t("history.filter.all")}</option>
            {history.actors.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
          </select>
        </label>
        <label className="field"><span>{t("history.filter.indicator")}</span><input name="indicator" defaultValue={filter.indicator ?? ""} placeholder="1.1.02"
          aria-invalid={history.unknownIndicator ? true : undefined} aria-describedby={history.unknownIndicator ? "history-indicator-error" : undefined} /></label>
        <label className="field"><span>{t("history.filter.from")}</span><input type="date" name="from" defaultValue={filter.from ?? ""} /></label>
        <label className="field"><span>{t("history.filter.to")}</span><input type="date" name="to" defaultValue={filter.to ?? ""} /></label>
        <button type="submit" className="button button--secondary">{t("history.filter.apply")}</button>
      </Form>
      {history.unknownIndicator ? (
        <p id="history-indicator-error" className="notice notice--warn" role="alert">
          {t("history.filter.unknownIndicator", history.unknownIndicator)}
        </p>
      ) : null}

      <p className="small muted">{history.total ? t("history.shown", { total: history.total, from, to }) : null}</p>
      <HistoryList entries={history.entries} lookups={history.lookups} showEntity />
      <nav className="pager">
        {filter.page > 1 ? <Link to={pageHref(filter.page - 1)}>{t("history.prev")}</Link> : null}
        {to < history.total ? <Link to={pageHref(filter.page + 1)}>{t("history.next")}</Link> : null}
      </nav>
    </>
  );
}
