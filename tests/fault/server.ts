// Runs the production server (server/index.js over `npm run build`) as its own process group, so a test can kill
// the primary and every worker at once, and a small HTTP client that signs in and posts forms like a browser
// (Origin header included) and decodes Remix's single-fetch answers.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { decode } from "turbo-stream";
import { freePort, type Place, root } from "./helpers";

export interface Server {
  baseUrl: string;
  child: ChildProcess;
  log: string;
  /** SIGKILL to the primary and every worker: no chance to finish anything. */
  killHard(): Promise<void>;
  stop(): Promise<void>;
}

export async function startServer(where: Place, options: { workers?: number; port?: number } = {}): Promise<Server> {
  if (!fs.existsSync(path.join(root, "build/server/index.js")))
    throw new Error("No production build: run `npm run build` first (npm test does).");
  const port = options.port ?? (await freePort());
  const log = path.join(where.dir, `server-${port}-${Date.now()}.log`);
  const out = fs.openSync(log, "a");
  const child = spawn(process.execPath, [path.join(root, "server/index.js")], {
    cwd: root,
    env: { ...where.env, PORT: String(port), HOST: "127.0.0.1", WEB_CONCURRENCY: String(options.workers ?? 2) },
    stdio: ["ignore", out, out],
    detached: true,
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}): ${fs.readFileSync(log, "utf8")}`);
    if (Date.now() - started > 120_000) {
      // Leave no primary or worker behind on a busy machine: the test that gave up cannot stop them.
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // already gone
      }
      throw new Error(`server did not start: ${fs.readFileSync(log, "utf8")}`);
    }
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const group = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
  };
  return {
    baseUrl,
    child,
    log,
    async killHard() {
      group("SIGKILL");
      await exited;
      // Workers are in the same group; give the kernel a moment to reap them and release the port.
      await new Promise((r) => setTimeout(r, 100));
    },
    async stop() {
      group("SIGTERM");
      const timer = setTimeout(() => group("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

const REQUEST_TIMEOUT_MS = 10_000;

/** Rejects when `promise` has not settled in time (a cut stream may never settle). */
function withTimeout<T>(promise: Promise<T>): Promise<T> {
  // When the time runs out first, the promise may still reject later (its stream cut): that is no new failure.
  promise.catch(() => {});
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("answer timed out")), REQUEST_TIMEOUT_MS);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

export interface Answer {
  status: number;
  data: any;
}

/** One browser: its own session cookie. */
export class Client {
  cookie = "";
  constructor(readonly baseUrl: string) {}

  async signIn(username: string, password: string): Promise<void> {
    const res = await fetch(`${this.baseUrl}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: this.baseUrl },
      body: new URLSearchParams({ username, password }),
    });
    const cookie = res.headers.get("set-cookie");
    if (res.status !== 302 || !cookie) throw new Error(`sign-in as ${username} failed: ${res.status}`);
    this.cookie = cookie.split(";")[0];
  }

  /** Posts a form to a route's action as a fetcher would (`<path>.data`) and decodes the answer. */
  async post(pathname: string, fields: Record<string, string>): Promise<Answer> {
    // A worker killed mid-answer can leave a body that never ends: give up after a while (not acknowledged).
    const res = await fetch(`${this.baseUrl}${pathname}.data`, {
      method: "POST",
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      // Uncompressed: undici's decompression of a body cut by a killed server rejects where no caller can catch it.
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Origin: this.baseUrl,
        Cookie: this.cookie,
        "Accept-Encoding": "identity",
      },
      body: new URLSearchParams(fields),
    });
    if (!(res.headers.get("content-type") ?? "").includes("text/x-script") || !res.body) {
      return { status: res.status, data: await res.text() };
    }
    const [forDecode, forText] = res.body.tee();
    try {
      const decoded = await withTimeout(decode(forDecode));
      await withTimeout(decoded.done);
      // The copy kept for error reports is not needed. A server killed after answering leaves that copy errored, and
      // cancelling an errored stream rejects: nothing to report, the answer was read whole.
      forText.cancel().catch(() => {});
      return { status: res.status, data: (decoded.value as { data?: unknown })?.data ?? decoded.value };
    } catch {
      // An error answer is encoded with Remix's own plugins: keep its text for the report.
      return { status: res.status, data: await withTimeout(new Response(forText).text()) };
    }
  }
}
