import { Link } from "@remix-run/react";
import { formatDateTime } from "~/domain/datetime";
import type { auditorHomeData } from "~/utils/home.server";
import { formatTenths } from "../points";
import { RoundHeader, StatusBadge } from "../round-header";
import { useLocale, useT } from "../use-t";

type Data = Awaited<ReturnType<typeof auditorHomeData>> & {
  crossReviews: { roundId: number; institutionName: string; roundTitle: string }[];
};

export function AuditorHome({ data }: { data: Data }) {
  const t = useT();
  const locale = useLocale();
  const cross = data.crossReviews.length ? (
    <section className="panel" aria-labelledby="cross-reviews" data-testid="cross-reviews">
      <h2 id="cross-reviews">{t("review.queue.crossTitle")}</h2>
      <ul>
        {data.crossReviews.map((g) => (
          <li key={g.roundId}>
            <Link to={`/rounds/${g.roundId}/review`}>
              {g.institutionName} · {g.roundTitle}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  ) : null;
  if (!data.round)
    return (
      <>
        {cross}
        <p className="notice">{t("home.noRound")}</p>
      </>
    );
  return (
    <>
      <RoundHeader round={data.round} title={t("home.auditor.title")} />
      <p className="muted">{t("home.auditor.intro")}</p>
      <p>
        <Link className="button" to={`/rounds/${data.round.id}/review`}>
          {t("review.queue.title")}
        </Link>
      </p>
      {cross}
      {data.queue.length === 0 ? (
        <p className="notice">{t("home.auditor.none")}</p>
      ) : (
        <div className="panel table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th>{t("home.code")}</th>
                <th>{t("home.indicator")}</th>
                <th>{t("home.department")}</th>
                <th className="num">{t("home.max")}</th>
                <th className="num">{t("home.selfScore")}</th>
                <th>{t("common.status")}</th>
                <th>{t("home.submittedAt")}</th>
              </tr>
            </thead>
            <tbody>
              {data.queue.map((r) => (
                <tr key={r.code}>
                  <td className="num">
                    <Link to={`/rounds/${data.round!.id}/indicators/${r.code}`}>{r.code}</Link>
                  </td>
                  <td>{r.title}</td>
                  <td>{r.department ?? "–"}</td>
                  <td className="num">{formatTenths(r.maxTenths)}</td>
                  <td className="num">{r.selfTenths === null ? "–" : formatTenths(r.selfTenths)}</td>
                  <td>
                    <StatusBadge status={r.status} />
                  </td>
                  <td className="small">
                    {r.submittedAt ? formatDateTime(r.submittedAt, locale) : "–"}
                    {r.late ? (
                      <>
                        {" "}
                        <span className="badge badge--returned" title={t("late.badge.title")} data-testid="late-badge">
                          {t("late.badge")}
                        </span>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
