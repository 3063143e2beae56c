// Pages as PDF through the system's Chromium (Debian's `chromium`, driven by playwright-core; never a downloaded
// browser). The server asks itself for the page with the requester's own cookie, so the PDF shows exactly what the
// requester may see and nothing more. One browser per server process, started on first use and started again if it
// dies; PDF_CONCURRENCY pages print at once (default 2), PDF_QUEUE more wait (default 16), and finished PDFs are kept
// (PDF_CACHE_MB, default 64, and on disk for all workers: PDF_CACHE_DIR) under a key that names the data, the locale
// and the requester: see docs/decisions/017-pdf-pool-compression-upload-guard.md.
import { type Browser, chromium } from "playwright-core";
import { createFileCache, defaultPdfCacheDir, type FileCache } from "./pdf-file-cache.server";
import { createPdfPool, PdfBusy, type PdfPool } from "./pdf-pool.server";
import { onShutdown } from "./shutdown.server";

export { PdfBusy };

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export class PdfUnavailable extends Error {}

/** Where this server answers itself: REPORT_ORIGIN, else loopback on its own port. */
export function internalOrigin(): string {
  return process.env.REPORT_ORIGIN ?? `http://127.0.0.1:${process.env.PORT || 3000}`;
}

const positive = (value: string | undefined, fallback: number) =>
  Number(value) > 0 ? Math.floor(Number(value)) : fallback;

let pool: PdfPool<Browser> | null = null;
let files: FileCache | null = null;

function thePool(): PdfPool<Browser> {
  if (pool) return pool;
  pool = createPdfPool<Browser>({
    launch: async () => {
      try {
        return await chromium.launch({
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          args: CHROMIUM_ARGS,
          timeout: 20_000,
        });
      } catch (error) {
        throw new PdfUnavailable(error instanceof Error ? error.message : String(error));
      }
    },
    concurrency: positive(process.env.PDF_CONCURRENCY, 2),
    maxQueue:
      process.env.PDF_QUEUE !== undefined && Number(process.env.PDF_QUEUE) >= 0
        ? Math.floor(Number(process.env.PDF_QUEUE))
        : 16,
    cacheBytes: positive(process.env.PDF_CACHE_MB, 64) * 1024 * 1024,
  });
  // The browser is this process's child: it goes when the server stops (the one list of shutdown hooks). Registered
  // once, with the pool.
  onShutdown("PDF browser", closePdfBrowser);
  return pool;
}

/** Closes this process's browser (registered as a shutdown hook when the pool is first made). */
export async function closePdfBrowser(): Promise<void> {
  await pool?.close();
}

/** Counters of this process's pool (for tests and the bench). */
export function pdfPoolStats() {
  return thePool().stats();
}

/**
 * Renders `path` of this server, as the holder of `cookie`, to an A4 PDF; `cacheKey` must name everything the PDF
 * shows (see reportCacheKey). Throws PdfBusy when the queue is full and PdfUnavailable when there is no Chromium.
 */
export async function renderPdf(
  path: string,
  cookie: string | null,
  locale: string,
  cacheKey: string,
): Promise<Uint8Array<ArrayBuffer>> {
  const key = `${cacheKey}|${locale}|${path}`;
  // The workers share finished PDFs on disk: whichever worker printed it, the next request is answered at once.
  files ??= createFileCache(defaultPdfCacheDir());
  const shared = await files.get(key);
  if (shared) return shared;
  const pdf = await print(key, path, cookie, locale);
  await files.set(key, pdf);
  return pdf;
}

function print(key: string, path: string, cookie: string | null, locale: string): Promise<Uint8Array<ArrayBuffer>> {
  return thePool().render(key, async (browser) => {
    const context = await browser.newContext({
      locale,
      timezoneId: "Asia/Seoul",
      javaScriptEnabled: false,
      extraHTTPHeaders: cookie ? { Cookie: cookie } : {},
    });
    try {
      const page = await context.newPage();
      let response;
      try {
        response = await page.goto(`${internalOrigin()}${path}`, { waitUntil: "load", timeout: 20_000 });
      } catch (error) {
        // The browser died under us (the pool starts another), or the server cannot reach itself (REPORT_ORIGIN is
        // wrong, or this is not a running server).
        if (!browser.isConnected()) throw error;
        throw new PdfUnavailable(error instanceof Error ? error.message : String(error));
      }
      if (!response || !response.ok()) throw new Error(`report page answered ${response?.status() ?? "nothing"}`);
      await page.evaluate(() => document.fonts.ready).catch(() => undefined);
      // Page numbers in the footer ("– 2 / 6 –"): digits only, since the footer is drawn without the page's web font.
      const pdf = await page.pdf({
        format: "A4",
        printBackground: true,
        margin: { top: "14mm", bottom: "16mm", left: "12mm", right: "12mm" },
        displayHeaderFooter: true,
        headerTemplate: "<span></span>",
        footerTemplate:
          '<div style="width:100%;text-align:center;font-size:8px;color:#555;">&ndash; <span class="pageNumber"></span> / <span class="totalPages"></span> &ndash;</div>',
      });
      return new Uint8Array(pdf);
    } finally {
      await context.close().catch(() => undefined);
    }
  });
}
