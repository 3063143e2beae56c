import type { Indicator } from "#indicators/schema";
import { toTenths } from "#indicators/points";
import type { MessageKey } from "~/i18n";
import { formatTenths } from "../points";
import { ProvenanceDetail } from "../provenance";
import { formulaText, inputLabel } from "~/domain/scoring";
import { inputHints } from "~/text/scoring-text";
import { useLocale, useT } from "../use-t";

export interface RubricDepartment {
  departmentId: number;
  departmentName: string;
  role: "lead" | "support";
}

/** The rubric text of one indicator: what it asks, how it is scored, which evidence proves it, who answers. */
export function RubricPanel({
  indicator,
  areaTitle,
  itemTitle,
  departments,
  editionId,
  sources,
}: {
  indicator: Indicator;
  /** The edition, so the provenance can link to its sources page; the cited sources' titles. */
  editionId: string;
  sources: { id: string; title: string }[];
  areaTitle: string;
  itemTitle: string;
  departments: RubricDepartment[];
}) {
  const t = useT();
  const locale = useLocale();
  const max = toTenths(indicator.maxPoints);
  const pts = (fraction: number) => formatTenths(Math.round(fraction * max));
  const s = indicator.scoring;
  return (
    <aside className="panel rubric" aria-labelledby="rubric-title">
      <h2 id="rubric-title">{t("work.rubric")}</h2>
      <dl className="facts">
        <dt>{t("work.area")}</dt>
        <dd>{areaTitle}</dd>
        <dt>{t("work.item")}</dt>
        <dd>{itemTitle}</dd>
        <dt>{t("work.maxPoints")}</dt>
        <dd className="num">{t("common.points", { points: formatTenths(max) })}</dd>
        <dt>{t("work.scoringMethod")}</dt>
        <dd>{t(`scoring.${s.kind}` as MessageKey)}</dd>
        <dt>{t("work.departments")}</dt>
        <dd>
          {departments.length === 0
            ? t("work.unassigned")
            : departments.map((d) => (
                <span key={d.departmentId} className="dept-chip">
                  {d.departmentName}{" "}
                  <span className="muted small">({t(d.role === "lead" ? "work.lead" : "work.support")})</span>
                </span>
              ))}
        </dd>
      </dl>
      <h3>{t("work.description")}</h3>
      <p className="rubric__text">{indicator.description}</p>
      <ProvenanceDetail provenance={indicator.provenance} editionId={editionId} sources={sources} heading="h3" />
      {s.kind === "levels" ? (
        <>
          <h3>{t("scoring.levelsList")}</h3>
          <ul className="rubric__levels">
            {s.levels.map((l) => (
              <li key={l.code}>
                <strong>{l.code}</strong>. {l.label} —{" "}
                <span className="num">{t("common.points", { points: pts(l.fraction) })}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {s.kind === "quantitative" ? (
        <>
          <h3>{t("scoring.formula")}</h3>
          <p className="formula" data-testid="rubric-formula">
            {formulaText(s, locale)}
            {s.resultUnit ? ` (${s.resultUnit})` : ""}
          </p>
          <ul className="small">
            {s.inputs.map((i) => {
              const notes = [i.unit, ...inputHints(s, i, locale)].filter(Boolean);
              return (
                <li key={i.key}>
                  {inputLabel(i, locale)}
                  {notes.length ? ` (${notes.join(", ")})` : ""}
                </li>
              );
            })}
          </ul>
          <h3>{t("scoring.bands")}</h3>
          <ul className="rubric__levels">
            {[...s.bands]
              .sort((a, b) => b.min - a.min)
              .map((b) => (
                <li key={b.min}>
                  ≥ {b.min}
                  {s.resultUnit ?? ""}
                  {b.label ? ` (${b.label})` : ""} —{" "}
                  <span className="num">{t("common.points", { points: pts(b.fraction) })}</span>
                </li>
              ))}
          </ul>
        </>
      ) : null}
      {indicator.evidence.length ? (
        <>
          <h3>{t("work.expectedEvidence")}</h3>
          <ul>
            {indicator.evidence.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </>
      ) : null}
    </aside>
  );
}
