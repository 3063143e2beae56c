// The offline release as an administrator inside the government network uses it: `npm run release` builds one
// archive; it is unpacked into an empty directory on a machine where npm cannot be reached (not on PATH, the registry a
// closed port, an empty HOME and cache); its own commands migrate a new, empty database, create the first
// administrator, and start the server, which answers /healthz and lets the administrator sign in, change the
// temporary password and sign in again. Its backup runs beside the server, SIGTERM stops it cleanly, the backup
// goes back.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../scripts/free-port";

const root = path.resolve(import.meta.dirname, "../..");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "injeungjigi-release-"));
const out = path.join(work, "out");
const install = path.join(work, "opt"); // the empty directory the archive is unpacked into
const data = path.join(work, "var"); // the data, outside the release
let release = "";
/** The whole environment of the release's commands: nothing inherited from this test run. */
let env = {} as NodeJS.ProcessEnv;
let server: ChildProcess | undefined;
let baseUrl = "";

/** Runs one of the release's bin/ commands to completion; returns stdout (throws with stderr on failure). */
function bin(command: string, args: string[] = []): string {
  try {
    return execFileSync(path.join(release, "bin", command), args, {
      cwd: work,
      env,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (error) {
    const e = error as { status?: number; stdout?: string; stderr?: string };
    throw new Error(`bin/${command} exited ${e.status}: ${e.stderr}${e.stdout}`);
  }
}

beforeAll(async () => {
  // The archive, from the build the test run already made (or a fresh one).
  const reuse = fs.existsSync(path.join(root, "build/server/index.js")) ? ["--no-build"] : [];
  const stdout = execFileSync(
    process.execPath,
    [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/release.ts", ...reuse, "--out", out],
    {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const archive = stdout.trim().split("\n").at(-1)!;
  expect(archive).toMatch(/injeungjigi-[\d.]+-[0-9a-f]{10}(-dirty)?-linux-\w+-node\d+\.tar\.gz$/);
  fs.mkdirSync(install);
  execFileSync("tar", ["-xzf", archive, "-C", install]);
  const entries = fs.readdirSync(install);
  expect(entries).toHaveLength(1); // one directory, named as the archive
  release = path.join(install, entries[0]);

  // No npm on this machine as far as the release can tell: PATH holds only node and dirname (which bin/ uses).
  const pathDir = path.join(work, "path");
  fs.mkdirSync(pathDir);
  fs.symlinkSync(process.execPath, path.join(pathDir, "node"));
  fs.symlinkSync(
    execFileSync("sh", ["-c", "command -v dirname"], { encoding: "utf8" }).trim(),
    path.join(pathDir, "dirname"),
  );
  const home = path.join(work, "home");
  fs.mkdirSync(home);
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  // The configuration file as the administrator writes it (from deploy/injeungjigi.env.example).
  const envFile = path.join(work, "injeungjigi.env");
  fs.writeFileSync(
    envFile,
    [
      "NODE_ENV=production",
      `DATABASE_PATH=${path.join(data, "injeungjigi.sqlite")}`,
      `UPLOAD_DIR=${path.join(data, "uploads")}`,
      "HOST=127.0.0.1",
      `PORT=${port}`,
      "TRUST_PROXY=127.0.0.1",
      "WEB_CONCURRENCY=2",
      "SECURE_COOKIES=false",
      "",
    ].join("\n"),
  );
  env = {
    PATH: pathDir,
    HOME: home,
    LANG: "C.UTF-8",
    INJEUNGJIGI_ENV_FILE: envFile,
    npm_config_registry: "http://127.0.0.1:9/",
    npm_config_cache: path.join(home, ".npm"),
    npm_config_offline: "true",
  } as unknown as NodeJS.ProcessEnv; // no NODE_ENV: the env file sets it
});

afterAll(() => {
  if (server?.pid && server.exitCode === null) process.kill(-server.pid, "SIGKILL");
  fs.rmSync(work, { recursive: true, force: true });
});

async function signIn(username: string, password: string) {
  const res = await fetch(`${baseUrl}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: baseUrl },
    body: new URLSearchParams({ username, password }),
  });
  return {
    status: res.status,
    location: res.headers.get("location"),
    cookie: (res.headers.get("set-cookie") ?? "").split(";")[0],
  };
}

describe("the offline release", () => {
  it("holds the build, the editions, the deployment samples, a stamp, and production dependencies only", () => {
    for (const file of [
      "VERSION",
      "release.json",
      "INSTALL.md",
      "build/server/index.js",
      "server/index.js",
      "bin/start",
      "bin/migrate",
      "bin/create-admin",
      "bin/backup",
      "bin/restore",
      "lib/migrate.mjs",
      "deploy/injeungjigi.service",
      "deploy/nginx-injeungjigi.conf",
      "deploy/injeungjigi.env.example",
      "node_modules/better-sqlite3/build/Release/better_sqlite3.node",
    ]) {
      expect(fs.existsSync(path.join(release, file)), file).toBe(true);
    }
    const editions = fs.readdirSync(path.join(root, "indicators/editions"));
    expect(fs.readdirSync(path.join(release, "indicators/editions")).sort()).toEqual(editions.sort());
    const stamp = JSON.parse(fs.readFileSync(path.join(release, "release.json"), "utf8"));
    expect(stamp.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(fs.readFileSync(path.join(release, "VERSION"), "utf8")).toContain(stamp.commit);
    for (const dev of ["vite", "vitest", "tsx", "typescript", "esbuild", "@remix-run/dev", "autocannon", "eslint"]) {
      expect(fs.existsSync(path.join(release, "node_modules", dev)), dev).toBe(false);
    }
    const unit = fs.readFileSync(path.join(release, "deploy/injeungjigi.service"), "utf8");
    for (const line of ["User=", "EnvironmentFile=", "Restart=", "KillMode=mixed", "TimeoutStopSec="])
      expect(unit).toContain(line);
    const nginx = fs.readFileSync(path.join(release, "deploy/nginx-injeungjigi.conf"), "utf8");
    expect(nginx).toContain("X-Forwarded-For $proxy_add_x_forwarded_for");
    expect(nginx).toMatch(/client_max_body_size \d+m;/);
    expect(fs.readFileSync(path.join(release, "deploy/injeungjigi.env.example"), "utf8")).toMatch(/^TRUST_PROXY=/m);
  });

  it("refuses to keep the database inside the release directory", () => {
    const inside = {
      ...env,
      INJEUNGJIGI_ENV_FILE: path.join(work, "none.env"),
      DATABASE_PATH: "data/injeungjigi.sqlite",
    };
    let failure = "";
    try {
      execFileSync(path.join(release, "bin/migrate"), [], {
        cwd: work,
        env: inside,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      });
    } catch (error) {
      failure = String((error as { stderr?: string }).stderr);
    }
    expect(failure).toContain("inside the release directory");
    expect(fs.existsSync(path.join(release, "data"))).toBe(false);
  });

  it("migrates an empty database, creates the first administrator, starts offline, and lets the administrator sign in", async () => {
    expect(bin("migrate")).toMatch(/Applied migrations: 0001_init/);
    expect(bin("migrate")).toContain("Migrations: already up to date");
    const created = bin("create-admin", ["--username", "admin", "--name", "시스템 관리자"]);
    const temporary = /Temporary password[^:]*: (\S+)/.exec(created)?.[1];
    expect(temporary).toBeTruthy();

    const log = path.join(work, "server.log");
    const fd = fs.openSync(log, "a");
    const child = spawn(path.join(release, "bin/start"), [], {
      cwd: work,
      env,
      stdio: ["ignore", fd, fd],
      detached: true,
    });
    server = child;
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const until = Date.now() + 90_000;
    for (;;) {
      if (child.exitCode !== null)
        throw new Error(`bin/start exited ${child.exitCode}: ${fs.readFileSync(log, "utf8")}`);
      const ok = await fetch(`${baseUrl}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (Date.now() > until) throw new Error(`bin/start did not answer /healthz: ${fs.readFileSync(log, "utf8")}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    expect((await (await fetch(`${baseUrl}/healthz`)).text()).trim()).toBe("ok");

    const refused = await signIn("admin", "wrong-password-123");
    expect(refused.status).not.toBe(302);
    expect(refused.cookie).toBe("");
    const first = await signIn("admin", temporary!);
    expect(first).toMatchObject({ status: 302, location: "/account/password" });
    // The temporary password is replaced, as the first sign-in requires; then the administrator is in.
    const next = "release-첫-비밀번호-2026";
    const changed = await fetch(`${baseUrl}/account/password`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: baseUrl, Cookie: first.cookie },
      body: new URLSearchParams({ intent: "changePassword", current: temporary!, next, confirm: next }),
    });
    expect(changed.status).toBe(302);
    const again = await signIn("admin", next);
    expect(again).toMatchObject({ status: 302, location: "/" });
    const page = await fetch(`${baseUrl}/admin/users`, { headers: { Cookie: again.cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("시스템 관리자");

    // The upgrade's first step, while the server runs; then stop (SIGTERM, as systemd does) and put it back.
    const backup = path.join(work, "backup");
    expect(bin("backup", ["--out", backup])).toContain("Backup written to");
    process.kill(child.pid!, "SIGTERM");
    expect(await exited).toBe(0);
    expect(bin("restore", [backup, "--force"])).toContain("Restored sqlite backup");
    const text = fs.readFileSync(log, "utf8");
    expect(text).not.toMatch(/registry|ENOTFOUND|ECONNREFUSED|EAI_AGAIN/i);
  });
});
