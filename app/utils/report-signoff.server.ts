// The report's 결재 fields per round: read for the report (and its PDF), saved by the coordinator with a version check
// and one audit event holding the fields before and after.
import { type Db, inTransaction, nowIso } from "#db/connection";
import type { Round } from "#db/schema";
import type { Actor } from "~/domain/permissions";
import type { SignoffInput } from "~/schemas/report";
import { recordEvent } from "./audit.server";
import { done, type Outcome, refuseField } from "./actions.server";

export interface Signoff {
  documentNumber: string;
  effectiveDate: string | null;
  drafter: string;
  reviewer: string;
  approver: string;
  /** 0 while nothing was saved. */
  version: number;
}

const EMPTY: Signoff = { documentNumber: "", effectiveDate: null, drafter: "", reviewer: "", approver: "", version: 0 };

export async function reportSignoff(db: Db, roundId: number): Promise<Signoff> {
  const row = await db.selectFrom("report_signoffs").selectAll().where("round_id", "=", roundId).executeTakeFirst();
  if (!row) return EMPTY;
  return {
    documentNumber: row.document_number,
    effectiveDate: row.effective_date,
    drafter: row.drafter,
    reviewer: row.reviewer,
    approver: row.approver,
    version: row.version,
  };
}

export async function saveReportSignoff(db: Db, actor: Actor, round: Round, input: SignoffInput): Promise<Outcome> {
  return inTransaction(db, async (trx) => {
    const before = await reportSignoff(trx, round.id);
    if (before.version !== input.version) return refuseField("_form", "signoff.error.stale");
    const after = {
      documentNumber: input.documentNumber,
      effectiveDate: input.effectiveDate,
      drafter: input.drafter,
      reviewer: input.reviewer,
      approver: input.approver,
    };
    const now = nowIso();
    const values = {
      document_number: after.documentNumber,
      effective_date: after.effectiveDate,
      drafter: after.drafter,
      reviewer: after.reviewer,
      approver: after.approver,
      updated_by: actor.userId,
      updated_at: now,
    };
    if (before.version === 0) {
      // Two first saves at once: the second finds the row the first made and is refused as stale.
      const inserted = await trx
        .insertInto("report_signoffs")
        .values({ ...values, round_id: round.id, version: 1 })
        .onConflict((oc) => oc.column("round_id").doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) return refuseField("_form", "signoff.error.stale");
    } else {
      const updated = await trx
        .updateTable("report_signoffs")
        .set({ ...values, version: before.version + 1 })
        .where("round_id", "=", round.id)
        .where("version", "=", input.version)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) return refuseField("_form", "signoff.error.stale");
    }
    const beforeFields = {
      documentNumber: before.documentNumber,
      effectiveDate: before.effectiveDate,
      drafter: before.drafter,
      reviewer: before.reviewer,
      approver: before.approver,
    };
    await recordEvent(trx, {
      actorUserId: actor.userId,
      institutionId: round.institution_id,
      roundId: round.id,
      entity: "report_signoff",
      entityId: round.id,
      action: before.version === 0 ? "create" : "update",
      before: before.version === 0 ? undefined : beforeFields,
      after,
    });
    return done("signoff.saved");
  });
}
