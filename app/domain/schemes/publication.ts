// The duty to publish a 종합평가 result (민원 처리에 관한 법률 제42조 ②, 시행령 제50조 ②③): within 14 days of
// being notified, on the institution's website, for at least one month, overall and per item. Periods are counted
// per 민법: a period in days or months starts the day after the notification or the posting (제157조, the first
// day not counted) and a month ends on the day before the corresponding day (제160조). See ADR 030. Pure.
import { addDays, isCalendarDate, periodEnd } from "../validity";

export interface PublicationRule {
  withinDays: number;
  minimumMonths: number;
}

export interface PublicationFacts {
  notifiedOn: string | null;
  publishedOn: string | null;
  /** The last day the notice was shown, once taken down; null while it is still up. */
  publishedUntil: string | null;
}

export type PublicationStatus =
  | "not-notified"
  | "due" // notified, not yet published, deadline ahead
  | "overdue" // notified, not published, deadline passed
  | "late" // published after the deadline
  | "showing" // published on time, still within the minimum month
  | "done" // published on time and kept up at least the minimum
  | "removed-early"; // taken down before the minimum month ended

export interface PublicationDuty {
  deadline: string | null;
  /** The first day the notice may come down (it must stay up through the day before). */
  keepUntil: string | null;
  status: PublicationStatus;
  daysLeft: number | null;
}

/** The last day to publish: the notification day plus `withinDays` (the notification day not counted). */
export const publicationDeadline = (notifiedOn: string, rule: PublicationRule) => addDays(notifiedOn, rule.withinDays);

/** The last day the notice must still be shown: one month counted from the day after it was posted. */
export const publicationKeepUntil = (publishedOn: string, rule: PublicationRule) =>
  periodEnd(addDays(publishedOn, 1), rule.minimumMonths);

const dayDiff = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** Where the duty stands on `today` (a Seoul calendar date). */
export function publicationDuty(facts: PublicationFacts, rule: PublicationRule, today: string): PublicationDuty {
  for (const d of [facts.notifiedOn, facts.publishedOn, facts.publishedUntil])
    if (d !== null && !isCalendarDate(d)) throw new RangeError(`not a calendar date: ${d}`);
  if (facts.notifiedOn === null) return { deadline: null, keepUntil: null, status: "not-notified", daysLeft: null };
  const deadline = publicationDeadline(facts.notifiedOn, rule);
  if (facts.publishedOn === null) {
    const daysLeft = dayDiff(today, deadline);
    return { deadline, keepUntil: null, status: daysLeft < 0 ? "overdue" : "due", daysLeft };
  }
  const keepUntil = publicationKeepUntil(facts.publishedOn, rule);
  let status: PublicationStatus;
  if (facts.publishedUntil !== null && facts.publishedUntil < keepUntil) status = "removed-early";
  else if (facts.publishedOn > deadline) status = "late";
  else status = today > keepUntil ? "done" : "showing";
  return { deadline, keepUntil, status, daysLeft: null };
}
