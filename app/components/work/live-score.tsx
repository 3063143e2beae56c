import type { Indicator } from "#indicators/schema";
import { toTenths } from "#indicators/points";
import type { DraftScore } from "~/domain/response-rules";
import { bandOf, belowEveryBand, inputLabel } from "~/domain/scoring";
import { formatTenths } from "../points";
import { useLocale, useT } from "../use-t";
import { fieldMessage } from "./labels";

/**
 * The score as the rubric computes it from what is on the form right now (the server recomputes it on save).
 * `invalid`: the form has a value to correct first (named beside its field).
 */
export function LiveScore({
  indicator,
  score,
  implemented,
  invalid = false,
}: {
  indicator: Indicator;
  score: DraftScore;
  implemented: boolean | null;
  invalid?: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  const max = formatTenths(toTenths(indicator.maxPoints));
  const s = indicator.scoring;
  const band =
    score.state === "scored" && score.result !== undefined && s.kind === "quantitative"
      ? bandOf(s, score.result)
      : undefined;
  const below =
    score.state === "scored" && score.result !== undefined && s.kind === "quantitative"
      ? belowEveryBand(s, score.result)
      : null;
  return (
    <div className="live-score" aria-live="polite" data-testid="live-score">
      <div className="live-score__label">{t("work.liveScore")}</div>
      {score.state === "scored" ? (
        <div className="live-score__value">
          <strong className="num" data-testid="live-score-value">
            {formatTenths(score.tenths)}
          </strong>
          <span className="muted"> {t("work.liveScore.of", { max })}</span>
          {implemented === false ? (
            <span className="badge badge--muted">{t("work.liveScore.notImplemented")}</span>
          ) : null}
        </div>
      ) : (
        <div className="live-score__value muted">
          {score.state === "invalid"
            ? fieldMessage(t, indicator, score.field, score.key, {}, locale)
            : invalid
              ? t("work.liveScore.invalid")
              : t("work.liveScore.incomplete")}
        </div>
      )}
      {score.state === "scored" && score.result !== undefined && s.kind === "quantitative" ? (
        <div className="small">
          {t("work.result")}:{" "}
          <span className="num">
            {score.result.toLocaleString("ko-KR", { maximumFractionDigits: 2 })}
            {s.resultUnit ?? ""}
          </span>
          {band ? (
            <>
              {" "}
              · {t("work.band")}: ≥ {band.min}
              {s.resultUnit ?? ""}
              {band.label ? ` (${band.label})` : ""}
            </>
          ) : null}
        </div>
      ) : null}
      {below !== null && s.kind === "quantitative" && score.state === "scored" && score.result !== undefined ? (
        <p className="notice notice--warn small" role="status" data-testid="below-every-band">
          {t("work.belowEveryBand", {
            result: `${score.result.toLocaleString("ko-KR", { maximumFractionDigits: 2 })}${s.resultUnit ?? ""}`,
            min: `${below}${s.resultUnit ?? ""}`,
            inputs: s.inputs.map((i) => inputLabel(i, locale)).join(", "),
          })}
        </p>
      ) : null}
    </div>
  );
}
