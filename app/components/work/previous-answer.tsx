import { Link } from "@remix-run/react";
import type { Indicator } from "#indicators/schema";
import { toTenths } from "#indicators/points";
import { formatTenths } from "~/components/points";
import { StatusBadge } from "~/components/round-header";
import type { Draft } from "~/domain/response-rules";
import type { ResponseStatus } from "#db/schema";
import { useT } from "../use-t";

export interface PreviousAnswerData {
  roundTitle: string;
  status: ResponseStatus;
  draft: Draft;
  selfTenths: number | null;
  reviewedTenths: number | null;
  usable: boolean;
}

/** The answer in words, as the form would show it: 시행 여부, then the level or the figures. */
function AnswerInWords({ indicator, draft }: { indicator: Indicator; draft: Draft }) {
  const t = useT();
  const s = indicator.scoring;
  const parts: string[] = [];
  parts.push(
    draft.implemented === null
      ? t("previous.notAssessed")
      : t(draft.implemented ? "work.implemented.yes" : "work.implemented.no"),
  );
  if (draft.implemented) {
    // 시행 is a yes/no indicator's yes; only an explicit "not met" (from the grid or a workbook) adds words.
    if (s.kind === "yesno" && draft.answer.yes === false) parts.push(t("work.yesno.no"));
    if (s.kind === "levels" && draft.answer.level) {
      const level = s.levels.find((l) => l.code === draft.answer.level);
      parts.push(t("work.levelOption", { code: draft.answer.level, label: level?.label ?? "" }));
    }
    if (s.kind === "quantitative")
      for (const input of s.inputs) {
        const value = draft.answer.inputs?.[input.key];
        if (value !== undefined) parts.push(`${input.label} ${value}${input.unit ? ` ${input.unit}` : ""}`);
      }
  }
  return <span data-testid="previous-answer-value">{parts.join(" · ")}</span>;
}

/** Last round's answer and scores beside the form, with "use last year's answer" when the indicator is unchanged. */
export function PreviousAnswerPanel({
  indicator,
  previous,
  mayUse,
  prefilled,
}: {
  indicator: Indicator;
  previous: PreviousAnswerData;
  mayUse: boolean;
  prefilled: boolean;
}) {
  const t = useT();
  const max = formatTenths(toTenths(indicator.maxPoints));
  return (
    <section className="panel previous-answer" aria-labelledby="previous-title" data-testid="previous-answer">
      <div className="panel__head">
        <h2 id="previous-title">
          {t("previous.title")} <span className="muted small">({previous.roundTitle})</span>
        </h2>
        <StatusBadge status={previous.status} />
      </div>
      <p>
        <AnswerInWords indicator={indicator} draft={previous.draft} />
      </p>
      <p className="small">
        {t("previous.self")}:{" "}
        <strong className="num">
          {previous.selfTenths === null ? t("previous.none") : formatTenths(previous.selfTenths)}
        </strong>{" "}
        / {max} · {t("previous.reviewed")}:{" "}
        <strong className="num" data-testid="previous-reviewed">
          {previous.reviewedTenths === null ? t("previous.notReviewed") : formatTenths(previous.reviewedTenths)}
        </strong>
      </p>
      {previous.draft.narrative ? (
        <details>
          <summary className="small">{t("work.narrative")}</summary>
          <p className="previous-answer__narrative">{previous.draft.narrative}</p>
        </details>
      ) : null}
      {!previous.usable ? <p className="notice notice--warn small">{t("previous.changed")}</p> : null}
      {prefilled ? (
        <p className="notice notice--warn" role="status" data-testid="previous-prefilled">
          {t("previous.prefilled")}
        </p>
      ) : previous.usable && mayUse ? (
        <p>
          <Link
            to="?previous=1"
            className="button button--secondary button--small"
            preventScrollReset
            data-testid="use-previous"
          >
            {t("previous.use")}
          </Link>{" "}
          <span className="muted small">{t("previous.use.hint")}</span>
        </p>
      ) : null}
    </section>
  );
}
