import { calendarDaysUntil, formatDateTime } from "~/domain/datetime";
import type { LatePolicy } from "#db/schema";
import type { RoundSummary } from "~/utils/home.server";
import type { MessageKey } from "~/i18n";
import { useLocale, useT } from "./use-t";

/** The round's name, state and the countdown to its deadline in Seoul calendar days. */
export function RoundHeader({
  round,
  title,
}: {
  round: Omit<RoundSummary, "latePolicy"> & { latePolicy?: LatePolicy };
  title: string;
}) {
  const t = useT();
  const locale = useLocale();
  const days = round.deadlineAt ? calendarDaysUntil(round.deadlineAt) : null;
  return (
    <div className="page-head">
      <div>
        <h1>{title}</h1>
        <p>
          {round.title} · <span className="badge">{t(`round.state.${round.state}` as MessageKey)}</span>
        </p>
      </div>
      {round.deadlineAt ? (
        <div className="stat" aria-label={t("home.deadline")}>
          <div className="stat__label">{t("home.deadline")}</div>
          <div>
            {/* The deadline is Seoul time whatever the browser's zone: say so (issue 15). */}
            <strong>{t("deadline.kst", { time: formatDateTime(round.deadlineAt, locale) })}</strong>
          </div>
          <div className={days !== null && days < 0 ? "badge badge--returned" : "badge badge--warn"}>
            {days === null
              ? null
              : days > 0
                ? t("home.dday", { days })
                : days === 0
                  ? t("home.dday.today")
                  : t("home.dday.past", { days: -days })}
          </div>
          {round.latePolicy ? (
            <div className="small muted" data-testid="late-policy">
              {t(round.latePolicy === "refuse" ? "late.policy.refuse" : "late.policy.accept")}
            </div>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

export function StatusBadge({ status }: { status: string }) {
  const t = useT();
  return <span className={`badge badge--${status}`}>{t(`status.${status}` as MessageKey)}</span>;
}
