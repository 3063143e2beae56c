// A coordinator runs a 민원서비스 종합평가 round in Chromium, on an institution of its own (the demo rounds stay as
// they are): create the 2024 round on the reconstructed 종합평가 edition, assign, start it, read a dashboard without
// the 800 line, paste peer scores (once with a bad line, named), read the estimated grade with its rule and source,
// record the grade received and the publication, and see the duty's state.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, todayInSeoul } from "~/domain/validity";
import { hashPassword } from "~/utils/password.server";
import { baseUrl, DEMO_PASSWORD, launchBrowser, newPage, screenshot, signIn } from "./browser";
import { withDatabase } from "./db";

const DEPARTMENTS = ["민원여권과", "감사담당관", "자치행정과", "전산정보과", "정책기획담당관"];
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
          code: "e2e-jongno",
          name: "서울특별시 종로구(시험)",
          region: "서울특별시",
          type: "sigungu",
          created_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx
        .insertInto("departments")
        .values(
          DEPARTMENTS.map((name, i) => ({
            institution_id: inst.id,
            name,
            is_lead: i === 0 ? 1 : 0,
            sort_order: i,
            created_at: now,
          })),
        )
        .execute();
      const user = await trx
        .insertInto("users")
        .values({
          username: "jongno-coordinator",
          display_name: "종로 민원관리팀",
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
  await signIn(page, "jongno-coordinator");
});
afterAll(async () => {
  await browser?.close();
});

describe("a coordinator runs a 종합평가 round", () => {
  it("creates the 2024 round on the 종합평가 edition, assigns and starts it", async () => {
    await page.goto(`${baseUrl()}/rounds/new`);
    await page.getByRole("heading", { level: 1, name: "새 회차 만들기" }).waitFor();
    await page.getByLabel("진단 연도").fill("2024");
    await page.getByLabel("회차 이름").fill("2024년 민원서비스 종합평가");
    await page.getByLabel("적용 지표 판").selectOption("2024-comprehensive-sigungu");
    await page.getByLabel("제출 기한").fill("2024-08-31T18:00");
    await Promise.all([
      page.waitForURL(/\/rounds\/\d+\?created=1/),
      page.getByRole("button", { name: "회차 만들기" }).click(),
    ]);
    roundUrl = new URL(page.url()).pathname;
    await page.goto(`${baseUrl()}${roundUrl}/assignments`);
    await page.getByRole("button", { name: "미배정 지표를 편람의 제안 부서로 배정" }).click();
    await page.getByText(/지표 \d+개의 배정을 바꿨습니다/).waitFor();
    await page.getByText("지표 20개 중 0개가 아직 주관 부서 없이 남아 있습니다.").waitFor();
    await page.goto(`${baseUrl()}${roundUrl}`);
    await page.getByRole("button", { name: "회차 시작 (부서 입력 열기)" }).click();
    await page.getByText("회차를 시작했습니다. 부서가 지표를 입력할 수 있습니다.").waitFor();
    // No absolute line: the dashboard points to the grade instead of "800점 이상".
    expect(await page.getByText("신청 기준 800.0점 이상").count()).toBe(0);
    await page.getByText("상대평가", { exact: true }).first().waitFor();
    await screenshot(page, "comprehensive-01-dashboard");
  });

  it("estimates the grade from pasted peer scores, naming a bad line first", async () => {
    await page.getByRole("link", { name: "등급 추정하기" }).click();
    await page.getByRole("heading", { level: 1, name: "등급 추정과 결과 공개" }).waitFor();
    await page.getByText(/가 10% · 나 20% · 다 40% · 라 20% · 마 10%/).waitFor();
    await page.getByLabel("비교 기관 점수 (CSV)").fill("기관,총점\n가상 기관 A,88.4\n가상 기관 B,팔십");
    await page.getByRole("button", { name: "점수 추가" }).click();
    await page.getByText("3번째 줄: 점수는 0~100 사이, 소수 둘째 자리까지 숫자로 적으세요.").waitFor();
    expect(await page.getByText("아직 넣은 비교 기관이 없습니다.").count()).toBe(1);
    const peers = ["기관,총점,1,2,3,4,5"];
    for (let n = 0; n < 9; n++)
      peers.push(`가상 기관 ${String.fromCharCode(65 + n)},${(88 - n * 2).toFixed(2)},${25 - n}`);
    await page.getByLabel("비교 기관 점수 (CSV)").fill(peers.join("\n"));
    await page.getByRole("button", { name: "점수 추가" }).click();
    await page.getByText("비교 기관 9곳의 점수를 넣었습니다.").waitFor();
    // Nothing answered yet: 0 points, last of 10 → 마.
    const total = page.locator('tr[data-part="total"]');
    expect(await total.locator("strong").textContent()).toBe("마");
    expect(await total.textContent()).toContain("10 / 10위");
    await screenshot(page, "comprehensive-02-grade-estimate");
  });

  it("fills two indicators (the coordinator may save for a department), and the estimate reads them", async () => {
    for (const code of ["1.01", "1.02"]) {
      await page.goto(`${baseUrl()}${roundUrl}/indicators/${code}`);
      await page.getByRole("radio", { name: "시행", exact: true }).check();
      await page.locator('input[name="level"]').first().check(); // A: the full points
      await page.getByLabel("추진 실적 설명").fill("2024년 민원행정 전략 수립·시행 실적");
      await page.getByRole("button", { name: "임시 저장", exact: true }).click();
      await expect.poll(() => page.getByTestId("save-state").textContent()).toMatch(/^(자동 )?저장됨/);
    }
    await page.goto(`${baseUrl()}${roundUrl}/grade`);
    // 1.01 (9 points) and 1.02 (7 points) at level A: 16 points in item 1, still below every peer's 17–25 there.
    const item1 = page.locator('tr[data-part="1"]');
    expect(await item1.locator("td").first().textContent()).toMatch(/^16 \//);
    expect(await page.locator('tr[data-part="total"]').locator("td").first().textContent()).toMatch(/^16 \//);
  });

  it("records the grade received and the publication, and shows the duty's state", async () => {
    await page.getByLabel("종합", { exact: true }).selectOption("na");
    await page.getByLabel("3. 국민신문고 민원처리").selectOption("ga");
    await page.getByLabel("종합 점수(통보된 점수)").fill("82.86");
    await page.getByRole("button", { name: "등급 저장" }).click();
    await page.getByText("받은 등급을 저장했습니다.").waitFor();
    const notified = addDays(todayInSeoul(), -20);
    await page.getByLabel("결과 통보일").fill(notified);
    await page.getByRole("button", { name: "공개 기록 저장" }).click();
    // Notified 20 days ago and nothing published: 6 days past the 14-day deadline.
    await page.getByTestId("publication-status").filter({ hasText: "공개 기한이 6일 지났습니다" }).waitFor();
    await page.getByLabel("공개 시작일").fill(addDays(notified, 10));
    await page.getByRole("button", { name: "공개 기록 저장" }).click();
    // Published on day 10 of 14: on time, and the month it must stay up is running.
    await page.getByTestId("publication-status").filter({ hasText: "게시 중(최소 기간 진행 중)" }).waitFor();
    await screenshot(page, "comprehensive-03-publication");
  });
});
