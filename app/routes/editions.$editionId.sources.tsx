import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ProvenanceBadge, ProvenanceCounts } from "~/components/provenance";
import { useT } from "~/components/use-t";
import type { MessageKey } from "~/i18n";
import { db } from "~/utils/db.server";
import { getEdition } from "~/utils/editions.server";
import { pageTitle } from "~/utils/meta";
import { found, requireSignedIn } from "~/utils/guards.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, "title.edition", data?.title);

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireSignedIn(request);
  const edition = found(await getEdition(db, params.editionId ?? ""));
  // Only what the page shows: the sources, and per source the indicators that cite it.
  const sources = (edition.sources ?? []).map((s) => ({
    ...s,
    citedBy: edition.indicators
      .filter((i) => i.provenance?.sources.includes(s.id))
      .map((i) => ({ code: i.code, title: i.title, provenance: i.provenance })),
  }));
  return {
    id: edition.id,
    title: edition.title,
    indicators: edition.indicators.map((i) => ({ provenance: i.provenance })),
    sources,
  };
}

const isUrl = (address: string) => /^https?:\/\/\S+$/.test(address);

export default function EditionSources() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t("provenance.pageTitle", { edition: data.title })}</h1>
          <p>{t("provenance.pageIntro")}</p>
          <p>
            <ProvenanceCounts indicators={data.indicators} editionId={data.id} /> ·{" "}
            <Link to={`/editions/${encodeURIComponent(data.id)}`}>{data.title}</Link>
          </p>
        </div>
      </div>
      {data.sources.length === 0 ? (
        <p className="notice">{t("provenance.noSources")}</p>
      ) : (
        <dl className="source-list panel">
          {data.sources.map((s) => (
            <div key={s.id} id={`src-${s.id}`}>
              <dt>
                {s.title} <span className="badge badge--muted">{t(`provenance.kind.${s.kind}` as MessageKey)}</span>{" "}
                <span className="small muted">{s.date}</span>
              </dt>
              <dd className="small">
                {isUrl(s.address) ? (
                  <a href={s.address} rel="noreferrer noopener" target="_blank">
                    {s.address}
                  </a>
                ) : (
                  <code>{s.address}</code>
                )}
              </dd>
              <dd>
                <strong>{t("provenance.says")}:</strong> {s.says}
              </dd>
              {s.citedBy.length ? (
                <dd>
                  <details>
                    <summary>
                      {t("provenance.citedBy")} ({s.citedBy.length})
                    </summary>
                    <ul className="small">
                      {s.citedBy.map((i) => (
                        <li key={i.code}>
                          <Link to={`/editions/${encodeURIComponent(data.id)}#ind-${i.code}`}>
                            {i.code} {i.title}
                          </Link>{" "}
                          <ProvenanceBadge provenance={i.provenance} editionId={data.id} />
                        </li>
                      ))}
                    </ul>
                  </details>
                </dd>
              ) : null}
            </div>
          ))}
        </dl>
      )}
    </>
  );
}
