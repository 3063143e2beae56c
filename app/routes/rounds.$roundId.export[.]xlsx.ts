import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/utils/db.server";
import { contentDisposition } from "~/utils/evidence.server";

import { exportRoundWorkbook, XLSX_MIME } from "~/utils/round-workbook.server";
import { guardRound } from "~/utils/guards.server";

/** /rounds/:id/export.xlsx: the round as a workbook, a summary sheet and one sheet per department to fill offline. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, round } = await guardRound(request, params.roundId, "manage:round:institution");
  const bytes = await exportRoundWorkbook(db, round, user.displayName);
  return new Response(bytes, {
    headers: {
      "Content-Type": XLSX_MIME,
      "Content-Disposition": contentDisposition(`${round.year}_자율진단_${round.id}.xlsx`),
      "Cache-Control": "no-store",
    },
  });
}
