// The texts of a round's absolute lines (the 인증's 800 and 600), read from its scheme's rules (ADR 029): one place
// for every page that draws the lines or says where the total stands.
import type { LineStanding, RoundLines } from "~/domain/schemes";
import type { MessageKey, Params } from "~/i18n";
import { formatTenths } from "../points";

type T = (key: MessageKey, params?: Params) => string;

/** "신청 기준 800점 이상", or for the 2015 인증 "인증 기준 800점 이상(심사 후 점수)". */
export function applicationLineLabel(t: T, lines: RoundLines): string {
  const points = formatTenths(lines.applicationTenths);
  return lines.applicationKind === "certification"
    ? t("schemes.line.certification", { points })
    : t("home.applicationLine", { points });
}

/** The marks a score bar draws: the consulting line (when the year has one), then the application line. */
export function lineMarks(t: T, lines: RoundLines | null): { tenths: number; label: string }[] {
  if (!lines) return [];
  const marks = [];
  if (lines.consultingTenths !== null)
    marks.push({
      tenths: lines.consultingTenths,
      label: t("home.consultingLine", { points: formatTenths(lines.consultingTenths) }),
    });
  marks.push({ tenths: lines.applicationTenths, label: applicationLineLabel(t, lines) });
  return marks;
}

/** The words for where a total stands. */
export function standingLabel(t: T, lines: RoundLines, standing: LineStanding): string {
  if (lines.applicationKind === "certification" && standing === "eligible")
    return t("schemes.standing.certified", { points: formatTenths(lines.applicationTenths) });
  return t(`rounds.standing.${standing}` as MessageKey);
}
