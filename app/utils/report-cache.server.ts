// What a printed report depends on, as one cache key: the round's data version, the day it is printed on (the report
// is dated), and who prints it (the report names the requester, and only someone allowed to read the round gets
// here). The locale is added by pdf.server.ts.
import { sql } from "kysely";
import type { Db } from "#db/connection";
import { todayInSeoul } from "~/domain/validity";

/**
 * Every write records an audit event in the same transaction (tests/integration/action-events.test.ts), so the last
 * event of the round and the last event outside any round (departments, users, editions) together change whenever
 * anything the report shows changes. Both are read from the (round_id, seq) index.
 */
export async function roundDataVersion(db: Db, roundId: number): Promise<string> {
  const [round, outside] = await Promise.all([
    db.selectFrom("audit_events").select(sql<number | null>`max(seq)`.as("seq")).where("round_id", "=", roundId).executeTakeFirst(),
    db.selectFrom("audit_events").select(sql<number | null>`max(seq)`.as("seq")).where("round_id", "is", null).executeTakeFirst(),
  ]);
  return `${round?.seq ?? 0}.${outside?.seq ?? 0}`;
}

export async function reportCacheKey(db: Db, roundId: number, requesterId: number, now = new Date()): Promise<string> {
  return `round:${roundId}|v:${await roundDataVersion(db, roundId)}|day:${todayInSeoul(now)}|user:${requesterId}`;
}
