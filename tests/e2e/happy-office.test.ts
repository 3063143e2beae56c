// A coordinator runs a 국민행복민원실 cycle in Chromium, on an institution of its own (the demo rounds stay as they
// are): create the 2025 round on the reconstructed 국민행복민원실 edition, open its cycle from the dashboard, record
// 신청 → 서면심사 → 현지실사 → 체험평가 (once out of order, refused and named), add a 체험평가 visit (once without a
// scenario, named), record the selection → a new certificate with the silver plaque, valid 3 years, and find it with
// its expiry on the registry page of the institution.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "~/utils/password.server";
import { baseUrl, DEMO_PASSWORD, launchBrowser, newPage, screenshot, signIn } from "./browser";
import { withDatabase } from "./db";

let browser: Browser;
let page: Page;
let roundUrl = "";

async function seedInstitution() {
  const now = new Date().toISOString();
  const hash = await hashPassword(DEMO_PASSWORD);
  await withDatabase((db) =>
    db.transaction().execute(async (trx) => {
      const inst = await trx
        .insertInto("institutions")
        .values({
          code: "e2e-happy-yongsan",
          name: "서울특별시 용산구(시험)",
          region: "서울특별시",
          type: "sigungu",
          created_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx
        .insertInto("departments")
        .values({ institution_id: inst.id, name: "민원여권과", is_lead: 1, sort_order: 0, created_at: now })
        .execute();
      const user = await trx
        .insertInto("users")
        .values({
          username: "yongsan-coordinator",
          display_name: "용산 민원관리팀",
          password_hash: hash,
          created_at: now,
          updated_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx
        .insertInto("memberships")
        .values({
          user_id: user.id,
          institution_id: inst.id,
          role: "coordinator",
          department_id: null,
          created_at: now,
        })
        .execute();
    }),
  );
}

beforeAll(async () => {
  await seedInstitution();
  browser = await launchBrowser();
  page = await newPage(browser);
  await signIn(page, "yongsan-coordinator");
});
afterAll(async () => {
  await browser?.close();
});

async function recordStage(stage: string, date: string) {
  await page.getByLabel("단계", { exact: true }).selectOption(stage);
  await page.getByLabel("날짜", { exact: true }).fill(date);
  await page.getByRole("button", { name: "단계 기록" }).click();
}

describe("a coordinator runs a 국민행복민원실 cycle", () => {
  it("creates the 2025 round on the 국민행복민원실 edition and opens its cycle from the dashboard", async () => {
    await page.goto(`${baseUrl()}/rounds/new`);
    await page.getByRole("heading", { level: 1, name: "새 회차 만들기" }).waitFor();
    await page.getByLabel("진단 연도").fill("2025");
    await page.getByLabel("회차 이름").fill("2025년 국민행복민원실 인증");
    await page.getByLabel("적용 지표 판").selectOption("2025-happy-office");
    await page.getByLabel("제출 기한").fill("2025-06-30T18:00");
    await Promise.all([
      page.waitForURL(/\/rounds\/\d+\?created=1/),
      page.getByRole("button", { name: "회차 만들기" }).click(),
    ]);
    roundUrl = new URL(page.url()).pathname;
    expect(await page.getByText("신청 기준 800.0점 이상").count()).toBe(0);
    await page.getByRole("link", { name: "인증 주기 보기" }).click();
    await page.getByRole("heading", { level: 1, name: "국민행복민원실 인증 주기" }).waitFor();
    // The schedule from the scheme's data, with its source.
    const stages = page.getByTestId("cycle-stages");
    expect(await stages.locator('tr[data-stage="mystery"]').textContent()).toContain("2025. 9. 1. – 2025. 9. 30.");
    await page
      .getByText(/mby\.co\.kr ncd=455523/)
      .first()
      .waitFor();
    await page.getByText("시상: 2025. 11. 24. (민원공무원의 날)").waitFor();
    await screenshot(page, "happy-office-01-cycle");
  });

  it("records the stages in order, refusing one out of order with the field named", async () => {
    await recordStage("site", "2025-08-21");
    await page.getByText("날짜: 앞 단계를 먼저 기록하세요.").first().waitFor();
    expect(await page.getByTestId("cycle-stages").getByText("미기록").count()).toBe(5);
    for (const [stage, date] of [
      ["application", "2025-06-20"],
      ["document", "2025-07-18"],
      ["site", "2025-08-21"],
      ["mystery", "2025-09-16"],
    ]) {
      await recordStage(stage, date);
      await page.getByText("단계를 기록했습니다.").waitFor();
      await page
        .getByTestId("cycle-stages")
        .locator(`tr[data-stage="${stage}"]`)
        .filter({ hasText: date.replace(/-0?/g, ". ").replace(/^(\d{4})/, "$1") + "." })
        .waitFor();
    }
    expect(await page.getByTestId("cycle-stages").getByText("미기록").count()).toBe(1);
  });

  it("adds a 체험평가 visit with what was observed per criterion, naming a missing scenario first", async () => {
    await page.getByLabel("방문일").fill("2025-09-16");
    await page.getByLabel("관찰: 방문 체험: 응대 친절도").fill("입구에서 안내 직원이 먼저 다가와 용건을 물음");
    await page.getByLabel("점수(100점 만점)").fill("88");
    await page.getByRole("button", { name: "방문 기록 추가" }).click();
    await page.getByText("시나리오: 1자 이상 500자 이내로 입력하세요.").waitFor();
    await page.getByLabel("시나리오(민원인 역할)").fill("휠체어를 쓰는 고령 민원인으로 등본 발급");
    await page.getByLabel("지적·발견 사항").fill("점자 안내판이 입구에 없음");
    await page.getByLabel("후속 조치").fill("입구에 점자 안내판 설치");
    await page.getByRole("button", { name: "방문 기록 추가" }).click();
    await page.getByText("체험평가 방문 기록을 추가했습니다.").waitFor();
    const visits = page.getByTestId("mystery-visits");
    await visits.getByText("입구에서 안내 직원이 먼저 다가와 용건을 물음").waitFor();
    await visits.getByText("입구에 점자 안내판 설치").waitFor();
    await screenshot(page, "happy-office-02-visit");
  });

  it("records the selection: a new certificate, silver plaque, valid 3 years, shown in the registry", async () => {
    // No earlier 국민행복민원실 certificate: an award on 11-24 would be new (silver).
    expect(await page.getByTestId("award-preview").textContent()).toContain("은판(신규 인증)");
    await page.getByLabel("선정 통보일").fill("2025-10-24");
    await page.getByLabel("수여일").fill("2025-11-24");
    await page.getByRole("button", { name: "선정 결과 기록" }).click();
    await page.getByText("선정을 기록했습니다. 신규 인증(은판) 인증서를 만들었습니다.").waitFor();
    expect(await page.getByTestId("award-plaque").textContent()).toBe("은판(신규 인증)");
    expect(await page.getByTestId("award-validity").textContent()).toContain("2025. 11. 24. – 2028. 11. 23.");
    // The cycle is closed: no more stage or visit forms.
    expect(await page.getByRole("button", { name: "단계 기록" }).count()).toBe(0);
    await screenshot(page, "happy-office-03-award");

    await page.getByRole("link", { name: "인증 현황에서 보기" }).click();
    await page.getByRole("heading", { level: 1, name: "서울특별시 용산구(시험)" }).waitFor();
    await page
      .getByText(/2028\. 11\. 23\./)
      .first()
      .waitFor();
    await screenshot(page, "happy-office-04-registry");
    await page.goto(`${baseUrl()}${roundUrl}/cycle`);
  });
});
