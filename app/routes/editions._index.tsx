import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatTenths } from "~/components/points";
import { ProvenanceCounts } from "~/components/provenance";
import { useT } from "~/components/use-t";
import type { MessageKey } from "~/i18n";
import { can } from "~/domain/permissions";
import { db } from "~/utils/db.server";
import { listDrafts } from "~/utils/edition-drafts.server";
import { getEdition, listEditions } from "~/utils/editions.server";
import { requireSignedIn } from "~/utils/guards.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.editions");

export async function loader({ request }: LoaderFunctionArgs) {
  // The rubric is not confidential: every signed-in person may read it.
  const { actor } = await requireSignedIn(request);
  const rows = await listEditions(db);
  // Each edition's indicators by provenance status (the parsed content is cached per content hash).
  const editions = await Promise.all(
    rows.map(async (e) => ({
      ...e,
      provenance: ((await getEdition(db, e.id))?.indicators ?? []).map((i) => ({ provenance: i.provenance })),
    })),
  );
  const canImport = can(actor, "manage:edition:any");
  return { editions, canImport, drafts: canImport ? await listDrafts(db) : [] };
}

export default function Editions() {
  const { editions, canImport, drafts } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t("editions.title")}</h1>
          <p>{t("editions.intro")}</p>
        </div>
        <div className="row-actions">
          <Link to="/editions/compare" className="button button--secondary">
            {t("rounds.compare.title")}
          </Link>
          {canImport ? (
            <Link to="/editions/drafts/new" className="button">
              {t("draft.new.link")}
            </Link>
          ) : null}
          {canImport ? (
            <Link to="/editions/import" className="button button--secondary">
              {t("editions.import")}
            </Link>
          ) : null}
        </div>
      </div>
      <div className="panel table-wrap">
        <table className="data">
          <thead>
            <tr>
              <th>{t("editions.year")}</th>
              <th>{t("editions.type")}</th>
              <th>{t("editions.name")}</th>
              <th className="num">{t("editions.indicators")}</th>
              <th className="num">{t("editions.total")}</th>
              <th>{t("editions.source")}</th>
              <th className="num">{t("editions.rounds")}</th>
            </tr>
          </thead>
          <tbody>
            {editions.map((e) => (
              <tr key={e.id}>
                <td className="num">{e.year}</td>
                <td>{t(`instType.${e.institution_type}` as MessageKey)}</td>
                <td>
                  <Link to={`/editions/${e.id}`}>{e.title}</Link>
                  {e.reconstruction ? (
                    <>
                      {" "}
                      <span className="badge badge--warn">{t("common.reconstruction")}</span>
                    </>
                  ) : null}
                  <div>
                    <ProvenanceCounts indicators={e.provenance} editionId={e.id} />
                  </div>
                  {e.superseded_by ? (
                    <div className="small muted">{t("editions.superseded", { id: e.superseded_by })}</div>
                  ) : null}
                </td>
                <td className="num">{e.indicator_count}</td>
                <td className="num">{formatTenths(e.total_tenths)}</td>
                <td>{t(`editions.source.${e.source}` as MessageKey)}</td>
                <td className="num">{Number(e.round_count ?? 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {drafts.length ? (
        <section className="panel" aria-labelledby="drafts-title">
          <h2 id="drafts-title">{t("draft.list.title")}</h2>
          <ul>
            {drafts.map((d) => (
              <li key={d.id}>
                <Link to={`/editions/drafts/${d.id}`}>{d.edition_id}</Link> ·{" "}
                {t("draft.list.base", { base: d.base_edition_id })} ·{" "}
                {d.published_at ? (
                  <span className="badge badge--approved">{t("draft.list.published")}</span>
                ) : (
                  <span className="badge badge--draft">{t("draft.list.open")}</span>
                )}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
