import { Form, Link } from "@remix-run/react";
import { formatTenths } from "~/components/points";
import { useLocale, useT } from "~/components/use-t";
import { formatCalendarDate } from "~/domain/datetime";

export interface ProposalView {
  id: number;
  award_date: string;
  score_tenths: number | null;
  institution_id: number;
  institution: string;
  round_id: number;
  round_title: string;
}

/** Certifications a committee decision proposed, waiting for the Ministry: confirm into the registry or withdraw. */
export function ProposalList({ proposals, canManage }: { proposals: readonly ProposalView[]; canManage: boolean }) {
  const t = useT();
  const locale = useLocale();
  return (
    <section className="panel" aria-labelledby="proposals-title" data-testid="proposals">
      <h2 id="proposals-title">{t("proposal.title")}</h2>
      <p className="small">{t("proposal.intro")}</p>
      {proposals.length === 0 ? (
        <p className="muted">{t("proposal.none")}</p>
      ) : (
        <ul className="proposal-list">
          {proposals.map((p) => (
            <li key={p.id} data-proposal={p.id}>
              <span className="badge badge--submitted">{t("proposal.status.proposed")}</span>{" "}
              <Link to={`/registry/institutions/${p.institution_id}`}>{p.institution}</Link> ·{" "}
              <Link to={`/rounds/${p.round_id}/stages`}>{p.round_title}</Link>
              {" · "}
              {t("proposal.line", { date: formatCalendarDate(p.award_date, locale) })}
              {p.score_tenths !== null ? <> · {t("common.points", { points: formatTenths(p.score_tenths) })}</> : null}
              {canManage ? (
                <span className="inline-actions">
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="proposalId" value={p.id} />
                    <button type="submit" name="intent" value="confirmProposal" className="button button--small">
                      {t("proposal.confirm")}
                    </button>
                  </Form>
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="proposalId" value={p.id} />
                    <button
                      type="submit"
                      name="intent"
                      value="withdrawProposal"
                      className="button button--ghost button--small"
                    >
                      {t("proposal.withdraw")}
                    </button>
                  </Form>
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
