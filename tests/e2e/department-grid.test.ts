// A department's day of work, faster than Excel (issue 15): typing is never lost by leaving a page, and a department
// fills all its indicators in one grid, pasting columns from a spreadsheet.
import { sql } from "kysely";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, launchBrowser, newPage, screenshot, signIn } from "./browser";
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
    // Its own browser: a page kept open by a dismissed beforeunload leaves the browser in a state others should not share.
    const own = await launchBrowser();
    const page = await newPage(own);
    await signIn(page, "member");
    await openIndicator(page, target);
    await page.getByLabel("추진 실적 설명").fill("닫기 전에 묻는지");
    await page.getByTestId("save-state").filter({ hasText: "저장하지 않은" }).waitFor();
    const asked = new Promise<string>((resolve) => page.once("dialog", (d) => (resolve(d.type()), void d.dismiss())));
    await page.close({ runBeforeUnload: true });
    expect(await asked).toBe("beforeunload");
    expect(page.isClosed()).toBe(false);
    // Teardown only: Chromium may report the page as gone once a dismissed beforeunload dialog is closed with it.
    await own.close().catch(() => {});
  });
});

/**
 * Twenty indicators the member's department newly supports in its open round: still editable, consecutive in the
 * rubric's order with none of the department's own editable indicators between them, so they are twenty consecutive
 * rows of its grid's "editable only" view.
 */
async function twentyEditableRows(): Promise<{ round_id: number; codes: string[]; implemented: (number | null)[] }> {
  return withDatabase(async (db) => {
    const { rows } = await sql<{
      round_id: number;
      department_id: number;
      code: string;
      mine: number;
      open: number;
      implemented: number | null;
    }>`
      select r.id as round_id, m.department_id, ei.code, rs.implemented,
        case when own.id is null then 0 else 1 end as mine,
        case when coalesce(rs.status, 'not_started') in ('not_started', 'draft', 'returned') then 1 else 0 end as open
      from memberships m join users u on u.id = m.user_id and u.username = 'member'
      join rounds r on r.institution_id = m.institution_id and r.state = 'open'
      join edition_indicators ei on ei.edition_id = r.edition_id
      left join assignments own on own.round_id = r.id and own.indicator_code = ei.code and own.department_id = m.department_id
      left join responses rs on rs.round_id = r.id and rs.indicator_code = ei.code
      order by r.id desc, ei.sort_order`.execute(db);
    // The grid's "editable only" view hides what is handed in, so only the department's editable rows break a run.
    let run: typeof rows = [];
    for (const row of rows) {
      if (row.mine && row.open) run = [];
      else if (!row.mine && row.open) run.push(row);
      if (run.length === 20) break;
    }
    expect(run.length, "twenty editable indicators in a row").toBe(20);
    for (const row of run)
      await db
        .insertInto("assignments")
        .values({
          round_id: row.round_id,
          indicator_code: row.code,
          department_id: row.department_id,
          role: "support",
          created_at: new Date().toISOString(),
        })
        .execute();
    return { round_id: run[0]!.round_id, codes: run.map((r) => r.code), implemented: run.map((r) => r.implemented) };
  });
}

async function stored(roundId: number, codes: string[]) {
  return withDatabase((db) =>
    db
      .selectFrom("responses")
      .select(["indicator_code", "implemented", "version"])
      .where("round_id", "=", roundId)
      .where("indicator_code", "in", codes)
      .execute(),
  );
}

async function auditCount(roundId: number) {
  return withDatabase(async (db) =>
    Number(
      (
        await db
          .selectFrom("audit_events")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("round_id", "=", roundId)
          .where("entity", "=", "response")
          .executeTakeFirstOrThrow()
      ).n,
    ),
  );
}

/** Pastes `text` into a cell as a spreadsheet's clipboard would deliver it. */
async function paste(page: Page, cellLabel: string, text: string) {
  const cell = page.getByLabel(cellLabel, { exact: true });
  await cell.focus();
  await cell.evaluate((el, value) => {
    const data = new DataTransfer();
    data.setData("text/plain", value);
    el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

describe("the department grid", () => {
  it("refuses a pasted column with one wrong cell, naming row and column, then saves the corrected paste at once", async () => {
    const { round_id, codes, implemented } = await twentyEditableRows();
    const page = await newPage(browser);
    await signIn(page, "member");
    await page.goto(`${baseUrl()}/rounds/${round_id}/work`);
    await page.getByRole("link", { name: "한 표에서 모두 입력하기(엑셀처럼)" }).click();
    await page.getByRole("heading", { level: 1, name: "한눈에 입력" }).waitFor();
    await page.getByRole("link", { name: "수정할 수 있는 지표만" }).click();
    await page.waitForURL(/editable=1/);
    const order = await page
      .locator("tr[data-code]")
      .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-code")));
    const start = order.indexOf(codes[0]!);
    expect(order.slice(start, start + 20)).toEqual(codes);
    await screenshot(page, "grid-01-before");

    const before = await stored(round_id, codes);
    const events = await auditCount(round_id);
    // Excel copies a column as lines; the seventh value is not an answer the column knows.
    // Each row gets the other answer than stored, so all twenty change.
    const answers = implemented.map((v) => (v === 1 ? "미시행" : "시행"));
    const values = answers.map((v, n) => (n === 6 ? "아마도" : v));
    await paste(page, `${codes[0]} 시행 여부`, values.join("\r\n") + "\r\n");
    const alert = page.getByTestId("grid-problems");
    await alert.waitFor();
    const message = await alert.textContent();
    expect(message).toContain(codes[6]);
    expect(message).toContain("시행 여부");
    expect(message).toContain("‘시행’ 또는 ‘미시행’");
    await expect(page.getByLabel(`${codes[6]} 시행 여부`, { exact: true }).getAttribute("aria-invalid")).resolves.toBe(
      "true",
    );
    await screenshot(page, "grid-02-invalid-paste");
    // Nothing reached the server, even after the autosave delay.
    await page.waitForTimeout(3500);
    expect(await stored(round_id, codes)).toEqual(before);
    expect(await auditCount(round_id)).toBe(events);

    // The corrected column, pasted again over the same cells: all twenty saved in one request.
    const requests: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST" && r.url().includes("/work/grid")) requests.push(r.url());
    });
    values[6] = answers[6]!;
    await paste(page, `${codes[0]} 시행 여부`, values.join("\r\n") + "\r\n");
    await page.getByTestId("grid-state").filter({ hasText: "20개 행 저장됨" }).waitFor({ timeout: 20_000 });
    expect(requests).toHaveLength(1);
    const after = await stored(round_id, codes);
    expect(after).toHaveLength(20);
    for (const [n, code] of codes.entries())
      expect(after.find((r) => r.indicator_code === code)?.implemented, code).toBe(values[n] === "시행" ? 1 : 0);
    // One audit event per changed response, through the one write path.
    expect(await auditCount(round_id)).toBe(events + 20);
    await screenshot(page, "grid-03-saved");

    // After a reload the grid shows what is stored.
    await page.reload();
    await expect(page.getByLabel(`${codes[6]} 시행 여부`, { exact: true }).inputValue()).resolves.toBe(answers[6]);
    await expect(page.getByLabel(`${codes[0]} 시행 여부`, { exact: true }).inputValue()).resolves.toBe(answers[0]);

    // Keyboard: Enter moves down a column, the arrows across.
    await page.getByLabel(`${codes[0]} 시행 여부`, { exact: true }).focus();
    await page.keyboard.press("Enter");
    await expect(page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).resolves.toBe(
      `${codes[1]} 시행 여부`,
    );
    await page.keyboard.press("ArrowUp");
    await expect(page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).resolves.toBe(
      `${codes[0]} 시행 여부`,
    );

    // On a phone the table scrolls sideways and says so.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByText("옆으로 밀어").waitFor();
    await screenshot(page, "grid-04-phone");
    await page.context().close();
  });

  it("works without JavaScript as a plain form", async () => {
    const target = await editableIndicator("member");
    const context = await browser.newContext({ javaScriptEnabled: false, locale: "ko-KR", timezoneId: "Asia/Seoul" });
    const page = await context.newPage();
    await signIn(page, "member");
    await page.goto(`${baseUrl()}/rounds/${target.round_id}/work/grid`);
    const narrative = `자바스크립트 없이 ${Date.now()}`;
    await page.getByLabel(`${target.code} 추진 실적 설명`, { exact: true }).fill(narrative);
    await page.getByRole("button", { name: "변경한 행 모두 저장" }).click();
    await page.getByTestId("grid-state").filter({ hasText: "1개 행 저장됨" }).waitFor();
    expect(await storedNarrative(target)).toBe(narrative);
    await context.close();
  });
});
