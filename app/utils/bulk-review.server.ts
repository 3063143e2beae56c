// Approving many handed-in indicators at once from the review queue: the selected rows in one transaction, each
// through the same review function as the indicator page (one event each, its version checked). One row that changed
// since the queue was read, or cannot be approved now, refuses the whole batch and is named; nothing is approved.
import type { Kysely } from "kysely";
import type { Database, Round } from "#db/schema";
import type { Actor } from "~/domain/permissions";
import { indicatorContext } from "./guards.server";
import { reviewResponse } from "./review.server";

export type BulkOutcome =
  { ok: true; count: number } | { ok: false; key: "bulk.error.stale" | "bulk.error.none"; code: string | null };

class Refused extends Error {
  constructor(readonly code: string) {
    super(`bulk approval refused at ${code}`);
  }
}

export async function bulkApprove(
  db: Kysely<Database>,
  actor: Actor,
  round: Round,
  picks: { code: string; version: number }[],
): Promise<BulkOutcome> {
  const unique = [...new Map(picks.map((p) => [p.code, p])).values()];
  try {
    await db.transaction().execute(async (trx) => {
      for (const pick of unique) {
        const ctx = await indicatorContext(trx, actor, String(round.id), pick.code).catch(() => {
          throw new Refused(pick.code);
        });
        // Only handed-in rows: an approved one is not approved again by a batch.
        if (ctx.response?.status !== "submitted") throw new Refused(pick.code);
        const result = await reviewResponse(trx, actor, ctx, { intent: "approve", version: pick.version });
        if (!result.ok) throw new Refused(pick.code);
      }
    });
  } catch (error) {
    if (error instanceof Refused) return { ok: false, key: "bulk.error.stale", code: error.code };
    throw error;
  }
  return { ok: true, count: unique.length };
}
