// Every page each demo role reaches from its navigation (and a few it opens from there) passes axe's WCAG 2.1 A/AA
// rules with no serious or critical violation; a refused page (403) and a missing one (404) keep the app shell, so
// the person still has the header and their navigation.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, expectAccessible, launchBrowser, newPage, signIn } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The navigation's links as the shell shows them to the signed-in person. */
async function navLinks(page: Page): Promise<string[]> {
  const hrefs = await page.locator("nav.app-nav a").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  return [...new Set(hrefs.filter((h) => h.startsWith("/")))];
}

/** The first link on the page whose path matches, if any (an indicator, a round). */
async function firstLink(page: Page, pattern: RegExp): Promise<string | null> {
  const hrefs = await page.locator("main a").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  return hrefs.find((h) => pattern.test(h)) ?? null;
}

async function visit(page: Page, path: string): Promise<number> {
  const response = await page.goto(`${baseUrl()}${path}`);
  await page.waitForLoadState("load");
  await expectAccessible(page, path);
  return response?.status() ?? 0;
}

const ROLES: { username: string; extra: string[]; follow: RegExp[] }[] = [
  {
    username: "coordinator",
    extra: ["/rounds/new", "/account/password", "/notices"],
    follow: [/^\/rounds\/\d+$/, /^\/rounds\/\d+\/indicators\//],
  },
  { username: "member", extra: ["/account/password", "/notices"], follow: [/^\/rounds\/\d+\/indicators\//] },
  { username: "auditor", extra: ["/notices"], follow: [/^\/rounds\/\d+\/indicators\//, /^\/rounds\/\d+$/] },
  {
    username: "admin",
    extra: ["/editions/import", "/registry/new", "/registry/settings", "/registry/import", "/editions/compare"],
    follow: [/^\/org\/\d+$/],
  },
];

describe("accessibility of every page each role visits (axe, WCAG 2.1 A/AA)", () => {
  for (const role of ROLES) {
    it(`${role.username}: no serious or critical violation`, async () => {
      const page = await newPage(browser);
      await signIn(page, role.username);
      const seen = new Set<string>();
      const pages = [...(await navLinks(page)), ...role.extra];
      for (const path of pages) {
        expect(await visit(page, path), path).toBeLessThan(400);
        seen.add(path);
        for (const pattern of role.follow) {
          const next = await firstLink(page, pattern);
          if (next && !seen.has(next)) {
            seen.add(next);
            expect(await visit(page, next), next).toBeLessThan(400);
            await page.goto(`${baseUrl()}${path}`);
          }
        }
      }
      expect(seen.size).toBeGreaterThanOrEqual(3);
      await page.context().close();
    }, 300_000);
  }

  it("a refused page (403) and a missing one (404) keep the header and the person's navigation", async () => {
    const page = await newPage(browser);
    await signIn(page, "member");
    expect(await visit(page, "/admin/users")).toBe(403);
    await expect(page.getByTestId("error-page").textContent()).resolves.toContain("403");
    await expect(page.getByRole("navigation", { name: "주 메뉴" }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole("button", { name: "로그아웃" }).isVisible()).resolves.toBe(true);
    expect(await visit(page, "/rounds/999999/indicators/1.1.1")).toBe(404);
    await expect(page.getByTestId("error-page").textContent()).resolves.toContain("404");
    await expect(page.getByRole("navigation", { name: "주 메뉴" }).isVisible()).resolves.toBe(true);
    await page.context().close();
  });
});
