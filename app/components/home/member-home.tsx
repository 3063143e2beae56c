import { Fragment } from "react";
import type { memberHomeData } from "~/utils/home.server";
import { formatTenths } from "../points";
import { RoundHeader, StatusBadge } from "../round-header";
import { useT } from "../use-t";

type Data = Awaited<ReturnType<typeof memberHomeData>>;

/** The department member's worklist, grouped by area and item. */
export function MemberHome({ data }: { data: Data }) {
  const t = useT();
  if (!data.round) return <p className="notice">{t("home.noRound")}</p>;
  const groups: { key: string; label: string; rows: Data["indicators"] }[] = [];
  for (const row of data.indicators) {
    const key = `${row.area}|${row.item}`;
    const last = groups.at(-1);
    if (last?.key === key) last.rows.push(row);
    else groups.push({ key, label: `${row.areaTitle} › ${row.itemTitle}`, rows: [row] });
  }
  return (
    <>
      <RoundHeader round={data.round} title={t("home.member.title")} />
      <p className="muted">{t("home.member.intro", { department: data.departmentName })}</p>
      {data.indicators.length === 0 ? (
        <p className="notice">{t("home.member.none")}</p>
      ) : (
        <div className="panel table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th>{t("home.code")}</th><th>{t("home.indicator")}</th><th>{t("home.role")}</th>
                <th className="num">{t("home.max")}</th><th className="num">{t("home.selfScore")}</th><th>{t("common.status")}</th>
              </tr>
            </thead>
            <tbody>
              {groups.map((g) => (
                <Fragment key={g.key}>
                  <tr className="group"><td colSpan={6}>{g.label}</td></tr>
                  {g.rows.map((r) => (
                    <tr key={r.code}>
                      <td className="num">{r.code}</td>
                      <td>{r.title}</td>
                      <td>{t(r.role === "lead" ? "home.role.lead" : "home.role.support")}</td>
                      <td className="num">{formatTenths(r.maxTenths)}</td>
                      <td className="num">{r.selfTenths === null ? "–" : formatTenths(r.selfTenths)}</td>
                      <td><StatusBadge status={r.status} /></td>
                    </tr>
                  ))}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
