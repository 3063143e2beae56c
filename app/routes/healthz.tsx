import { sql } from "kysely";
import { db } from "~/utils/db.server";

// Liveness and readiness for a load balancer: the process answers and its database answers. No session, no HTML.
export async function loader() {
  try {
    await sql`select 1`.execute(db);
    return new Response("ok\n", {
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  } catch {
    return new Response("database unavailable\n", {
      status: 503,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
}
