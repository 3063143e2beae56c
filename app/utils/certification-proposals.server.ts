// Certifications a committee decision proposes (docs/decisions/025): recording 인증심사위원회 with the decision
// "certified" raises a proposal; the Ministry (the system administrator) confirms it into the registry — through the
// registry's own rules (recordCertification) — or withdraws it. Voiding the committee entry withdraws its proposal.
import type { Kysely } from "kysely";
import { type Db, nowIso } from "#db/connection";
import type { Database, Round } from "#db/schema";
import { recordEvent } from "./audit.server";
import { recordCertification } from "./registry-write.server";

/** Raises the proposal for a committee entry that decided to certify; the caller holds the transaction. */
export async function proposeCertification(
  trx: Db,
  actorUserId: number,
  round: Round,
  stageId: number,
  heldOn: string,
): Promise<number> {
  const total = await trx
    .selectFrom("responses")
    .select((eb) => eb.fn.sum<number>("reviewed_tenths").as("t"))
    .where("round_id", "=", round.id)
    .executeTakeFirst();
  const row = await trx
    .insertInto("certification_proposals")
    .values({
      round_id: round.id,
      institution_id: round.institution_id,
      review_stage_id: stageId,
      award_date: heldOn,
      score_tenths: total?.t === null || total?.t === undefined ? null : Number(total.t),
      status: "proposed",
      proposed_by: actorUserId,
      proposed_at: nowIso(),
      decided_by: null,
      decided_at: null,
      certification_id: null,
    })
    .returning(["id", "award_date", "score_tenths"])
    .executeTakeFirstOrThrow();
  await recordEvent(trx, {
    actorUserId,
    institutionId: round.institution_id,
    roundId: round.id,
    entity: "certification_proposal",
    entityId: row.id,
    action: "propose",
    after: { award_date: row.award_date, score_tenths: row.score_tenths, status: "proposed" },
  });
  return row.id;
}

/** Withdraws the open proposal a voided committee entry raised, if any. */
export async function withdrawProposalOf(trx: Db, actorUserId: number, round: Round, stageId: number): Promise<void> {
  const open = await trx
    .selectFrom("certification_proposals")
    .select("id")
    .where("review_stage_id", "=", stageId)
    .where("status", "=", "proposed")
    .execute();
  for (const p of open) await setStatus(trx, actorUserId, p.id, "withdrawn", null, round);
}

async function setStatus(
  trx: Db,
  actorUserId: number,
  id: number,
  status: "confirmed" | "withdrawn",
  certificationId: number | null,
  round: Pick<Round, "id" | "institution_id">,
) {
  const updated = await trx
    .updateTable("certification_proposals")
    .set({ status, decided_by: actorUserId, decided_at: nowIso(), certification_id: certificationId })
    .where("id", "=", id)
    .where("status", "=", "proposed")
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) return false;
  await recordEvent(trx, {
    actorUserId,
    institutionId: round.institution_id,
    roundId: round.id,
    entity: "certification_proposal",
    entityId: id,
    action: status === "confirmed" ? "confirm" : "withdraw",
    before: { status: "proposed" },
    after: { status, certification_id: certificationId },
  });
  return true;
}

/** Proposals waiting for the Ministry, newest first, with the institution and round they are about. */
export async function openProposals(db: Db) {
  return db
    .selectFrom("certification_proposals as p")
    .innerJoin("institutions as i", "i.id", "p.institution_id")
    .innerJoin("rounds as r", "r.id", "p.round_id")
    .select([
      "p.id",
      "p.award_date",
      "p.score_tenths",
      "p.status",
      "p.proposed_at",
      "i.id as institution_id",
      "i.name as institution",
      "r.id as round_id",
      "r.title as round_title",
    ])
    .where("p.status", "=", "proposed")
    .orderBy("p.id", "desc")
    .execute();
}

export type ProposalOutcome = { ok: true; institution: string } | { ok: false; errors: Record<string, unknown> };

/**
 * Confirms a proposal: the certification is recorded by the registry's own rules (renewal when the institution was
 * certified before, else initial), then the proposal is marked confirmed. A proposal already decided is refused.
 */
export async function confirmProposal(
  db: Kysely<Database>,
  userId: number,
  proposalId: number,
): Promise<ProposalOutcome> {
  const p = await db
    .selectFrom("certification_proposals as p")
    .innerJoin("institutions as i", "i.id", "p.institution_id")
    .select(["p.id", "p.round_id", "p.institution_id", "p.award_date", "p.score_tenths", "p.status", "i.name"])
    .where("p.id", "=", proposalId)
    .executeTakeFirst();
  if (!p || p.status !== "proposed") return { ok: false, errors: { _form: "proposal.error" } };
  const earlier = await db
    .selectFrom("certifications")
    .select("id")
    .where("institution_id", "=", p.institution_id)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  const input = (kind: "initial" | "renewal") => ({
    institutionId: String(p.institution_id),
    awardDate: p.award_date,
    kind,
    roundId: String(p.round_id),
    score: p.score_tenths === null ? "" : (p.score_tenths / 10).toFixed(1),
    note: `인증심사위원회 결정 (제안 #${p.id})`,
  });
  let recorded = await recordCertification(db, userId, input(earlier ? "renewal" : "initial"));
  if (!recorded.ok && "kind" in recorded.errors)
    recorded = await recordCertification(db, userId, input(earlier ? "initial" : "renewal"));
  if (!recorded.ok) return { ok: false, errors: recorded.errors };
  const id = recorded.id;
  const marked = await db
    .transaction()
    .execute((trx) =>
      setStatus(trx, userId, p.id, "confirmed", id, { id: p.round_id, institution_id: p.institution_id }),
    );
  return marked ? { ok: true, institution: p.name } : { ok: false, errors: { _form: "proposal.error" } };
}

export async function withdrawProposal(db: Kysely<Database>, userId: number, proposalId: number): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const p = await trx
      .selectFrom("certification_proposals")
      .select(["id", "round_id", "institution_id"])
      .where("id", "=", proposalId)
      .executeTakeFirst();
    return p
      ? setStatus(trx, userId, p.id, "withdrawn", null, { id: p.round_id, institution_id: p.institution_id })
      : false;
  });
}
