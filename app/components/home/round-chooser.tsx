import { Link } from "@remix-run/react";
import { formatDateTime } from "~/domain/datetime";
import type { MessageKey } from "~/i18n";
import type { RoundChoice } from "~/utils/home.server";
import { ScoreBar } from "../score-bar";
import { useLocale, useT } from "../use-t";

/**
 * The institution's open rounds when there are several (the 2014 인증 and the 2024 종합평가): scheme, deadline and
 * progress of each, and a link that shows it here. The choice lives in the URL (`?round=ID`), so it can be bookmarked
 * and works without JavaScript (ADR 038).
 */
export function RoundChooser({ choices, chosenId }: { choices: RoundChoice[]; chosenId: number }) {
  const t = useT();
  const locale = useLocale();
  return (
    <section className="panel round-chooser" aria-labelledby="round-chooser">
      <h2 id="round-chooser">{t("home.rounds.title", { count: choices.length })}</h2>
      <p className="muted small">{t("home.rounds.intro")}</p>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">{t("home.round")}</th>
            <th scope="col">{t("home.rounds.scheme")}</th>
            <th scope="col">{t("home.deadline")}</th>
            <th scope="col">{t("home.progress")}</th>
          </tr>
        </thead>
        <tbody>
          {choices.map((c) => {
            const chosen = c.id === chosenId;
            return (
              <tr key={c.id} className={chosen ? "is-selected" : undefined} data-testid={`round-choice-${c.id}`}>
                <td>
                  {chosen ? (
                    <span aria-current="true">
                      <strong>{c.title}</strong> <span className="badge">{t("home.rounds.current")}</span>
                    </span>
                  ) : (
                    <Link to={`?round=${c.id}`}>{c.title}</Link>
                  )}
                </td>
                <td>{t(`scheme.${c.scheme}` as MessageKey)}</td>
                <td className="nowrap">
                  {c.deadlineAt
                    ? t("deadline.kst", { time: formatDateTime(c.deadlineAt, locale) })
                    : t("home.rounds.noDeadline")}
                </td>
                <td style={{ minWidth: 160 }}>
                  <div className="small">{t("home.rounds.progressValue", { done: c.done, total: c.total })}</div>
                  <ScoreBar valueTenths={c.done} maxTenths={Math.max(1, c.total)} compact />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
