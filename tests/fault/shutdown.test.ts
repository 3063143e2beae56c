// Stopping the production server. SIGTERM to the primary alone (what systemd's KillMode=mixed and `kill PID` send):
// a sign-in whose form is still arriving completes, new connections are refused, an idle keep-alive connection does not
// hold anything up, every worker is gone and the primary exits 0. A request that never ends is cut at the bound
// (SHUTDOWN_TIMEOUT_SECONDS) and still nothing outlives the primary. SIGKILL to the primary: its workers leave on their own.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { place, runScript } from "./helpers";
import { type Server, startServer } from "./server";

const where = place("shutdown");
const servers: Server[] = [];

beforeAll(() => {
  runScript("scripts/seed.ts", [], where.env);
});

afterAll(async () => {
  for (const server of servers) await server.killHard();
});

async function start(env: Record<string, string> = {}): Promise<Server> {
  const server = await startServer({ ...where, env: { ...where.env, ...env } }, { workers: 2 });
  servers.push(server);
  return server;
}

const workerPids = (primary: number) =>
  execFileSync("ps", ["-o", "pid=", "--ppid", String(primary)], { encoding: "utf8" })
    .split("\n")
    .map((s) => Number(s.trim()))
    .filter(Boolean);

/** Whether the process runs (a zombie, dead but not yet reaped by whoever adopted it, does not). */
const isRunning = (pid: number) => {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(")") + 2));
  } catch {
    return false;
  }
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until `check()` holds, up to `ms`; returns whether it did. */
async function within(ms: number, check: () => boolean | Promise<boolean>): Promise<boolean> {
  const until = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > until) return false;
    await sleep(50);
  }
}

/** The primary's exit, as { code, signal }, once it has exited. */
function exitOf(server: Server): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
}

interface SlowPost {
  /** Sends the rest of the form. */
  finish(): void;
  answer: Promise<{ status: number; cookie: string | null; location: string | null }>;
}

/** A sign-in whose form arrives in two parts: the request is in flight until finish() sends the second. */
function slowSignIn(server: Server, username: string, password: string): SlowPost {
  const body = Buffer.from(new URLSearchParams({ username, password }).toString());
  const half = Math.floor(body.length / 2);
  const req = http.request(`${server.baseUrl}/login`, {
    method: "POST",
    agent: false,
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      "Content-Length": String(body.length),
      Origin: server.baseUrl,
    },
  });
  const answer = new Promise<{ status: number; cookie: string | null; location: string | null }>((resolve, reject) => {
    req.on("response", (res) => {
      res.resume();
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          cookie: res.headers["set-cookie"]?.[0] ?? null,
          location: res.headers.location ?? null,
        }),
      );
    });
    req.on("error", reject);
  });
  req.flushHeaders();
  req.write(body.subarray(0, half));
  return { finish: () => req.end(body.subarray(half)), answer };
}

/** Whether a new TCP connection to the server is accepted and answered. */
async function answersNewConnections(server: Server): Promise<boolean> {
  try {
    const res = await fetch(`${server.baseUrl}/healthz`, {
      signal: AbortSignal.timeout(1_000),
      headers: { Connection: "close" },
    });
    return res.ok;
  } catch {
    return false;
  }
}

describe("graceful shutdown", () => {
  it("finishes a request in flight on SIGTERM, refuses new ones, then every worker and the primary exit (0)", async () => {
    // A bound well above what this takes: a shutdown that waited for the idle connection would show as a late exit.
    const boundSeconds = 30;
    const server = await start({ SHUTDOWN_TIMEOUT_SECONDS: String(boundSeconds) });
    const workers = workerPids(server.child.pid!);
    expect(workers).toHaveLength(2);
    // An idle kept-alive connection (a browser keeps one for 65 s).
    const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 1 });
    await new Promise<void>((resolve, reject) =>
      http
        .get(`${server.baseUrl}/healthz`, { agent: keepAlive }, (res) => res.resume().on("end", resolve))
        .on("error", reject),
    );
    const slow = slowSignIn(server, "coordinator", "demo1234!");
    await sleep(300);

    const sent = Date.now();
    process.kill(server.child.pid!, "SIGTERM");
    // Stop accepting: a new connection is refused while the sign-in is still open.
    expect(await within(5_000, async () => !(await answersNewConnections(server)))).toBe(true);
    expect(isRunning(server.child.pid!)).toBe(true);
    slow.finish();
    const answer = await slow.answer;
    expect(answer.status).toBe(302);
    expect(answer.cookie).toMatch(/^__session=/);

    const exit = await exitOf(server);
    const took = Date.now() - sent;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(workers.filter(isRunning)).toEqual([]);
    expect(took).toBeLessThan(boundSeconds * 1000);
    keepAlive.destroy();
    console.log(
      `shutdown: SIGTERM to exit of the primary and both workers in ${took} ms (a sign-in in flight finished)`,
    );
  });

  it("cuts a request that never ends at the bound, and no worker outlives the primary", async () => {
    const server = await start({ SHUTDOWN_TIMEOUT_SECONDS: "2" });
    const workers = workerPids(server.child.pid!);
    expect(workers).toHaveLength(2);
    const stuck = slowSignIn(server, "coordinator", "demo1234!");
    const cut = stuck.answer.then(
      () => "answered",
      () => "cut",
    );
    await sleep(300);
    const sent = Date.now();
    process.kill(server.child.pid!, "SIGTERM");
    const exit = await exitOf(server);
    const took = Date.now() - sent;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(workers.filter(isRunning)).toEqual([]);
    expect(await cut).toBe("cut");
    // At the bound, not before it (the request was waited for) and not long after (it was cut).
    expect(took).toBeGreaterThanOrEqual(2_000);
    expect(took).toBeLessThan(2_000 + 5_000);
    console.log(
      `shutdown: a request that never ends was cut and everything exited ${took} ms after SIGTERM (bound 2 s)`,
    );
  });

  it("workers leave on their own when the primary is killed with SIGKILL", async () => {
    const server = await start();
    const workers = workerPids(server.child.pid!);
    expect(workers).toHaveLength(2);
    process.kill(server.child.pid!, "SIGKILL");
    await exitOf(server);
    expect(await within(5_000, () => workers.filter(isRunning).length === 0)).toBe(true);
    expect(await answersNewConnections(server)).toBe(false);
  });
});
