import { lineMarks } from "../rounds/line-marks";
import { Link } from "@remix-run/react";
import type { coordinatorHomeData } from "~/utils/home.server";
import { formatTenths } from "../points";
import { RoundHeader } from "../round-header";
import { RoundStats } from "../rounds/dashboard";
import { ScoreBar } from "../score-bar";
import { useT } from "../use-t";

type Data = Awaited<ReturnType<typeof coordinatorHomeData>>;

export function CoordinatorHome({ data }: { data: Data }) {
  const t = useT();
  if (!data.round || !data.overview) return <p className="notice">{t("home.noRound")}</p>;
  const { overview } = data;
  const { totals, thresholds } = overview;
  return (
    <>
      <RoundHeader round={data.round} title={t("home.coordinator.title")} />
      <p className="round-tools">
        <Link className="button" to={`/rounds/${data.round.id}`}>
          {t("home.openDashboard")}
        </Link>
      </p>
      <RoundStats round={data.round} dashboard={overview} />

      <section className="panel" aria-labelledby="total-bar">
        <h2 id="total-bar">{t("home.selfTotal")}</h2>
        <ScoreBar valueTenths={totals.selfTenths} maxTenths={totals.maxTenths} lines={lineMarks(t, thresholds)} />
      </section>

      <div className="grid grid--2">
        <section className="panel" aria-labelledby="by-area">
          <h2 id="by-area">{t("home.byArea")}</h2>
          <table className="data">
            <thead>
              <tr>
                <th>{t("home.area")}</th>
                <th className="num">{t("home.score")}</th>
                <th className="num">{t("home.max")}</th>
                <th>{t("home.progress")}</th>
              </tr>
            </thead>
            <tbody>
              {totals.areas.map((a) => (
                <tr key={a.code}>
                  <td>{a.title}</td>
                  <td className="num">{formatTenths(a.selfTenths)}</td>
                  <td className="num">{formatTenths(a.maxTenths)}</td>
                  <td style={{ minWidth: 120 }}>
                    <ScoreBar valueTenths={a.selfTenths} maxTenths={a.maxTenths} compact />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="panel" aria-labelledby="by-dept">
          <h2 id="by-dept">{t("home.byDepartment")}</h2>
          <div className="table-wrap">
            <table className="data">
              <thead>
                <tr>
                  <th>{t("home.department")}</th>
                  <th className="num">{t("home.indicators")}</th>
                  <th className="num">{t("home.handedIn")}</th>
                  <th>{t("home.progress")}</th>
                </tr>
              </thead>
              <tbody>
                {overview.departments.map((d) => {
                  const done = d.counts.submitted + d.counts.approved;
                  return (
                    <tr key={d.id}>
                      <td>{d.name}</td>
                      <td className="num">{d.total}</td>
                      <td className="num">{done}</td>
                      <td style={{ minWidth: 120 }}>
                        <ScoreBar valueTenths={done} maxTenths={d.total} compact />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </section>
      </div>
    </>
  );
}
