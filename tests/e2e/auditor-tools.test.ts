// The auditor's tools in Chromium: five handed-in indicators approved at once from the review queue; on a round
// under review, a mistaken stage entry voided with a reason (kept, struck through) and the committee's decision to
// certify, which then appears in the registry as a proposed certification waiting for the Ministry.
import { sql } from "kysely";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, launchBrowser, newPage, screenshot, signIn } from "./browser";
import { withDatabase } from "./db";

let browser: Browser;
let page: Page;
let roundId = 0;
let department = "";
let reviewRoundId = 0;
const REVIEW_ROUND_TITLE = "2013년 자율진단 (심사 단계 확인용)";

/** The demo round and a department with five handed-in answers; a submitted 2013 round of the same institution. */
async function prepare() {
  await withDatabase(async (db) => {
    const round = await db
      .selectFrom("rounds")
      .select(["id", "institution_id", "edition_id", "created_by"])
      .where("title", "like", "2014%")
      .where("institution_id", "=", (eb) =>
        eb.selectFrom("institutions").select("id").where("name", "like", "%서대문구%"),
      )
      .orderBy("id")
      .limit(1)
      .executeTakeFirstOrThrow();
    roundId = round.id;
    // The lead department (no other journey reviews its rows), or any with five handed-in answers.
    const { rows } = await sql<{ name: string }>`
      select d.name from departments d
      join assignments a on a.department_id = d.id and a.role = 'lead' and a.round_id = ${roundId}
      join responses r on r.round_id = a.round_id and r.indicator_code = a.indicator_code and r.status = 'submitted'
      group by d.id, d.name, d.is_lead having count(*) >= 5 order by d.is_lead desc, count(*) desc limit 1`.execute(db);
    department = rows[0].name;
    // A round already handed in (the Ministry's stages are recorded once it is): set up directly, as the fixture it is.
    const now = new Date().toISOString();
    reviewRoundId = (
      await db
        .insertInto("rounds")
        .values({
          institution_id: round.institution_id,
          edition_id: round.edition_id,
          year: 2013,
          title: REVIEW_ROUND_TITLE,
          state: "submitted",
          created_by: round.created_by,
          created_at: now,
          updated_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
  });
}

beforeAll(async () => {
  await prepare();
  browser = await launchBrowser();
  page = await newPage(browser);
  await signIn(page, "auditor");
});
afterAll(async () => {
  await browser?.close();
});

describe("the auditor's tools", () => {
  it("approves five handed-in indicators at once from the review queue", async () => {
    await page.goto(`${baseUrl()}/rounds/${roundId}/review`);
    await page.getByLabel("부서").selectOption({ label: department });
    await page.getByRole("button", { name: "적용" }).click();
    await page.waitForURL(/department=/);
    const boxes = page.getByTestId("review-queue").locator("tbody input[type=checkbox]");
    await boxes.first().waitFor();
    const codes: string[] = [];
    for (let n = 0; n < 5; n++) {
      await boxes.nth(n).check();
      codes.push((await boxes.nth(n).getAttribute("value"))!.split(":")[0]);
    }
    await screenshot(page, "auditor-tools-01-selected");
    await page.getByTestId("bulk-approve").click();
    await page.getByTestId("bulk-result").filter({ hasText: "지표 5개를 승인했습니다." }).waitFor();
    const statuses = await withDatabase((db) =>
      db
        .selectFrom("responses")
        .select("status")
        .where("round_id", "=", roundId)
        .where("indicator_code", "in", codes)
        .execute(),
    );
    expect(statuses.map((s) => s.status)).toEqual(Array(5).fill("approved"));
    await page.goto(`${baseUrl()}/rounds/${roundId}/review?view=reviewed`);
    for (const code of codes) await page.locator(`[data-testid=review-queue] tr[data-code="${code}"]`).waitFor();
    await screenshot(page, "auditor-tools-02-approved");
  });

  it("voids a mistaken stage entry with a reason: it stays, struck through, with the reason", async () => {
    await page.goto(`${baseUrl()}/rounds/${reviewRoundId}/stages`);
    const record = async (stage: string, date: string, notes: string, decision?: string) => {
      await page.locator("select[name=stage]").selectOption({ label: stage });
      await page.locator("input[name=heldOn]").fill(date);
      if (decision) await page.locator("select[name=decision]").selectOption({ label: decision });
      await page.locator("textarea[name=notes]").fill(notes);
      await page.getByRole("button", { name: "기록하기", exact: true }).click();
    };
    await record("서면심사", "2013-09-16", "서면심사 실시: 증빙 122건 확인");
    await page.locator("[data-stage=document]").waitFor();
    await record("현지심사", "2013-09-02", "현지심사 (날짜 오기)");
    // 현지심사 before 서면심사 is refused, with the order named.
    await page.getByText("심사는 서면 → 교차 → 현지 → 위원회 순서입니다", { exact: false }).first().waitFor();
    await record("교차심사", "2013-09-17", "교차심사: 잘못 입력한 기록");
    const wrong = page.locator("[data-stage=cross]");
    await wrong.waitFor();
    await wrong.getByLabel("무효 사유").fill("다른 회차의 교차심사를 잘못 기록함");
    await wrong.getByRole("button", { name: "무효 처리" }).click();
    await page.getByText("기록을 무효 처리했습니다.").waitFor();
    const voided = page.locator("[data-stage=cross][data-voided=true]");
    await voided.getByTestId("voided-stage").waitFor();
    expect(await voided.textContent()).toContain("무효 · 다른 회차의 교차심사를 잘못 기록함");
    await screenshot(page, "auditor-tools-03-voided");
  });

  it("records the committee's decision to certify, which the registry shows as a proposed certification", async () => {
    await page.locator("select[name=stage]").selectOption({ label: "인증심사위원회" });
    await page.locator("input[name=heldOn]").fill("2013-12-02");
    await page.locator("select[name=decision]").selectOption({ label: "인증" });
    await page.locator("textarea[name=notes]").fill("인증심사위원회: 인증 의결");
    await page.getByRole("button", { name: "기록하기", exact: true }).click();
    await page.getByText("위원회 결정(인증)을 인증 대장 제안으로 올렸습니다.").waitFor();
    await page.goto(`${baseUrl()}/registry`);
    const proposals = page.getByTestId("proposals");
    await proposals.getByText(REVIEW_ROUND_TITLE).waitFor();
    const text = await proposals.textContent();
    expect(text).toContain("확인 대기");
    expect(text).toContain("서대문구");
    expect(text).toContain("위원회 2013. 12. 2.");
    await screenshot(page, "auditor-tools-04-registry-proposal");
  });
});
