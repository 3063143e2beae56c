import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { writeEditionWorkbook } from "#indicators/load";
import { db } from "~/utils/db.server";
import { requireDraftParam } from "~/utils/edition-drafts.server";
import { requirePermission } from "~/utils/guards.server";

// The draft as the Excel edition file the import reads (sheets "edition" and "indicators"), so it can be edited in a
// spreadsheet and brought back into the draft.
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:edition:any");
  const draft = await requireDraftParam(db, params.draftId);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "draft-export-"));
  try {
    const file = path.join(dir, "edition.xlsx");
    await writeEditionWorkbook(draft.edition, file);
    const body = await fs.readFile(file);
    return new Response(body, {
      headers: {
        "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Content-Disposition": `attachment; filename="${draft.editionId}.xlsx"`,
        "Cache-Control": "no-store",
      },
    });
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
