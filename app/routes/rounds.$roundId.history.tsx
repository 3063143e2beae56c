import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { HistoryList } from "~/components/review/history";
import { useLocale, useT } from "~/components/use-t";
import { entityLabel } from "~/text/audit-display";
import roundsHref from "~/styles/rounds.css?url";
import { db } from "~/utils/db.server";
import { HISTORY_PAGE, historyFilterFrom, roundHistory } from "~/utils/history.server";
import { verifyForRound } from "~/utils/audit-replay.server";
import { recordCheckpoint } from "~/utils/checkpoints.server";
import { getLocale } from "~/utils/locale.server";
import { pageTitle } from "~/utils/meta";
import { guardRound } from "~/utils/guards.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: roundsHref }];
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, "title.history", data?.round.title);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { round } = await guardRound(request, params.roundId, "read:audit:institution");
  const filter = historyFilterFrom(new URL(request.url).searchParams);
  return {
    round: { id: round.id, title: round.title, deadlineAt: round.deadline_at },
    filter,
    pageSize: HISTORY_PAGE,
    history: await roundHistory(db, round, filter),
  };
}

/**
 * Runs the integrity check of the whole log (chain, signed checkpoints, state replay) and answers in the reader's
 * language; or, with intent=checkpoint, signs the log's head now. Verifying changes nothing, so it is safe to repeat.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const { round } = await guardRound(request, params.roundId, "read:audit:institution");
  const form = await request.formData();
  if (form.get("intent") === "checkpoint") {
    const checkpoint = await recordCheckpoint(db, "manual");
    return { intent: "checkpoint" as const, seq: checkpoint?.seq ?? 0 };
  }
  return { intent: "verify" as const, ...(await verifyForRound(db, round, await getLocale(request))) };
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
      <p className="breadcrumb">
        <Link to={`/rounds/${round.id}`}>← {round.title}</Link>
      </p>
      <div className="page-head">
        <div>
          <h1>{t("history.title")}</h1>
          <p>{t("history.round.intro")}</p>
        </div>
        <div className="page-head__actions">
          <a
            className="button button--secondary"
            href={`/rounds/${round.id}/history.csv${search.toString() ? `?${search.toString()}` : ""}`}
          >
            {t("history.csv")}
          </a>
        </div>
      </div>

      <section className="panel" aria-labelledby="verify-title">
        <h2 id="verify-title">{t("history.verify.title")}</h2>
        {verified?.intent === "verify" ? (
          <div
            className={`notice ${verified.ok ? "notice--ok" : "notice--error"}`}
            role="status"
            data-testid="verify-result"
          >
            <p>
              {verified.ok
                ? t("verify.ok", {
                    count: verified.checked,
                    last: verified.lastSeq,
                    checkpoints: verified.checkpoints,
                    rows: verified.rowsCompared,
                  })
                : t("verify.failed", { count: verified.problems.length + verified.hidden })}
            </p>
            {verified.problems.length ? (
              <ul className="verify-problems" data-testid="verify-problems">
                {verified.problems.map((p, n) => (
                  <li key={n} data-seq={p.seq ?? undefined}>
                    {p.message}
                  </li>
                ))}
              </ul>
            ) : null}
            {verified.hidden ? <p className="small">{t("verify.hidden", { count: verified.hidden })}</p> : null}
            {verified.problems.some((p) => p.seq !== null) ? <p className="small">{t("verify.marked")}</p> : null}
          </div>
        ) : null}
        {verified?.intent === "checkpoint" ? (
          <p className="notice notice--ok" role="status">
            {t("checkpoint.signed", { seq: verified.seq })}
          </p>
        ) : null}
        <div className="form-row">
          <Form method="post">
            <button type="submit" name="intent" value="verify" className="button button--secondary" disabled={busy}>
              {t("history.verify.run")}
            </button>
          </Form>
          <Form method="post">
            <button type="submit" name="intent" value="checkpoint" className="button button--secondary" disabled={busy}>
              {t("checkpoint.sign")}
            </button>
          </Form>
        </div>
      </section>

      <Form method="get" className="form-row filters panel" role="search">
        <label className="field">
          <span>{t("history.filter.entity")}</span>
          <select name="entity" defaultValue={filter.entity ?? ""}>
            <option value="">{t("history.filter.all")}</option>
            {history.entities.map((e) => (
              <option key={e} value={e}>
                {entityLabel(locale, e)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t("history.filter.actor")}</span>
          <select name="actor" defaultValue={filter.actorId ?? ""}>
            <option value="">{t("history.filter.all")}</option>
            {history.actors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t("history.filter.indicator")}</span>
          <input
            name="indicator"
            defaultValue={filter.indicator ?? ""}
            placeholder="1.1.02"
            aria-invalid={history.unknownIndicator ? true : undefined}
            aria-describedby={history.unknownIndicator ? "history-indicator-error" : undefined}
          />
        </label>
        <label className="field">
          <span>{t("history.filter.from")}</span>
          <input type="date" name="from" defaultValue={filter.from ?? ""} />
        </label>
        <label className="field">
          <span>{t("history.filter.to")}</span>
          <input type="date" name="to" defaultValue={filter.to ?? ""} />
        </label>
        <button type="submit" className="button button--secondary">
          {t("history.filter.apply")}
        </button>
      </Form>
      {history.unknownIndicator ? (
        <p id="history-indicator-error" className="notice notice--warn" role="alert">
          {t("history.filter.unknownIndicator", history.unknownIndicator)}
        </p>
      ) : null}

      <p className="small muted">{history.total ? t("history.shown", { total: history.total, from, to }) : null}</p>
      <HistoryList
        entries={history.entries}
        lookups={history.lookups}
        deadlineAt={round.deadlineAt}
        showEntity
        broken={
          verified?.intent === "verify"
            ? verified.problems.flatMap((p) => (p.seq === null ? [] : [{ seq: p.seq, message: p.message }]))
            : []
        }
      />
      <nav className="pager">
        {filter.page > 1 ? <Link to={pageHref(filter.page - 1)}>{t("history.prev")}</Link> : null}
        {to < history.total ? <Link to={pageHref(filter.page + 1)}>{t("history.next")}</Link> : null}
      </nav>
    </>
  );
}
