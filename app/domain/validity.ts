// How long a 민원서비스 우수기관 인증 is valid, pure and browser-safe. Every date here is a calendar date
// ("YYYY-MM-DD", no time zone): the arithmetic never touches the server's clock zone, and "today" comes in from
// the caller, taken in Asia/Seoul (todayInSeoul). See docs/decisions/007-certification-validity.md.

export type CertificationKind = "initial" | "renewal";
export type CertificationStatus = "pending" | "valid" | "expiring" | "expired" | "revoked";

/** The terms in force for certificates awarded from `from` on (a later rule change adds an entry). */
export interface ValidityTerm {
  from: string;
  initialYears: number;
  renewalYears: number;
}

export interface ValidityRules {
  terms: ValidityTerm[];
  /** A valid certificate is "expiring" this many months before its last day. */
  expiringMonths: number;
  /** A renewal awarded within this many months after the previous certificate ended still counts as consecutive. */
  graceMonths: number;
}

export const DEFAULT_VALIDITY_RULES: ValidityRules = {
  // seed 002: "인증서 수여일로부터 2년(재인증시 3년)".
  terms: [{ from: "2012-01-01", initialYears: 2, renewalYears: 3 }],
  expiringMonths: 6,
  graceMonths: 6,
};

// ---------------------------------------------------------------------------------------------------------------
// Calendar dates

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;
const SEOUL_OFFSET_MS = 9 * 3_600_000; // Korea has no daylight saving time.

export const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Whether the text is a real calendar date written YYYY-MM-DD (2014-02-29 is not). */
export function isCalendarDate(text: string): boolean {
  const m = YMD.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return y >= 1900 && y <= 2999 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

function parts(ymd: string): [number, number, number] {
  if (!isCalendarDate(ymd)) throw new RangeError(`not a calendar date: ${ymd}`);
  const [y, m, d] = ymd.split("-").map(Number);
  return [y, m, d];
}

export function ymd(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

const dayNumber = (date: string) => {
  const [y, m, d] = parts(date);
  return Date.UTC(y, m - 1, d) / DAY_MS;
};
const fromDayNumber = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

export const addDays = (date: string, days: number) => fromDayNumber(dayNumber(date) + days);

/** Whole days from `from` to `to` (positive when `to` is later). */
export const daysBetween = (from: string, to: string) => dayNumber(to) - dayNumber(from);

/** The same day `months` later (or earlier); when that month is shorter, its last day. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return ymd(year, month, Math.min(d, daysInMonth(year, month)));
}

/**
 * The last day of a period of `months` that starts on `start`, the start day counted, per 민법 제160조: the
 * period ends on the day before the day of the final month that corresponds to the start day (②); when the final
 * month has no such day, on the last day of that month (③).
 * 2014-12-08 + 24 months → 2016-12-07; 2012-02-29 + 24 months → 2014-02-28.
 */
export function periodEnd(start: string, months: number): string {
  const [y, m, d] = parts(start);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = daysInMonth(year, month);
  return d > last ? ymd(year, month, last) : addDays(ymd(year, month, d), -1);
}

/** Today's calendar date in Seoul, whatever the server's time zone. */
export function todayInSeoul(now: Date = new Date()): string {
  return new Date(now.getTime() + SEOUL_OFFSET_MS).toISOString().slice(0, 10);
}

/** The Seoul calendar date of an ISO UTC timestamp ("2014-12-07T16:00:00Z" → "2014-12-08"). */
export function seoulDateOf(iso: string): string {
  return todayInSeoul(new Date(iso));
}

// ---------------------------------------------------------------------------------------------------------------
// Validity

/** The term in force on an award date: the latest entry whose `from` is on or before it (else the earliest). */
export function termFor(rules: ValidityRules, awardDate: string): ValidityTerm {
  const sorted = [...rules.terms].sort((a, b) => a.from.localeCompare(b.from));
  if (sorted.length === 0) return DEFAULT_VALIDITY_RULES.terms[0];
  return sorted.filter((t) => t.from <= awardDate).at(-1) ?? sorted[0];
}

export interface CertificationFacts {
  awardDate: string;
  kind: CertificationKind;
  /** When the revocation was recorded (ISO UTC), or null. */
  revokedAt: string | null;
  /** The term stated by the rubric edition the certificate was won under, when known; else the rules' term. */
  term?: Pick<ValidityTerm, "initialYears" | "renewalYears"> | null;
}

/** What the certificate before this one (same institution, earlier award date) leaves behind. */
export interface PreviousCertificate {
  validUntil: string;
  /** Seoul date of its revocation, or null. */
  revokedOn: string | null;
}

export interface Validity {
  /** Which term applied: "renewal" only for a consecutive re-certification. */
  term: CertificationKind;
  years: number;
  validFrom: string;
  validUntil: string;
  /** First day of the expiring window. */
  expiringFrom: string;
  /** A renewal awarded while the previous certificate was valid or within the grace period after it. */
  consecutive: boolean;
  /** Recorded as a renewal, but the previous certificate had lapsed (or was revoked): initial term only. */
  lapsedRenewal: boolean;
  /** Days without a certificate between the previous one's end and this award (0 when there was none). */
  gapDays: number;
  status: CertificationStatus;
  /** Days from today to the last valid day (0 on that day, negative after); null when revoked or not yet awarded. */
  daysLeft: number | null;
  /** The certification mark may be used only while the certificate is in force. */
  showMark: boolean;
  revokedOn: string | null;
}

/**
 * The validity of one certificate: its term (initial years, or renewal years when it renews the previous certificate
 * consecutively), its last day per 민법 제160조, and its status on `today` (a Seoul calendar date).
 * A renewal is consecutive when it is awarded no later than the end of the grace period that follows the previous
 * certificate's last day, and the previous certificate was not revoked before the award.
 */
export function certificationValidity(
  cert: CertificationFacts,
  previous: PreviousCertificate | null,
  today: string,
  rules: ValidityRules = DEFAULT_VALIDITY_RULES,
): Validity {
  const term = cert.term ?? termFor(rules, cert.awardDate);
  const graceUntil = previous ? periodEnd(addDays(previous.validUntil, 1), rules.graceMonths) : null;
  const previousBroken = previous?.revokedOn != null && previous.revokedOn <= cert.awardDate;
  const consecutive =
    cert.kind === "renewal" &&
    previous !== null &&
    !previousBroken &&
    graceUntil !== null &&
    cert.awardDate <= graceUntil;
  const years = consecutive ? term.renewalYears : term.initialYears;
  const validUntil = periodEnd(cert.awardDate, years * 12);
  const expiringFrom = addMonths(addDays(validUntil, 1), -rules.expiringMonths);
  const gapDays = previous && !previousBroken ? Math.max(0, daysBetween(previous.validUntil, cert.awardDate) - 1) : 0;
  const revokedOn = cert.revokedAt ? seoulDateOf(cert.revokedAt) : null;

  let status: CertificationStatus;
  if (revokedOn !== null && revokedOn <= today) status = "revoked";
  else if (today < cert.awardDate) status = "pending";
  else if (today > validUntil) status = "expired";
  else if (today >= expiringFrom) status = "expiring";
  else status = "valid";

  return {
    term: consecutive ? "renewal" : "initial",
    years,
    validFrom: cert.awardDate,
    validUntil,
    expiringFrom,
    consecutive,
    lapsedRenewal: cert.kind === "renewal" && !consecutive,
    gapDays,
    status,
    daysLeft: status === "revoked" || status === "pending" ? null : daysBetween(today, validUntil),
    showMark: status === "valid" || status === "expiring",
    revokedOn,
  };
}

export interface ChainEntry<C extends CertificationFacts> {
  cert: C;
  validity: Validity;
  /** The award date of the next certificate when it replaced this one before its end. */
  supersededOn: string | null;
}

/** One institution's certificates, oldest first, each evaluated against the one before it. */
export function validityChain<C extends CertificationFacts>(
  certs: C[],
  today: string,
  rules: ValidityRules = DEFAULT_VALIDITY_RULES,
): ChainEntry<C>[] {
  const sorted = [...certs].sort((a, b) => a.awardDate.localeCompare(b.awardDate));
  const out: ChainEntry<C>[] = [];
  let previous: PreviousCertificate | null = null;
  for (const cert of sorted) {
    const validity = certificationValidity(cert, previous, today, rules);
    const last = out.at(-1);
    if (last && cert.awardDate <= last.validity.validUntil && validity.consecutive) last.supersededOn = cert.awardDate;
    out.push({ cert, validity, supersededOn: null });
    previous = { validUntil: validity.validUntil, revokedOn: validity.revokedOn };
  }
  return out;
}

/** The institution's standing: that of its latest certificate awarded on or before `today`, or null if none. */
export function currentEntry<C extends CertificationFacts>(
  chain: ChainEntry<C>[],
  today: string,
): ChainEntry<C> | null {
  return chain.filter((e) => e.cert.awardDate <= today).at(-1) ?? null;
}

/**
 * Whether a new certificate of this kind on this date fits the institution's history: a renewal needs an earlier
 * certificate; an initial certificate cannot be awarded while an earlier one is still in force.
 */
export function kindConflict(
  kind: CertificationKind,
  awardDate: string,
  chain: ChainEntry<CertificationFacts>[],
): "renewal-without-previous" | "initial-while-valid" | null {
  const before = chain.filter((e) => e.cert.awardDate < awardDate).at(-1);
  if (kind === "renewal" && !before) return "renewal-without-previous";
  if (kind === "initial" && before) {
    const revoked = before.validity.revokedOn !== null && before.validity.revokedOn <= awardDate;
    if (!revoked && awardDate <= before.validity.validUntil) return "initial-while-valid";
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Renewal planning

/** When the yearly certification cycle runs, as months of one calendar year (defaults from the 2014 cycle). */
export interface RenewalSchedule {
  /** The self-diagnosis opens on the 1st of this month (2014: July). */
  selfDiagnosisStartMonth: number;
  /** Applications close on the last weekday of this month (2014: Fri 29 August) … */
  deadlineMonth: number;
  /** … at this Seoul time (2014: 18:00). */
  deadlineTime: string;
  /** Document, cross and on-site reviews (2014: September to November). */
  reviewStartMonth: number;
  reviewEndMonth: number;
  /** Certificates are handed out at the 민원공무원의 날 ceremony (2014: 8 December). */
  awardMonth: number;
}

export const DEFAULT_RENEWAL_SCHEDULE: RenewalSchedule = {
  selfDiagnosisStartMonth: 7,
  deadlineMonth: 8,
  deadlineTime: "18:00",
  reviewStartMonth: 9,
  reviewEndMonth: 11,
  awardMonth: 12,
};

export type RenewalWarning = "deadline-passed" | "award-after-expiry" | "lapses";

export interface RenewalProposal {
  year: number;
  selfDiagnosisFrom: string;
  /** The deadline's calendar date (the self-diagnosis runs up to it). */
  deadlineDate: string;
  deadlineTime: string;
  /** "YYYY-MM" */
  reviewFrom: string;
  reviewUntil: string;
  awardMonth: string;
  /** The last award date at which the renewal still counts as consecutive. */
  consecutiveUntil: string;
  warnings: RenewalWarning[];
}

const ym = (year: number, month: number) => `${year}-${String(month).padStart(2, "0")}`;

/** The last Monday-to-Friday of a month (public holidays are not known here: the coordinator may move it). */
export function lastWeekdayOf(year: number, month: number): string {
  let day = daysInMonth(year, month);
  while ([0, 6].includes(new Date(Date.UTC(year, month - 1, day)).getUTCDay())) day -= 1;
  return ymd(year, month, day);
}

/**
 * The renewal round for a certificate: the latest yearly cycle whose award month begins no later than the end of
 * the grace period, so that the renewal counts as consecutive, and never the cycle of the award year itself.
 */
export function proposeRenewal(
  cert: { awardDate: string; validUntil: string },
  today: string,
  rules: Pick<ValidityRules, "graceMonths"> = DEFAULT_VALIDITY_RULES,
  schedule: RenewalSchedule = DEFAULT_RENEWAL_SCHEDULE,
): RenewalProposal {
  const consecutiveUntil = periodEnd(addDays(cert.validUntil, 1), rules.graceMonths);
  let year = Number(consecutiveUntil.slice(0, 4));
  if (ymd(year, schedule.awardMonth, 1) > consecutiveUntil) year -= 1;
  year = Math.max(year, Number(cert.awardDate.slice(0, 4)) + 1);
  const deadlineDate = lastWeekdayOf(year, schedule.deadlineMonth);
  const warnings: RenewalWarning[] = [];
  if (today > deadlineDate) warnings.push("deadline-passed");
  if (ymd(year, schedule.awardMonth, 1) > consecutiveUntil) warnings.push("lapses");
  else if (ymd(year, schedule.awardMonth, daysInMonth(year, schedule.awardMonth)) > cert.validUntil)
    warnings.push("award-after-expiry");
  return {
    year,
    selfDiagnosisFrom: ymd(year, schedule.selfDiagnosisStartMonth, 1),
    deadlineDate,
    deadlineTime: schedule.deadlineTime,
    reviewFrom: ym(year, schedule.reviewStartMonth),
    reviewUntil: ym(year, schedule.reviewEndMonth),
    awardMonth: ym(year, schedule.awardMonth),
    consecutiveUntil,
    warnings,
  };
}
