import type { Db } from "#db/connection";
import { nowIso } from "#db/connection";
import { lockAuditChain } from "#db/dialect";
import { GENESIS_HASH, type ChainedEventContent } from "~/domain/audit-chain";
import { hashEvent } from "./audit-chain.server";

export interface AuditInput {
  actorUserId: number | null;
  institutionId?: number | null;
  roundId?: number | null;
  entity: string;
  entityId: string | number;
  action: string;
  before?: unknown;
  after?: unknown;
}

const toJson = (v: unknown) => (v === undefined ? null : JSON.stringify(v));

/**
 * Appends one event to the audit chain. Call it with the transaction that makes the change, so the change and its
 * event commit together or not at all. The unique `seq` makes a concurrent writer fail instead of forking the chain.
 */
export async function recordEvent(trx: Db, input: AuditInput): Promise<void> {
  await lockAuditChain(trx);
  const last = await trx
    .selectFrom("audit_events")
    .select(["seq", "hash"])
    .orderBy("seq", "desc")
    .limit(1)
    .executeTakeFirst();
  const content: ChainedEventContent = {
    seq: (last?.seq ?? 0) + 1,
    at: nowIso(),
    actor_user_id: input.actorUserId,
    institution_id: input.institutionId ?? null,
    round_id: input.roundId ?? null,
    entity: input.entity,
    entity_id: String(input.entityId),
    action: input.action,
    before_json: toJson(input.before),
    after_json: toJson(input.after),
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  await trx
    .insertInto("audit_events")
    .values({ ...content, prev_hash: prevHash, hash: hashEvent(content, prevHash) })
    .execute();
}
