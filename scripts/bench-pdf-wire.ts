// The parts of `npm run bench` for issue 11: 20 concurrent report PDFs (p95, peak memory of the server's workers and
// of the Chromium processes they started), and the bytes on the wire for a first visit of a page (the document and
// every script and style it loads, as a browser that accepts brotli and gzip receives them).
import fs from "node:fs";
import http from "node:http";

const round1 = (n: number) => Math.round(n * 10) / 10;
const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;

function childrenOf(pid: number): number[] {
  try {
    return fs
      .readdirSync(`/proc/${pid}/task`)
      .flatMap((task) =>
        fs.readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number),
      );
  } catch {
    return [];
  }
}

function descendants(pid: number): number[] {
  const out: number[] = [];
  const stack = [pid];
  while (stack.length) {
    for (const child of childrenOf(stack.pop()!)) {
      out.push(child);
      stack.push(child);
    }
  }
  return out;
}

/** Proportional set size (shared pages divided among their users) of a process, in kB; 0 if it is gone. */
function pssKb(pid: number): number {
  try {
    return Number(/^Pss:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

const isChromium = (pid: number) => {
  try {
    return /chrom/i.test(fs.readFileSync(`/proc/${pid}/comm`, "utf8"));
  } catch {
    return false;
  }
};

export interface PdfFigures {
  label: string;
  requests: number;
  ok: number;
  statuses: Record<string, number>;
  p50: number;
  p95: number;
  max: number;
  browserPeakMb: number;
  browserProcesses: number;
  /** Largest resident size of one worker while the PDFs were made. */
  workerPeakMb: number;
}

function rssKb(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** Fires all requests at once and samples the Chromium processes under the server every 100 ms. */
export async function concurrentPdfs(
  label: string,
  base: string,
  serverPid: number,
  requests: { path: string; cookie: string }[],
): Promise<PdfFigures> {
  let peakKb = 0;
  let peakProcesses = 0;
  let workerKb = 0;
  const sample = () => {
    for (const worker of childrenOf(serverPid)) workerKb = Math.max(workerKb, rssKb(worker));
    const chromium = descendants(serverPid).filter(isChromium);
    peakProcesses = Math.max(peakProcesses, chromium.length);
    peakKb = Math.max(
      peakKb,
      chromium.reduce((n, pid) => n + pssKb(pid), 0),
    );
  };
  const timer = setInterval(sample, 100);
  const times: number[] = [];
  const statuses: Record<string, number> = {};
  try {
    await Promise.all(
      requests.map(async ({ path, cookie }) => {
        const started = performance.now();
        const res = await fetch(`${base}${path}`, { headers: { Cookie: cookie } });
        await res.arrayBuffer();
        times.push(performance.now() - started);
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      }),
    );
  } finally {
    clearInterval(timer);
  }
  sample();
  times.sort((a, b) => a - b);
  return {
    label,
    requests: requests.length,
    ok: statuses[200] ?? 0,
    statuses,
    p50: Math.round(percentile(times, 50)),
    p95: Math.round(percentile(times, 95)),
    max: Math.round(times[times.length - 1]),
    browserPeakMb: round1(peakKb / 1024),
    browserProcesses: peakProcesses,
    workerPeakMb: round1(workerKb / 1024),
  };
}

/** Body bytes as received (compressed) and the Content-Encoding, for one GET. */
function wireGet(
  url: string,
  cookie: string,
): Promise<{ status: number; bytes: number; encoding: string; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { Cookie: cookie, "Accept-Encoding": "br, gzip" } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          bytes: chunks.reduce((n, c) => n + c.length, 0),
          encoding: String(res.headers["content-encoding"] ?? "identity"),
          body: Buffer.concat(chunks),
        }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
  });
}

export interface WireFigures {
  label: string;
  documentKb: number;
  documentRawKb: number;
  assets: number;
  assetsKb: number;
  assetsRawKb: number;
  totalKb: number;
  encodings: string[];
}

/** A first visit: the document, then every script and stylesheet it names (module preloads included), each once. */
export async function firstVisit(label: string, base: string, path: string, cookie: string): Promise<WireFigures> {
  const doc = await wireGet(`${base}${path}`, cookie);
  if (doc.status !== 200) throw new Error(`${path} answered ${doc.status}`);
  const raw = await (
    await fetch(`${base}${path}`, { headers: { Cookie: cookie, "Accept-Encoding": "identity" } })
  ).text();
  const urls = new Set<string>();
  for (const m of raw.matchAll(/<(?:script[^>]*\bsrc|link[^>]*\bhref)="([^"]+\.(?:js|css))"/g)) urls.add(m[1]);
  for (const m of raw.matchAll(/import\(?\s*"([^"]+\.js)"/g)) urls.add(m[1]);
  let assetsBytes = 0;
  let assetsRaw = 0;
  const encodings = new Set([doc.encoding]);
  for (const url of urls) {
    const res = await wireGet(new URL(url, base).href, cookie);
    assetsBytes += res.bytes;
    encodings.add(res.encoding);
    assetsRaw += (
      await (await fetch(new URL(url, base).href, { headers: { "Accept-Encoding": "identity" } })).arrayBuffer()
    ).byteLength;
  }
  const kb = (n: number) => round1(n / 1024);
  return {
    label,
    documentKb: kb(doc.bytes),
    documentRawKb: kb(Buffer.byteLength(raw)),
    assets: urls.size,
    assetsKb: kb(assetsBytes),
    assetsRawKb: kb(assetsRaw),
    totalKb: kb(doc.bytes + assetsBytes),
    encodings: [...encodings],
  };
}
