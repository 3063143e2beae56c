// The administrator types a new edition in (the Ministry's manual arrives as HWP/PDF): copy the 2014 edition into a
// draft, change an indicator's points and a level's label, see publishing refused until the sums balance (the
// message names the item that is off), give the points back on another indicator of the item (without JavaScript,
// on the plain form), publish. A coordinator's new round then uses the new edition, while the institution's 2014
// round keeps the 2014 edition.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Edition, Indicator } from "#indicators/schema";
import { hashPassword } from "~/utils/password.server";
import { baseUrl, DEMO_PASSWORD, expectHeading, launchBrowser, newPage, screenshot, signIn, signOut } from "./browser";
import { withDatabase } from "./db";

const NEW_ID = "2015-sigungu-e2e";
const NEW_TITLE = "2015년 시·군·구 민원서비스 진단지표(편집본)";
const NEW_LABEL = "관련 규정을 마련하고 전 부서·읍면동에 시행함";
let browser: Browser;
let page: Page;
let base: Edition;
let raised: Indicator;
let lowered: Indicator;
let round2014 = 0;

/** An institution of its own with a coordinator and a 2014 round on the 2014 edition (so the demo data stays as it is). */
async function seed() {
  const now = new Date().toISOString();
  const hash = await hashPassword(DEMO_PASSWORD);
  await withDatabase(async (db) => {
    const row = await db
      .selectFrom("rubric_editions")
      .select("content")
      .where("year", "=", 2014)
      .where("institution_type", "=", "sigungu")
      .where("superseded_by", "is", null)
      .executeTakeFirstOrThrow();
    base = JSON.parse(row.content) as Edition;
    await db.transaction().execute(async (trx) => {
      const inst = await trx
        .insertInto("institutions")
        .values({
          code: "e2e-editor",
          name: "서울특별시 은평구(시험)",
          region: "서울특별시",
          type: "sigungu",
          created_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const user = await trx
        .insertInto("users")
        .values({
          username: "editor-coordinator",
          display_name: "은평 민원관리팀",
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
      round2014 = (
        await trx
          .insertInto("rounds")
          .values({
            institution_id: inst.id,
            edition_id: base.id,
            year: 2014,
            title: "2014년 자율진단(은평)",
            state: "open",
            deadline_at: "2014-08-29T09:00:00.000Z",
            created_by: user.id,
            created_at: now,
            updated_at: now,
          })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;
    });
  });
  // Two indicators of one item: the first scored by levels (its points go up), the second gives them back.
  for (const item of base.items) {
    const inItem = base.indicators.filter((i) => i.item === item.code);
    const levels = inItem.find((i) => i.scoring.kind === "levels");
    const other = inItem.find((i) => i !== levels && i.maxPoints >= 2);
    if (levels && other) {
      [raised, lowered] = [levels, other];
      break;
    }
  }
}

beforeAll(async () => {
  await seed();
  browser = await launchBrowser();
  page = await newPage(browser);
  await signIn(page, "admin");
});
afterAll(async () => {
  await browser?.close();
});

const fmt = (points: number) => points.toFixed(1);
let draftUrl = "";

describe("the administrator edits a new edition", () => {
  it("copies the 2014 edition into a draft with a new id, year and name", async () => {
    await page.goto(`${baseUrl()}/editions/${base.id}`);
    await page.getByRole("link", { name: "복사해 새 판 만들기" }).click();
    await expectHeading(page, "지표 판 복사해 초안 만들기");
    expect(await page.getByLabel("원본 판").inputValue()).toBe(base.id);
    await page.getByLabel("새 판 식별자").fill(NEW_ID);
    await page.getByLabel("연도").fill("2015");
    await page.getByLabel("판 이름").fill(NEW_TITLE);
    await screenshot(page, "editor-01-copy");
    await Promise.all([
      page.waitForURL(/\/editions\/drafts\/\d+$/),
      page.getByRole("button", { name: "복사해 초안 만들기" }).click(),
    ]);
    draftUrl = new URL(page.url()).pathname;
    await expectHeading(page, NEW_TITLE);
    await page.getByText("배점 합계가 모두 맞습니다").waitFor();
    await page.getByText("아직 바뀐 세부지표가 없습니다.").waitFor();
    await screenshot(page, "editor-02-draft");
  });

  it("raises an indicator's points and renames a level, watching the item's sum go off as it types", async () => {
    await page.getByRole("link", { name: `${raised.code} 편집` }).click();
    await expectHeading(page, `${raised.code} ${raised.title}`);
    await page.getByLabel("배점", { exact: true }).fill(String(raised.maxPoints + 2));
    await page.getByLabel("1번째 수준 내용").fill(NEW_LABEL);
    // The live check runs the edition's own validation in the browser, before anything is saved.
    const live = page.locator("#live-sums");
    await live.getByText(`진단항목 ${raised.item}`).waitFor();
    expect(await live.textContent()).toContain(
      `세부지표 배점 합 ${fmt(base.items.find((i) => i.code === raised.item)!.points + 2)}점`,
    );
    await screenshot(page, "editor-03-indicator-live");
    await page.getByRole("button", { name: "세부지표 저장" }).click();
    await page.getByText("세부지표를 저장했습니다.").waitFor();
    expect(await page.getByLabel("1번째 수준 내용").inputValue()).toBe(NEW_LABEL);
  });

  it("is refused publishing while the item's points do not add up, and told which item", async () => {
    await page.goto(`${baseUrl()}${draftUrl}`);
    await page.getByTestId("draft-diff").getByText(raised.code).waitFor();
    await page.getByRole("button", { name: "게시하기" }).click();
    const alert = page.getByRole("alert").filter({ hasText: "배점 합계가 맞지 않아 게시하지 않았습니다" });
    await alert.waitFor();
    const item = base.items.find((i) => i.code === raised.item)!;
    expect(await alert.textContent()).toContain(
      `진단항목 ${item.code} ${item.title}: 세부지표 배점 합 ${fmt(item.points + 2)}점, 배점 ${fmt(item.points)}점`,
    );
    await screenshot(page, "editor-04-publish-refused");
    await withDatabase(async (db) => {
      expect(
        await db.selectFrom("rubric_editions").select("id").where("id", "=", NEW_ID).executeTakeFirst(),
      ).toBeUndefined();
    });
  });

  it("gives the points back on another indicator of the item, on the plain form without JavaScript", async () => {
    const context = await browser.newContext({
      viewport: { width: 1366, height: 860 },
      locale: "ko-KR",
      timezoneId: "Asia/Seoul",
      javaScriptEnabled: false,
    });
    const plain = await context.newPage();
    await signIn(plain, "admin");
    await plain.goto(`${baseUrl()}${draftUrl}/indicators/${encodeURIComponent(lowered.code)}`);
    await plain.getByLabel("배점", { exact: true }).fill("두 점");
    await plain.getByRole("button", { name: "세부지표 저장" }).click();
    await plain.getByText("배점: 숫자를 입력하세요.").waitFor();
    await screenshot(plain, "editor-05-nojs-error");
    await plain.getByLabel("배점", { exact: true }).fill(String(lowered.maxPoints - 2));
    await plain.getByRole("button", { name: "세부지표 저장" }).click();
    await plain.getByText("세부지표를 저장했습니다.").waitFor();
    await context.close();
  });

  it("publishes the balanced draft; the new edition shows the changed points and label", async () => {
    await page.goto(`${baseUrl()}${draftUrl}`);
    await page.getByText("배점 합계가 모두 맞습니다").waitFor();
    await screenshot(page, "editor-06-balanced");
    await Promise.all([
      page.waitForURL(new RegExp(`/editions/${NEW_ID}\\?published=1$`)),
      page.getByRole("button", { name: "게시하기" }).click(),
    ]);
    await expectHeading(page, NEW_TITLE);
    const row = page.locator(`[id="ind-${raised.code}"]`);
    expect(await row.locator("td.num").last().textContent()).toBe(fmt(raised.maxPoints + 2));
    await row.getByText(raised.title).click();
    const level = raised.scoring.kind === "levels" ? raised.scoring.levels[0] : undefined;
    await row
      .getByText(`${level?.code}. ${NEW_LABEL} — ${fmt((raised.maxPoints + 2) * (level?.fraction ?? 1))}`)
      .waitFor();
    await screenshot(page, "editor-07-published");
    // The draft is now read-only.
    await page.goto(`${baseUrl()}${draftUrl}`);
    await page.getByText(`이 초안은 ${NEW_ID} 판으로 게시되어 더 고칠 수 없습니다.`).waitFor();
    expect(await page.getByRole("button", { name: "게시하기" }).count()).toBe(0);
    await signOut(page);
  });
});

describe("rounds and editions", () => {
  it("a coordinator's new round uses the new edition while the 2014 round keeps the 2014 edition", async () => {
    await signIn(page, "editor-coordinator");
    await page.goto(`${baseUrl()}/rounds/new`);
    await expectHeading(page, "새 회차 만들기");
    const edition = page.getByLabel("적용 지표 판");
    expect(await edition.inputValue()).toBe(NEW_ID);
    await page.getByLabel("진단 연도").fill("2015");
    await page.getByLabel("회차 이름").fill("2015년 자율진단(은평)");
    await screenshot(page, "editor-08-new-round");
    await Promise.all([
      page.waitForURL(/\/rounds\/\d+\?created=1/),
      page.getByRole("button", { name: "회차 만들기" }).click(),
    ]);
    await expectHeading(page, "2015년 자율진단(은평)");
    await page.getByText(NEW_TITLE).first().waitFor();
    const round2015 = Number(/\/rounds\/(\d+)/.exec(page.url())![1]);
    await page.goto(`${baseUrl()}/rounds/${round2014}`);
    await expectHeading(page, "2014년 자율진단(은평)");
    await page.getByText(base.title).first().waitFor();
    expect(await page.getByText(NEW_TITLE).count()).toBe(0);
    await withDatabase(async (db) => {
      const rounds = await db
        .selectFrom("rounds")
        .select(["id", "edition_id"])
        .where("id", "in", [round2014, round2015])
        .orderBy("id")
        .execute();
      expect(rounds).toEqual([
        { id: round2014, edition_id: base.id },
        { id: round2015, edition_id: NEW_ID },
      ]);
      // The 2014 edition's content is what the shipped file says, untouched by the copy and its edits.
      const original = JSON.parse(
        (await db.selectFrom("rubric_editions").select("content").where("id", "=", base.id).executeTakeFirstOrThrow())
          .content,
      ) as Edition;
      expect(original.indicators.find((i) => i.code === raised.code)!.maxPoints).toBe(raised.maxPoints);
    });
  });
});
