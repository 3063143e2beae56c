// One calendar for every institution and scheme: what expires (a certificate's last day, the last day a renewal still
// counts as consecutive) and the next cycle's deadlines (인증 renewal plans, open rounds' deadlines, the 종합평가
// duty to publish, the 국민행복민원실 yearly cycle by month). Plain data in, plain events out; "today" is not needed:
// the caller filters by period. Dates are Seoul calendar dates ("YYYY-MM-DD"). See docs/decisions/038.
import type { SchemeId, StageRule } from "./schemes/types";
import { addDays, periodEnd, ymd } from "./validity";

export const CALENDAR_WHATS = [
  "expires",
  "consecutive-until",
  "round-deadline",
  "renewal-deadline",
  "renewal-review",
  "renewal-award",
  "cycle-stage",
  "publication-deadline",
  "publication-keep-until",
] as const;
export type CalendarWhat = (typeof CALENDAR_WHATS)[number];

export interface CalendarEvent {
  /** The day, or the first day of the month when `precision` is "month" (the source gives only the month). */
  date: string;
  precision: "day" | "month";
  institutionId: number;
  institution: string;
  scheme: SchemeId;
  what: CalendarWhat;
  /** The stage key of a cycle stage (e.g. "mystery"), a round's title, … */
  detail: string | null;
  /** The round the event belongs to, when there is one (linked from the page). */
  roundId: number | null;
  /** The date rests on an assumed award date (the registry labels it "가정값"): say so next to it. */
  assumed: boolean;
}

export interface CalendarCertificate {
  institutionId: number;
  scheme: "certification" | "happy-office";
  awardDate: string;
  validUntil: string;
  revoked: boolean;
  /** Its award date is an assumption (2012, 2013 and 2015 in the seeded history). */
  assumedDate?: boolean;
}

export interface CalendarInput {
  institutions: ReadonlyMap<number, string>;
  /** Each institution's latest certificate per scheme (the end of its chain). */
  latest: CalendarCertificate[];
  /** Grace months per certifying scheme: a renewal awarded within them after the last day is consecutive. */
  graceMonths: Record<CalendarCertificate["scheme"], number>;
  /** The 국민행복민원실 yearly cycle (scheme data): stage keys with their month. */
  happyOfficeStages: readonly StageRule[];
  /** 인증 renewal plans (renewal_plans): the filing deadline (Seoul date) and the review and award months. */
  renewalPlans: {
    institutionId: number;
    roundId: number;
    deadlineDate: string;
    reviewFrom: string;
    reviewUntil: string;
    awardMonth: string;
  }[];
  /** Rounds still open, with their deadline's Seoul date. */
  openRounds: { institutionId: number; roundId: number; scheme: SchemeId; title: string; deadlineDate: string }[];
  /** 종합평가 publication duties: the last day to publish and, once published, the last day to keep it up. */
  publications: {
    institutionId: number;
    roundId: number;
    deadline: string | null;
    keepUntil: string | null;
  }[];
}

const monthStart = (ym: string) => `${ym}-01`;

/**
 * The 국민행복민원실 re-certification cycle for a certificate: the latest yearly cycle whose selection month begins no
 * later than the last day a renewal still counts as consecutive, and never the award year's own cycle.
 */
export function happyOfficeCycleYear(
  cert: { awardDate: string },
  consecutiveUntil: string,
  stages: readonly StageRule[],
): number | null {
  const months = stages.map((s) => s.month).filter((m): m is number => m !== undefined);
  if (months.length === 0) return null;
  const last = Math.max(...months);
  let year = Number(consecutiveUntil.slice(0, 4));
  if (ymd(year, last, 1) > consecutiveUntil) year -= 1;
  return Math.max(year, Number(cert.awardDate.slice(0, 4)) + 1);
}

/** Every event of the calendar, unsorted. */
export function calendarEvents(input: CalendarInput): CalendarEvent[] {
  const name = (id: number) => input.institutions.get(id) ?? String(id);
  const events: CalendarEvent[] = [];
  const push = (e: Omit<CalendarEvent, "institution" | "assumed"> & { assumed?: boolean }) =>
    events.push({ ...e, assumed: e.assumed ?? false, institution: name(e.institutionId) });

  for (const c of input.latest) {
    if (c.revoked) continue;
    const base = {
      institutionId: c.institutionId,
      scheme: c.scheme,
      roundId: null,
      detail: null,
      assumed: c.assumedDate ?? false,
    } as const;
    push({ ...base, date: c.validUntil, precision: "day", what: "expires" });
    const consecutiveUntil = periodEnd(addDays(c.validUntil, 1), input.graceMonths[c.scheme]);
    push({ ...base, date: consecutiveUntil, precision: "day", what: "consecutive-until" });
    if (c.scheme === "happy-office") {
      const year = happyOfficeCycleYear(c, consecutiveUntil, input.happyOfficeStages);
      if (year !== null)
        for (const s of input.happyOfficeStages)
          if (s.month !== undefined)
            push({ ...base, date: ymd(year, s.month, 1), precision: "month", what: "cycle-stage", detail: s.key });
    }
  }
  for (const p of input.renewalPlans) {
    const base = { institutionId: p.institutionId, scheme: "certification", roundId: p.roundId, detail: null } as const;
    push({ ...base, date: p.deadlineDate, precision: "day", what: "renewal-deadline" });
    push({ ...base, date: monthStart(p.reviewFrom), precision: "month", what: "renewal-review" });
    push({ ...base, date: monthStart(p.awardMonth), precision: "month", what: "renewal-award" });
  }
  const planned = new Set(input.renewalPlans.map((p) => p.roundId));
  for (const r of input.openRounds) {
    if (planned.has(r.roundId)) continue; // its filing deadline is already there as the renewal deadline
    push({
      institutionId: r.institutionId,
      scheme: r.scheme,
      roundId: r.roundId,
      detail: r.title,
      date: r.deadlineDate,
      precision: "day",
      what: "round-deadline",
    });
  }
  for (const p of input.publications) {
    const base = { institutionId: p.institutionId, scheme: "comprehensive", roundId: p.roundId, detail: null } as const;
    if (p.deadline) push({ ...base, date: p.deadline, precision: "day", what: "publication-deadline" });
    if (p.keepUntil) push({ ...base, date: p.keepUntil, precision: "day", what: "publication-keep-until" });
  }
  return events;
}

export const CALENDAR_SORTS = ["date", "institution", "scheme", "what"] as const;
export type CalendarSort = (typeof CALENDAR_SORTS)[number];
export type SortDirection = "asc" | "desc";

const SCHEME_ORDER: SchemeId[] = ["certification", "comprehensive", "happy-office"];

/** Sorted by one column, ties broken by date, then institution, then what (always ascending). */
export function sortEvents(events: CalendarEvent[], by: CalendarSort, dir: SortDirection): CalendarEvent[] {
  const byDate = (a: CalendarEvent, b: CalendarEvent) => a.date.localeCompare(b.date);
  const byInstitution = (a: CalendarEvent, b: CalendarEvent) => a.institution.localeCompare(b.institution, "ko");
  const byWhat = (a: CalendarEvent, b: CalendarEvent) =>
    CALENDAR_WHATS.indexOf(a.what) - CALENDAR_WHATS.indexOf(b.what);
  const byScheme = (a: CalendarEvent, b: CalendarEvent) =>
    SCHEME_ORDER.indexOf(a.scheme) - SCHEME_ORDER.indexOf(b.scheme);
  const primary = { date: byDate, institution: byInstitution, scheme: byScheme, what: byWhat }[by];
  const sign = dir === "asc" ? 1 : -1;
  return [...events].sort(
    (a, b) =>
      sign * primary(a, b) ||
      byDate(a, b) ||
      byInstitution(a, b) ||
      byWhat(a, b) ||
      (a.roundId ?? 0) - (b.roundId ?? 0),
  );
}

export interface CalendarFilter {
  scheme: SchemeId | null;
  /** Inclusive Seoul dates; a month event is in the period when any day of its month is. */
  from: string | null;
  to: string | null;
}

/** The last day of the month an event's date falls in (for month events), else the date itself. */
const lastDayOf = (e: CalendarEvent) => (e.precision === "month" ? periodEnd(e.date, 1) : e.date);

export function filterEvents(events: CalendarEvent[], f: CalendarFilter): CalendarEvent[] {
  return events.filter(
    (e) =>
      (f.scheme === null || e.scheme === f.scheme) &&
      (f.from === null || lastDayOf(e) >= f.from) &&
      (f.to === null || e.date <= f.to),
  );
}
