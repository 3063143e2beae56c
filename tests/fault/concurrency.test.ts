// Twenty browsers save the same response fifty times each, through the production server with two workers on one
// SQLite file. Each save says which version it was based on. The guarantee: no acknowledged save is lost silently.
// Every save is either acknowledged as version base+1 (so it overwrote nothing it had not seen) or answered 409 with
// the newer version; acknowledged versions are distinct and gapless; the row and the audit history hold exactly
// the acknowledged saves; nothing answers 5xx.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChainedEvent } from "~/domain/audit-chain";
import { verifyChain } from "~/utils/audit-chain.server";
import { integrityCheck, place, runScript, withSqlite } from "./helpers";
import { Client, type Server, startServer } from "./server";

const CLIENTS = Number(process.env.FAULT_CLIENTS ?? 20);
const SAVES = Number(process.env.FAULT_SAVES ?? 50);

const where = place("concurrency");
let server: Server;
let target: { id: number; round_id: number; indicator_code: string; version: number };

beforeAll(async () => {
  runScript("scripts/seed.ts", [], where.env);
  // An indicator the demo member's department leads, still open for editing.
  target = withSqlite(where.databasePath, (db) =>
    db
      .prepare(
        `
      select r.id, r.round_id, r.indicator_code, r.version from responses r
      join assignments a on a.round_id = r.round_id and a.indicator_code = r.indicator_code and a.role = 'lead'
      join memberships m on m.department_id = a.department_id join users u on u.id = m.user_id
      where u.username = 'member' and r.status in ('draft', 'not_started') order by r.id limit 1`,
      )
      .get(),
  ) as typeof target;
  server = await startServer(where, { workers: 2 });
});

afterAll(async () => {
  await server?.stop();
});

interface Ack {
  client: number;
  base: number;
  version: number;
  narrative: string;
}

describe("concurrent edits of one response", () => {
  it(`${CLIENTS} clients × ${SAVES} saves: every acknowledged save is kept, every lost race is reported`, async () => {
    const acks: Ack[] = [];
    const statuses = new Map<number, number>();
    const problems: string[] = [];
    const page = `/rounds/${target.round_id}/indicators/${encodeURIComponent(target.indicator_code)}`;

    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, c) => {
        const client = new Client(server.baseUrl);
        await client.signIn("member", "demo1234!");
        let version = target.version;
        for (let s = 0; s < SAVES; s++) {
          const narrative = `client ${c} save ${s}`;
          const { status, data } = await client.post(page, {
            intent: "save",
            version: String(version),
            implemented: "no",
            narrative,
          });
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          if (status === 200 && data?.ok) {
            acks.push({ client: c, base: version, version: data.version, narrative });
            version = data.version;
          } else if (status === 409 && data?.reason === "conflict") {
            version = data.theirs.version; // reload, as the page does, and try again with the next edit
          } else problems.push(`client ${c} save ${s}: ${status} ${JSON.stringify(data).slice(0, 200)}`);
        }
      }),
    );

    expect(problems).toEqual([]);
    expect([...statuses.keys()].every((s) => s === 200 || s === 409)).toBe(true);
    // No acknowledged save overwrote a version its client had not seen.
    expect(acks.filter((a) => a.version !== a.base + 1)).toEqual([]);
    // Acknowledged versions are distinct and consecutive from the starting version.
    const versions = acks.map((a) => a.version).sort((x, y) => x - y);
    expect(versions).toEqual(versions.map((_, i) => target.version + 1 + i));

    // The row is the last acknowledged save, and the history holds each acknowledged save with its own text.
    const { row, events } = withSqlite(where.databasePath, (db) => ({
      row: db.prepare("select version, narrative from responses where id = ?").get(target.id) as {
        version: number;
        narrative: string;
      },
      events: db.prepare("select * from audit_events order by seq").all() as ChainedEvent[],
    }));
    const last = acks.find((a) => a.version === versions.at(-1))!;
    expect(row).toEqual({ version: last.version, narrative: last.narrative });
    const saved = new Map(
      events
        .filter((e) => e.entity === "response" && e.entity_id === String(target.id) && e.action === "save")
        .map((e) => JSON.parse(e.after_json!) as { version: number; narrative: string })
        .map((a) => [a.version, a.narrative]),
    );
    for (const a of acks) expect(saved.get(a.version), `version ${a.version}`).toBe(a.narrative);
    expect(saved.size).toBe(acks.length);
    expect(verifyChain(events).problems).toEqual([]);
    expect(integrityCheck(where.databasePath)).toBe("ok");
    // Both outcomes really happened: this was a race, and saves got through it.
    expect(acks.length).toBeGreaterThanOrEqual(SAVES);
    expect(statuses.get(409) ?? 0).toBeGreaterThan(0);
    console.log(
      `concurrency: ${acks.length} saves acknowledged, ${statuses.get(409) ?? 0} conflicts reported, ${CLIENTS * SAVES} attempts`,
    );
  });
});
