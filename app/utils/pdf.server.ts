// Pages as PDF through the system's Chromium (Debian's `chromium`, driven by playwright-core; never a downloaded
// browser). The server asks itself for the page with the requester's own cookie, so the PDF shows exactly what the
// requester may see and nothing more.
import { chromium } from "playwright-core";

const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync",
];

export class PdfUnavailable extends Error {}

/** Where this server answers itself: REPORT_ORIGIN, else loopback on its own port. */
export function internalOrigin(): string {
  return process.env.REPORT_ORIGIN ?? `http://127.0.0.1:${process.env.PORT || 3000}`;
}

/** Renders `path` of this server, as the holder of `cookie`, to an A4 PDF. */
export async function renderPdf(path: string, cookie: string | null, locale: string): Promise<Uint8Array<ArrayBuffer>> {
  let browser;
  try {
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS, timeout: 20_000 });
  } catch (error) {
    throw new PdfUnavailable(error instanceof Error ? error.message : String(error));
  }
  try {
    const context = await browser.newContext({ locale, timezoneId: "Asia/Seoul", javaScriptEnabled: false, extraHTTPHeaders: cookie ? { Cookie: cookie } : {} });
    const page = await context.newPage();
    let response;
    try {
      response = await page.goto(`${internalOrigin()}${path}`, { waitUntil: "load", timeout: 20_000 });
    } catch (error) {
      // The server cannot reach itself (REPORT_ORIGIN is wrong, or this is not a running server).
      throw new PdfUnavailable(error instanceof Error ? error.message : String(error));
    }
    if (!response || !response.ok()) throw new Error(`report page answered ${response?.status() ?? "nothing"}`);
    await page.evaluate(() => document.fonts.ready).catch(() => undefined);
    // Page numbers in the footer ("– 2 / 6 –"): digits only, since the footer is drawn without the page's web font.
    const pdf = await page.pdf({
      format: "A4", printBackground: true, margin: { top: "14mm", bottom: "16mm", left: "12mm", right: "12mm" },
      displayHeaderFooter: true,
      headerTemplate: "<span></span>",
      footerTemplate: '<div style="width:100%;text-align:center;font-size:8px;color:#555;">&ndash; <span class="pageNumber"></span> / <span class="totalPages"></span> &ndash;</div>',
    });
    return new Uint8Array(pdf);
  } finally {
    await browser.close();
  }
}
