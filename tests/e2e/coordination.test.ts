// The coordination tools of issue 15 in Chromium, on the seeded demo round (서대문구 2014, open): the coordinator weighs
// the plan to 800 by effort and tries what-if target scores; records an overdue action item for 자치행정과, finds it in
// the list across rounds (overdue and department filters), its department sees it with an in-app notice and another
// department does not; a department member turns mail off and on again. Independent of the other journeys' order: it
// reads the page as it finds it, creates what it checks and puts the effort setting back.
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_INSTITUTION_CODE } from "../../seeds/logins";
import { baseUrl, launchBrowser, newPage, screenshot, signIn, signOut, statusOfPage } from "./browser";
import { withDatabase } from "./db";

let browser: Browser;
let page: Page;
let gapsUrl = "";

/** A due date long past, unique to this journey, so its row is told apart from any other journey's items. */
const PAST_DUE = "2020-03-17";
const PAST_DUE_SHOWN = /2020\. ?3\. ?17\./;
const NOTES = "여정 시험: 자치행정과 민원 안내 정비 (기한 지남)";
const OWNER = "자치행정과";
const OTHER = "정책기획담당관";
let actionCode = "";

/** "534.2" or "1,000.0" → tenths. */
const tenths = (text: string) => Math.round(Number(text.replace(/,/g, "")) * 10);
const shown = (t: number) => `${Math.floor(t / 10).toLocaleString("ko-KR")}.${t % 10}`;

async function planSteps(): Promise<string[]> {
  return page
    .locator("[data-testid=threshold-plan] tr[data-step]")
    .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-step") ?? ""));
}

/** The plan's intro sentence ends with "(노력도 합계 N, 쉬운 것부터)". */
async function planEffort(): Promise<number> {
  const intro = await page.getByTestId("threshold-plan").locator("p").first().textContent();
  const match = /노력도 합계 (\d+)/.exec(intro ?? "");
  expect(match, `plan intro: ${intro}`).not.toBeNull();
  return Number(match![1]);
}

/** The effort column of the plan's step for `code`. */
const stepEffortCell = (code: string) => page.locator(`tr[data-step="${code}"]`).locator("td").nth(4);

async function saveEffort(expected: string) {
  await page.getByRole("button", { name: "노력도 저장" }).click();
  await page.getByText(expected).waitFor();
}

beforeAll(async () => {
  const round = await withDatabase((db) =>
    db
      .selectFrom("rounds")
      .innerJoin("institutions", "institutions.id", "rounds.institution_id")
      .select(["rounds.id"])
      .where("institutions.code", "=", DEMO_INSTITUTION_CODE)
      .where("rounds.year", "=", 2014)
      .executeTakeFirstOrThrow(),
  );
  gapsUrl = `${baseUrl()}/rounds/${round.id}/gaps`;
  browser = await launchBrowser();
  page = await newPage(browser);
  await signIn(page, "coordinator");
});
afterAll(async () => {
  await browser?.close();
});

describe("the coordinator plans by effort", () => {
  it("raises one indicator's effort, sees the plan change, and finds the setting after a reload", async () => {
    await page.goto(gapsUrl);
    await page.getByRole("heading", { level: 1, name: "미비점·실행계획" }).waitFor();
    await page.getByRole("heading", { level: 2, name: "800.0점 달성 계획" }).waitFor();
    const before = await planSteps();
    expect(before.length).toBeGreaterThan(0);
    const effortBefore = await planEffort();
    // The plan's easiest step, made as hard as the scale allows.
    const code = before[0];
    const stepEffort = Number(await stepEffortCell(code).textContent());
    expect(stepEffort).toBeLessThan(100);
    await screenshot(page, "coordination-01-plan-before");

    const field = page.getByLabel(`${code} 노력도`, { exact: true });
    await field.fill("100");
    await saveEffort("노력도를 저장했습니다. 계획을 다시 계산했습니다.");
    // Either the step now weighs 100, or the plan reaches 800 another way without it; its effort total is not smaller.
    // The saved notice can show a moment before the recalculated plan (React Router commits the action's answer while
    // it reloads the page's data): wait for the plan as a person would.
    await expect
      .poll(async () => ((await planSteps()).includes(code) ? await stepEffortCell(code).textContent() : "gone"), {
        timeout: 10_000,
      })
      .toMatch(/^(100|gone)$/);
    const after = await planSteps();
    if (after.includes(code)) {
      expect(await planEffort()).toBe(effortBefore - stepEffort + 100);
    } else {
      expect(after).not.toEqual(before);
      expect(await planEffort()).toBeGreaterThanOrEqual(effortBefore);
    }
    await screenshot(page, "coordination-02-plan-effort-raised");

    // The setting is stored with the round: a reload shows it in the field and in the plan.
    await page.goto(gapsUrl);
    expect(await page.getByLabel(`${code} 노력도`, { exact: true }).inputValue()).toBe("100");
    expect(await planSteps()).toEqual(after);

    // Put it back (the field left empty uses the gap kind's weight): the plan is the one the page opened with.
    await page.getByLabel(`${code} 노력도`, { exact: true }).fill("");
    await saveEffort("노력도를 저장했습니다. 계획을 다시 계산했습니다.");
    await expect.poll(() => planSteps(), { timeout: 10_000 }).toEqual(before);
    expect(await planEffort()).toBe(effortBefore);
  });

  it("sets a what-if target for one indicator and sees the projected total rise by its points", async () => {
    await page.goto(gapsUrl);
    const intro = await page
      .getByRole("heading", { level: 1, name: "미비점·실행계획" })
      .locator("xpath=..")
      .textContent();
    const current = tenths(/현재 총점 ([\d,]+\.\d)/.exec(intro ?? "")![1]);
    const row = page.locator("tr[data-whatif]").first();
    const code = (await row.getAttribute("data-whatif"))!;
    const [self, max] = (await row.locator("td").nth(3).textContent())!.split("/").map((s) => tenths(s.trim()));
    expect(max).toBeGreaterThan(self);
    const target = page.getByLabel(`${code} 목표 점수`, { exact: true });
    let targetTenths = max;
    if ((await target.evaluate((el) => el.tagName)) === "SELECT") {
      const options = await target.locator("option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
      const highest = options.filter(Boolean).at(-1)!;
      targetTenths = tenths(highest);
      await target.selectOption(highest);
    } else {
      await target.fill(shown(max));
    }
    await Promise.all([
      page.waitForURL((url) => url.searchParams.has(`to.${code}`)),
      page.getByRole("button", { name: "예상 총점 계산" }).click(),
    ]);
    const gain = targetTenths - self;
    const total = page.getByTestId("whatif-total");
    await expect.poll(() => total.textContent(), { timeout: 10_000 }).toContain(`+${shown(gain)}점`);
    expect(await total.textContent()).toContain(`목표 1개 지표를 이루면`);
    expect(await total.textContent()).toContain(`예상 총점 ${shown(current + gain)}점`);
    // Nothing is saved: the target stays in the link only.
    expect(await page.getByLabel(`${code} 목표 점수`, { exact: true }).inputValue()).toBe(shown(targetTenths));
    await screenshot(page, "coordination-03-whatif");
  });
});

describe("an overdue action item reaches its department", () => {
  it("records an action item for 자치행정과 with a due date in the past on the gaps page", async () => {
    await page.goto(gapsUrl);
    const row = page.locator("tr[data-gap]").last();
    actionCode = (await row.getAttribute("data-gap"))!;
    // The row's link (실행계획 만들기 or, if another journey made one, 고치기) opens its form.
    await row.getByRole("link", { name: /실행계획 (만들기|고치기)/ }).click();
    const form = page.getByRole("form", { name: `${actionCode} 실행계획` });
    await form.waitFor();
    await form.getByLabel("조치 부서").selectOption({ label: OWNER });
    await form.getByLabel("완료 예정일").fill(PAST_DUE);
    await form.getByLabel("진행 상태").selectOption("open");
    await form.getByLabel("조치 내용").fill(NOTES);
    await form.getByRole("button", { name: "실행계획 저장" }).click();
    await page.getByTestId(`saved-${actionCode}`).waitFor();
    // The row's summary comes with the reloaded page data, a moment after the saved mark.
    const summaryOf = () => page.getByTestId(`action-${actionCode}`).textContent();
    await expect.poll(summaryOf, { timeout: 10_000 }).toContain(NOTES);
    const summary = await summaryOf();
    expect(summary).toContain(OWNER);
    expect(summary).toMatch(PAST_DUE_SHOWN);
    expect(summary).toContain(NOTES);
  });

  it("finds it in the list across rounds with the overdue filter and by department", async () => {
    await page.goto(`${baseUrl()}/action-items`);
    await page.getByRole("heading", { level: 1, name: "실행계획 목록" }).waitFor();
    const search = page.getByRole("search", { name: "실행계획 거르기" });
    await search.getByLabel("완료 예정일이 지난 것만").check();
    await Promise.all([
      page.waitForURL((url) => url.searchParams.get("overdue") === "1"),
      search.getByRole("button", { name: "적용" }).click(),
    ]);
    const mine = page.locator("tr[data-action-item]", { hasText: NOTES });
    await mine.waitFor();
    expect(await mine.textContent()).toContain("기한 지남");
    expect(await mine.textContent()).toContain(OWNER);
    expect(await mine.textContent()).toContain(actionCode);
    // Every row the overdue filter shows is marked overdue. The address changes a moment before the filtered list
    // shows (the router pushes it, then React renders), so the list is read until it has settled.
    const rows = page.locator("tr[data-action-item]");
    const overdueBadges = rows.locator(".badge", { hasText: "기한 지남" });
    await expect.poll(async () => (await rows.count()) - (await overdueBadges.count()), { timeout: 10_000 }).toBe(0);
    await screenshot(page, "coordination-04-action-items-overdue");

    await search.getByLabel("조치 부서").selectOption({ label: OWNER });
    await Promise.all([
      page.waitForURL((url) => url.searchParams.has("department")),
      search.getByRole("button", { name: "적용" }).click(),
    ]);
    await mine.waitFor();
    // Only 자치행정과's items are left.
    const owners = () =>
      rows.evaluateAll((rs) => [...new Set(rs.map((r) => r.querySelectorAll("td")[3]?.textContent))]);
    await expect.poll(owners, { timeout: 10_000 }).toEqual([OWNER]);
    await screenshot(page, "coordination-05-action-items-department");

    await search.getByLabel("조치 부서").selectOption({ label: OTHER });
    const otherId = await search.getByLabel("조치 부서").inputValue();
    await Promise.all([
      page.waitForURL((url) => url.searchParams.get("department") === otherId),
      search.getByRole("button", { name: "적용" }).click(),
    ]);
    await expect.poll(() => mine.count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(owners, { timeout: 10_000 }).not.toContain(OWNER);
  });

  it("shows it to 자치행정과 in its list and as a notice, and not to 정책기획담당관", async () => {
    await signOut(page);
    await signIn(page, "member2");
    // The worklist's notices panel loads after the page.
    const notices = page.getByTestId("notices");
    await notices.waitFor();
    const overdue = notices.locator("li", { hasText: "완료 예정일이 지난 실행계획:" });
    await overdue.waitFor();
    expect(await overdue.textContent()).toContain(actionCode);
    expect(await overdue.textContent()).toMatch(PAST_DUE_SHOWN);
    const noticeHrefs = await overdue
      .locator("a")
      .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
    await screenshot(page, "coordination-06-member2-notice");
    // Every link in the notice opens for 자치행정과 (an indicator another department answers is named, not linked).
    for (const href of noticeHrefs) expect(await statusOfPage(page, href), href).toBe(200);

    await page.goto(`${baseUrl()}/action-items`);
    await page.getByRole("heading", { level: 1, name: "실행계획 목록" }).waitFor();
    expect(await page.getByText("우리 부서가 맡은 모든 회차의 실행계획입니다.").count()).toBe(1);
    // Department staff have no department filter: the list is their own department's.
    expect(await page.getByLabel("조치 부서").count()).toBe(0);
    const mine = page.locator("tr[data-action-item]", { hasText: NOTES });
    await mine.waitFor();
    expect(await mine.textContent()).toContain("기한 지남");
    await screenshot(page, "coordination-07-member2-action-items");
    // The code links to the indicator only where 자치행정과 answers it: every link in the list opens, none is a 403.
    const answers = await withDatabase((db) =>
      db
        .selectFrom("assignments as a")
        .innerJoin("departments as d", "d.id", "a.department_id")
        .select("a.id")
        .where("a.indicator_code", "=", actionCode)
        .where("d.name", "=", OWNER)
        .where("a.round_id", "=", Number(/rounds\/(\d+)/.exec(gapsUrl)![1]))
        .executeTakeFirst(),
    );
    expect(await mine.getByRole("link", { name: actionCode, exact: true }).count()).toBe(answers ? 1 : 0);
    const hrefs = await page
      .locator("tr[data-action-item] a")
      .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
    for (const href of hrefs.slice(0, 5)) expect(await statusOfPage(page, href), href).toBe(200);

    await signOut(page);
    await signIn(page, "member");
    await page.goto(`${baseUrl()}/action-items`);
    await page.getByRole("heading", { level: 1, name: "실행계획 목록" }).waitFor();
    expect(await page.locator("tr[data-action-item]", { hasText: NOTES }).count()).toBe(0);
    expect(await page.locator("tr[data-action-item]", { hasText: OWNER }).count()).toBe(0);
    await page.goto(`${baseUrl()}/`);
    // The notices panel has loaded when it lists notices or says there are none.
    await page.getByTestId("notices").or(page.getByText("새 알림이 없습니다.")).first().waitFor();
    expect(await page.locator("[data-testid=notices] li", { hasText: NOTES }).count()).toBe(0);
    const noticeLinks = page.locator("[data-testid=notices] li", { hasText: "실행계획" }).getByRole("link");
    expect(await noticeLinks.allTextContents()).not.toContain(actionCode);
  });
});

describe("a department member's mail setting", () => {
  const receive = (p: Page): Locator => p.getByRole("checkbox", { name: /메일 받기/ });

  it("turns mail off, finds it off after a reload, and turns it on again", async () => {
    // Signed in as `member` by the journey above; sign in again when this block runs alone.
    if (!(await page.getByRole("button", { name: "로그아웃" }).count())) await signIn(page, "member");
    await page.goto(`${baseUrl()}/account/password`);
    await page.getByRole("heading", { level: 2, name: "메일 알림" }).waitFor();
    if (!(await receive(page).isChecked())) {
      // Another run left it off: start from on.
      await receive(page).check();
      await page.getByRole("button", { name: "메일 설정 저장" }).click();
      await page.getByText("메일 알림을 켰습니다.").waitFor();
    }
    await receive(page).uncheck();
    await page.getByRole("button", { name: "메일 설정 저장" }).click();
    await page.getByText("메일 알림을 껐습니다. 화면 알림은 계속 보입니다.").waitFor();
    expect(await receive(page).isChecked()).toBe(false);
    await screenshot(page, "coordination-08-mail-off");

    await page.goto(`${baseUrl()}/account/password`);
    await page.getByRole("heading", { level: 2, name: "메일 알림" }).waitFor();
    expect(await receive(page).isChecked()).toBe(false);

    await receive(page).check();
    await page.getByRole("button", { name: "메일 설정 저장" }).click();
    await page.getByText("메일 알림을 켰습니다.").waitFor();
    await page.goto(`${baseUrl()}/account/password`);
    expect(await receive(page).isChecked()).toBe(true);
  });
});
