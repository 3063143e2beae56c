// Measures how much a 20 MB evidence upload grows the memory of the production server.
// Builds nothing itself: run `npm run build` first. Seeds a throw-away database, starts the built server, signs in as
// the demo department member, streams a 20 MB PDF from disk to an indicator's action (as the browser's fetcher does)
// and samples the server's resident memory (VmRSS) from /proc while it runs; the kernel's peak (VmHWM) is reset first.
//
//   npx tsx scripts/measure-upload-memory.ts [--mb 20] [--runs 3]
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "./free-port";

const root = path.resolve(import.meta.dirname, "..");
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > -1 ? Number(process.argv[i + 1]) : fallback;
};
const SIZE_MB = arg("mb", 20);
const RUNS = arg("runs", 3);

function status(pid: number): { rss: number; hwm: number } {
  const text = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(text)?.[1] ?? NaN);
  return { rss: kb("VmRSS") * 1024, hwm: kb("VmHWM") * 1024 };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function waitFor(url: string, server: ChildProcess) {
  for (let i = 0; i < 240; i++) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("server did not start");
}

/** A multipart body streamed from disk: the file is never in this process's memory either. */
function multipartStream(file: string, name: string, boundary: string): ReadableStream<Uint8Array> {
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="intent"\r\n\r\nupload\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\n메모리 측정\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  async function* parts() {
    yield head;
    for await (const chunk of fs.createReadStream(file, { highWaterMark: 64 * 1024 })) yield chunk as Buffer;
    yield tail;
  }
  const iterator = parts();
  return new ReadableStream({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(new Uint8Array(next.value));
    },
  });
}

async function main() {
  if (!fs.existsSync(path.join(root, "build/server/index.js"))) throw new Error("run `npm run build` first");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "upload-memory-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production" as const,
    DATABASE_PATH: path.join(dir, "db.sqlite"),
    UPLOAD_DIR: path.join(dir, "uploads"),
    SESSION_SECRET: "measure-secret-measure-secret-measure-0123",
    SECURE_COOKIES: "false",
  };
  execFileSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/seed.ts"], {
    cwd: root,
    env,
    stdio: "ignore",
  });
  const port = await freePort();
  const server = spawn(
    process.execPath,
    [path.join(root, "node_modules/@remix-run/serve/dist/cli.js"), "build/server/index.js"],
    {
      cwd: root,
      env: { ...env, PORT: String(port), HOST: "127.0.0.1" },
      stdio: "ignore",
    },
  );
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`${base}/login`, server);
    const login = await fetch(`${base}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ username: "member", password: "demo1234!", redirectTo: "/" }),
    });
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0];
    if (!cookie) throw new Error(`sign-in failed: ${login.status}`);
    const home = await (await fetch(`${base}/`, { headers: { Cookie: cookie } })).text();
    const row = /data-code="([^"]+)" data-kind="[^"]+" data-status="(?:not_started|draft|returned)"/.exec(home);
    const roundId = /\/rounds\/(\d+)\/indicators\//.exec(home)?.[1];
    if (!row || !roundId) throw new Error("no editable indicator on the member's worklist");
    const code = row[1];
    const url = `${base}/rounds/${roundId}/indicators/${encodeURIComponent(code)}.data`;

    const file = path.join(dir, "evidence.pdf");
    const fd = fs.openSync(file, "w");
    fs.writeSync(fd, "%PDF-1.4\n");
    for (let i = 0; i < SIZE_MB; i++) fs.writeSync(fd, randomBytes(1024 * 1024));
    fs.closeSync(fd);
    const size = fs.statSync(file).size;

    const uploadOnce = async (name: string) => {
      const boundary = `----measure${randomBytes(8).toString("hex")}`;
      const response = await fetch(url, {
        method: "POST",
        headers: { Cookie: cookie, "Content-Type": `multipart/form-data; boundary=${boundary}` },
        body: multipartStream(file, name, boundary),
        duplex: "half",
      } as RequestInit);
      const text = await response.text();
      if (response.status !== 200 || !text.includes("upload"))
        throw new Error(`upload answered ${response.status}: ${text.slice(0, 200)}`);
    };

    // Warm-up with a small file: code paths loaded, pools allocated.
    const small = path.join(dir, "small.pdf");
    fs.writeFileSync(small, "%PDF-1.4\nwarm-up\n");
    const boundary = "----warmup";
    await fetch(url, {
      method: "POST",
      headers: { Cookie: cookie, "Content-Type": `multipart/form-data; boundary=${boundary}` },
      body: multipartStream(small, "warmup.pdf", boundary),
      duplex: "half",
    } as RequestInit).then((r) => r.text());
    await new Promise((r) => setTimeout(r, 500));

    const pid = server.pid!;
    console.log(`Upload of ${mb(size)} to ${code} on the production build (pid ${pid}), ${RUNS} runs:`);
    const growths: number[] = [];
    for (let run = 1; run <= RUNS; run++) {
      // Reset the kernel's peak-RSS mark for the process ("5" = clear VmHWM; Linux 4.0+).
      try {
        fs.writeFileSync(`/proc/${pid}/clear_refs`, "5");
      } catch {
        // not permitted: the sampled peak below still holds
      }
      const before = status(pid);
      let sampledPeak = before.rss;
      const sampler = setInterval(() => {
        sampledPeak = Math.max(sampledPeak, status(pid).rss);
      }, 5);
      const started = Date.now();
      await uploadOnce(`측정용_증빙자료_${run}.pdf`);
      clearInterval(sampler);
      const after = status(pid);
      const peak = Math.max(sampledPeak, after.hwm);
      growths.push(peak - before.rss);
      console.log(
        `  run ${run}: RSS before ${mb(before.rss)}, after ${mb(after.rss)}, peak ${mb(peak)} ` +
          `→ growth ${mb(peak - before.rss)} (${Date.now() - started} ms)`,
      );
    }
    const worst = Math.max(...growths);
    console.log(
      `Largest growth: ${mb(worst)} for a ${mb(size)} file (limit: 30 MB) — ${worst < 30 * 1024 * 1024 ? "OK" : "TOO MUCH"}`,
    );
    if (worst >= 30 * 1024 * 1024) process.exitCode = 1;
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 300));
    if (server.exitCode === null) server.kill("SIGKILL");
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
