import { formatDateTime } from "~/domain/datetime";
import type { auditorHomeData } from "~/utils/home.server";
import { formatTenths } from "../points";
import { RoundHeader, StatusBadge } from "../round-header";
import { useLocale, useT } from "../use-t";

type Data = Awaited<ReturnType<typeof auditorHomeData>>;

export function AuditorHome({ data }: { data: Data }) {
  const t = useT();
  const locale = useLocale();
  if (!data.round) return <p className="notice">{t("home.noRound")}</p>;
  return (
    <>
      <RoundHeader round={data.round} title={t("home.auditor.title")} />
      <p className="muted">{t("home.auditor.intro")}</p>
      {data.queue.length === 0 ? (
        <p className="notice">{t("home.auditor.none")}</p>
      ) : (
        <div className="panel table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th>{t("home.code")}</th><th>{t("home.indicator")}</th><th>{t("home.department")}</th>
                <th className="num">{t("home.max")}</th><th className="num">{t("home.selfScore")}</th><th>{t("common.status")}</th><th>{t("home.submittedAt")}</th>
              </tr>
            </thead>
            <tbody>
              {data.queue.map((r) => (
                <tr key={r.code}>
                  <td className="num">{r.code}</td>
                  <td>{r.title}</td>
                  <td>{r.department ?? "–"}</td>
                  <td className="num">{formatTenths(r.maxTenths)}</td>
                  <td className="num">{r.selfTenths === null ? "–" : formatTenths(r.selfTenths)}</td>
                  <td><StatusBadge status={r.status} /></td>
                  <td className="small">{r.submittedAt ? formatDateTime(r.submittedAt, locale) : "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
