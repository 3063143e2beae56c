// What an indicator rests on, in words a department understands, with its sources one click away (the edition's
// sources page). Editions stored before provenance existed have none: they say so instead of guessing.
import { Link } from "@remix-run/react";
import type { Provenance } from "#indicators/schema";
import type { MessageKey } from "~/i18n";
import { useT } from "./use-t";

type Status = Provenance["status"] | "unknown";
const statusOf = (p: Provenance | undefined): Status => p?.status ?? "unknown";

export const sourcesHref = (editionId: string, sourceId?: string) =>
  `/editions/${encodeURIComponent(editionId)}/sources${sourceId ? `#src-${sourceId}` : ""}`;

/** A short badge: the status in words, linking to the edition's sources page. */
export function ProvenanceBadge({ provenance, editionId }: { provenance: Provenance | undefined; editionId: string }) {
  const t = useT();
  const status = statusOf(provenance);
  const label = t(`provenance.${status}` as MessageKey);
  const first = provenance?.sources[0];
  return (
    <Link
      to={sourcesHref(editionId, first)}
      className={`badge badge--prov-${status}`}
      title={t(`provenance.${status}.explain` as MessageKey)}
    >
      {label}
    </Link>
  );
}

/** The full account (indicator page, edition page): status, what it means, the note, and each source by name. */
export function ProvenanceDetail({
  provenance,
  editionId,
  sources,
  heading: Heading = "h2",
}: {
  provenance: Provenance | undefined;
  editionId: string;
  sources?: { id: string; title: string }[];
  heading?: "h2" | "h3" | "h4";
}) {
  const t = useT();
  const status = statusOf(provenance);
  const byId = new Map((sources ?? []).map((s) => [s.id, s.title]));
  return (
    <section className={`provenance provenance--${status}`} data-testid="provenance">
      <Heading>
        {t("provenance.label")}: {t(`provenance.${status}` as MessageKey)}
      </Heading>
      <p className="small">{t(`provenance.${status}.explain` as MessageKey)}</p>
      {provenance?.note ? (
        <p className="small">
          <strong>{t("provenance.note")}:</strong> {provenance.note}
        </p>
      ) : null}
      <p className="small">
        {provenance?.sources.length ? (
          <>
            <strong>{t("provenance.sources")}:</strong>{" "}
          </>
        ) : null}
        {(provenance?.sources ?? []).map((id, n) => (
          <span key={id}>
            {n ? ", " : ""}
            <Link to={sourcesHref(editionId, id)}>{byId.get(id) ?? id}</Link>
          </span>
        ))}
        {provenance?.sources.length ? null : <Link to={sourcesHref(editionId)}>{t("provenance.sourcesLink")}</Link>}
      </p>
    </section>
  );
}

/** "출처 확인 32 · 배점·척도 가정 80 · 구조 가정 21" for an edition. */
export function provenanceCountsOf(indicators: { provenance?: Provenance }[]) {
  const counts = { sourced: 0, derived: 0, placeholder: 0, unknown: 0 };
  for (const i of indicators) counts[statusOf(i.provenance)] += 1;
  return counts;
}

export function ProvenanceCounts({
  indicators,
  editionId,
}: {
  indicators: { provenance?: Provenance }[];
  editionId: string;
}) {
  const t = useT();
  const c = provenanceCountsOf(indicators);
  if (c.unknown === indicators.length) return <span className="small muted">{t("provenance.unknown")}</span>;
  return (
    <span className="small">
      {t("provenance.counts", { sourced: c.sourced, derived: c.derived, placeholder: c.placeholder })} ·{" "}
      <Link to={sourcesHref(editionId)}>{t("provenance.sourcesLink")}</Link>
    </span>
  );
}
