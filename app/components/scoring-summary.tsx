import type { Indicator } from "#indicators/schema";
import { toTenths } from "#indicators/points";
import { formatTenths } from "./points";
import { formulaText, inputLabel } from "~/domain/scoring";
import { inputHints } from "~/text/scoring-text";
import { useLocale, useT } from "./use-t";

/** How an indicator is scored, in words: the levels with their points, or the formula with its bands. */
export function ScoringSummary({ indicator }: { indicator: Indicator }) {
  const t = useT();
  const locale = useLocale();
  const max = toTenths(indicator.maxPoints);
  const pts = (fraction: number) => formatTenths(Math.round(fraction * max));
  const s = indicator.scoring;
  if (s.kind === "levels") {
    return (
      <div className="small">
        <strong>{t("scoring.levelsList")}</strong>
        <ul>
          {s.levels.map((l) => (
            <li key={l.code}>
              {l.code}. {l.label} — {pts(l.fraction)}
            </li>
          ))}
        </ul>
      </div>
    );
  }
  if (s.kind === "quantitative") {
    return (
      <div className="small">
        <p>
          <strong>{t("scoring.formula")}:</strong> {formulaText(s, locale)}
          {s.resultUnit ? ` (${s.resultUnit})` : ""}
        </p>
        <ul>
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
        {/* For whoever maintains the edition file: the formula and input names exactly as written there. */}
        <details className="formula-raw">
          <summary>{t("work.formula.raw")}</summary>
          <p>
            <code>{s.formula}</code>
          </p>
          <ul>
            {s.inputs.map((i) => (
              <li key={i.key}>
                <code>{i.key}</code>: {i.label}
              </li>
            ))}
          </ul>
        </details>
        <strong>{t("scoring.bands")}</strong>
        <ul>
          {[...s.bands]
            .sort((a, b) => b.min - a.min)
            .map((b) => (
              <li key={b.min}>
                ≥ {b.min}
                {s.resultUnit ?? ""} — {pts(b.fraction)}
              </li>
            ))}
        </ul>
      </div>
    );
  }
  return null;
}
