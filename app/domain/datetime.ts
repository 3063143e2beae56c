// Dates and times as Korean offices read them: Asia/Seoul, "2014. 8. 29.(금) 18:00".
export const SEOUL_TZ = "Asia/Seoul";
const SEOUL_OFFSET_MINUTES = 9 * 60; // Korea has no daylight saving time.

type Loc = "ko" | "en";
const tag = (locale: Loc) => (locale === "ko" ? "ko-KR" : "en-GB");

// Building an Intl.DateTimeFormat is costly (a page may format hundreds of dates): one per locale and style.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: Loc, withTime: boolean): Intl.DateTimeFormat {
  const key = `${locale}:${withTime}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(tag(locale), {
      timeZone: SEOUL_TZ,
      year: "numeric",
      month: "numeric",
      day: "numeric",
      weekday: "short",
      ...(withTime ? { hour: "2-digit", minute: "2-digit", hourCycle: "h23" } : {}),
    });
    formatters.set(key, f);
  }
  return f;
}

export function formatDate(iso: string | Date, locale: Loc = "ko"): string {
  return formatter(locale, false).format(typeof iso === "string" ? new Date(iso) : iso);
}

export function formatDateTime(iso: string | Date, locale: Loc = "ko"): string {
  return formatter(locale, true).format(typeof iso === "string" ? new Date(iso) : iso);
}

/** A calendar date ("YYYY-MM-DD", no time zone) shown the Korean way: "2014. 12. 8.". */
export function formatCalendarDate(ymd: string, locale: Loc = "ko"): string {
  const [y, m, d] = ymd.split("-").map(Number);
  return locale === "ko"
    ? `${y}. ${m}. ${d}.`
    : new Date(Date.UTC(y, m - 1, d)).toLocaleDateString("en-GB", { timeZone: "UTC" });
}

/** "2014-08-29T18:00" typed in Seoul → ISO UTC "2014-08-29T09:00:00.000Z"; null when the text is not such a value. */
export function seoulLocalToIso(local: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number);
  const utc = Date.UTC(y, mo - 1, d, h, mi) - SEOUL_OFFSET_MINUTES * 60_000;
  const back = new Date(utc + SEOUL_OFFSET_MINUTES * 60_000);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59)
    return null;
  return new Date(utc).toISOString();
}

/** ISO UTC → the "YYYY-MM-DDTHH:mm" a datetime-local input shows, in Seoul time. */
export function isoToSeoulLocal(iso: string): string {
  const shifted = new Date(new Date(iso).getTime() + SEOUL_OFFSET_MINUTES * 60_000);
  return shifted.toISOString().slice(0, 16);
}

/** Whole days from `now` until `deadline` in Seoul calendar days (0 on the deadline day, negative after). */
export function calendarDaysUntil(deadlineIso: string, now: Date = new Date()): number {
  const day = (t: number) => Math.floor((t + SEOUL_OFFSET_MINUTES * 60_000) / 86_400_000);
  return day(new Date(deadlineIso).getTime()) - day(now.getTime());
}
