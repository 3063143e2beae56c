import type { LoaderFunctionArgs } from "@remix-run/node";
import { contentDisposition } from "~/utils/evidence.server";
import { getLocale } from "~/utils/locale.server";
import { PdfUnavailable, renderPdf } from "~/utils/pdf.server";
import { guardRound } from "~/utils/round-admin.server";

/** /rounds/:id/report.pdf: the print report through Chromium, for the approval document (결재). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { round } = await guardRound(request, params.roundId, "read:round:institution");
  const locale = await getLocale(request);
  try {
    const pdf = await renderPdf(`/rounds/${round.id}/report`, request.headers.get("Cookie"), locale === "ko" ? "ko-KR" : "en-GB");
    return new Response(pdf, {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": contentDisposition(`${round.year}_자율진단_보고서.pdf`),
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof PdfUnavailable) {
      return new Response("PDF를 만들 Chromium이 이 서버에 없습니다. 보고서 화면에서 인쇄(PDF로 저장)를 쓰세요.", { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    }
    throw error;
  }
}
