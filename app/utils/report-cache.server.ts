// What a printed report depends on, as one cache key: the round's data version, the day it is printed on (the report
// is dated), and who prints it (the report names the requester, and only someone allowed to read the round gets
// here). The locale is added by pdf.server.ts.
import type { Db } from "#db/connection";
import { todayInSeoul } from "~/domain/validity";

/**
 * Every write records an audit event in the same transaction (tests/integration/action-events.test.ts), so the last
 * event of the round and the last event outside any round (departments, users, editions) together change whenever
 * anything the report shows changes. Both are read from the (round_id, seq) index. Their chain hashes are part of
 * the version: after a restore from backup the same sequence numbers come back with other events, and other hashes.
 */
export async function roundDataVersion(db: Db, roundId: number): Promise<string> {
  const last = (inRound: boolean) => {
    const query = db.selectFrom("audit_events").select(["seq", "hash"]);
    return (inRound ? query.where("round_id", "=", roundId) : query.where("round_id", "is", null))
      .orderBy("seq", "desc")
      .limit(1)
      .executeTakeFirst();
  };
  const [round, outside] = await Promise.all([last(true), last(false)]);
  return `${round?.seq ?? 0}:${round?.hash.slice(0, 16) ?? "-"}.${outside?.seq ?? 0}:${outside?.hash.slice(0, 16) ?? "-"}`;
}

export async function reportCacheKey(db: Db, roundId: number, requesterId: number, now = new Date()): Promise<string> {
  return `round:${roundId}|v:${await roundDataVersion(db, roundId)}|day:${todayInSeoul(now)}|user:${requesterId}`;
}
