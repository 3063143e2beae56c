import type { Indicator } from "#indicators/schema";
import { toTenths } from "#indicators/points";
import { formatTenths } from "./points";
import { useT } from "./use-t";

/** How an indicator is scored, in words: the levels with their points, or the formula with its bands. */
export function ScoringSummary({ indicator }: { indicator: Indicator }) {
  const t = useT();
  const max = toTenths(indicator.maxPoints);
  const pts = (fraction: number) => formatTenths(Math.round(fraction * max));
  const s = indicator.scoring;
  if (s.kind === "levels") {
    return (
      <div className="small">
        <strong>{t("scoring.levelsList")}</strong>
        <ul>{s.levels.map((l) => <li key={l.code}>{l.code}. {l.label} — {pts(l.fraction)}</li>)}</ul>
      </div>
    );
  }
  if (s.kind === "quantitative") {
    return (
      <div className="small">
        <p><strong>{t("scoring.formula")}:</strong> <code>{s.formula}</code> ({s.inputs.map((i) => `${i.key}: ${i.label}`).join(", ")})</p>
        <strong>{t("scoring.bands")}</strong>
        <ul>{[...s.bands].sort((a, b) => b.min - a.min).map((b) => <li key={b.min}>≥ {b.min}{s.resultUnit ?? ""} — {pts(b.fraction)}</li>)}</ul>
      </div>
    );
  }
  return null;
}
