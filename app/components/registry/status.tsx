import { formatCalendarDate } from "~/domain/datetime";
import type { CertificationStatus } from "~/domain/validity";
import type { MessageKey } from "~/i18n";
import { useLocale, useT } from "../use-t";

export const levelKey = (type: string) => `registry.level.${type}` as MessageKey;
export const kindKey = (kind: string) => `registry.kind.${kind}` as MessageKey;
export const statusKey = (status: CertificationStatus) => `registry.status.${status}` as MessageKey;

export function CertStatusBadge({ status }: { status: CertificationStatus }) {
  const t = useT();
  return <span className={`badge cert-status cert-status--${status}`}>{t(statusKey(status))}</span>;
}

/** "D-647", "오늘 만료", "만료 후 12일". */
export function DaysLeft({ days }: { days: number | null }) {
  const t = useT();
  if (days === null) return <span className="muted">–</span>;
  if (days > 0) return <span className="num">{t("registry.daysLeft", { days: days.toLocaleString("ko-KR") })}</span>;
  if (days === 0) return <span className="num">{t("registry.daysLeft.today")}</span>;
  return <span className="num muted">{t("registry.daysLeft.past", { days: (-days).toLocaleString("ko-KR") })}</span>;
}

/**
 * The certification mark, drawn only while the certificate is in force. It stands in for the Ministry's mark,
 * which the institution may use during validity (seed 002).
 */
export function CertMark({ validUntil, compact = false }: { validUntil: string; compact?: boolean }) {
  const t = useT();
  const locale = useLocale();
  const label = t("registry.mark.label", { until: formatCalendarDate(validUntil, locale) });
  return (
    <span
      className={compact ? "cert-mark cert-mark--compact" : "cert-mark"}
      role="img"
      aria-label={label}
      title={label}
    >
      <svg viewBox="0 0 64 64" aria-hidden="true" focusable="false">
        <circle cx="32" cy="32" r="30" className="cert-mark__ring" />
        <circle cx="32" cy="32" r="24" className="cert-mark__inner" />
        <path d="M21 33 l7 7 l15 -16" className="cert-mark__check" />
      </svg>
      {compact ? null : (
        <span className="cert-mark__text">
          <strong>{t("registry.mark.title")}</strong>
          <span>{t("registry.mark.until", { until: formatCalendarDate(validUntil, locale) })}</span>
        </span>
      )}
    </span>
  );
}
