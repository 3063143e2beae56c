// The one calendar (ADR 038): its events for every institution, filtered and sorted as the query string asks (so the
// page sorts without JavaScript), and the same rows as CSV (UTF-8 with a BOM for Excel; cells that start like a
// formula are kept text, as in the history export).
import { type Db } from "#db/connection";
import { type CalendarEvent, filterEvents, sortEvents } from "~/domain/calendar";
import { type Locale, type MessageKey, translate } from "~/i18n";
import type { CalendarQuery } from "~/schemas/registry";
import { csvCell } from "./history.server";
import { getRegistrySettings } from "./registry-settings.server";
import { registryCalendar } from "./registry-schemes.server";

export async function calendarRows(db: Db, query: CalendarQuery, today: string): Promise<CalendarEvent[]> {
  const { rules } = await getRegistrySettings(db);
  const events = await registryCalendar(db, rules, today);
  return sortEvents(filterEvents(events, query), query.sort, query.dir);
}

/** What an event is, in words: "재인증 주기: 체험평가", "인증 유효기간 만료". */
export function whatText(locale: Locale, e: Pick<CalendarEvent, "what" | "detail">): string {
  const stage =
    e.what === "cycle-stage" && e.detail ? translate(locale, `calendar.stage.${e.detail}` as MessageKey) : "";
  return translate(locale, `calendar.what.${e.what}` as MessageKey, { stage });
}

/** The CSV of the rows shown: a day as YYYY-MM-DD, a month-only event as YYYY-MM. */
export function calendarCsv(rows: CalendarEvent[], locale: Locale): string {
  const header = ["date", "institution", "scheme", "what", "detail"].map((c) =>
    csvCell(translate(locale, `calendar.csv.${c}` as MessageKey)),
  );
  const lines = rows.map((e) =>
    [
      e.precision === "month" ? e.date.slice(0, 7) : e.date,
      e.institution,
      translate(locale, `scheme.${e.scheme}` as MessageKey),
      whatText(locale, e),
      [e.what === "cycle-stage" ? "" : (e.detail ?? ""), e.assumed ? translate(locale, "calendar.assumed") : ""]
        .filter(Boolean)
        .join(" · "),
    ]
      .map(csvCell)
      .join(","),
  );
  return `\uFEFF${[header.join(","), ...lines].join("\r\n")}\r\n`;
}
