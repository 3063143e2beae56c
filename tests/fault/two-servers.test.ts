// Several stateless app servers on one PostgreSQL: two separate server processes (each with its own workers) share a
// database and nothing else. A session made on one works on the other, an edit through one is seen through the
// other, and a conflicting edit through the second is still detected; concurrent saves through both keep the audit
// chain whole. Needs TEST_PG_URL (scripts/ensure-postgres.sh): `npm run test:fault` sets it up.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChainedEvent } from "~/domain/audit-chain";
import { verifyChain } from "~/utils/audit-chain.server";
import { place, postgresAvailable, runScript } from "./helpers";
import { Client, type Server, startServer } from "./server";

const adminUrl = process.env.TEST_PG_URL?.trim();
const database = `two_servers_${process.pid}`;
let url = "";
let servers: Server[] = [];
let target: { round_id: number; indicator_code: string; version: number };

async function query<T>(sqlText: string, params: unknown[] = [], on = url): Promise<T[]> {
  const client = new pg.Client({ connectionString: on });
  await client.connect();
  try {
    return (await client.query(sqlText, params)).rows as T[];
  } finally {
    await client.end();
  }
}

describe.skipIf(!postgresAvailable("two app servers on one PostgreSQL"))("two app servers on one PostgreSQL", () => {
  beforeAll(async () => {
    await query(`drop database if exists "${database}" with (force)`, [], adminUrl);
    await query(`create database "${database}"`, [], adminUrl);
    const u = new URL(adminUrl!);
    u.pathname = `/${database}`;
    url = u.toString();
    // A shared directory for evidence files, as several servers would mount it.
    const where = place("two-servers", { DATABASE_URL: url });
    runScript("scripts/seed.ts", [], where.env);
    [target] = await query<typeof target>(`
      select r.round_id, r.indicator_code, r.version from responses r
      join assignments a on a.round_id = r.round_id and a.indicator_code = r.indicator_code and a.role = 'lead'
      join memberships m on m.department_id = a.department_id join users u on u.id = m.user_id
      where u.username = 'member' and r.status in ('draft', 'not_started') order by r.id limit 1`);
    servers = await Promise.all([startServer(where, { workers: 1 }), startServer(where, { workers: 1 })]);
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    if (adminUrl) await query(`drop database if exists "${database}" with (force)`, [], adminUrl);
  });

  it("sees through one server what was saved through the other, and still detects the conflict", async () => {
    const [a, b] = servers;
    const page = `/rounds/${target.round_id}/indicators/${encodeURIComponent(target.indicator_code)}`;
    const alice = new Client(a.baseUrl);
    await alice.signIn("member", "demo1234!");
    // The same browser (cookie) on the other server: sessions live in the database, not in a process.
    const aliceOnB = new Client(b.baseUrl);
    aliceOnB.cookie = alice.cookie;

    const saved = await alice.post(page, {
      intent: "save",
      version: String(target.version),
      implemented: "no",
      narrative: "서버 A에서 저장",
    });
    expect(saved.status).toBe(200);
    expect(saved.data.ok).toBe(true);

    const seen = await fetch(`${b.baseUrl}${page}.data`, { headers: { Cookie: alice.cookie } });
    expect(seen.status).toBe(200);
    expect(await seen.text()).toContain("서버 A에서 저장");

    // A save through B based on the version before A's: refused, nothing overwritten.
    const stale = await aliceOnB.post(page, {
      intent: "save",
      version: String(target.version),
      implemented: "no",
      narrative: "서버 B의 낡은 저장",
    });
    expect(stale.status).toBe(409);
    const [row] = await query<{ narrative: string; version: number }>(
      "select narrative, version from responses where round_id = $1 and indicator_code = $2",
      [target.round_id, target.indicator_code],
    );
    expect(row).toEqual({ narrative: "서버 A에서 저장", version: saved.data.version });
  });

  it("keeps every acknowledged save and one unbroken audit chain when both servers take saves at once", async () => {
    const page = `/rounds/${target.round_id}/indicators/${encodeURIComponent(target.indicator_code)}`;
    const acks: number[] = [];
    await Promise.all(
      Array.from({ length: 8 }, async (_, c) => {
        const client = new Client(servers[c % 2].baseUrl);
        await client.signIn("member", "demo1234!");
        for (let s = 0; s < 10; s++) {
          const [{ version }] = await query<{ version: number }>(
            "select version from responses where round_id = $1 and indicator_code = $2",
            [target.round_id, target.indicator_code],
          );
          const answer = await client.post(page, {
            intent: "save",
            version: String(version),
            implemented: "no",
            narrative: `client ${c} save ${s}`,
          });
          expect([200, 409]).toContain(answer.status);
          if (answer.status === 200) acks.push(answer.data.version);
        }
      }),
    );
    expect(new Set(acks).size).toBe(acks.length);
    const events = await query<ChainedEvent>("select * from audit_events order by seq");
    expect(verifyChain(events.map((e) => ({ ...e, seq: Number(e.seq) }))).ok).toBe(true);
  });
});
