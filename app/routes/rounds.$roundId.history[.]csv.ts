import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/utils/db.server";
import { contentDisposition } from "~/utils/evidence.server";
import { historyCsv, historyCsvName, historyFilterFrom } from "~/utils/history.server";
import { getLocale } from "~/utils/locale.server";
import { guardRound } from "~/utils/guards.server";

/**
 * /rounds/:id/history.csv: the round's log with the page's filters, streamed, UTF-8 with a BOM for Excel, in the
 * reader's language (headers and descriptions; the stored event follows in the last columns unchanged).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { round } = await guardRound(request, params.roundId, "read:audit:institution");
  const locale = await getLocale(request);
  const chunks = historyCsv(db, round, historyFilterFrom(new URL(request.url).searchParams), undefined, locale);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": contentDisposition(historyCsvName(round, locale)),
      "Cache-Control": "no-store",
    },
  });
}
