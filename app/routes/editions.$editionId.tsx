import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import { toTenths } from "#indicators/points";
import { formatTenths } from "~/components/points";
import { ProvenanceBadge, ProvenanceCounts, ProvenanceDetail } from "~/components/provenance";
import { ScoringSummary } from "~/components/scoring-summary";
import { useT } from "~/components/use-t";
import { useTagLabel } from "~/components/tags";
import type { MessageKey } from "~/i18n";
import { db } from "~/utils/db.server";
import { getEdition } from "~/utils/editions.server";
import { can } from "~/domain/permissions";
import { found, requireSignedIn } from "~/utils/guards.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, "title.edition", data?.edition.title);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requireSignedIn(request);
  const edition = found(await getEdition(db, params.editionId ?? ""));
  return { edition, canCopy: can(actor, "manage:edition:any") };
}

export default function EditionPage() {
  const { edition, canCopy } = useLoaderData<typeof loader>();
  const t = useT();
  const tagLabel = useTagLabel();
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{edition.title}</h1>
          <p>
            {edition.year} · {t(`instType.${edition.institutionType}` as MessageKey)} ·{" "}
            {t("editions.structure", {
              areas: edition.areas.length,
              items: edition.items.length,
              indicators: edition.indicators.length,
              total: edition.totalPoints.toLocaleString("ko-KR"),
            })}
          </p>
          <p>
            {t(`scheme.${edition.scheme ?? "certification"}` as MessageKey)}
            {" · "}
            {edition.thresholds && edition.validity
              ? t("editions.thresholds", {
                  application: edition.thresholds.application,
                  consulting: edition.thresholds.consulting,
                  initial: edition.validity.initialYears,
                  renewal: edition.validity.renewalYears,
                })
              : edition.validity
                ? t("schemes.validityOnly", {
                    initial: edition.validity.initialYears,
                    renewal: edition.validity.renewalYears,
                  })
                : t("schemes.relative.hint")}
          </p>
        </div>
        {canCopy ? (
          <div className="row-actions">
            <Link to={`/editions/drafts/new?from=${encodeURIComponent(edition.id)}`} className="button">
              {t("draft.new.link")}
            </Link>
          </div>
        ) : null}
      </div>
      {edition.reconstruction ? (
        <p className="notice notice--warn">{edition.notice ?? t("editions.reconstructionNotice")}</p>
      ) : null}
      <p>
        <ProvenanceCounts indicators={edition.indicators} editionId={edition.id} />
      </p>
      {edition.areas.map((area) => (
        <section key={area.code} className="panel" aria-labelledby={`area-${area.code}`}>
          <h2 id={`area-${area.code}`}>
            {area.code}. {area.title} <span className="muted small">({formatTenths(toTenths(area.points))})</span>
          </h2>
          <div className="table-wrap">
            <table className="data">
              <thead>
                <tr>
                  <th>{t("editions.code")}</th>
                  <th>{t("editions.indicator")}</th>
                  <th>{t("editions.scoring")}</th>
                  <th className="num">{t("editions.points")}</th>
                  <th>{t("editions.owner")}</th>
                </tr>
              </thead>
              <tbody>
                {edition.items
                  .filter((i) => i.area === area.code)
                  .map((item) => (
                    <Fragment key={item.code}>
                      <tr className="group">
                        <td colSpan={5}>
                          {item.code} {item.title} ({formatTenths(toTenths(item.points))})
                        </td>
                      </tr>
                      {edition.indicators
                        .filter((i) => i.item === item.code)
                        .map((ind) => (
                          <tr key={ind.code} id={`ind-${ind.code}`}>
                            <td className="num">{ind.code}</td>
                            <td>
                              <details>
                                <summary>{ind.title}</summary>
                                <p>{ind.description}</p>
                                <ScoringSummary indicator={ind} />
                                {ind.evidence.length ? (
                                  <p className="small">
                                    <strong>{t("editions.evidence")}:</strong> {ind.evidence.join(", ")}
                                  </p>
                                ) : null}
                                <ProvenanceDetail
                                  provenance={ind.provenance}
                                  editionId={edition.id}
                                  sources={edition.sources}
                                  heading="h3"
                                />
                              </details>
                              <ProvenanceBadge provenance={ind.provenance} editionId={edition.id} />
                              <div>
                                {ind.tags.map((tag) => (
                                  <span key={tag} className="tag">
                                    {tagLabel(tag)}
                                  </span>
                                ))}
                              </div>
                            </td>
                            <td>{t(`scoring.${ind.scoring.kind}` as MessageKey)}</td>
                            <td className="num">{formatTenths(toTenths(ind.maxPoints))}</td>
                            <td>{ind.ownerDepartment}</td>
                          </tr>
                        ))}
                    </Fragment>
                  ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </>
  );
}
