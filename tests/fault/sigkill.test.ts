// The server is killed with SIGKILL (primary and every worker at once) while clients save. After a restart:
// every save that was acknowledged is there (row and audit event), the database passes PRAGMA integrity_check, the
// audit chain verifies, and the app keeps working. A single worker killed mid-request is replaced while the other
// keeps serving.
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChainedEvent } from "~/domain/audit-chain";
import { verifyChain } from "~/utils/audit-chain.server";
import { integrityCheck, place, runScript, withSqlite } from "./helpers";
import { Client, type Server, startServer } from "./server";

const CLIENTS = 8;

interface Target {
  id: number;
  round_id: number;
  indicator_code: string;
  version: number;
}
interface Ack {
  responseId: number;
  version: number;
  narrative: string;
}

const where = place("sigkill");
let targets: Target[];
let server: Server | undefined;

beforeAll(() => {
  runScript("scripts/seed.ts", [], where.env);
  targets = withSqlite(where.databasePath, (db) =>
    db
      .prepare(
        `
      select distinct r.id, r.round_id, r.indicator_code, r.version from responses r
      join assignments a on a.round_id = r.round_id and a.indicator_code = r.indicator_code and a.role = 'lead'
      join memberships m on m.department_id = a.department_id join users u on u.id = m.user_id
      where u.username = 'member' and r.status in ('draft', 'not_started') order by r.id`,
      )
      .all(),
  ) as Target[];
});

afterAll(async () => {
  await server?.stop();
});

const pageOf = (t: Target) => `/rounds/${t.round_id}/indicators/${encodeURIComponent(t.indicator_code)}`;

/**
 * Clients saving over and over (each keeps its own version, as a page does) until `done()` says stop; what the
 * server acknowledged is pushed to `acks` as it happens.
 */
async function saveWhile(
  server: Server,
  label: string,
  done: () => boolean,
  acks: Ack[] = [],
  ready: () => void = () => {},
): Promise<{ acks: Ack[]; failures: number }> {
  let failures = 0;
  const current = withSqlite(
    where.databasePath,
    (db) =>
      new Map(
        (db.prepare("select id, version from responses").all() as { id: number; version: number }[]).map((r) => [
          r.id,
          r.version,
        ]),
      ),
  );
  // Every client signs in first (a password check is deliberately slow), then `ready` starts the clock of the fault.
  const clients = await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      const client = new Client(server.baseUrl);
      await client.signIn("member", "demo1234!");
      return client;
    }),
  );
  ready();
  await Promise.all(
    clients.map(async (client, c) => {
      const t = targets[c % targets.length];
      let version = current.get(t.id)!;
      for (let n = 0; !done(); n++) {
        const narrative = `${label} client ${c} save ${n}`;
        try {
          const { status, data } = await client.post(pageOf(t), {
            intent: "save",
            version: String(version),
            implemented: "no",
            narrative,
          });
          if (status === 200 && data?.ok) {
            acks.push({ responseId: t.id, version: data.version, narrative });
            version = data.version;
          } else if (status === 409) version = data.theirs.version;
          else failures++;
        } catch {
          failures++; // connection reset or refused: the server (or a worker) is gone; not acknowledged
          await new Promise((r) => setTimeout(r, 20));
        }
      }
    }),
  );
  return { acks, failures };
}

function checkSurvivors(acks: Ack[]) {
  expect(integrityCheck(where.databasePath)).toBe("ok");
  const { rows, events } = withSqlite(where.databasePath, (db) => ({
    rows: new Map(
      (
        db.prepare("select id, version, narrative from responses").all() as {
          id: number;
          version: number;
          narrative: string;
        }[]
      ).map((r) => [r.id, r]),
    ),
    events: db.prepare("select * from audit_events order by seq").all() as ChainedEvent[],
  }));
  expect(verifyChain(events).problems).toEqual([]);
  const history = new Set(
    events
      .filter((e) => e.entity === "response" && e.action === "save")
      .map((e) => {
        const after = JSON.parse(e.after_json!) as { version: number; narrative: string };
        return `${e.entity_id}:${after.version}:${after.narrative}`;
      }),
  );
  const missing = acks.filter((a) => !history.has(`${a.responseId}:${a.version}:${a.narrative}`));
  expect(missing).toEqual([]);
  // Each row is at its last acknowledged save, or one further (committed, but killed before the answer left).
  for (const t of targets) {
    const mine = acks.filter((a) => a.responseId === t.id);
    if (!mine.length) continue;
    const last = mine.reduce((x, y) => (y.version > x.version ? y : x));
    const row = rows.get(t.id)!;
    expect(
      row.version === last.version || row.version === last.version + 1,
      `response ${t.id}: row v${row.version}, last ack v${last.version}`,
    ).toBe(true);
    if (row.version === last.version) expect(row.narrative).toBe(last.narrative);
  }
}

describe("SIGKILL during concurrent saves", () => {
  it("keeps every acknowledged save and a sound database after the whole server is killed", async () => {
    expect(targets.length).toBeGreaterThan(0);
    server = await startServer(where, { workers: 2 });
    const killed = server;
    const live: Ack[] = [];
    let gone = false;
    const run = saveWhile(server, "before kill", () => gone, live);
    // Kill in the middle of the stream of saves, at a moment unrelated to any request.
    while (live.length < 40) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 200)));
    await killed.killHard();
    // Let the clients see the dead server for a moment, then stop them.
    await new Promise((r) => setTimeout(r, 200));
    gone = true;
    const { acks, failures } = await run;
    expect(acks.length).toBeGreaterThanOrEqual(40);
    expect(failures).toBeGreaterThan(0);

    server = await startServer(where, { workers: 2 });
    checkSurvivors(acks);
    // The app works after recovery: the next save goes through on the restarted server.
    let until = Infinity;
    const again = await saveWhile(
      server,
      "after restart",
      () => Date.now() > until,
      [],
      () => (until = Date.now() + 500),
    );
    expect(again.acks.length).toBeGreaterThan(0);
    checkSurvivors([...acks, ...again.acks]);
    console.log(
      `sigkill: ${acks.length} saves acknowledged before the kill, ${failures} requests cut off; all present after restart`,
    );
  });

  it("replaces a worker killed mid-request while the other keeps serving", async () => {
    if (!server || server.child.exitCode !== null || server.child.signalCode !== null)
      server = await startServer(where, { workers: 2 });
    const workers = () =>
      execFileSync("ps", ["-o", "pid=", "--ppid", String(server!.child.pid)], { encoding: "utf8" })
        .split("\n")
        .map((s) => Number(s.trim()))
        .filter(Boolean);
    const before = workers();
    expect(before).toHaveLength(2);
    let until = Infinity;
    let killer: NodeJS.Timeout | undefined;
    const { acks } = await saveWhile(
      server,
      "worker kill",
      () => Date.now() > until,
      [],
      () => {
        until = Date.now() + 2500;
        killer = setTimeout(() => process.kill(before[0], "SIGKILL"), 800);
      },
    );
    clearTimeout(killer);
    expect(acks.length).toBeGreaterThan(20);
    const after = workers();
    expect(after).toHaveLength(2);
    expect(after).not.toContain(before[0]);
    expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);
    checkSurvivors(acks);
  });
});
