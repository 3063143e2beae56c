// A department's day of work, faster than Excel (issue 15): typing is never lost by leaving a page, and a department
// fills all its indicators in one grid, pasting columns from a spreadsheet.
import { sql } from "kysely";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, launchBrowser, newPage, signIn } from "./browser";
import { withDatabase } from "./db";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

interface Target {
  round_id: number;
  code: string;
  department_id: number;
}

/** An indicator `login`'s department leads or supports in an open round and may still edit, skipping `except`. */
async function editableIndicator(login: string, except: string[] = []): Promise<Target> {
  return withDatabase(async (db) => {
    const { rows } = await sql<Target>`
      select a.round_id, a.indicator_code as code, m.department_id
      from memberships m join users u on u.id = m.user_id and u.username = ${login}
      join rounds r on r.institution_id = m.institution_id and r.state = 'open'
      join assignments a on a.round_id = r.id and a.department_id = m.department_id
      left join responses rs on rs.round_id = a.round_id and rs.indicator_code = a.indicator_code
      where coalesce(rs.status, 'not_started') in ('not_started', 'draft', 'returned')
      order by r.id desc, a.indicator_code`.execute(db);
    const row = rows.find((r) => !except.includes(r.code));
    expect(row, `${login} has an editable indicator`).toBeTruthy();
    return row!;
  });
}

async function storedNarrative(t: Target): Promise<string | null> {
  return withDatabase(
    async (db) =>
      (
        await db
          .selectFrom("responses")
          .select("narrative")
          .where("round_id", "=", t.round_id)
          .where("indicator_code", "=", t.code)
          .executeTakeFirst()
      )?.narrative ?? null,
  );
}

async function openIndicator(page: Page, t: Target) {
  await page.goto(`${baseUrl()}/rounds/${t.round_id}/indicators/${encodeURIComponent(t.code)}`);
  await page.getByRole("heading", { name: "진단 기준" }).waitFor();
}

describe("leaving the answer form", () => {
  it("saves the typing when the member clicks back to the list within the autosave delay", async () => {
    const target = await editableIndicator("member");
    const page = await newPage(browser);
    await signIn(page, "member");
    await openIndicator(page, target);
    const narrative = `떠나기 전에 저장 ${Date.now()}`;
    await page.getByRole("radio", { name: "시행", exact: true }).check();
    await page.getByLabel("추진 실적 설명").fill(narrative);
    // The form is live (hydrated) and knows it holds unsaved typing.
    await page.getByTestId("save-state").filter({ hasText: "저장하지 않은" }).waitFor();
    // At once, well within the 2.5 s autosave delay.
    await page.getByRole("link", { name: "← 우리 부서 지표 목록" }).click();
    await page.getByRole("heading", { level: 1, name: "우리 부서 담당 지표" }).waitFor();
    expect(await storedNarrative(target)).toBe(narrative);
    await page.context().close();
  });

  it("asks before leaving when the typing cannot be saved, and stays when told to", async () => {
    // The member's department leads no quantitative indicator in the demo: it supports an open one for this step.
    const target = await withDatabase(async (db) => {
      const { rows } = await sql<Target>`
        select r.id as round_id, a.indicator_code as code, m.department_id
        from memberships m join users u on u.id = m.user_id and u.username = 'member'
        join rounds r on r.institution_id = m.institution_id and r.state = 'open'
        join assignments a on a.round_id = r.id and a.role = 'lead'
        join edition_indicators ei on ei.code = a.indicator_code and ei.edition_id = r.edition_id
        left join responses rs on rs.round_id = a.round_id and rs.indicator_code = a.indicator_code
        where ei.scoring_kind = 'quantitative' and coalesce(rs.status, 'not_started') in ('not_started', 'draft', 'returned')
        order by r.id desc, a.indicator_code desc limit 1`.execute(db);
      const row = rows[0]!;
      await db
        .insertInto("assignments")
        .values({
          round_id: row.round_id,
          indicator_code: row.code,
          department_id: row.department_id,
          role: "support",
          created_at: new Date().toISOString(),
        })
        .onConflict((oc) => oc.columns(["round_id", "indicator_code", "department_id"]).doNothing())
        .execute();
      return row;
    });
    const page = await newPage(browser);
    await signIn(page, "member");
    await openIndicator(page, target);
    await page.getByRole("radio", { name: "시행", exact: true }).check();
    await page.locator('input[name^="inputs."]').first().fill("천 일");
    await page.getByTestId("save-state").filter({ hasText: "저장하지 않은" }).waitFor();
    const dialogs: string[] = [];
    page.once("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.getByRole("link", { name: "← 우리 부서 지표 목록" }).click();
    await expect.poll(() => dialogs.length).toBe(1);
    expect(dialogs[0]).toContain("저장하지 않고");
    await page.getByRole("heading", { name: "진단 기준" }).waitFor();
    expect(new URL(page.url()).pathname).toContain("/indicators/");
    await page.context().close();
  });

  it("asks the browser's question when the tab is closed with unsaved typing", async () => {
    const target = await editableIndicator("member");
    const page = await newPage(browser);
    await signIn(page, "member");
    await openIndicator(page, target);
    await page.getByLabel("추진 실적 설명").fill("닫기 전에 묻는지");
    await page.getByTestId("save-state").filter({ hasText: "저장하지 않은" }).waitFor();
    const asked = new Promise<string>((resolve) => page.once("dialog", (d) => (resolve(d.type()), void d.dismiss())));
    await page.close({ runBeforeUnload: true });
    expect(await asked).toBe("beforeunload");
    expect(page.isClosed()).toBe(false);
    // Teardown only: Chromium may report the page as gone once a dismissed beforeunload dialog is closed with it.
    await page
      .context()
      .close()
      .catch(() => {});
  });
});
