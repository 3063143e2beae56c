// A department member's journey: sign in, see the worklist, answer two indicators of different scoring methods,
// upload evidence, submit one, hand in the rest, meet a conflict, and save without JavaScript.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Kysely, sql } from "kysely";
import type { Database } from "#db/schema";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, launchBrowser, newPage, screenshot as fullScreenshot, signIn, statusOfPage } from "./browser";
import { withDatabase } from "./db";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

interface Row {
  code: string;
  kind: string;
  status: string;
  role: string;
  href: string;
}

async function worklist(page: Page): Promise<Row[]> {
  await page.goto(`${baseUrl()}/`);
  await page.getByRole("heading", { level: 1, name: "우리 부서 담당 지표" }).waitFor();
  return page.locator("tr[data-code]").evaluateAll((rows) =>
    rows.map((r) => ({
      code: r.getAttribute("data-code")!,
      kind: r.getAttribute("data-kind")!,
      status: r.getAttribute("data-status")!,
      role: r.getAttribute("data-role")!,
      href: r.querySelector("a")!.getAttribute("href")!,
    })),
  );
}

/** Full-page screenshots from the top, so the sticky rubric sits where a person first sees it. */
async function screenshot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0)).catch(() => {});
  await fullScreenshot(page, name);
}

const editable = (r: Row) => r.role === "lead" && ["not_started", "draft", "returned"].includes(r.status);

/** Fills a complete, implemented answer fitted to the indicator's scoring method. */
async function answer(page: Page, kind: string, narrative: string) {
  await page.getByRole("radio", { name: "시행", exact: true }).check();
  // A yes/no indicator asks once: 시행 is its yes (no second 충족 여부 question).
  if (kind === "yesno") expect(await page.getByRole("radio", { name: "예 (충족)" }).count()).toBe(0);
  if (kind === "levels") await page.locator('input[name="level"]').first().check();
  if (kind === "quantitative") {
    const inputs = page.locator('input[name^="inputs."]');
    const n = await inputs.count();
    for (let i = 0; i < n; i++) await inputs.nth(i).fill(String(1200 - i * 300));
  }
  await page.getByLabel("추진 실적 설명").fill(narrative);
  await page.getByTestId("live-score-value").waitFor();
}

/** The member, signed in on an indicator's page of a round. */
async function openAsMember(login: string, target: { round_id: number; code: string }): Promise<Page> {
  const page = await newPage(browser);
  await signIn(page, login);
  await page.goto(`${baseUrl()}/rounds/${target.round_id}/indicators/${encodeURIComponent(target.code)}`);
  await page.getByRole("heading", { name: "진단 기준" }).waitFor();
  return page;
}

/** Makes a department support an indicator of a round (the demo members lead none of the kind some steps need). */
async function addSupport(db: Kysely<Database>, row: { round_id: number; code: string; department_id: number }) {
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
}

const PDF = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

describe("department member", () => {
  let login = "member";
  let first: Row;
  let second: Row;
  let third: Row | undefined;

  it("sees the worklist with progress, points, deadline and notices", async () => {
    const page = await newPage(browser);
    for (const candidate of ["member", "member2"]) {
      await signIn(page, candidate);
      const rows = (await worklist(page)).filter(editable);
      const a = rows[0];
      const b = rows.find((r) => r.kind !== a?.kind);
      if (a && b) {
        login = candidate;
        first = a;
        second = b;
        third = rows.find((r) => r !== a && r !== b && r.status === "not_started");
        break;
      }
      await page.context().clearCookies();
    }
    expect(first && second, "a member leads editable indicators of two scoring methods").toBeTruthy();
    await expect(page.getByTestId("progress").textContent()).resolves.toMatch(/\d+ \/ \d+개 제출/);
    await expect(page.getByText("배점 합계").isVisible()).resolves.toBe(true);
    await expect(page.getByText("제출 기한").first().isVisible()).resolves.toBe(true);
    await page.getByRole("heading", { name: "알림" }).waitFor();
    await page
      .locator(".notices-panel")
      .getByText(/새|없습니다|반려|기한/)
      .first()
      .waitFor();
    await screenshot(page, "dept-01-worklist");
    await page.context().close();
  });

  it("answers the first indicator, uploads a file with a Korean name, and submits it", async () => {
    const page = await newPage(browser);
    await signIn(page, login);
    await page.goto(`${baseUrl()}${first.href}`);
    await page.getByRole("heading", { name: "진단 기준" }).waitFor();
    await answer(page, first.kind, "2014년 추진계획 수립·시행, 분기별 실적 점검(e2e)");
    await page.getByRole("button", { name: "임시 저장" }).click();
    await expect(page.getByTestId("save-state").filter({ hasText: "저장됨" }).waitFor()).resolves.toBeUndefined();
    await expect(page.locator(".page-head .badge").first().textContent()).resolves.toBe("작성중");

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dept-e2e-"));
    const file = path.join(dir, "2014년 민원처리 실적(최종).pdf");
    fs.writeFileSync(file, PDF, "latin1");
    await page.getByLabel("제목").first().fill("민원처리 실적 보고");
    await page.locator("#ev-file").setInputFiles(file);
    await page.getByRole("button", { name: "올리기" }).click();
    const item = page.getByTestId("evidence-list").locator("li", { hasText: "민원처리 실적 보고" });
    await item.waitFor();
    await expect(item.textContent()).resolves.toContain("2014년 민원처리 실적(최종).pdf");
    await expect(item.textContent()).resolves.toMatch(/주무관/);
    const href = await item.getByRole("link", { name: "민원처리 실적 보고" }).getAttribute("href");
    const download = await page.request.get(`${baseUrl()}${href}`);
    expect(download.status()).toBe(200);
    expect(download.headers()["content-disposition"]).toContain(
      `filename*=UTF-8''${encodeURIComponent("2014년 민원처리 실적").replace(/\(/g, "%28")}`,
    );
    expect((await download.body()).toString("latin1")).toBe(PDF);

    // A file whose content is not what its name says is refused with a Korean message.
    const fake = path.join(dir, "가짜문서.pdf");
    fs.writeFileSync(fake, "MZ this is not a pdf");
    await page.locator("#ev-file").setInputFiles(fake);
    await page.getByRole("button", { name: "올리기" }).click();
    await page.getByText("내용이 확장자(pdf)와 맞지 않습니다").waitFor();
    await screenshot(page, "dept-02-first-indicator-evidence");

    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: "검토 요청(제출)" }).click();
    await page.getByTestId("lock-notice").waitFor();
    await expect(page.getByTestId("lock-notice").textContent()).resolves.toContain("제출된 지표입니다");
    await expect(page.locator(".page-head .badge").first().textContent()).resolves.toBe("제출");
    await expect(page.getByLabel("추진 실적 설명").isDisabled()).resolves.toBe(true);
    expect(await page.getByRole("button", { name: "임시 저장" }).count()).toBe(0);
    await screenshot(page, "dept-03-first-submitted");
    await page.context().close();
  });

  it("autosaves the second indicator, and a stale second window gets the conflict instead of overwriting", async () => {
    const a = await newPage(browser);
    const b = await newPage(browser);
    await signIn(a, login);
    await signIn(b, login);
    await a.goto(`${baseUrl()}${second.href}`);
    await b.goto(`${baseUrl()}${second.href}`);
    await a.getByRole("heading", { name: "진단 기준" }).waitFor();
    await b.getByRole("heading", { name: "진단 기준" }).waitFor();
    await answer(a, second.kind, "첫 번째 창에서 작성한 내용");
    await a.getByTestId("save-state").filter({ hasText: "자동 저장됨" }).waitFor();
    await screenshot(a, "dept-04-second-autosaved");

    await b.getByRole("radio", { name: "미시행", exact: true }).check();
    await b.getByLabel("추진 실적 설명").fill("두 번째 창의 오래된 화면에서 작성");
    await b.getByTestId("conflict").waitFor();
    await expect(b.getByTestId("conflict").textContent()).resolves.toContain("첫 번째 창에서 작성한 내용");
    await screenshot(b, "dept-05-conflict");
    await b.getByRole("link", { name: "저장된 내용 불러오기" }).click();
    await expect(b.getByLabel("추진 실적 설명").inputValue()).resolves.toBe("첫 번째 창에서 작성한 내용");
    await a.reload();
    await expect(a.getByLabel("추진 실적 설명").inputValue()).resolves.toBe("첫 번째 창에서 작성한 내용");
    await a.context().close();
    await b.context().close();
  });

  it("scores a quantitative indicator live in the browser and again on the server, as a supporting department", async () => {
    // The demo members lead no quantitative indicator; make the member's department support an open one
    // (the speed index when it is still open).
    const target = await withDatabase(async (db) => {
      const {
        rows: [row],
      } = await sql<{ round_id: number; code: string; department_id: number }>`
        select a.round_id, a.indicator_code as code, m.department_id
        from memberships m join users u on u.id = m.user_id and u.username = ${login}
        join rounds r on r.institution_id = m.institution_id and r.state = 'open'
        join assignments a on a.round_id = r.id
        join edition_indicators ei on ei.code = a.indicator_code and ei.edition_id = r.edition_id
        left join responses rs on rs.round_id = a.round_id and rs.indicator_code = a.indicator_code
        where ei.scoring_kind = 'quantitative' and a.role = 'lead' and coalesce(rs.status, 'not_started') in ('not_started', 'draft', 'returned')
        order by (ei.title like '%스피드%') desc, a.indicator_code limit 1`.execute(db);
      expect(row, "the edition has a speed index").toBeTruthy();
      await addSupport(db, row);
      return row;
    });

    const page = await openAsMember(login, target);
    await expect(page.getByText("협조 부서는 답변과 증빙자료를 작성할 수 있으며").isVisible()).resolves.toBe(true);
    expect(await page.getByRole("button", { name: "검토 요청(제출)" }).count()).toBe(0);
    await page.getByRole("radio", { name: "시행", exact: true }).check();
    const inputs = page.locator('input[name^="inputs."]');
    expect(await inputs.count()).toBe(2);
    // The score and the formula's result follow every keystroke; numbers may carry thousands separators. The values
    // suit a rate of two counts too (the first never above the second), which is what the demo round leaves open.
    await inputs.nth(0).fill("1,000");
    await inputs.nth(1).fill("1,200");
    await page.getByTestId("live-score").filter({ hasText: "산출값" }).waitFor();
    const before = await page.getByTestId("live-score").textContent();
    await inputs.nth(1).fill("1,050");
    await expect.poll(() => page.getByTestId("live-score").textContent()).not.toBe(before);
    const live = await page.getByTestId("live-score-value").textContent();
    // A wrong value is named in Korean next to its field, before anything is sent.
    await inputs.nth(0).fill("천 일");
    await page
      .getByText(/: 숫자만 입력하세요\./)
      .first()
      .waitFor();
    await screenshot(page, "dept-06a-quantitative-error");
    await inputs.nth(0).fill("1000");
    await page.getByLabel("추진 실적 설명").fill("2014. 1.~7. 실적 기준 산출");
    await page.getByRole("button", { name: "임시 저장" }).click();
    await page.getByTestId("save-state").filter({ hasText: "저장됨" }).waitFor();
    await page.reload();
    await expect(page.getByTestId("saved-score").textContent()).resolves.toBe(live);
    await screenshot(page, "dept-06b-quantitative-saved");
    await page.context().close();
  });

  it("holds the rubric's rules of a rate's counts in the browser: whole numbers, on time ≤ all, no zero divisor", async () => {
    // 3.1.07 기한 내 민원 처리율: the member's department supports it in its open round for this step.
    const target = await withDatabase(async (db) => {
      const {
        rows: [row],
      } = await sql<{ round_id: number; code: string; department_id: number }>`
        select r.id as round_id, ei.code, m.department_id
        from memberships m join users u on u.id = m.user_id and u.username = ${login}
        join rounds r on r.institution_id = m.institution_id and r.state = 'open'
        join edition_indicators ei on ei.edition_id = r.edition_id and ei.code = '3.1.07'
        order by r.id desc limit 1`.execute(db);
      expect(row, "3.1.07 is in the member's open round").toBeTruthy();
      const current = await db
        .selectFrom("responses")
        .select(["status", "version"])
        .where("round_id", "=", row.round_id)
        .where("indicator_code", "=", row.code)
        .executeTakeFirst();
      await addSupport(db, row);
      return { ...row, status: current?.status ?? "not_started", version: current?.version ?? 0 };
    });
    // Whatever the demo seeded for it (the seed's answered pattern follows the edition's order), this step needs it
    // editable: the auditor returns it through the app, as in real life, so the round's log stays whole and verifies.
    if (target.status === "submitted" || target.status === "approved") {
      const auditorPage = await newPage(browser);
      await signIn(auditorPage, "auditor");
      const returned = await auditorPage.request.post(
        `${baseUrl()}/rounds/${target.round_id}/indicators/${target.code}`,
        {
          form: {
            intent: "return",
            version: String(target.version),
            comment: "기한 내 처리 건수와 전체 처리 건수를 다시 확인해 주세요.",
          },
          headers: { Origin: baseUrl() },
        },
      );
      expect(returned.status()).toBeLessThan(400);
      await auditorPage.context().close();
    }
    const page = await openAsMember(login, target);
    // The formula in words, with the inputs' labels, on the form and in the rubric.
    await expect(page.getByTestId("formula").textContent()).resolves.toBe(
      "산식: 기한 내 처리 건수 ÷ 전체 처리 건수 × 100",
    );
    await expect(page.getByTestId("rubric-formula").textContent()).resolves.toBe(
      "기한 내 처리 건수 ÷ 전체 처리 건수 × 100 (%)",
    );
    await page.getByRole("radio", { name: "시행", exact: true }).check();
    const onTime = page.getByLabel("기한 내 처리 건수 (건)");
    const total = page.getByLabel("전체 처리 건수 (건)");
    const errorOf = (id: string) => page.locator(`#f-input-${id}-error`);
    await total.fill("99,012");
    await onTime.fill("120,000");
    await expect(errorOf("onTime").textContent()).resolves.toBe(
      "기한 내 처리 건수: 전체 처리 건수보다 클 수 없습니다.",
    );
    await expect(page.getByTestId("live-score").textContent()).resolves.not.toContain("산출값");
    await onTime.fill("98731.5");
    await expect(errorOf("onTime").textContent()).resolves.toBe("기한 내 처리 건수: 정수로 입력하세요.");
    // The zero is in the divisor: the message sits beside 전체 처리 건수, not beside the first field.
    await onTime.fill("0");
    await total.fill("0");
    await errorOf("total").waitFor();
    await expect(errorOf("total").textContent()).resolves.toBe(
      "전체 처리 건수: 0으로 나눌 수 없습니다. 0보다 큰 값을 입력하세요.",
    );
    expect(await errorOf("onTime").count()).toBe(0);
    await screenshot(page, "dept-06c-quantitative-rules");
    // Fixing the total clears its message; counts pasted with thousands separators score.
    await total.fill("99,012");
    await onTime.fill("98,731");
    await page.getByTestId("live-score").filter({ hasText: "산출값" }).waitFor();
    expect(await page.locator(".field__error").count()).toBe(0);
    await expect(page.getByTestId("live-score").textContent()).resolves.toContain("99.72%");
    await page.context().close();
  });

  it("hands in all finished indicators from the worklist", async () => {
    const page = await newPage(browser);
    await signIn(page, login);
    const rows = await worklist(page);
    expect(rows.find((r) => r.code === first.code)?.status).toBe("submitted");
    expect(rows.find((r) => r.code === second.code)?.status).toBe("draft");
    // Before anything is handed in, the page lists what will be: code, title and self score.
    const preview = page.getByTestId("submit-all-preview");
    await preview.locator(`tr[data-submit-code="${second.code}"]`).waitFor();
    const listed = await preview.locator("tr[data-submit-code]").count();
    await screenshot(page, "dept-06-submit-preview");
    const asked: string[] = [];
    page.once("dialog", (dialog) => (asked.push(dialog.message()), void dialog.accept()));
    await page.getByRole("button", { name: `이 ${listed}개 지표 제출` }).click();
    await page.getByTestId("submit-all-result").waitFor();
    expect(asked[0]).toContain(`${listed}개 지표를 제출할까요`);
    await expect(page.getByTestId("submit-all-result").textContent()).resolves.toMatch(/\d+개 지표를 제출했습니다/);
    // Afterwards it names what was handed in.
    await expect(page.getByTestId("submit-all-submitted").textContent()).resolves.toContain(second.code);
    await page.locator(`tr[data-code="${second.code}"][data-status="submitted"]`).waitFor();
    await screenshot(page, "dept-06-submitted-all");
    await page.context().close();
  });

  it("cannot open another department's indicator", async () => {
    const {
      rows: [other],
    } = await withDatabase((db) =>
      sql<{ round_id: number; indicator_code: string }>`
      select a.round_id, a.indicator_code from assignments a join departments d on d.id = a.department_id
      where d.institution_id = (select m.institution_id from memberships m join users u on u.id = m.user_id where u.username = ${login})
      and d.name not in (select d2.name from departments d2 join memberships m on m.department_id = d2.id join users u on u.id = m.user_id where u.username = ${login})
      and a.indicator_code not in (select a2.indicator_code from assignments a2 join memberships m2 on m2.department_id = a2.department_id join users u2 on u2.id = m2.user_id where u2.username = ${login})
      order by a.round_id, a.indicator_code limit 1`.execute(db),
    );
    const page = await newPage(browser);
    await signIn(page, login);
    expect(
      await statusOfPage(page, `/rounds/${other.round_id}/indicators/${encodeURIComponent(other.indicator_code)}`),
    ).toBe(403);
    await page.context().close();
  });

  it("saves without JavaScript, and says in Korean what is missing", async () => {
    if (!third) return;
    const context = await browser.newContext({
      viewport: { width: 1366, height: 860 },
      locale: "ko-KR",
      timezoneId: "Asia/Seoul",
      javaScriptEnabled: false,
    });
    const page = await context.newPage();
    await signIn(page, login);
    await page.goto(`${baseUrl()}${third.href}`);
    await page.getByRole("radio", { name: "미시행", exact: true }).check();
    await page.getByLabel("추진 실적 설명").fill("");
    await page.getByRole("button", { name: "검토 요청(제출)" }).click();
    await page.getByText("추진 실적 설명: 미시행 사유를 적으세요.").first().waitFor();
    await screenshot(page, "dept-07-nojs-error");
    await page.getByLabel("추진 실적 설명").fill("해당 연도 미시행(자바스크립트 없이 저장)");
    await page.getByRole("button", { name: "임시 저장" }).click();
    await page.locator(".page-head .badge", { hasText: "작성중" }).waitFor();
    await page.goto(`${baseUrl()}${third.href}`);
    await expect(page.getByLabel("추진 실적 설명").inputValue()).resolves.toBe(
      "해당 연도 미시행(자바스크립트 없이 저장)",
    );
    await expect(page.getByTestId("saved-score").textContent()).resolves.toBe("0.0");
    await screenshot(page, "dept-08-nojs-saved");
    await context.close();
  });
});
