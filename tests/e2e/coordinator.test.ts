// A coordinator's journey in Chromium, on an institution of its own (so the demo round other journeys use stays as
// it is): create the year's round, bulk-assign, start it, read the dashboard, compare editions, run the
// pre-submission check, export the workbook, import it filled in (once with an error, then corrected), read the gaps
// and the report (and its PDF), and submit.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "~/utils/password.server";
import { baseUrl, DEMO_PASSWORD, launchBrowser, newPage, SCREENSHOT_DIR, screenshot, signIn } from "./browser";
import { withDatabase } from "./db";

const DEPARTMENTS = [
  "민원여권과",
  "정책기획담당관",
  "감사담당관",
  "총무과",
  "전산정보과",
  "자치행정과",
  "홍보담당관",
  "복지정책과",
  "건축과",
  "세무1과",
  "문화체육과",
];
let browser: Browser;
let page: Page;
let roundUrl = "";

/** 마포구 (a 시·군·구 of the registry) with its departments and a coordinator "mapo-coordinator". */
async function seedInstitution() {
  const now = new Date().toISOString();
  const hash = await hashPassword(DEMO_PASSWORD);
  await withDatabase((db) =>
    db.transaction().execute(async (trx) => {
      const inst = await trx
        .insertInto("institutions")
        .values({
          code: "e2e-mapo",
          name: "서울특별시 마포구(시험)",
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
          username: "mapo-coordinator",
          display_name: "마포 민원관리팀",
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
  await signIn(page, "mapo-coordinator");
});
afterAll(async () => {
  await browser?.close();
});

const statValue = (label: string) => page.locator(".stat", { hasText: label }).locator(".stat__value");

describe("a coordinator runs the round", () => {
  it("creates the 2014 round with a deadline in Seoul time", async () => {
    await page.goto(`${baseUrl()}/rounds`);
    await page.getByRole("heading", { level: 1, name: "자율진단 회차" }).waitFor();
    await page.getByRole("link", { name: "새 회차 만들기" }).click();
    await page.getByRole("heading", { level: 1, name: "새 회차 만들기" }).waitFor();
    await page.getByLabel("진단 연도").fill("2014");
    // The edition follows the year typed (another journey may have added a 2015 edition, the year the form proposes).
    await expect.poll(() => page.getByLabel("적용 지표 판").inputValue(), { timeout: 10_000 }).toBe("2014-sigungu-v2");
    await page.getByLabel("회차 이름").fill("2014년 민원서비스 우수기관 인증 자율진단");
    // A wrong year is refused in the browser, naming the field.
    await page.getByLabel("진단 연도").fill("14");
    await page.getByRole("button", { name: "회차 만들기" }).click();
    await page.getByText("진단 연도: 2000~2099 사이의 네 자리 연도를 입력하세요.").waitFor();
    await page.getByLabel("진단 연도").fill("2014");
    await expect.poll(() => page.getByLabel("적용 지표 판").inputValue(), { timeout: 10_000 }).toBe("2014-sigungu-v2");
    await page.getByLabel("제출 기한").fill("2014-08-29T18:00");
    // Whatever the browser's own date format, the field repeats the deadline the Korean way, in Seoul time.
    await expect
      .poll(() => page.getByTestId("f-deadline-echo").textContent(), { timeout: 10_000 })
      .toMatch(/^입력한 값: 2014\. 8\. 29\.\s?\(금\) 18:00 \(KST\)$/);
    await screenshot(page, "coordinator-01-new-round");
    await Promise.all([
      page.waitForURL(/\/rounds\/\d+\?created=1/),
      page.getByRole("button", { name: "회차 만들기" }).click(),
    ]);
    roundUrl = new URL(page.url()).pathname;
    await page.getByRole("heading", { level: 1, name: "2014년 민원서비스 우수기관 인증 자율진단" }).waitFor();
    // 18:00 typed in Seoul is shown back as 18:00 in Seoul, the Korean way.
    expect(await page.getByText(/2014\. 8\. 29\.\s?\(금\) 18:00/).count()).toBeGreaterThan(0);
    expect(await statValue("미배정 지표").textContent()).toBe("133개");
  });

  it("bulk-assigns: BSC indicators to 정책기획담당관 by tag, then the rest to the rubric's suggested departments", async () => {
    await page.goto(`${baseUrl()}${roundUrl}/assignments`);
    await page.getByRole("heading", { level: 1, name: "지표 배정" }).waitFor();
    await page.getByLabel("대상 지표").selectOption("tag:bsc");
    await page.getByLabel("배정할 부서").selectOption({ label: "정책기획담당관" });
    await page.getByRole("button", { name: "일괄 배정", exact: true }).click();
    await page.getByText(/지표 \d+개의 배정을 바꿨습니다/).waitFor();
    const bscRows = page.locator("tr[data-code]", { hasText: "BSC 성과관리" });
    expect(await bscRows.count()).toBeGreaterThan(0);
    // The notice (the action's answer) can show a moment before the table re-renders with the reloaded data.
    await expect
      .poll(async () => [...new Set(await bscRows.locator("td:nth-child(6)").allTextContents())], { timeout: 10_000 })
      .toEqual(["정책기획담당관"]);
    await page.getByRole("button", { name: "미배정 지표를 편람의 제안 부서로 배정" }).click();
    await page.getByText(/지표 \d+개의 배정을 바꿨습니다/).waitFor();
    await page.getByText("지표 133개 중 0개가 아직 주관 부서 없이 남아 있습니다.").waitFor();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/coordinator-02-assignments.png` }); // the first screen: the list runs long
  });

  it("starts the round and reads the dashboard: total against 800 and 600, items, departments", async () => {
    await page.goto(`${baseUrl()}${roundUrl}`);
    await page.getByRole("button", { name: "회차 시작 (부서 입력 열기)" }).click();
    await page.getByText("회차를 시작했습니다. 부서가 지표를 입력할 수 있습니다.").waitFor();
    expect(await page.getByTestId("dashboard-self-total").textContent()).toBe("0.0");
    expect(await page.getByText("신청 기준 800.0점 이상").count()).toBeGreaterThan(0);
    expect(await page.getByText("컨설팅 대상 600.0점 이하").count()).toBeGreaterThan(0);
    expect(await page.locator("tr[data-item]").count()).toBe(6);
    expect(await page.getByRole("row", { name: /정책기획담당관/ }).count()).toBe(1);
    await screenshot(page, "coordinator-03-dashboard");
  });

  it("refuses late hand-ins from now on: the round says so to everyone, and the history records the change", async () => {
    await page.goto(`${baseUrl()}${roundUrl}`);
    expect(await page.getByTestId("late-policy").textContent()).toBe("기한 후 제출: 받음 (‘기한 후 제출’로 표시)");
    await page.getByLabel("기한 후 제출").selectOption("refuse");
    await page.getByRole("button", { name: "기한 변경" }).click();
    await page.getByText("제출 기한을 바꿨습니다.").waitFor();
    await expect.poll(() => page.getByTestId("late-policy").textContent()).toBe("기한 후 제출: 받지 않음");
    await page.goto(`${baseUrl()}${roundUrl}/history`);
    const row = page.locator("tr[data-seq]", { hasText: "기한 변경" }).first();
    expect(await row.textContent()).toContain("기한 후 제출");
    expect(await row.textContent()).toContain("받지 않음 (제출 거부, 임시 저장은 가능)");
    await screenshot(page, "coordinator-03b-late-policy-history");
  });

  it("compares the 2013 시·도 edition with the 2014 시·군·구 edition", async () => {
    await page.goto(`${baseUrl()}/editions/compare?from=2013-sido-v2&to=2014-sigungu-v2`);
    await page.getByRole("heading", { level: 1, name: "지표 판 비교" }).waitFor();
    const added = Number(await page.getByTestId("added-count").textContent());
    const removed = Number(await page.getByTestId("removed-count").textContent());
    // 122 → 133 indicators: the difference shows up as added minus removed.
    expect(added - removed).toBe(11);
    await screenshot(page, "coordinator-04-compare");
  });

  it("shows what blocks the submission", async () => {
    await page.goto(`${baseUrl()}${roundUrl}/submit`);
    await page.getByRole("heading", { level: 1, name: "제출 전 점검" }).waitFor();
    await page.getByText("미평가 지표 133개: 자체 점수가 없습니다.").waitFor();
    expect(await page.getByRole("button", { name: "회차 제출" }).isDisabled()).toBe(true);
    await screenshot(page, "coordinator-05-submit-blocked");
  });

  it("exports the workbook, imports it filled in with an error (nothing changes), then corrected", async () => {
    await page.goto(`${baseUrl()}${roundUrl}`);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "엑셀 내보내기" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^2014_자율진단_\d+\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await download.path())!);
    expect(wb.worksheets[0].name).toBe("요약");
    // Each department fills its sheet: implemented, the answer that fits the method; BSC and 민원조정위원회 are not implemented.
    let rows = 0;
    // 요약, the hidden _meta and 근거 (what each indicator rests on) are not department sheets.
    const departmentSheet = (w: ExcelJS.Worksheet) => !["요약", "_meta", "근거"].includes(w.name);
    expect(wb.worksheets.some((w) => w.name === "근거")).toBe(true);
    for (const ws of wb.worksheets.filter(departmentSheet)) {
      const header = ws.getRow(1).values as string[];
      const col = (name: string) => header.indexOf(name);
      for (let n = 2; n <= ws.rowCount; n++) {
        const row = ws.getRow(n);
        const method = String(row.getCell(col("평가 방식")).value);
        const title = String(row.getCell(col("지표")).value);
        const gap = /BSC|균형성과|민원조정위원회/.test(title);
        row.getCell(col("시행 여부")).value = gap ? "미시행" : "시행";
        if (method === "예/아니오") row.getCell(col("답")).value = gap ? "아니오" : "예";
        if (method === "등급") row.getCell(col("답")).value = gap ? "" : n % 3 === 0 ? "B" : "A";
        if (method === "정량" && !gap) {
          // Values every input accepts (whole numbers, percentages within 100, a first count never above the second,
          // as in on-time cases ≤ all cases). As the guide column says: only the inputs the indicator has.
          const guide = String(row.getCell(col("작성 안내")).value);
          row.getCell(col("입력값 1")).value = 90;
          if (guide.includes("입력값 2")) row.getCell(col("입력값 2")).value = 95;
        }
        row.getCell(col("추진 실적(서술)")).value = gap
          ? "미도입: 관계 부서와 검토 중"
          : "2014년 추진 실적 있음(부서 제출 자료)";
        rows += 1;
      }
    }
    expect(rows).toBe(133);
    const first = wb.worksheets.find(departmentSheet)!;
    const answerCol = (first.getRow(1).values as string[]).indexOf("시행 여부");
    const good = first.getRow(2).getCell(answerCol).value;
    first.getRow(2).getCell(answerCol).value = "했음";
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "e2e-xlsx-"));
    const withError = path.join(dir, "부서취합_오류.xlsx");
    await wb.xlsx.writeFile(withError);

    await page.goto(`${baseUrl()}${roundUrl}/import`);
    await page.getByRole("heading", { level: 1, name: "엑셀 가져오기" }).waitFor();
    await page.getByLabel("엑셀 파일 (.xlsx)").setInputFiles(withError);
    await page.getByRole("button", { name: "검사하고 가져오기" }).click();
    await page.getByTestId("import-errors").waitFor();
    const errorRow = page.getByTestId("import-errors").locator("tbody tr");
    const errorTexts = await errorRow.allTextContents();
    expect(errorTexts, errorTexts.join("\n")).toHaveLength(1);
    await page.getByText("오류 1건이 있어 아무것도 바꾸지 않았습니다.").waitFor();
    expect(await errorRow.locator("td").allTextContents()).toEqual([
      first.name,
      "2행",
      "G열 (시행 여부)",
      "시행 여부: '시행' 또는 '미시행'으로 적으세요.",
    ]);
    await screenshot(page, "coordinator-06-import-error");
    await page.goto(`${baseUrl()}${roundUrl}`);
    expect(await page.getByTestId("dashboard-self-total").textContent()).toBe("0.0");

    first.getRow(2).getCell(answerCol).value = good;
    const corrected = path.join(dir, "부서취합.xlsx");
    await wb.xlsx.writeFile(corrected);
    await page.goto(`${baseUrl()}${roundUrl}/import`);
    await page.getByLabel("엑셀 파일 (.xlsx)").setInputFiles(corrected);
    await page.getByRole("button", { name: "검사하고 가져오기" }).click();
    await page.getByTestId("import-ok").waitFor();
    expect(await page.getByTestId("import-ok").textContent()).toContain("133개 지표를 바꿨고");
    await screenshot(page, "coordinator-07-import-ok");
    await page.goto(`${baseUrl()}${roundUrl}`);
    expect(Number((await page.getByTestId("dashboard-self-total").textContent())!.replace(/,/g, ""))).toBeGreaterThan(
      0,
    );
  });

  it("reads the gaps with the plan to 800 and records an action item", async () => {
    await page.goto(`${baseUrl()}${roundUrl}/gaps`);
    await page.getByRole("heading", { level: 1, name: "미비점·실행계획" }).waitFor();
    const notImplemented = page.getByTestId("gap-summary-not_implemented");
    expect(await notImplemented.locator(".stat__value").textContent()).not.toBe("0개");
    const bsc = page.locator("tr[data-gap]", { has: page.locator(".badge--gap-not_implemented") }).first();
    const code = await bsc.getAttribute("data-gap");
    await bsc.getByText("실행계획 만들기").click();
    await bsc.getByLabel("조치 부서").selectOption({ label: "정책기획담당관" });
    await bsc.getByLabel("완료 예정일").fill("2015-06-30");
    await bsc.getByLabel("진행 상태").selectOption("in_progress");
    await bsc.getByLabel("조치 내용").fill("BSC 도입 검토: 부서별 KPI에 민원 지표 반영");
    await bsc.getByRole("button", { name: "실행계획 저장" }).click();
    await page.getByText(`${code} 실행계획을 저장했습니다.`).waitFor();
    expect(await page.getByTestId(`action-${code}`).textContent()).toContain("정책기획담당관");
    await screenshot(page, "coordinator-08-gaps");
  });

  it("prints the report for the approval document and downloads it as PDF through Chromium", async () => {
    await page.goto(`${baseUrl()}${roundUrl}/report`);
    await page.getByTestId("report").waitFor();
    expect(await page.getByRole("table", { name: "결재" }).count()).toBe(1);
    expect(await page.getByTestId("report-actions").textContent()).toContain("정책기획담당관");
    await page.emulateMedia({ media: "print" });
    await screenshot(page, "coordinator-09-report-print");
    await page.emulateMedia({ media: "screen" });
    const pdf = await page.request.get(`${baseUrl()}${roundUrl}/report.pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    const bytes = await pdf.body();
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    fs.writeFileSync(path.join(SCREENSHOT_DIR, "coordinator-report.pdf"), bytes);
    // The button says it is working while Chromium prints, then saves the file under its Korean name.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "PDF로 내려받기" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("2014_자율진단_보고서.pdf");
  });

  it("submits after the check, acknowledging a total under 800 when it is, and the round locks", async () => {
    await page.goto(`${baseUrl()}${roundUrl}/submit`);
    await page.getByRole("heading", { level: 1, name: "제출 전 점검" }).waitFor();
    expect(await page.locator("[data-finding=unassessed]").count()).toBe(0);
    const acknowledge = page.getByRole("checkbox");
    if (await acknowledge.count()) await acknowledge.check();
    await screenshot(page, "coordinator-10-submit-ready");
    await Promise.all([page.waitForURL(/\?submitted=1/), page.getByRole("button", { name: "회차 제출" }).click()]);
    // The URL changes before the new page has rendered: wait for the locked state to show.
    await page.locator(".badge", { hasText: "제출 완료(잠김)" }).first().waitFor();
    await page.goto(`${baseUrl()}${roundUrl}/import`);
    expect(await page.getByRole("button", { name: "검사하고 가져오기" }).isDisabled()).toBe(true);
  });
});
