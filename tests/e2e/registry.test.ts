// The certification registry in Chromium: the national picture with its counts per year, a filter, an
// institution's timeline with the renewal plan, and the all-or-nothing import refusing a file with errors.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, todayInSeoul } from "~/domain/validity";
import { baseUrl, launchBrowser, newPage, screenshot, signIn } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const yearRow = (page: Page, year: number) => page.getByTestId(`year-${year}`).locator("td");
const cellsOf = async (page: Page, year: number) =>
  (await yearRow(page, year).allTextContents()).slice(0, 5).map((s) => s.trim());
const listedInstitutions = (page: Page) =>
  page.locator("table.registry-table tbody tr td:first-child a").allTextContents();

describe("certification registry", () => {
  it("shows every certified institution with counts per year, and filters them", async () => {
    const page = await newPage(browser);
    await signIn(page, "member"); // a department member: may read the registry, not change it
    await page.goto(`${baseUrl()}/registry`);
    await page.getByRole("heading", { level: 1, name: "인증 현황" }).waitFor();
    // Total, initial, renewal, 광역, 기초 per award year (seed 002).
    expect(await cellsOf(page, 2012)).toEqual(["15", "15", "0", "0", "15"]);
    expect(await cellsOf(page, 2013)).toEqual(["20", "20", "0", "3", "17"]);
    expect(await cellsOf(page, 2014)).toEqual(["35", "23", "12", "1", "34"]);
    expect(await page.getByRole("link", { name: "인증 기록" }).count()).toBe(0);
    // 59 institutions (with 대전 대덕구, new in 2015), one row per scheme: 서대문구 also holds a 국민행복민원실 certificate.
    expect(await listedInstitutions(page)).toHaveLength(60);
    await screenshot(page, "registry-01-overview-today");

    // As of mid-2015: the 2012 cohort renewed on 2014-12-08 is valid, the 2013 cohort is expiring.
    await page.getByLabel("기준일").fill("2015-06-30");
    await page.getByRole("button", { name: "조회" }).click();
    await page.waitForURL(/asOf=2015-06-30/);
    await expect(page.getByTestId("status-count-valid").textContent()).resolves.toBe("35");
    await expect(page.getByTestId("status-count-expiring").textContent()).resolves.toBe("20");
    await expect(page.getByTestId("status-count-expired").textContent()).resolves.toBe("3");
    await screenshot(page, "registry-02-as-of-2015");

    // Filter: 광역 only, then 2014 re-certifications in 서울.
    await page.getByLabel("광역/기초").selectOption("sido");
    await page.waitForURL(/level=sido/);
    await page.locator("table.registry-table tbody tr").first().waitFor();
    expect((await listedInstitutions(page)).sort()).toEqual(
      ["경기도", "대구광역시", "대전광역시", "서울특별시"].sort(),
    );
    await page.getByLabel("광역/기초").selectOption("sigungu");
    await page.getByLabel("시·도").selectOption("서울특별시");
    await page.getByLabel("인증 연도").selectOption("2012");
    await page.waitForURL(
      (url) => url.searchParams.get("year") === "2012" && url.searchParams.get("region") === "서울특별시",
    );
    await expect.poll(() => listedInstitutions(page)).toHaveLength(6);
    expect(await page.locator("table.registry-table .cert-chip--renewal").count()).toBe(6);
    await screenshot(page, "registry-03-filtered");
    await page.context().close();
  });

  it("shows an institution's timeline: the 2012 certificate, the consecutive 2014 renewal and the renewal plan", async () => {
    const page = await newPage(browser);
    await signIn(page, "coordinator");
    await page.goto(`${baseUrl()}/registry?asOf=2016-03-01&region=${encodeURIComponent("서울특별시")}`);
    await page.getByRole("link", { name: "서울특별시 마포구" }).click();
    await page.getByRole("heading", { level: 1, name: "서울특별시 마포구" }).waitFor();
    const timeline = page.getByRole("list", { name: "인증 이력" });
    await timeline.getByRole("heading", { name: /2012년 인증 수여 \(신규\)/ }).waitFor();
    await timeline.getByRole("heading", { name: /2014년 인증 수여 \(재인증\)/ }).waitFor();
    await timeline.getByText("2014. 12. 8. – 2017. 12. 7. (3년)").waitFor();
    await timeline.getByText(/유예기간 안이므로 연속 재인증/).waitFor();
    await page.getByRole("img", { name: /인증마크/ }).waitFor();
    // 마포구 is not the coordinator's institution: the renewal plan is shown read-only.
    await page.getByRole("heading", { name: "2017년 재인증 준비" }).waitFor();
    await expect(page.getByRole("button", { name: "재인증 회차 만들기" }).count()).resolves.toBe(0);
    await screenshot(page, "registry-04-timeline");

    // Its own institution, before the 2016 renewal: the plan says clearly that no 2016 edition exists.
    await page.goto(`${baseUrl()}/registry`);
    await page.getByRole("link", { name: "인증 이력과 재인증 계획 보기" }).click();
    await page.getByRole("heading", { level: 1, name: "서울특별시 서대문구" }).waitFor();
    await page.locator(".standing").getByText("만료", { exact: true }).waitFor();
    await page.goto(`${page.url().split("?")[0]}?asOf=2016-07-01`);
    await expect(page.getByTestId("no-edition").textContent()).resolves.toContain(
      "2016년 시·군·구용 진단지표 편람이 등록되어 있지 않아",
    );
    await page.getByText("만료 임박").first().waitFor();
    await screenshot(page, "registry-05-renewal-plan");
    await page.context().close();
  });

  it("lets the system admin record a certificate (checked in the form) and revoke it with a reason", async () => {
    const page = await newPage(browser);
    await signIn(page, "admin");
    await page.goto(`${baseUrl()}/registry?region=${encodeURIComponent("경상북도")}`);
    await page.getByRole("link", { name: "경상북도 영덕군" }).click();
    await page.getByRole("heading", { level: 1, name: "경상북도 영덕군" }).waitFor();
    await page.getByRole("link", { name: "인증 기록" }).click();
    await page.getByRole("heading", { level: 1, name: "인증 기록" }).waitFor();
    await expect(page.getByLabel("기관").inputValue()).resolves.not.toBe("");
    // Checked in the browser before anything is sent.
    await page.getByRole("button", { name: "기록" }).click();
    await page.getByText("수여일을 입력하세요.").waitFor();
    await page.getByText("인증 구분을 고르세요.").waitFor();
    await screenshot(page, "registry-06-record-errors");

    const awardDate = addDays(todayInSeoul(), -30);
    await page.getByLabel("인증서 수여일").fill(awardDate);
    await page.getByLabel("신규").check();
    await page.getByLabel("인증 점수 (선택)").fill("861.3");
    await Promise.all([page.waitForURL(/done=recorded/), page.getByRole("button", { name: "기록" }).click()]);
    await expect(page.getByRole("status").first().textContent()).resolves.toBe("인증을 기록했습니다.");
    await page.locator(".standing").getByText("유효", { exact: true }).waitFor();
    await page.getByRole("img", { name: /인증마크/ }).waitFor();
    // The admin may create rounds: the plan is a form, disabled while no edition exists for its year.
    await expect(page.getByRole("button", { name: "재인증 회차 만들기" }).isDisabled()).resolves.toBe(true);
    await screenshot(page, "registry-07-recorded");

    const award = page.locator(".timeline__item--award").last();
    await award.getByText("인증 취소", { exact: true }).click();
    await award.getByLabel("취소 사유").fill("인증 요건 미충족 확인 (시연)");
    await Promise.all([page.waitForURL(/done=revoked/), award.getByRole("button", { name: "인증 취소 기록" }).click()]);
    await page.locator(".standing").getByText("취소", { exact: true }).waitFor();
    await expect(page.getByRole("img", { name: /인증마크/ }).count()).resolves.toBe(0);
    await page.getByText("사유: 인증 요건 미충족 확인 (시연)").waitFor();
    await screenshot(page, "registry-08-revoked");
    await page.context().close();
  });

  it("lets the system admin import, refusing a file with errors as a whole", async () => {
    const page = await newPage(browser);
    await signIn(page, "admin");
    await page.goto(`${baseUrl()}/registry`);
    await page.getByRole("link", { name: "인증 현황 가져오기" }).click();
    await page.getByRole("heading", { level: 1, name: "인증 현황 가져오기" }).waitFor();
    const csv =
      "기관명,시도,구분,수여일,인증구분\n울산광역시 가상구,울산광역시,기초,2015-12-07,신규\n서울특별시 서대문구,,,2015-02-30,재인증\n";
    await page
      .getByLabel("인증 현황 파일")
      .setInputFiles({ name: "인증현황.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByRole("button", { name: "검증 후 가져오기" }).click();
    const alert = page.locator(".notice--error");
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toContain("아무것도 가져오지 않았습니다");
    await alert.getByRole("cell", { name: "3행" }).waitFor();
    await alert.getByRole("cell", { name: "D열 (수여일)" }).waitFor();
    await screenshot(page, "registry-09-import-errors");
    await page.goto(`${baseUrl()}/registry?region=${encodeURIComponent("울산광역시")}`);
    await page.getByText("조건에 맞는 기관이 없습니다.").waitFor();
    await page.goto(`${baseUrl()}/registry/settings`);
    await page.getByRole("heading", { level: 1, name: "인증 관리 설정" }).waitFor();
    await expect(page.getByLabel("연속 재인증 유예기간 (개월)").inputValue()).resolves.toBe("6");
    await screenshot(page, "registry-10-settings");
    await page.context().close();
  });
});
