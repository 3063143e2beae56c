// Each demo role signs in, lands on the home page that fits it, and can open only what it may.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, expectHeading, launchBrowser, newPage, screenshot, signIn, signOut, statusOfPage } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function orgPathOf(page: Page): Promise<string> {
  const href = await page.getByRole("link", { name: "부서·사용자" }).getAttribute("href");
  expect(href).toMatch(/^\/org\/\d+$/);
  return href!;
}

describe("signing in as each role", () => {
  it("refuses a wrong password with a Korean message and keeps the user out", async () => {
    const page = await newPage(browser);
    await page.goto(`${baseUrl()}/login`);
    await page.getByLabel("아이디").fill("coordinator");
    await page.getByLabel("비밀번호").fill("wrong-password");
    await page.getByRole("button", { name: "로그인" }).click();
    await expect(page.getByRole("alert").first().textContent()).resolves.toContain(
      "아이디 또는 비밀번호가 올바르지 않습니다",
    );
    await screenshot(page, "00-login-error");
    expect(await statusOfPage(page, "/")).toBe(200);
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.context().close();
  });

  it("coordinator lands on the round overview with the total against 800 and manages their institution", async () => {
    const page = await newPage(browser);
    await signIn(page, "coordinator");
    await expectHeading(page, "자율진단 현황");
    await expect(page.getByText("서울특별시 서대문구").first().isVisible()).resolves.toBe(true);
    await expect(page.getByText("총괄 담당").first().isVisible()).resolves.toBe(true);
    const total = await page.getByTestId("self-total").textContent();
    expect(Number(total?.replace(/,/g, ""))).toBeGreaterThan(0);
    await expect(page.getByText("신청 기준 800.0점 이상").first().isVisible()).resolves.toBe(true);
    await screenshot(page, "01-coordinator-home");
    const org = await orgPathOf(page);
    expect(await statusOfPage(page, org)).toBe(200);
    await screenshot(page, "02-coordinator-org");
    expect(await statusOfPage(page, "/admin/institutions")).toBe(403);
    expect(await statusOfPage(page, "/editions/import")).toBe(403);
    expect(await statusOfPage(page, "/editions")).toBe(200);
    await page.context().close();
  });

  it("department member sees only their department's indicators and cannot manage people", async () => {
    const page = await newPage(browser);
    await signIn(page, "member");
    await expectHeading(page, "우리 부서 담당 지표");
    await expect(page.getByText("정책기획담당관").first().isVisible()).resolves.toBe(true);
    // 서대문구's BSC indicators belong to 정책기획담당관.
    await expect(page.getByRole("cell", { name: /BSC/ }).first().isVisible()).resolves.toBe(true);
    await screenshot(page, "03-member-home");
    await page.goto(`${baseUrl()}/`);
    expect(await page.getByRole("link", { name: "부서·사용자" }).count()).toBe(0);
    expect(await statusOfPage(page, "/admin/users")).toBe(403);
    await page.context().close();
  });

  it("auditor lands on the review queue", async () => {
    const page = await newPage(browser);
    await signIn(page, "auditor");
    await expectHeading(page, "검토 대상 지표");
    await expect(page.getByText("검토관").first().isVisible()).resolves.toBe(true);
    expect(await page.locator("table.data tbody tr").count()).toBeGreaterThan(0);
    await screenshot(page, "04-auditor-home");
    expect(await statusOfPage(page, "/admin/institutions")).toBe(403);
    await page.context().close();
  });

  it("system admin lands on administration and opens institutions, users and the rubric", async () => {
    const page = await newPage(browser);
    await signIn(page, "admin");
    await expectHeading(page, "시스템 관리");
    await screenshot(page, "05-admin-home");
    expect(await statusOfPage(page, "/admin/institutions")).toBe(200);
    await screenshot(page, "06-admin-institutions");
    expect(await statusOfPage(page, "/admin/users")).toBe(200);
    await screenshot(page, "07-admin-users");
    expect(await statusOfPage(page, "/editions/2014-sigungu-v2")).toBe(200);
    await expect(page.getByText("재구성").first().isVisible()).resolves.toBe(true);
    await screenshot(page, "08-edition-2014");
    expect(await statusOfPage(page, "/editions/import")).toBe(200);
    await page.goto(`${baseUrl()}/`);
    await signOut(page);
    expect(await statusOfPage(page, "/admin/institutions")).toBe(200); // the sign-in page
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.context().close();
  });

  it("switches the interface to English and back", async () => {
    const page = await newPage(browser);
    await signIn(page, "coordinator");
    await page.getByRole("button", { name: "언어 전환: English" }).click();
    await page.getByRole("heading", { name: "Self-assessment overview" }).waitFor();
    await screenshot(page, "09-coordinator-home-en");
    await page.getByRole("button", { name: "Switch language: 한국어" }).click();
    await page.getByRole("heading", { name: "자율진단 현황" }).waitFor();
    await page.context().close();
  });
});
