// An auditor's journey in Chromium on the demo round: the review queue, approving one indicator, adjusting another
// with a reason, returning a third with a comment, the history and its integrity check; then the department's
// member sees the return. Works on a department no other journey uses, with a member login made for it here.
import { sql } from "kysely";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "~/utils/password.server";
import { baseUrl, DEMO_PASSWORD, launchBrowser, newPage, screenshot, signIn, signOut } from "./browser";
import { withDatabase } from "./db";

let browser: Browser;
let page: Page;
let roundId = 0;
let department = "";
let codes: string[] = [];

/** A department with three handed-in answers, none of the demo members' own, and a member login for it. */
async function prepare() {
  const hash = await hashPassword(DEMO_PASSWORD);
  await withDatabase(async (db) => {
    const round = await db
      .selectFrom("rounds")
      .select("id")
      .where("title", "like", "2014%")
      .where("institution_id", "=", (eb) =>
        eb.selectFrom("institutions").select("id").where("name", "like", "%서대문구%"),
      )
      .orderBy("id")
      .limit(1)
      .executeTakeFirstOrThrow();
    roundId = round.id;
    const {
      rows: [row],
    } = await sql<{ id: number; name: string; institution_id: number }>`
      select d.id, d.name, d.institution_id from departments d
      join assignments a on a.department_id = d.id and a.role = 'lead' and a.round_id = ${roundId}
      join responses r on r.round_id = a.round_id and r.indicator_code = a.indicator_code and r.status = 'submitted' and r.implemented = 1
      where d.name not in ('민원여권과', '정책기획담당관', '자치행정과', '감사담당관')
      group by d.id having count(*) >= 3 order by d.sort_order limit 1`.execute(db);
    department = row.name;
    const answered = await sql<{ code: string }>`
      select a.indicator_code as code from assignments a join responses r on r.round_id = a.round_id and r.indicator_code = a.indicator_code
      where a.round_id = ${roundId} and a.role = 'lead' and a.department_id = ${row.id} and r.status = 'submitted' and r.implemented = 1 order by r.id limit 3`.execute(
      db,
    );
    codes = answered.rows.map((r) => r.code);
    const now = new Date().toISOString();
    const user = await db
      .insertInto("users")
      .values({
        username: "e2e-dept-member",
        display_name: `${row.name} 담당`,
        password_hash: hash,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("memberships")
      .values({
        user_id: user.id,
        institution_id: row.institution_id,
        role: "department_member",
        department_id: row.id,
        created_at: now,
      })
      .execute();
  });
}

beforeAll(async () => {
  await prepare();
  browser = await launchBrowser();
  page = await newPage(browser);
});
afterAll(async () => {
  await browser?.close();
});

async function openIndicator(code: string) {
  await page.goto(`${baseUrl()}/rounds/${roundId}/indicators/${code}`);
  await page.getByTestId("review-panel").waitFor();
}

describe("an auditor reviews scores against their evidence", () => {
  it("opens the review queue from the home page and filters it by department", async () => {
    await signIn(page, "auditor");
    await page.getByRole("link", { name: "검토 목록", exact: true }).last().click();
    await page.getByRole("heading", { level: 1, name: "검토 목록" }).waitFor();
    await page.getByLabel("부서").selectOption({ label: department });
    await page.getByRole("button", { name: "적용" }).click();
    await page.waitForURL(/department=/);
    // The URL changes before the filtered list has rendered: wait until every row is the department's.
    await page.waitForFunction((dept) => {
      const cells = [...document.querySelectorAll("[data-testid=review-queue] tbody tr td:nth-child(4)")];
      return cells.length > 0 && cells.every((td) => td.textContent === dept);
    }, department);
    const rows = page.getByTestId("review-queue").locator("tbody tr");
    expect(await rows.count()).toBeGreaterThanOrEqual(3);
    for (const text of await rows.locator("td:nth-child(4)").allTextContents()) expect(text).toBe(department);
    await screenshot(page, "auditor-01-queue");
  });

  it("approves one indicator: the reviewed score equals the self score", async () => {
    await openIndicator(codes[0]);
    const self = (await page.getByTestId("saved-score").textContent())!;
    await page.getByRole("button", { name: "승인", exact: true }).click();
    await page.getByText("승인했습니다.").waitFor();
    // The page reloads its data after the action: wait for the reviewed score to arrive.
    await page
      .getByTestId("reviewed-score")
      .filter({ hasText: new RegExp(`^${self.replace(".", "\\.")}$`) })
      .waitFor();
    await screenshot(page, "auditor-02-approved");
  });

  it("adjusts another with a reason, shown with the score and in the comments", async () => {
    await openIndicator(codes[1]);
    await page.getByLabel(/검토 점수 \(0~/).fill("1.5");
    await page.getByLabel("조정 사유 (필수)").fill("실적 증빙이 계획서뿐이라 시행 실적을 인정하기 어려움");
    // 1.5 lies between a levels indicator's points: such a score needs its own reason (a quantitative one does not).
    const offLevel = page.getByLabel(/단계 밖 점수 사유/);
    if (await offLevel.count()) await offLevel.fill("증빙 일부만 인정하여 단계 사이 점수를 줌");
    await page.getByRole("button", { name: "조정하여 승인" }).click();
    await page.getByText("점수를 조정하여 승인했습니다.").waitFor();
    await page
      .getByTestId("reviewed-score")
      .filter({ hasText: /^1\.5$/ })
      .waitFor();
    expect(await page.getByTestId("review-reason").textContent()).toContain("계획서뿐");
    expect(await page.getByTestId("comments").textContent()).toContain("조정 사유");
    await screenshot(page, "auditor-03-adjusted");
  });

  it("returns a third with a comment, and reads its history", async () => {
    await openIndicator(codes[2]);
    await page
      .getByLabel("반려 사유 (부서에 보입니다)")
      .fill("증빙 문서에 결재일이 없습니다. 결재일이 보이는 문서로 바꿔 주세요.");
    await page.getByRole("button", { name: "부서로 반려" }).click();
    await page.getByText("부서로 반려했습니다.").waitFor();
    await page.locator("#history summary").click();
    const history = page.locator("#history");
    expect(await history.textContent()).toContain("반려");
    await screenshot(page, "auditor-04-returned");
  });

  it("reads the round's history and verifies the chain", async () => {
    await page.goto(`${baseUrl()}/rounds/${roundId}/history`);
    await page.getByRole("heading", { level: 1, name: "변경 이력" }).waitFor();
    await page.getByRole("button", { name: "지금 검증" }).click();
    await page.getByTestId("verify-result").waitFor();
    expect(await page.getByTestId("verify-result").textContent()).toContain("검증 통과");
    expect(await page.locator("tr[data-seq]").count()).toBeGreaterThanOrEqual(3);
    await screenshot(page, "auditor-05-history");
    const csv = await page.request.get(`${baseUrl()}/rounds/${roundId}/history.csv`);
    expect(csv.status()).toBe(200);
    const text = await csv.text();
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain("adjust");
    await signOut(page);
  });

  it("the department sees the return and its reason", async () => {
    await signIn(page, "e2e-dept-member");
    await page.getByRole("heading", { level: 1, name: "우리 부서 담당 지표" }).waitFor();
    const row = page.locator(`tr[data-code="${codes[2]}"]`);
    expect(await row.getAttribute("data-status")).toBe("returned");
    await screenshot(page, "auditor-06-member-worklist");
    await row.locator("a").first().click();
    await page.getByText("결재일이 보이는 문서로").first().waitFor();
    expect(await page.getByTestId("lock-notice").count()).toBe(0);
    await screenshot(page, "auditor-07-member-returned");
  });
});
