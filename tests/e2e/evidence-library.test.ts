// A department's evidence library, as its clerk uses it: the BSC regulation uploaded once and linked to the
// department's four BSC indicators in one step, seen on each indicator page, unlinked from one without touching the
// others, and offered again in the next round; last year's answer beside the form and "use last year's answer".
// Runs in an institution of its own, so the demo round and the other journeys are untouched.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "~/utils/password.server";
import { createRound } from "~/utils/round-admin.server";
import { baseUrl, DEMO_PASSWORD, launchBrowser, newPage, screenshot, signIn } from "./browser";
import { withDatabase } from "./db";

const EDITION = "2014-sigungu-v2";
let browser: Browser;
let page: Page;
let institutionId: number;
let departmentId: number;
let coordinatorId: number;
let firstRound: number;
let bsc: { code: string; title: string }[] = [];

async function prepare() {
  const hash = await hashPassword(DEMO_PASSWORD);
  await withDatabase(async (db) => {
    const now = new Date().toISOString();
    const inst = await db
      .insertInto("institutions")
      .values({ code: "e2e-library", name: "자료실구", region: "서울특별시", type: "sigungu", created_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    institutionId = inst.id;
    const dept = await db
      .insertInto("departments")
      .values({ institution_id: inst.id, name: "기획예산과", created_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    departmentId = dept.id;
    for (const [username, display, role] of [
      ["e2e-library-clerk", "이성과 주무관", "department_member"],
      ["e2e-library-coord", "박총괄 주무관", "coordinator"],
    ] as const) {
      const user = await db
        .insertInto("users")
        .values({ username, display_name: display, password_hash: hash, created_at: now, updated_at: now })
        .returning("id")
        .executeTakeFirstOrThrow();
      if (role === "coordinator") coordinatorId = user.id;
      await db
        .insertInto("memberships")
        .values({ user_id: user.id, institution_id: inst.id, role, department_id: dept.id, created_at: now })
        .execute();
    }
    bsc = await db
      .selectFrom("edition_indicators")
      .select(["code", "title"])
      .where("edition_id", "=", EDITION)
      .where("tags", "like", "%,bsc,%")
      .orderBy("sort_order")
      .execute();
    expect(bsc).toHaveLength(4);
    firstRound = (
      await db
        .insertInto("rounds")
        .values({
          institution_id: inst.id,
          edition_id: EDITION,
          year: 2014,
          title: "2014년 자율진단",
          state: "open",
          deadline_at: "2030-08-29T09:00:00.000Z",
          created_at: now,
          updated_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
    for (const i of bsc)
      await db
        .insertInto("assignments")
        .values({ round_id: firstRound, indicator_code: i.code, department_id: dept.id, role: "lead", created_at: now })
        .execute();
  });
}

/** A small real PDF on disk, as the clerk has it. */
function regulationPdf(): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bsc-")), "성과관리(BSC) 운영규정.pdf");
  fs.writeFileSync(file, `%PDF-1.4\n% 자료실구 성과관리(BSC) 운영 규정 ${Date.now()}\n%%EOF\n`);
  return file;
}

beforeAll(async () => {
  await prepare();
  browser = await launchBrowser();
  page = await newPage(browser);
  await signIn(page, "e2e-library-clerk");
});
afterAll(async () => {
  await browser?.close();
});

const libraryFiles = () => page.getByTestId("library-file");

describe("evidence library", () => {
  it("uploads the BSC regulation once and links it to the four BSC indicators in one step", async () => {
    await page.goto(`${baseUrl()}/rounds/${firstRound}/library`);
    await page.getByRole("heading", { level: 1, name: /증빙 자료실/ }).waitFor();
    await page.getByLabel("파일", { exact: true }).setInputFiles(regulationPdf());
    await page.getByLabel("자료 이름 (선택)").fill("성과관리(BSC) 운영 규정");
    for (const i of bsc) await page.getByRole("checkbox", { name: new RegExp(i.code.replace(/\./g, "\\.")) }).check();
    await page.getByRole("button", { name: "올리고 연결" }).click();
    await expect
      .poll(() => page.getByTestId("library-notice").textContent())
      .toBe("'성과관리(BSC) 운영 규정'을(를) 자료실에 두고 4개 지표에 연결했습니다.");
    await expect.poll(() => libraryFiles().count()).toBe(1);
    expect(await page.getByTestId("library-current").locator("li").allTextContents()).toEqual(
      bsc.map((i) => expect.stringContaining(i.code)),
    );
    // The form is empty again, so a second click cannot send the same file twice.
    await expect.poll(() => page.getByLabel("자료 이름 (선택)").inputValue()).toBe("");
    await screenshot(page, "evidence-library");
  });

  it("shows the file on each BSC indicator page, marked as the library's", async () => {
    for (const i of bsc) {
      await page.goto(`${baseUrl()}/rounds/${firstRound}/indicators/${encodeURIComponent(i.code)}`);
      await page.getByRole("heading", { name: "진단 기준" }).waitFor();
      const list = page.getByTestId("evidence-list");
      await expect.poll(() => list.locator("li").count()).toBe(1);
      expect(await list.textContent()).toContain("성과관리(BSC) 운영 규정");
      expect(await list.getByTestId("library-badge").count()).toBe(1);
    }
  });

  it("unlinks one indicator from its page; the others keep the file and it is offered back from the library", async () => {
    const [first, ...rest] = bsc;
    await page.goto(`${baseUrl()}/rounds/${firstRound}/indicators/${encodeURIComponent(first.code)}`);
    await page.getByRole("heading", { name: "진단 기준" }).waitFor();
    page.once("dialog", (d) => void d.accept());
    await page.getByRole("button", { name: /연결 해제/ }).click();
    await page.getByText("등록된 증빙자료가 없습니다.").waitFor();
    await expect.poll(() => page.getByTestId("evidence-list").count()).toBe(0);
    // Attach it again from the library, in one step.
    const attach = page.getByTestId("library-attach");
    await attach.getByRole("button", { name: "첨부" }).click();
    await expect.poll(() => page.getByTestId("evidence-list").locator("li").count()).toBe(1);
    // Fill the answer so next year's page has last year's answer beside the form.
    await page.getByRole("radio", { name: "시행", exact: true }).check();
    const yes = page.getByRole("radio", { name: "예 (충족)" });
    if (await yes.count()) await yes.check();
    const level = page.locator('input[name="level"]');
    if (await level.count()) await level.first().check();
    await page.getByLabel("추진 실적 설명").fill("2014년 기관 민원 목표를 수립하고 전 부서에 공유함");
    await page.getByRole("button", { name: "임시 저장", exact: true }).click();
    await expect.poll(() => page.getByTestId("save-state").textContent()).toMatch(/저장/);
    for (const i of rest) {
      await page.goto(`${baseUrl()}/rounds/${firstRound}/indicators/${encodeURIComponent(i.code)}`);
      await expect.poll(() => page.getByTestId("evidence-list").locator("li").count()).toBe(1);
    }
  });

  it("offers last round's links in the next round, and takes them in one click", async () => {
    const secondRound = await withDatabase(async (db) => {
      const created = await createRound(
        db,
        {
          userId: coordinatorId,
          isSystemAdmin: false,
          memberships: [{ institutionId, role: "coordinator", departmentId }],
        },
        institutionId,
        {
          intent: "createRound",
          year: 2015,
          editionId: EDITION,
          title: "2015년 자율진단",
          deadline: "2030-08-28T18:00",
          carryOver: "assignments",
        },
      );
      expect(created.ok).toBe(true);
      await db.updateTable("rounds").set({ state: "open" }).where("id", "=", created.roundId!).execute();
      return created.roundId!;
    });
    await page.goto(`${baseUrl()}/rounds/${secondRound}/library`);
    const offer = page.getByTestId("library-offer");
    await offer.waitFor();
    expect(await offer.textContent()).toContain("지난 회차(2014년 자율진단)");
    await screenshot(page, "evidence-library-next-round");
    await offer.getByRole("button", { name: "지난 회차처럼 연결" }).click();
    await expect.poll(() => page.getByTestId("library-current").locator("li").count()).toBe(4);
    expect(await page.getByTestId("library-offer").count()).toBe(0);

    // Last year's answer beside the form; "use last year's answer" fills the form without saving.
    const code = bsc[0].code;
    await page.goto(`${baseUrl()}/rounds/${secondRound}/indicators/${encodeURIComponent(code)}`);
    const previous = page.getByTestId("previous-answer");
    await previous.waitFor();
    expect(await previous.textContent()).toContain("2014년 자율진단");
    await page.getByTestId("use-previous").click();
    await page.getByTestId("previous-prefilled").waitFor();
    await expect
      .poll(() => page.getByLabel("추진 실적 설명").inputValue())
      .toBe("2014년 기관 민원 목표를 수립하고 전 부서에 공유함");
    await page.waitForTimeout(3000); // longer than the autosave delay: nothing may be saved
    const saved = await withDatabase((db) =>
      db
        .selectFrom("responses")
        .select(["narrative"])
        .where("round_id", "=", secondRound)
        .where("indicator_code", "=", code)
        .executeTakeFirst(),
    );
    expect(saved?.narrative ?? null).toBeNull();
    await screenshot(page, "evidence-indicator-previous");
  });
});
