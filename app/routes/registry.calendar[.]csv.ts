import type { LoaderFunctionArgs } from "@remix-run/node";
import { todayInSeoul } from "~/domain/validity";
import { translate } from "~/i18n";
import { parseCalendarQuery } from "~/schemas/registry";
import { db } from "~/utils/db.server";
import { contentDisposition } from "~/utils/evidence.server";
import { requirePermission } from "~/utils/guards.server";
import { getLocale } from "~/utils/locale.server";
import { calendarCsv, calendarRows } from "~/utils/registry-calendar.server";

/** /registry/calendar.csv: the calendar's rows with the page's filters and sort, in the reader's language. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "read:registry:any");
  const locale = await getLocale(request);
  const query = parseCalendarQuery(new URL(request.url).searchParams);
  const rows = await calendarRows(db, query, todayInSeoul());
  return new Response(calendarCsv(rows, locale), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": contentDisposition(translate(locale, "calendar.csv.name")),
      "Cache-Control": "no-store",
    },
  });
}
