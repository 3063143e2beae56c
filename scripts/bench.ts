// npm run bench: the production build on the national dataset (300 institutions, ≈120,000 responses, 1,000,000 audit
// events; generated once into BENCH_DIR), one worker per core, autocannon on loopback with 10 connections against
// each key page and a save, and a trivial health route as the floor. Prints requests per second, p50/p95/p99 and
// errors for each, the peak memory of every worker, 20 concurrent report PDFs (p95, memory of the workers and of
// Chromium) and the compressed bytes of a first visit of the dashboard and the heaviest pages (scripts/bench-pdf-wire.ts).
// Targets (2 cores, SQLite): pages p95 ≤ 50 ms, saves p95 ≤ 30 ms, no errors, ≤ 400 MB per worker.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import type { EventEmitter } from "node:events";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import SQLite from "better-sqlite3";
import { BENCH_PASSWORD } from "./generate-national";
import { freePort } from "./free-port";
import { concurrentPdfs, firstVisit, type PdfFigures, type WireFigures } from "./bench-pdf-wire";

const root = path.resolve(import.meta.dirname, "..");
const DIR = process.env.BENCH_DIR ?? path.join(os.tmpdir(), "injeungjigi-bench");
const SOURCE = path.join(DIR, "national.sqlite");
/** Each run works on a fresh copy: the saves of one run must not weigh on the next. */
const DB = path.join(DIR, "run.sqlite");
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 10;
const WORKERS = Number(process.env.WEB_CONCURRENCY ?? os.availableParallelism());
const TARGETS = { page: 50, save: 30, memoryMb: 400 };
const PDF_REQUESTS = 20;
/** Bumped when the generator changes what it makes, so an older dataset is made again. */
const DATASET_VERSION = 2;

function ensureDataset() {
  const marker = path.join(DIR, "generated.ok");
  const current =
    fs.existsSync(marker) && fs.existsSync(SOURCE) && fs.readFileSync(marker, "utf8").startsWith(`${DATASET_VERSION} `);
  if (!current) generate(marker);
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${DB}${suffix}`, { force: true });
  fs.copyFileSync(SOURCE, DB);
}

function generate(marker: string) {
  fs.rmSync(DIR, { recursive: true, force: true });
  fs.mkdirSync(DIR, { recursive: true });
  console.log("Generating the national dataset (once)…");
  execFileSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/generate-national.ts"], {
    cwd: root,
    env: { ...process.env, DATABASE_PATH: SOURCE, DATABASE_URL: "" },
    stdio: "inherit",
  });
  // One file, no WAL beside it, so it can be copied as it is.
  const db = new SQLite(SOURCE);
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.pragma("journal_mode = DELETE");
  db.close();
  fs.writeFileSync(marker, `${DATASET_VERSION} ${new Date().toISOString()}`);
}

async function startServer(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(root, "server/index.js")], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_PATH: DB,
      DATABASE_URL: "",
      UPLOAD_DIR: path.join(DIR, "uploads"),
      SESSION_SECRET: "bench-secret-bench-secret-bench-secret-0123456789",
      SECURE_COOKIES: "false",
      PORT: String(port),
      HOST: "127.0.0.1",
      WEB_CONCURRENCY: String(WORKERS),
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return child;
    } catch {
      // not yet
    }
    if (Date.now() - started > 60_000) throw new Error("server did not start");
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function signIn(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base },
    body: new URLSearchParams({ username, password: BENCH_PASSWORD }),
  });
  const cookie = res.headers.get("set-cookie");
  if (res.status !== 302 || !cookie) throw new Error(`sign-in as ${username} failed (${res.status})`);
  return cookie.split(";")[0];
}

/**
 * The saved version in a single-fetch answer (turbo-stream: one flat JSON array; an object maps "_<key index>" to
 * the index of its value).
 */
function versionIn(body: string): number | null {
  try {
    const flat = JSON.parse(body.split("\n")[0]) as unknown[];
    const key = flat.indexOf("version");
    if (key === -1) return null;
    for (const item of flat) {
      if (item && typeof item === "object" && `_${key}` in item) {
        const value = flat[(item as Record<string, number>)[`_${key}`]];
        if (typeof value === "number") return value;
      }
    }
  } catch {
    // not a single-fetch answer
  }
  return null;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;

interface Figures {
  name: string;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  errors: number;
  kind: "floor" | "page" | "save";
  statuses?: Record<string, number>;
}

async function measure(name: string, kind: Figures["kind"], options: autocannon.Options): Promise<Figures> {
  const times: number[] = [];
  // The instance is an event emitter (per-response timings) and, without a callback, a promise of the result.
  const instance = autocannon({ connections: CONNECTIONS, duration: SECONDS, ...options }) as unknown as EventEmitter &
    Promise<autocannon.Result>;
  instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) =>
    times.push(responseTime),
  );
  const result = await instance;
  times.sort((a, b) => a - b);
  return {
    name,
    kind,
    rps: Math.round(result.requests.average),
    requests: result.requests.total,
    p50: round1(percentile(times, 50)),
    p95: round1(percentile(times, 95)),
    p99: round1(percentile(times, 99)),
    errors: result.errors + result.timeouts + result.non2xx,
    statuses: Object.fromEntries(
      Object.entries(
        (result as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {},
      ).map(([k, v]) => [k, v.count]),
    ),
  };
}

/** Peak resident memory (VmHWM) of each worker: the server's child processes. */
function workerPeaks(primaryPid: number): { pid: number; peakMb: number }[] {
  const children = fs
    .readFileSync(`/proc/${primaryPid}/task/${primaryPid}/children`, "utf8")
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map(Number);
  const pids = children.length ? children : [primaryPid];
  return pids.map((pid) => {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return { pid, peakMb: Math.round(kb / 102.4) / 10 };
  });
}

async function main() {
  if (!fs.existsSync(path.join(root, "build/server/index.js")))
    throw new Error("no production build: npm run bench builds first");
  ensureDataset();
  const data = new SQLite(DB, { readonly: true });
  const inst = data.prepare("select id, code from institutions where code = 'nat-150'").get() as {
    id: number;
    code: string;
  };
  const round = data.prepare("select id from rounds where institution_id = ? and state = 'open'").get(inst.id) as {
    id: number;
  };
  const member = `${inst.code}-member2`;
  const memberDept = (
    data
      .prepare("select department_id from memberships m join users u on u.id = m.user_id where u.username = ?")
      .get(member) as { department_id: number }
  ).department_id;
  const codes = (
    data
      .prepare(
        `select a.indicator_code code from assignments a join responses r on r.round_id = a.round_id and r.indicator_code = a.indicator_code
    where a.round_id = ? and a.department_id = ? and a.role = 'lead' and r.status in ('draft', 'not_started') order by a.id`,
      )
      .all(round.id, memberDept) as { code: string }[]
  ).map((r) => r.code);
  if (codes.length < 2) throw new Error("the dataset has too few editable indicators for the save benchmark");
  const counts = data
    .prepare(
      "select (select count(*) from institutions) i, (select count(*) from responses) r, (select count(*) from audit_events) e",
    )
    .get() as { i: number; r: number; e: number };

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = await startServer(port);
  try {
    const coordinator = await signIn(base, `${inst.code}-coordinator`);
    const memberCookie = await signIn(base, member);
    const indicatorPath = `/rounds/${round.id}/indicators/${encodeURIComponent(codes[0])}`;
    // Warm up: the first requests load code paths and fill the page cache.
    for (const [url, cookie] of [
      ["/healthz", ""],
      [`/rounds/${round.id}`, coordinator],
      ["/", memberCookie],
      [indicatorPath, memberCookie],
      ["/registry", coordinator],
    ] as const) {
      for (let i = 0; i < 20; i++) await (await fetch(`${base}${url}`, { headers: { Cookie: cookie } })).arrayBuffer();
    }

    const figures: Figures[] = [];
    figures.push(await measure("health (floor)", "floor", { url: `${base}/healthz` }));
    figures.push(
      await measure("coordinator dashboard", "page", {
        url: `${base}/rounds/${round.id}`,
        headers: { Cookie: coordinator },
      }),
    );
    figures.push(
      await measure("indicator list (worklist)", "page", { url: `${base}/`, headers: { Cookie: memberCookie } }),
    );
    figures.push(
      await measure("indicator page", "page", { url: `${base}${indicatorPath}`, headers: { Cookie: memberCookie } }),
    );
    figures.push(await measure("registry", "page", { url: `${base}/registry`, headers: { Cookie: coordinator } }));

    // Saves: each connection edits its own indicator, based on the version its last save returned (the first from
    // the database), as a browser tab does; none should conflict.
    const versionOf = data.prepare("select version from responses where round_id = ? and indicator_code = ?");
    // autocannon resets a request's context on every loop, so which connection edits what is kept here: an indicator
    // is taken by one request at a time, and the version its save returned is the base of the next save.
    const versions = new Map<string, number>();
    const busy = new Set<string>();
    let saves = 0;
    figures.push(
      await measure("save an answer", "save", {
        url: base,
        headers: { Cookie: memberCookie, Origin: base, "Content-Type": "application/x-www-form-urlencoded" },
        requests: [
          {
            method: "POST",
            setupRequest: (request: autocannon.Request, context: object) => {
              const code = codes.find((c) => !busy.has(c))!;
              busy.add(code);
              (context as { code?: string }).code = code;
              const version =
                versions.get(code) ?? (versionOf.get(round.id, code) as { version: number } | undefined)?.version ?? 0;
              return {
                ...request,
                path: `/rounds/${round.id}/indicators/${encodeURIComponent(code)}.data`,
                body: new URLSearchParams({
                  intent: "save",
                  version: String(version),
                  implemented: "no",
                  narrative: `bench save ${++saves}`,
                }).toString(),
              };
            },
            onResponse: (_status: number, body: string, context: object) => {
              const code = (context as { code?: string }).code;
              if (!code) return;
              const version = versionIn(body);
              if (version !== null) versions.set(code, version);
              busy.delete(code);
            },
          },
        ],
        connections: Math.min(CONNECTIONS, codes.length),
      }),
    );

    // Bytes on the wire for a first visit (issue 11): the dashboard and the heaviest pages.
    const wire: WireFigures[] = [];
    for (const [label, page] of [
      ["coordinator dashboard", ""],
      ["assignments (heaviest)", "/assignments"],
      ["gaps", "/gaps"],
    ] as const) {
      wire.push(await firstVisit(label, base, `/rounds/${round.id}${page}`, coordinator));
    }
    // 20 report PDFs at once, each another institution's coordinator printing their open round (nothing cached), then
    // the same 20 again with nothing changed.
    const printers = data
      .prepare(
        `select i.code code, r.id round from institutions i join rounds r on r.institution_id = i.id and r.state = 'open'
      order by i.id limit ${PDF_REQUESTS}`,
      )
      .all() as { code: string; round: number }[];
    const pdfRequests = [];
    for (const p of printers)
      pdfRequests.push({ path: `/rounds/${p.round}/report.pdf`, cookie: await signIn(base, `${p.code}-coordinator`) });
    const pdfs: PdfFigures[] = [
      await concurrentPdfs(`${PDF_REQUESTS} PDFs, 20 rounds (cold)`, base, server.pid!, pdfRequests),
      await concurrentPdfs(`${PDF_REQUESTS} PDFs, unchanged (cached)`, base, server.pid!, pdfRequests),
    ];

    const peaks = workerPeaks(server.pid!);
    const pad = (s: string | number, n: number) => String(s).padStart(n);
    console.log(
      `\n인증지기 benchmark — ${os.availableParallelism()} cores, ${WORKERS} workers, SQLite (WAL), ${counts.i} institutions, ${counts.r} responses, ${counts.e} audit events`,
    );
    console.log(`autocannon: ${CONNECTIONS} connections, ${SECONDS} s each, loopback\n`);
    console.log(
      `${"".padEnd(28)}${pad("req/s", 8)}${pad("p50 ms", 9)}${pad("p95 ms", 9)}${pad("p99 ms", 9)}${pad("requests", 10)}${pad("errors", 8)}  target`,
    );
    let ok = true;
    for (const f of figures) {
      const target = f.kind === "page" ? TARGETS.page : f.kind === "save" ? TARGETS.save : null;
      const met = target === null ? true : f.p95 <= target && f.errors === 0;
      ok &&= met && f.errors === 0;
      if (f.errors) console.log(`  (${f.name}: status codes ${JSON.stringify(f.statuses)})`);
      console.log(
        `${f.name.padEnd(28)}${pad(f.rps, 8)}${pad(f.p50, 9)}${pad(f.p95, 9)}${pad(f.p99, 9)}${pad(f.requests, 10)}${pad(f.errors, 8)}  ${target === null ? "" : `p95 ≤ ${target} ms ${met ? "✓" : "✗"}`}`,
      );
    }
    console.log(
      `\n${"report PDFs at once".padEnd(32)}${pad("ok", 5)}${pad("p50 ms", 9)}${pad("p95 ms", 9)}${pad("max ms", 9)}${pad("worker MB", 11)}${pad("Chromium MB", 13)}${pad("procs", 7)}`,
    );
    for (const f of pdfs) {
      console.log(
        `${f.label.padEnd(32)}${pad(f.ok, 5)}${pad(f.p50, 9)}${pad(f.p95, 9)}${pad(f.max, 9)}${pad(f.workerPeakMb, 11)}${pad(f.browserPeakMb, 13)}${pad(f.browserProcesses, 7)}`,
      );
      if (f.ok !== f.requests) console.log(`  (status codes ${JSON.stringify(f.statuses)})`);
    }
    console.log(
      "  (worker MB: largest resident size of one worker; Chromium MB: peak PSS of all Chromium processes together)",
    );
    console.log(
      `\n${"first visit, on the wire".padEnd(32)}${pad("doc KB", 9)}${pad("(raw)", 9)}${pad("assets", 8)}${pad("KB", 8)}${pad("(raw)", 9)}${pad("total KB", 10)}  encodings`,
    );
    for (const w of wire) {
      console.log(
        `${w.label.padEnd(32)}${pad(w.documentKb, 9)}${pad(w.documentRawKb, 9)}${pad(w.assets, 8)}${pad(w.assetsKb, 8)}${pad(w.assetsRawKb, 9)}${pad(w.totalKb, 10)}  ${w.encodings.join(", ")}`,
      );
    }
    console.log(
      `\npeak memory per worker: ${peaks.map((p) => `${p.peakMb} MB`).join(", ")} (target ≤ ${TARGETS.memoryMb} MB ${peaks.every((p) => p.peakMb <= TARGETS.memoryMb) ? "✓" : "✗"})`,
    );
    ok &&= peaks.every((p) => p.peakMb <= TARGETS.memoryMb);
    fs.mkdirSync(path.join(root, "tests/.artifacts"), { recursive: true });
    fs.writeFileSync(
      path.join(root, "tests/.artifacts/bench.json"),
      JSON.stringify(
        {
          at: new Date().toISOString(),
          cores: os.availableParallelism(),
          workers: WORKERS,
          counts,
          figures,
          peaks,
          pdfs,
          wire,
        },
        null,
        2,
      ),
    );
    console.log(ok ? "\nAll targets met." : "\nSome targets were missed (see ✗).");
  } finally {
    data.close();
    server.kill("SIGTERM");
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
