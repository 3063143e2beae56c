// One browser per server process, a bounded number of pages printing at once, a bounded queue behind them, and a
// cache of finished PDFs by key. Generic over the browser so its rules (bounds, restart, cache) are tested without
// Chromium; pdf.server.ts gives it playwright's Chromium and the report page.

export interface PoolBrowser {
  isConnected(): boolean;
  on(event: "disconnected", listener: () => void): unknown;
  close(): Promise<void>;
}

export interface PdfPoolOptions<B extends PoolBrowser> {
  launch: () => Promise<B>;
  /** Pages printing at once. */
  concurrency: number;
  /** Requests waiting for a page; one more is refused with `PdfBusy`. */
  maxQueue: number;
  /** Bytes of finished PDFs kept (least recently used first out). */
  cacheBytes: number;
}

/** The queue is full: answer 503 with `Retry-After: retryAfterSeconds`. */
export class PdfBusy extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super("too many PDFs are being printed; try again shortly");
  }
}

export interface PdfPool<B extends PoolBrowser> {
  /** The cached PDF for `key`, or the one `job` prints with the shared browser (one print per key at a time). */
  render(key: string, job: (browser: B) => Promise<Uint8Array<ArrayBuffer>>): Promise<Uint8Array<ArrayBuffer>>;
  /** Closes the browser; the next render starts another. */
  close(): Promise<void>;
  stats(): { active: number; queued: number; cached: number; launches: number; hits: number; misses: number };
}

export function createPdfPool<B extends PoolBrowser>(options: PdfPoolOptions<B>): PdfPool<B> {
  let browser: B | null = null;
  let launching: Promise<B> | null = null;
  let launches = 0;
  let active = 0;
  let hits = 0;
  let misses = 0;
  const waiting: (() => void)[] = [];
  const inFlight = new Map<string, Promise<Uint8Array<ArrayBuffer>>>();
  const cache = new Map<string, Uint8Array<ArrayBuffer>>();
  let cachedBytes = 0;
  /** Recent print time, for Retry-After. */
  let averageMs = 2_000;

  function currentBrowser(): Promise<B> {
    if (browser && browser.isConnected()) return Promise.resolve(browser);
    browser = null;
    if (!launching) {
      launches += 1;
      launching = options.launch().then(
        (b) => {
          browser = b;
          launching = null;
          // A browser that crashes or is killed is forgotten; the next print starts another.
          b.on("disconnected", () => {
            if (browser === b) browser = null;
          });
          return b;
        },
        (error: unknown) => {
          launching = null;
          throw error;
        },
      );
    }
    return launching;
  }

  async function slot(): Promise<void> {
    if (active < options.concurrency) {
      active += 1;
      return;
    }
    if (waiting.length >= options.maxQueue) {
      const rounds = Math.ceil((waiting.length + 1) / options.concurrency);
      throw new PdfBusy(Math.max(1, Math.ceil((rounds * averageMs) / 1000)));
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  }

  function release() {
    const next = waiting.shift();
    if (next) next();
    else active -= 1;
  }

  function remember(key: string, pdf: Uint8Array<ArrayBuffer>) {
    if (pdf.byteLength > options.cacheBytes) return;
    const old = cache.get(key);
    if (old) cachedBytes -= old.byteLength;
    cache.set(key, pdf);
    cachedBytes += pdf.byteLength;
    for (const [k, v] of cache) {
      if (cachedBytes <= options.cacheBytes) break;
      cache.delete(k);
      cachedBytes -= v.byteLength;
    }
  }

  async function print(key: string, job: (browser: B) => Promise<Uint8Array<ArrayBuffer>>) {
    await slot();
    const started = Date.now();
    try {
      const first = await currentBrowser();
      let pdf: Uint8Array<ArrayBuffer>;
      try {
        pdf = await job(first);
      } catch (error) {
        // The browser died under this print (crash, OOM kill): once more with a new one.
        if (first.isConnected()) throw error;
        if (browser === first) browser = null;
        pdf = await job(await currentBrowser());
      }
      averageMs = averageMs * 0.7 + (Date.now() - started) * 0.3;
      remember(key, pdf);
      return pdf;
    } finally {
      release();
    }
  }

  return {
    render(key, job) {
      const hit = cache.get(key);
      if (hit) {
        hits += 1;
        cache.delete(key);
        cache.set(key, hit);
        return Promise.resolve(hit);
      }
      const running = inFlight.get(key);
      if (running) return running;
      misses += 1;
      const promise = print(key, job).finally(() => inFlight.delete(key));
      inFlight.set(key, promise);
      return promise;
    },
    async close() {
      const b = browser ?? (launching ? await launching.catch(() => null) : null);
      browser = null;
      if (b) await b.close().catch(() => undefined);
    },
    stats: () => ({ active, queued: waiting.length, cached: cache.size, launches, hits, misses }),
  };
}
