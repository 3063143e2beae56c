import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/utils/guards.server";
import { templateCsv } from "~/utils/registry-import.server";

/** /registry/template.csv: the header the registry import expects, with two example rows. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:registry:any");
  return new Response(templateCsv(), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="registry-template.csv"; filename*=UTF-8''${encodeURIComponent("인증현황_양식.csv")}`,
      "Cache-Control": "no-store",
    },
  });
}
