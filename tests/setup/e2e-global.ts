// Starts the production build on a free port against a fresh, seeded SQLite file; stops it afterwards.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    databasePath: string;
  }
}

const root = path.resolve(import.meta.dirname, "../..");

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

async function waitFor(url: string, server: ChildProcess, timeoutMs = 60_000) {
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

let server: ChildProcess | undefined;

export default async function setup(project: TestProject) {
  if (!fs.existsSync(path.join(root, "build/server/index.js"))) {
    throw new Error("No production build: run `npm run build` first (npm test does).");
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "injeungjigi-e2e-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_PATH: path.join(dir, "e2e.sqlite"),
    UPLOAD_DIR: path.join(dir, "uploads"),
    SESSION_SECRET: "e2e-secret-e2e-secret-e2e-secret-0123456789",
    SECURE_COOKIES: "false",
  };
  execFileSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/seed.ts"], { cwd: root, env, stdio: "inherit" });
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
  project.provide("baseUrl", baseUrl);
  project.provide("databasePath", env.DATABASE_PATH!);
  return async () => {
    server?.kill("SIGTERM");
    for (let i = 0; i < 50 && server && server.exitCode === null; i++) await new Promise((r) => setTimeout(r, 100));
    if (server && server.exitCode === null) server.kill("SIGKILL");
  };
}
