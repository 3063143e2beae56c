// The registry across schemes and the one calendar in Chromium (ADR 038): the national picture names 3 of 2015's 36;
// the calendar sorts by a column (a link: the query string carries it), filters by scheme and period, and downloads
// the rows shown as CSV. Then the home page with two open rounds: the list, and choosing the 종합평가 round.
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, launchBrowser, newPage, SCREENSHOT_DIR, screenshot, signIn } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const institutionsShown = (page: Page) =>
  page.locator("table.calendar-table tbody tr td:nth-child(2)").allTextContents();

describe("registry across schemes and the calendar", () => {
  it("shows the national picture with the unnamed 2015 institutions counted, not invented", async () => {
    const page = await newPage(browser);
    await signIn(page, "member");
    await page.goto(`${baseUrl()}/registry`);
    const row = page.getByTestId("national-certification-2015").locator("td");
    expect((await row.allTextContents()).slice(0, 3).map((s) => s.trim())).toEqual(["36", "3", "33"]);
    await screenshot(page, "registry-calendar-01-national");
    // The picture alone, to look at as a reader would (the full page is long).
    await page
      .getByRole("region", { name: "제도별 전국 현황" })
      .screenshot({ path: path.join(SCREENSHOT_DIR, "registry-calendar-01b-national-panel.png") });
    await page.context().close();
  });

  it("sorts the calendar by a column, filters it by scheme and period, and downloads what it shows", async () => {
    const page = await newPage(browser);
    await signIn(page, "member");
    await page.goto(`${baseUrl()}/registry`);
    await page.getByRole("link", { name: "만료·마감 일정" }).click();
    await page.getByRole("heading", { level: 1, name: "만료·마감 일정" }).waitFor();

    await page.getByLabel("제도", { exact: true }).selectOption("certification");
    await page.getByLabel("기간 시작").fill("2015-01-01");
    await page.getByLabel("기간 끝").fill("2015-12-31");
    await page.getByRole("button", { name: "조회" }).click();
    await page.waitForURL(/scheme=certification.*from=2015-01-01.*to=2015-12-31/);
    const byDate = await page.locator("table.calendar-table tbody tr td:first-child").allTextContents();
    expect(byDate.length).toBeGreaterThan(3);
    expect(byDate[0]).toContain("2015.");
    // The 2013 cohort not re-certified ends on 2015-12-05 (2013 award date assumed: seeds/registry.ts).
    await expect
      .poll(async () => (await page.locator("table.calendar-table tbody tr").allTextContents()).join("|"))
      .toContain("인증 유효기간 만료");
    expect(await page.locator("table.calendar-table").getByText("국민행복민원실 인증", { exact: true }).count()).toBe(
      0,
    );

    const sortedKo = (names: string[]) => [...names].sort((a, b) => a.localeCompare(b, "ko"));
    await page.getByRole("link", { name: "기관 기준으로 정렬" }).click();
    await page.waitForURL(/sort=institution/);
    // The URL changes as the new rows arrive: wait for them rather than for a time.
    await expect.poll(async () => page.locator("th[aria-sort='ascending']").textContent()).toContain("기관");
    const isSorted = async (dir: "asc" | "desc") => {
      const names = await institutionsShown(page);
      const sorted = sortedKo(names);
      return JSON.stringify(names) === JSON.stringify(dir === "asc" ? sorted : sorted.reverse());
    };
    await expect.poll(() => isSorted("asc")).toBe(true);
    const asc = await institutionsShown(page);
    expect(asc[0]).toBe("강원도 평창군");
    await page.getByRole("link", { name: "기관 기준으로 정렬" }).click();
    await page.waitForURL(/dir=desc/);
    await expect.poll(async () => page.locator("th[aria-sort='descending']").textContent()).toContain("기관");
    await expect.poll(() => isSorted("desc")).toBe(true);
    const desc = await institutionsShown(page);
    expect(desc[0]).toBe(asc.at(-1));
    await screenshot(page, "registry-calendar-02-sorted-filtered");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "CSV 내려받기" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("만료·마감_일정.csv");
    const bytes = fs.readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString("utf8").slice(1).trim().split("\r\n");
    expect(lines[0]).toBe("날짜(KST),기관,제도,일정,비고");
    expect(lines).toHaveLength(desc.length + 1);
    expect(lines[1].split(",")[1]).toBe(desc[0]);
    expect(lines.slice(1).every((l) => l.split(",")[2] === "민원서비스 우수기관 인증")).toBe(true);
    await page.context().close();
  });
});

describe("home page with two open rounds", () => {
  it("lists the 2014 인증 and the 2024 종합평가 rounds, shows the 2014 one first and switches on a click", async () => {
    const page = await newPage(browser);
    await signIn(page, "coordinator");
    const chooser = page.getByRole("region", { name: "진행 중인 회차 2개" });
    await chooser.waitFor();
    await expect(chooser.locator("[aria-current='true']").textContent()).resolves.toContain("2014");
    await chooser.getByText("민원서비스 종합평가", { exact: true }).waitFor();
    await screenshot(page, "registry-calendar-03-home-chooser");
    await chooser.getByRole("link", { name: /2024년 민원서비스 종합평가/ }).click();
    await page.waitForURL(/\?round=\d+/);
    await expect.poll(() => chooser.locator("[aria-current='true']").textContent()).toContain("2024");
    await page
      .getByText(/2024년 민원서비스 종합평가 \(평가 기간/)
      .first()
      .waitFor();
    await screenshot(page, "registry-calendar-04-home-chosen");

    // The institution's registry page: its 인증 history, its 2022 국민행복민원실 certificate (the demo's, invented) with
    // its plaque, and the 2024 종합평가 round.
    await page.goto(`${baseUrl()}/registry`);
    await page.getByRole("link", { name: "인증 이력과 재인증 계획 보기" }).click();
    await page.getByRole("heading", { level: 1, name: "서울특별시 서대문구" }).waitFor();
    const grades = page.getByRole("region", { name: "민원서비스 종합평가 등급" });
    await grades.getByRole("link", { name: /2024년 민원서비스 종합평가/ }).waitFor();
    await grades.getByText("통보 전").first().waitFor();
    const happy = page.getByRole("region", { name: "국민행복민원실 인증" }).getByTestId("happy-office-table");
    await happy.getByText("은판(신규)").waitFor();
    expect(await happy.textContent()).toMatch(/2022\. 11\. 24\./);
    await screenshot(page, "registry-calendar-05-institution-schemes");
    await page.context().close();
  });
});
