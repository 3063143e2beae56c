import { createReadableStreamFromReadable, type LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { contentDisposition, evidenceFile, INLINE_MIMES } from "~/utils/evidence.server";
import { found, idParam, indicatorContext } from "~/utils/guards.server";
import { requireSignedIn } from "~/utils/guards.server";

import { localFileStore } from "~/utils/storage.server";

// Downloads one evidence file under its original name, only for people who may see the indicator it belongs to.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requireSignedIn(request);
  const row = found(await evidenceFile(db, idParam(params.evidenceId)));
  // The same check as the indicator page: 404 outside the institution, 403 for another department's indicator.
  await indicatorContext(db, actor, String(row.round_id), row.indicator_code);
  const stored = found(row.file_sha256 ? await localFileStore(env.uploadDir).get(row.file_sha256) : null);
  // ?inline=1 shows a PDF or an image in the browser (for reviewing it beside the score); anything else downloads.
  const inline =
    new URL(request.url).searchParams.get("inline") === "1" &&
    (INLINE_MIMES as readonly string[]).includes(row.file_mime ?? "");
  // X-Content-Type-Options: nosniff comes with every response of the server (security.server.ts); set here too, the
  // download carried it twice.
  return new Response(createReadableStreamFromReadable(stored.stream), {
    status: 200,
    headers: {
      "Content-Type": row.file_mime ?? "application/octet-stream",
      "Content-Length": String(stored.size),
      "Content-Disposition": contentDisposition(row.file_name ?? "evidence", inline ? "inline" : "attachment"),
      // Chromium's PDF viewer refuses a sandboxed document; an inline PDF still runs no script of ours and loads nothing.
      "Content-Security-Policy":
        inline && row.file_mime === "application/pdf" ? "default-src 'none'" : "default-src 'none'; sandbox",
      "Cache-Control": "private, no-store",
    },
  });
}
