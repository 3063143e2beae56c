// @ts-check
// Production server: `npm start`. The primary process loads the build once (which runs pending migrations and
// registers the shipped rubric editions, see app/utils/db.server.ts), then forks one worker per core; each worker
// serves the same port (node:cluster shares it). Workers keep no state of their own: sessions live in the database,
// so any worker, or any server on PostgreSQL, can answer any request. A worker that dies is replaced.
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

/** @returns {Promise<import("@remix-run/node").ServerBuild>} */
async function loadBuild() {
  return import(url.pathToFileURL(buildPath).href);
}

/** Secure cookies unless SECURE_COOKIES=false; outside production only when SECURE_COOKIES=true. */
const secure = process.env.SECURE_COOKIES ? process.env.SECURE_COOKIES === "true" : process.env.NODE_ENV === "production";

/** Said once at start, by the process that starts the others: what a deployer must not miss. */
function startupWarnings() {
  if (process.env.NODE_ENV !== "production") {
    console.warn(`인증지기: WARNING: NODE_ENV=${process.env.NODE_ENV}: not a production server (no Content-Security-Policy, React's development build).`);
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

async function primary() {
  const started = Date.now();
  // Importing the build opens the database and migrates it: once, here, before any worker exists.
  await loadBuild();
  console.log(`인증지기: database ready in ${Date.now() - started} ms; starting ${workers} worker(s)`);
  // Each worker's JavaScript heap is capped (WORKER_HEAP_MB, default 256) so that V8 collects garbage before a worker
  // grows large: a worker stays well under 400 MB however long it runs. An explicit NODE_OPTIONS setting wins.
  if (!/max-old-space-size/.test(process.env.NODE_OPTIONS ?? "")) {
    // A larger young generation: rendering a page allocates a lot of short-lived objects, and fewer scavenges
    // promote fewer of them, which keeps the slowest responses closer to the typical ones.
    cluster.setupPrimary({ execArgv: [...process.execArgv, `--max-old-space-size=${Number(process.env.WORKER_HEAP_MB) || 256}`, "--max-semi-space-size=32"] });
  }
  let stopping = false;
  /** @type {number[]} */
  const recentDeaths = [];
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    const now = Date.now();
    recentDeaths.push(now);
    while (recentDeaths.length && recentDeaths[0] < now - 60_000) recentDeaths.shift();
    console.error(`worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
    if (recentDeaths.length > workers * 5) {
      console.error("workers keep dying; giving up");
      process.exit(1);
    }
    cluster.fork();
  });
  let listening = 0;
  cluster.on("listening", () => {
    if (++listening === workers) console.log(`인증지기 listening on http://${host ?? "localhost"}:${port} (${workers} workers, pid ${process.pid})`);
  });
  for (let i = 0; i < workers; i++) cluster.fork();
  const stop = (/** @type {NodeJS.Signals} */ signal) => {
    if (stopping) return;
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    const deadline = setTimeout(() => process.exit(0), 10_000);
    deadline.unref();
    cluster.on("exit", () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGTERM"));
}

async function worker() {
  const build = await loadBuild();
  const { createApp } = await import("./app.js");
  const app = createApp(build, { secure, publicDir: path.join(root, "public") });
  console.log(`worker ${process.pid}: NODE_ENV=${process.env.NODE_ENV}, rendering with ${reactRenderer()}`);
  const server = host ? app.listen(port, host) : app.listen(port);
  server.keepAliveTimeout = 65_000;
  // Finish the requests in flight, then leave; the primary decides whether to replace us.
  process.on("SIGTERM", () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 8_000).unref();
  });
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
