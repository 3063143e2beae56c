import type { LoaderFunctionArgs } from "@remix-run/node";
import { translate } from "~/i18n";
import { db } from "~/utils/db.server";
import { contentDisposition } from "~/utils/evidence.server";
import { getLocale } from "~/utils/locale.server";
import { PdfBusy, PdfUnavailable, renderPdf } from "~/utils/pdf.server";
import { reportCacheKey } from "~/utils/report-cache.server";
import { guardRound } from "~/utils/guards.server";

const text = (body: string, status: number, headers: Record<string, string> = {}) =>
  new Response(body, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", ...headers },
  });

/** /rounds/:id/report.pdf: the print report through Chromium, for the approval document (결재). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, round } = await guardRound(request, params.roundId, "read:round:institution");
  const locale = await getLocale(request);
  try {
    const key = await reportCacheKey(db, round.id, user.id);
    const pdf = await renderPdf(
      `/rounds/${round.id}/report`,
      request.headers.get("Cookie"),
      locale === "ko" ? "ko-KR" : "en-GB",
      key,
    );
    return new Response(pdf, {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": contentDisposition(`${round.year}_자율진단_보고서.pdf`),
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof PdfBusy) {
      return text(translate(locale, "report.pdfQueueFull", { seconds: error.retryAfterSeconds }), 503, {
        "Retry-After": String(error.retryAfterSeconds),
      });
    }
    if (error instanceof PdfUnavailable) {
      // Why (no Chromium, or it could not reach this server in time) is for the operator's log, not the requester.
      console.error(`report.pdf: ${error.message.split("\n")[0]}`);
      return text("PDF를 만들 Chromium이 이 서버에 없습니다. 보고서 화면에서 인쇄(PDF로 저장)를 쓰세요.", 503);
    }
    throw error;
  }
}
