// Starts the production build on a free port against a fresh, seeded database and stops it afterwards: a SQLite file
// by default, or with E2E_DATABASE=postgres a new database on TEST_PG_URL's server (dropped again at the end).
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { freePort } from "../../scripts/free-port";

/** The database the journeys' server runs on; tests/e2e/db.ts opens it. */
export type E2eDatabase = { engine: "sqlite"; path: string } | { engine: "postgres"; url: string };

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    database: E2eDatabase;
  }
}

const root = path.resolve(import.meta.dirname, "../..");

// A loaded machine can take longer to migrate and fork the workers: E2E_START_TIMEOUT_MS raises the limit.
async function waitFor(
  url: string,
  server: ChildProcess,
  timeoutMs = Number(process.env.E2E_START_TIMEOUT_MS ?? 60_000),
) {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (server.exitCode !== null) throw new Error(`app server exited with code ${server.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`app server did not answer ${url} within ${timeoutMs} ms`);
}

async function adminQuery(adminUrl: string, text: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** E2E_DATABASE: "sqlite" (the default) or "postgres" (a fresh database on TEST_PG_URL's server). */
function engineFromEnv(): E2eDatabase["engine"] {
  const engine = process.env.E2E_DATABASE?.trim() || "sqlite";
  if (engine !== "sqlite" && engine !== "postgres")
    throw new Error(`E2E_DATABASE must be "sqlite" or "postgres", not "${engine}"`);
  return engine;
}

let server: ChildProcess | undefined;
let dropDatabase: (() => Promise<void>) | undefined;

async function stop() {
  server?.kill("SIGTERM");
  for (let i = 0; i < 50 && server && server.exitCode === null; i++) await new Promise((r) => setTimeout(r, 100));
  if (server && server.exitCode === null) server.kill("SIGKILL");
  server = undefined;
  await dropDatabase?.();
  dropDatabase = undefined;
}

export default async function setup(project: TestProject) {
  if (!fs.existsSync(path.join(root, "build/server/index.js"))) {
    throw new Error("No production build: run `npm run build` first (npm test does).");
  }
  const engine = engineFromEnv();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "injeungjigi-e2e-"));
  let database: E2eDatabase = { engine: "sqlite", path: path.join(dir, "e2e.sqlite") };
  if (engine === "postgres") {
    const adminUrl = process.env.TEST_PG_URL?.trim();
    if (!adminUrl)
      throw new Error("E2E_DATABASE=postgres needs TEST_PG_URL: run `npm run test:e2e:pg` (it starts one).");
    const name = `e2e_${process.pid}_${randomBytes(4).toString("hex")}`;
    await adminQuery(adminUrl, `create database "${name}"`);
    dropDatabase = () => adminQuery(adminUrl, `drop database if exists "${name}" with (force)`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    database = { engine: "postgres", url: url.toString() };
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_PATH: path.join(dir, "e2e.sqlite"),
    // Set: the server and the seed run on PostgreSQL; empty: on the SQLite file, whatever the shell had.
    DATABASE_URL: database.engine === "postgres" ? database.url : "",
    UPLOAD_DIR: path.join(dir, "uploads"),
    SESSION_SECRET: "e2e-secret-e2e-secret-e2e-secret-0123456789",
    SECURE_COOKIES: "false",
  };
  let baseUrl: string;
  try {
    baseUrl = await start(env, dir);
  } catch (error) {
    await stop();
    throw error;
  }
  console.log(
    `Browser journeys on ${database.engine === "postgres" ? "PostgreSQL" : "SQLite"}; server log: ${path.join(dir, "server.log")}`,
  );
  project.provide("baseUrl", baseUrl);
  project.provide("database", database);
  return stop;
}

/** Seeds the database, then starts server/index.js on a free port and waits until it answers. */
async function start(env: NodeJS.ProcessEnv, dir: string): Promise<string> {
  execFileSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/seed.ts"], {
    cwd: root,
    env,
    stdio: "inherit",
  });
  const port = await freePort();
  const logFile = fs.openSync(path.join(dir, "server.log"), "a");
  // The production server (server/index.js): migrations run in the primary, then two workers share the port.
  const child = spawn(process.execPath, [path.join(root, "server/index.js")], {
    cwd: root,
    env: { ...env, PORT: String(port), HOST: "127.0.0.1", WEB_CONCURRENCY: "2" },
    stdio: ["ignore", logFile, logFile],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  server = child;
  await waitFor(`${baseUrl}/healthz`, child);
  return baseUrl;
}
