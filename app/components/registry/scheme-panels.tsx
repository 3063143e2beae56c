import { Link } from "@remix-run/react";
import { formatCalendarDate } from "~/domain/datetime";
import type { MessageKey } from "~/i18n";
import type { InstitutionSchemes } from "~/utils/registry-schemes.server";
import { useLocale, useT } from "../use-t";
import { CertStatusBadge, kindKey } from "./status";

/** The institution's 국민행복민원실 certificates: award, plaque, validity (3 years, scheme data) and status. */
export function HappyOfficePanel({ data }: { data: InstitutionSchemes }) {
  const t = useT();
  const locale = useLocale();
  return (
    <section className="panel" aria-labelledby="happy-title">
      <h2 id="happy-title">{t("registry.happy.title")}</h2>
      <p className="small muted">{t("registry.happy.rule", { source: data.happyOfficeRule.source })}</p>
      {data.happyOffice.length === 0 ? (
        <p className="muted">{t("registry.happy.none")}</p>
      ) : (
        <table className="data" data-testid="happy-office-table">
          <thead>
            <tr>
              <th scope="col">{t("registry.happy.award")}</th>
              <th scope="col">{t("registry.col.history")}</th>
              <th scope="col">{t("registry.happy.plaque")}</th>
              <th scope="col">{t("registry.happy.period")}</th>
              <th scope="col">{t("registry.col.status")}</th>
            </tr>
          </thead>
          <tbody>
            {data.happyOffice.map((c) => (
              <tr key={c.id}>
                <td className="nowrap">{formatCalendarDate(c.awardDate, locale)}</td>
                <td>{t(kindKey(c.kind))}</td>
                <td>{c.plaque ? t(`registry.plaque.${c.plaque}` as MessageKey) : "–"}</td>
                <td className="nowrap">
                  {formatCalendarDate(c.validity.validFrom, locale)} –{" "}
                  {formatCalendarDate(c.validity.validUntil, locale)}{" "}
                  <span className="small muted">({t("registry.termYears", { years: c.validity.years })})</span>
                </td>
                <td>
                  <CertStatusBadge status={c.validity.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The institution's 종합평가 rounds by year: the grade received overall and per item, and the duty to publish. */
export function GradesPanel({ data, canOpen }: { data: InstitutionSchemes; canOpen: boolean }) {
  const t = useT();
  const locale = useLocale();
  return (
    <section className="panel" aria-labelledby="grades-title">
      <h2 id="grades-title">{t("registry.grades.title")}</h2>
      {data.grades.length === 0 ? (
        <p className="muted">{t("registry.grades.none")}</p>
      ) : (
        <table className="data" data-testid="grades-table">
          <thead>
            <tr>
              <th scope="col">{t("registry.grades.year")}</th>
              <th scope="col">{t("registry.grades.round")}</th>
              <th scope="col">{t("registry.grades.overall")}</th>
              <th scope="col">{t("registry.grades.items")}</th>
              <th scope="col">{t("registry.grades.publication")}</th>
            </tr>
          </thead>
          <tbody>
            {data.grades.map((g) => {
              const duty = g.publication.duty;
              const date = duty.status === "showing" ? duty.keepUntil : duty.deadline;
              return (
                <tr key={g.roundId}>
                  <th scope="row">{t("registry.yearLabel", { year: g.year })}</th>
                  <td>{canOpen ? <Link to={`/rounds/${g.roundId}/grade`}>{g.title}</Link> : g.title}</td>
                  <td>
                    {g.overall ? (
                      <>
                        <strong>{t(`grade.${g.overall.grade}` as MessageKey)}</strong>
                        {g.overall.scoreHundredths !== null ? (
                          <span className="small muted"> ({(g.overall.scoreHundredths / 100).toFixed(2)})</span>
                        ) : null}
                      </>
                    ) : (
                      <span className="muted">{t("registry.grades.notReceived")}</span>
                    )}
                  </td>
                  <td className="small">
                    {g.items.length
                      ? g.items
                          .map((i) =>
                            t("registry.grades.item", { part: i.part, grade: t(`grade.${i.grade}` as MessageKey) }),
                          )
                          .join(" · ")
                      : "–"}
                  </td>
                  <td className="small">
                    {t(`registry.grades.pub.${duty.status}` as MessageKey, {
                      date: date ? formatCalendarDate(date, locale) : "",
                    })}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
