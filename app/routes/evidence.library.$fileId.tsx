import { createReadableStreamFromReadable, type LoaderFunctionArgs } from "@remix-run/node";
import { can } from "~/domain/permissions";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { contentDisposition } from "~/utils/evidence.server";
import { libraryFile } from "~/utils/library-read.server";
import { assertCan, found, idParam, requireSignedIn } from "~/utils/guards.server";
import { localFileStore } from "~/utils/storage.server";

// Downloads one file of a department's evidence library: for the department's people, the institution's coordinators
// and auditors (the same people who see the library page); 404 outside the institution.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requireSignedIn(request);
  const file = found(await libraryFile(db, idParam(params.fileId)));
  const scope = { institutionId: file.institution_id, departmentIds: [file.department_id] };
  // Coordinators, auditors (and the administrator) read every department's library; staff their own department's.
  if (!can(actor, "read:round:institution", { institutionId: file.institution_id }))
    assertCan(actor, "read:response:own-dept", scope);
  const stored = found(await localFileStore(env.uploadDir).get(file.sha256));
  return new Response(createReadableStreamFromReadable(stored.stream), {
    status: 200,
    headers: {
      "Content-Type": file.file_mime,
      "Content-Length": String(stored.size),
      "Content-Disposition": contentDisposition(file.file_name, "attachment"),
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, no-store",
    },
  });
}
