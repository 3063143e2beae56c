// Playwright driving Debian's Chromium (never a downloaded browser), plus the helpers every journey uses.
import fs from "node:fs";
import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { inject } from "vitest";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** The PostgreSQL run keeps its own screenshots beside the SQLite run's. */
export const SCREENSHOT_DIR = path.resolve(
  import.meta.dirname,
  "../.artifacts",
  process.env.E2E_DATABASE === "postgres" ? "screenshots-postgres" : "screenshots",
);

/**
 * Contexts opened with JavaScript off (the journeys that post plain forms). axe runs as a script inside the page, so
 * it cannot run there (Playwright's evaluate waits forever); such pages are the same server-rendered HTML axe checks
 * in the journeys with JavaScript on.
 */
const scriptless = new WeakSet<BrowserContext>();

export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    if (options?.javaScriptEnabled === false) scriptless.add(context);
    return context;
  };
  return browser;
}

export function baseUrl(): string {
  return inject("baseUrl");
}

export async function newPage(browser: Browser, locale = "ko-KR"): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 860 },
    locale,
    timezoneId: "Asia/Seoul",
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  // A page error in the browser is a bug.
  page.on("pageerror", (error) => {
    throw error;
  });
  // A page is used once React has hydrated it, as a person would after it loads: a select chosen before hydration is
  // reset to its default by React, which made journeys flaky on a busy machine. Non-HTML answers never mark it.
  const goto = page.goto.bind(page);
  page.goto = async (url, options) => {
    const response = await goto(url, options);
    await waitForHydration(page);
    return response;
  };
  return page;
}

/** Waits (up to 15 s, then goes on) until the app's shell has hydrated the current document. */
export async function waitForHydration(page: Page) {
  await page
    .waitForFunction(() => document.documentElement.dataset.hydrated === "true", null, { timeout: 15_000 })
    .catch(() => {});
}

export const DEMO_PASSWORD = "demo1234!";

export async function signIn(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto(`${baseUrl()}/login`);
  await page.getByLabel("아이디").fill(username);
  await page.getByLabel("비밀번호").fill(password);
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith("/login")),
    page.getByRole("button", { name: "로그인" }).click(),
  ]);
  // The URL changes before the signed-in page has rendered: wait for the shell's sign-out button.
  await page.getByRole("button", { name: "로그아웃" }).waitFor();
  await waitForHydration(page);
}

/** Waits for the page's main heading to read `name`, then returns it. */
export async function expectHeading(page: Page, name: string) {
  const heading = page.getByRole("heading", { level: 1, name });
  await heading.waitFor();
  return heading;
}

export async function signOut(page: Page) {
  await Promise.all([page.waitForURL(/\/login/), page.getByRole("button", { name: "로그아웃" }).click()]);
}

/** The WCAG 2.1 A and AA rules axe checks every page against. */
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * Runs axe (WCAG 2.1 A/AA) on the page as it is now and fails on any serious or critical violation, naming the
 * rule, the page and the elements. Called by screenshot(), so every page state a journey records is checked.
 */
export async function expectAccessible(page: Page, name: string) {
  if (scriptless.has(page.context())) return;
  const { violations } = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const described = bad.map(
    (v) =>
      `${v.impact} ${v.id} (${v.help}) on ${name} ${new URL(page.url()).pathname}: ${v.nodes
        .map((n) => n.target.join(" "))
        .slice(0, 5)
        .join(", ")}`,
  );
  if (described.length) throw new Error(`Accessibility violations:\n${described.join("\n")}`);
}

export async function screenshot(page: Page, name: string) {
  await expectAccessible(page, name);
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** The HTTP status a signed-in page answers for a path (a navigation, as the browser would make it). */
export async function statusOfPage(page: Page, pathname: string): Promise<number> {
  const response = await page.goto(`${baseUrl()}${pathname}`);
  return response?.status() ?? 0;
}
