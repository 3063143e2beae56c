import { ProvenanceBadge } from "~/components/provenance";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { bulkApproveSchema } from "~/schemas/review";
import { bulkApprove } from "~/utils/bulk-review.server";
import { formatTenths } from "~/components/points";
import { StatusBadge } from "~/components/round-header";
import { useLocale, useT } from "~/components/use-t";
import { formatDateTime } from "~/domain/datetime";
import { QUEUE_VIEWS, queueFilterFrom, reviewDiff } from "~/domain/review";
import type { MessageKey } from "~/i18n";
import roundsHref from "~/styles/rounds.css?url";
import { db } from "~/utils/db.server";
import { reviewQueueFor } from "~/utils/review.server";

import { pageTitle } from "~/utils/meta";
import { guardRound } from "~/utils/guards.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: roundsHref }];
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, "title.review", data?.round.title);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { round } = await guardRound(request, params.roundId, "review:response:institution");
  const filter = queueFilterFrom(new URL(request.url).searchParams);
  const [queue, institution] = await Promise.all([
    reviewQueueFor(db, round, filter),
    db.selectFrom("institutions").select("name").where("id", "=", round.institution_id).executeTakeFirstOrThrow(),
  ]);
  return {
    round: { id: round.id, title: round.title, state: round.state },
    institution: institution.name,
    filter,
    queue,
  };
}

/** Approves the selected handed-in indicators in one transaction; a stale row refuses the batch and is named. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, round } = await guardRound(request, params.roundId, "review:response:institution");
  const form = await request.formData();
  const parsed = bulkApproveSchema.safeParse({ intent: form.get("intent"), pick: form.getAll("pick") });
  if (!parsed.success) return { ok: false as const, key: "bulk.error.none" as const, code: "" };
  const result = await bulkApprove(db, actor, round, parsed.data.pick);
  return result.ok
    ? { ok: true as const, key: "bulk.approved" as const, count: result.count }
    : { ok: false as const, key: result.key, code: result.code ?? "" };
}

export default function ReviewQueue() {
  const { round, institution, filter, queue } = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>();
  const selectable = queue.rows.some((r) => r.status === "submitted");
  const t = useT();
  const locale = useLocale();
  const [search] = useSearchParams();
  const viewHref = (view: string) => {
    const next = new URLSearchParams(search);
    next.set("view", view);
    return `?${next.toString()}`;
  };
  const counts: Record<string, number> = {
    ...queue.counts,
    all: queue.counts.waiting + queue.counts.reviewed + queue.counts.returned,
  };
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/rounds/${round.id}`}>
          ← {institution} · {round.title}
        </Link>
      </p>
      <div className="page-head">
        <div>
          <h1>{t("review.queue.title")}</h1>
          <p>{t("review.queue.intro")}</p>
        </div>
        <div className="page-head__actions">
          <Link className="button button--secondary" to={`/rounds/${round.id}/stages`}>
            {t("stages.title")}
          </Link>
          <Link className="button button--secondary" to={`/rounds/${round.id}/history`}>
            {t("history.title")}
          </Link>
        </div>
      </div>
      <nav className="tabs" aria-label={t("review.queue.title")}>
        {QUEUE_VIEWS.map((v) => (
          <Link
            key={v}
            to={viewHref(v)}
            className={`tab${filter.view === v ? " tab--current" : ""}`}
            aria-current={filter.view === v ? "page" : undefined}
          >
            {t(`review.queue.view.${v}` as MessageKey, { count: counts[v] })}
          </Link>
        ))}
      </nav>
      <Form method="get" className="form-row filters panel" role="search">
        <input type="hidden" name="view" value={filter.view} />
        <label className="field">
          <span>{t("gaps.filter.area")}</span>
          <select name="area" defaultValue={filter.area ?? ""}>
            <option value="">{t("history.filter.all")}</option>
            {queue.areas.map((a) => (
              <option key={a.code} value={a.code}>
                {a.code}. {a.title}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t("rounds.dashboard.item")}</span>
          <select name="item" defaultValue={filter.item ?? ""}>
            <option value="">{t("history.filter.all")}</option>
            {queue.items.map((i) => (
              <option key={i.code} value={i.code}>
                {i.code} {i.title}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t("home.department")}</span>
          <select name="department" defaultValue={filter.departmentId ?? ""}>
            <option value="">{t("history.filter.all")}</option>
            {queue.departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t("review.queue.diff")}</span>
          <input
            name="diff"
            type="number"
            min="0"
            step="0.1"
            inputMode="decimal"
            defaultValue={filter.minDiffTenths === null ? "" : formatTenths(filter.minDiffTenths)}
            placeholder="0.5"
          />
        </label>
        <button type="submit" className="button button--secondary">
          {t("history.filter.apply")}
        </button>
      </Form>
      {done ? (
        <p
          className={`notice ${done.ok ? "notice--ok" : "notice--error"}`}
          role={done.ok ? "status" : "alert"}
          data-testid="bulk-result"
        >
          {done.ok ? t(done.key, { count: done.count }) : t(done.key, { code: done.code })}
        </p>
      ) : null}
      {queue.rows.length === 0 ? (
        <p className="muted">{t("review.queue.none")}</p>
      ) : (
        <Form method="post" id="bulk-form">
          <input type="hidden" name="intent" value="bulkApprove" />
          <table className="data review-bulk" data-testid="review-queue">
            <thead>
              <tr>
                <th>
                  <span className="visually-hidden">{t("bulk.select")}</span>
                </th>
                <th>{t("home.code")}</th>
                <th>{t("home.indicator")}</th>
                <th>{t("home.department")}</th>
                <th>{t("common.status")}</th>
                <th className="num">{t("review.self")}</th>
                <th className="num">{t("review.reviewed")}</th>
                <th className="num">{t("review.diff")}</th>
                <th className="num">{t("review.queue.evidence")}</th>
                <th>{t("review.queue.submittedAt")}</th>
              </tr>
            </thead>
            <tbody>
              {queue.rows.map((r) => {
                const diff = reviewDiff(r);
                return (
                  <tr key={r.code} data-code={r.code}>
                    <td>
                      {r.status === "submitted" ? (
                        <input
                          type="checkbox"
                          name="pick"
                          value={`${r.code}:${r.version}`}
                          aria-label={`${t("bulk.select")} ${r.code}`}
                        />
                      ) : null}
                    </td>
                    <td>
                      <Link to={`/rounds/${round.id}/indicators/${r.code}`}>{r.code}</Link>
                    </td>
                    <td>
                      {r.title} <ProvenanceBadge provenance={r.provenance ?? undefined} editionId={queue.editionId} />
                    </td>
                    <td>{r.department ?? "–"}</td>
                    <td>
                      <StatusBadge status={r.status} />
                    </td>
                    <td className="num">
                      {r.selfTenths === null ? "–" : formatTenths(r.selfTenths)} / {formatTenths(r.maxTenths)}
                    </td>
                    <td className="num">{r.reviewedTenths === null ? "–" : formatTenths(r.reviewedTenths)}</td>
                    <td className="num">
                      {diff === null || diff === 0 ? "–" : `${diff > 0 ? "+" : ""}${formatTenths(diff)}`}
                    </td>
                    <td className="num">{r.evidence}</td>
                    <td className="small">
                      {r.submittedAt ? formatDateTime(r.submittedAt, locale) : "–"}
                      {r.late ? (
                        <>
                          {" "}
                          <span
                            className="badge badge--returned"
                            title={t("late.badge.title")}
                            data-testid="late-badge"
                          >
                            {t("late.badge")}
                          </span>
                        </>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {selectable ? (
            <button type="submit" className="button" data-testid="bulk-approve">
              {t("bulk.approve")}
            </button>
          ) : null}
        </Form>
      )}
    </>
  );
}
