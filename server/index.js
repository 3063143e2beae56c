// @ts-check
// Production server: `npm start`. The primary process loads the build once (which runs pending migrations and
// registers the shipped rubric editions, see app/utils/db.server.ts), then forks one worker per core; each worker
// serves the same port (node:cluster shares it). Workers keep no state of their own: sessions live in the database,
// so any worker, or any server on PostgreSQL, can answer any request. A worker that dies is replaced.
//
// Stopping (SIGTERM or SIGINT to the primary, as systemd's KillMode=mixed does): every worker stops accepting,
// finishes the requests in flight within SHUTDOWN_TIMEOUT_SECONDS (default 10; idle keep-alive connections are closed
// at once), cuts what is still open at that bound, closes the database and whatever else registered a shutdown hook
// (app/utils/shutdown.server.ts), and exits. The primary exits 0 once every worker has exited, and kills a worker
// that is still there shortly after the bound (then exits 1). A worker whose primary dies leaves on its own.
import cluster from "node:cluster";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import process from "node:process";
import url from "node:url";

// Production unless told otherwise, before anything loads React or the build: React's production server build,
// the Content-Security-Policy and Secure cookies all follow NODE_ENV (the workers inherit it).
if (!process.env.NODE_ENV) process.env.NODE_ENV = "production";

const root = path.resolve(path.dirname(url.fileURLToPath(import.meta.url)), "..");
const buildPath = path.resolve(root, process.env.REMIX_BUILD ?? "build/server/index.js");
const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || undefined;
const workers = Math.max(1, Number(process.env.WEB_CONCURRENCY) || os.availableParallelism());
const shutdownMs = shutdownTimeoutMs(process.env.SHUTDOWN_TIMEOUT_SECONDS);
/** Time the shutdown hooks (closing the database, …) get after the requests are done or cut. */
const HOOKS_MS = 3_000;

/** @param {string | undefined} value */
function shutdownTimeoutMs(value) {
  if (value === undefined || value.trim() === "") return 10_000;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 600) {
    console.error(
      `Invalid environment:\n  SHUTDOWN_TIMEOUT_SECONDS: expected a number of seconds between 0 and 600, got "${value}"`,
    );
    process.exit(1);
  }
  return Math.round(seconds * 1000);
}

/** @typedef {import("@remix-run/node").ServerBuild & { entry: { module: { runShutdownHooks?: (o?: { timeoutMs?: number }) => Promise<void> } } }} Build */

/** @returns {Promise<Build>} */
async function loadBuild() {
  return import(url.pathToFileURL(buildPath).href);
}

/** Secure cookies unless SECURE_COOKIES=false; outside production only when SECURE_COOKIES=true. */
const secure = process.env.SECURE_COOKIES
  ? process.env.SECURE_COOKIES === "true"
  : process.env.NODE_ENV === "production";

/** Said once at start, by the process that starts the others: what a deployer must not miss. */
function startupWarnings() {
  if (process.env.NODE_ENV !== "production") {
    console.warn(
      `인증지기: WARNING: NODE_ENV=${process.env.NODE_ENV}: not a production server (no Content-Security-Policy, React's development build).`,
    );
  }
  if (!process.env.SMTP_HOST?.trim()) {
    console.log("인증지기: mail off (SMTP_HOST is not set): reminders show as in-app notices only.");
  } else {
    console.log(`인증지기: mail on through ${process.env.SMTP_HOST}:${process.env.SMTP_PORT || 587}.`);
  }
  if (!secure) {
    console.warn(
      "인증지기: WARNING: SECURE_COOKIES=false: the session cookie is sent over plain http, where anyone on the network can " +
        "read it and sign in as the person. Only for a demo on this machine; serve https (or a proxy with https) and unset it.",
    );
  }
}

/** Which React server renderer this process loaded (the file name says production or development). */
function reactRenderer() {
  const loaded = Object.keys(createRequire(import.meta.url).cache);
  return loaded.map((f) => path.basename(f)).find((f) => /^react-dom-server\.node\./.test(f)) ?? "React not loaded";
}

/** Closes the database and the rest of the build's shutdown hooks (an old build without the export closes nothing). */
async function closeBuild(/** @type {Build} */ build) {
  await build.entry.module.runShutdownHooks?.({ timeoutMs: HOOKS_MS });
}

async function primary() {
  const started = Date.now();
  // Importing the build opens the database and migrates it: once, here, before any worker exists.
  const build = await loadBuild();
  console.log(`인증지기: database ready in ${Date.now() - started} ms; starting ${workers} worker(s)`);
  // The primary serves nothing: its database handle was only for migrating.
  await closeBuild(build);
  // Each worker's JavaScript heap is capped (WORKER_HEAP_MB, default 256) so that V8 collects garbage before a worker
  // grows large: a worker stays well under 400 MB however long it runs. An explicit NODE_OPTIONS setting wins.
  if (!/max-old-space-size/.test(process.env.NODE_OPTIONS ?? "")) {
    // A larger young generation: rendering a page allocates a lot of short-lived objects, and fewer scavenges
    // promote fewer of them, which keeps the slowest responses closer to the typical ones.
    cluster.setupPrimary({
      execArgv: [
        ...process.execArgv,
        `--max-old-space-size=${Number(process.env.WORKER_HEAP_MB) || 256}`,
        "--max-semi-space-size=32",
      ],
    });
  }
  let stopping = false;
  /** @type {number[]} */
  const recentDeaths = [];
  const alive = () => Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (alive().length === 0) {
        console.log("인증지기: every worker has stopped");
        process.exit(0);
      }
      return;
    }
    const now = Date.now();
    recentDeaths.push(now);
    while (recentDeaths.length && recentDeaths[0] < now - 60_000) recentDeaths.shift();
    console.error(`worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
    if (recentDeaths.length > workers * 5) {
      console.error("workers keep dying; giving up");
      for (const w of alive()) w.process.kill("SIGKILL");
      process.exit(1);
    }
    cluster.fork();
  });
  let listening = 0;
  cluster.on("listening", () => {
    if (++listening === workers)
      console.log(
        `인증지기 listening on http://${host ?? "localhost"}:${port} (${workers} workers, pid ${process.pid})`,
      );
  });
  for (let i = 0; i < workers; i++) cluster.fork();
  const stop = (/** @type {NodeJS.Signals} */ signal) => {
    if (stopping) return;
    stopping = true;
    console.log(`인증지기: ${signal}: finishing requests in flight (at most ${shutdownMs / 1000} s), then stopping`);
    if (alive().length === 0) process.exit(0);
    for (const worker of alive()) worker.process.kill("SIGTERM");
    // A worker still there after the bound and its hooks' time is stuck: end it, so nothing outlives the primary.
    setTimeout(
      () => {
        for (const worker of alive()) {
          console.error(`worker ${worker.process.pid} did not stop in time; killing it`);
          worker.process.kill("SIGKILL");
        }
        process.exit(1);
      },
      shutdownMs + HOOKS_MS + 2_000,
    ).unref();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

async function worker() {
  const build = await loadBuild();
  const { createApp } = await import("./app.js");
  const app = createApp(build, { secure, publicDir: path.join(root, "public") });
  console.log(`worker ${process.pid}: NODE_ENV=${process.env.NODE_ENV}, rendering with ${reactRenderer()}`);
  const server = host ? app.listen(port, host) : app.listen(port);
  server.keepAliveTimeout = 65_000;

  let stopping = false;
  // A request that arrives on a kept-alive connection while stopping is answered, and its connection then closed.
  server.prependListener("request", (_req, res) => {
    if (stopping) res.setHeader("Connection", "close");
  });
  const shutdown = async (/** @type {string} */ why) => {
    if (stopping) return;
    stopping = true;
    // However the steps below go, this process ends: the primary must never wait on a worker that hangs.
    setTimeout(() => process.exit(1), shutdownMs + HOOKS_MS).unref();
    await new Promise((resolve) => {
      // No new connections; close() calls back once every open connection has ended.
      server.close(() => resolve(undefined));
      // Idle keep-alive connections are closed now, and each busy one as soon as its answer is sent.
      server.closeIdleConnections();
      const sweep = setInterval(() => server.closeIdleConnections(), 100);
      const bound = setTimeout(() => {
        console.error(`worker ${process.pid}: requests still open after ${shutdownMs / 1000} s (${why}); closing them`);
        server.closeAllConnections();
      }, shutdownMs);
      server.once("close", () => {
        clearInterval(sweep);
        clearTimeout(bound);
      });
    });
    await closeBuild(build);
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
  // The primary is gone (killed, crashed): nobody would stop or replace this worker, so it leaves too. (Node's cluster
  // module may already exit a worker on an unexpected disconnect; this makes it explicit and graceful where it runs.)
  if (cluster.isWorker) process.on("disconnect", () => void shutdown("the primary process is gone"));
  return server;
}

if (cluster.isPrimary) startupWarnings();
if (cluster.isPrimary && workers > 1 && process.env.CLUSTER !== "off") {
  await primary();
} else if (cluster.isPrimary) {
  // One process: migrate and serve in the same one (WEB_CONCURRENCY=1 or CLUSTER=off).
  await worker();
  console.log(`인증지기 listening on http://${host ?? "localhost"}:${port} (1 process, pid ${process.pid})`);
} else {
  await worker();
}
