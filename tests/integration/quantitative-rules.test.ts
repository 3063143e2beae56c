// The rubric's rules for quantitative inputs (whole counts, on time ≤ all cases, a divisor that is not 0, numbers
// with thousands separators) judged the same way on the server for the web form and for the Excel import, on the
// shipped 2014 edition's 3.1.07 (기한 내 민원 처리율) and 1.2.08 (hours / staff).
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { nowIso } from "#db/connection";
import type { Indicator } from "#indicators/schema";
import { problemParams } from "~/domain/scoring";
import { type MessageKey, translate } from "~/i18n";
import { loader as exportLoader } from "~/routes/rounds.$roundId.export[.]xlsx";
import { action as importAction } from "~/routes/rounds.$roundId.import";
import { action as indicatorAction } from "~/routes/rounds.$roundId.indicators.$code";
import { getEdition } from "~/utils/editions.server";
import {
  cookieFor,
  createDepartment,
  createInstitution,
  createUser,
  db,
  outcome,
  requestAs,
  routeArgs,
} from "../utils";

let round: { id: number };
let onTimeRate: Indicator, perStaff: Indicator;
let member: { id: number }, coordinator: { id: number };
const SHEET = "민원여권과";

const page = (code: string) => `/rounds/${round.id}/indicators/${encodeURIComponent(code)}`;
async function post(code: string, inputs: Record<string, string>, implemented = "yes") {
  const form: Record<string, string> = { intent: "save", version: "0", implemented, narrative: "2014년 실적" };
  for (const [k, v] of Object.entries(inputs)) form[`inputs.${k}`] = v;
  return outcome(async () =>
    indicatorAction(routeArgs(await requestAs(member.id, page(code), form), { roundId: String(round.id), code })),
  );
}
const responseOf = (code: string) =>
  db
    .selectFrom("responses")
    .selectAll()
    .where("round_id", "=", round.id)
    .where("indicator_code", "=", code)
    .executeTakeFirst();

/** A field error as the person reads it (Korean), the way the indicator page and the import table word it. */
function korean(indicator: Indicator, field: string, key: string): string {
  const label = (f: string) => {
    const s = indicator.scoring;
    return (s.kind === "quantitative" ? s.inputs.find((i) => `inputs.${i.key}` === f)?.label : undefined) ?? f;
  };
  return translate("ko", key as MessageKey, { ...problemParams(indicator, field, label), field: label(field) });
}

beforeAll(async () => {
  const edition = (await getEdition(db, "2014-sigungu-v2"))!;
  onTimeRate = edition.indicators.find((i) => i.code === "3.1.07")!;
  perStaff = edition.indicators.find((i) => i.code === "1.2.08")!;
  const inst = await createInstitution("가나구");
  const dept = await createDepartment(inst.id, SHEET);
  member = await createUser({ role: "department_member", institutionId: inst.id, departmentId: dept.id });
  coordinator = await createUser({ role: "coordinator", institutionId: inst.id, departmentId: dept.id });
  const now = nowIso();
  round = await db
    .insertInto("rounds")
    .values({
      institution_id: inst.id,
      edition_id: "2014-sigungu-v2",
      year: 2014,
      title: "2014 자율진단",
      state: "open",
      deadline_at: "2014-08-29T09:00:00.000Z",
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const code of [onTimeRate.code, perStaff.code]) {
    await db
      .insertInto("assignments")
      .values({ round_id: round.id, indicator_code: code, department_id: dept.id, role: "lead", created_at: now })
      .execute();
  }
});

describe("the indicator page's save", () => {
  it("refuses more cases on time than cases handled, naming both fields, and saves nothing", async () => {
    const res = await post(onTimeRate.code, { onTime: "120000", total: "99012" });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual({ "inputs.onTime": { key: "work.error.atMost" } });
    expect(korean(onTimeRate, "inputs.onTime", res.body.errors["inputs.onTime"].key)).toBe(
      "기한 내 처리 건수: 전체 처리 건수보다 클 수 없습니다.",
    );
    expect(await responseOf(onTimeRate.code)).toBeUndefined();
  });

  it("refuses a fractional case count and words", async () => {
    const fraction = await post(onTimeRate.code, { onTime: "98731.5", total: "99012" });
    expect(fraction.body.errors).toEqual({ "inputs.onTime": { key: "work.error.integer" } });
    expect(korean(onTimeRate, "inputs.total", "work.error.integer")).toBe("전체 처리 건수: 정수로 입력하세요.");
    expect((await post(onTimeRate.code, { onTime: "천 일", total: "99012" })).body.errors).toEqual({
      "inputs.onTime": { key: "work.error.number" },
    });
    expect(await responseOf(onTimeRate.code)).toBeUndefined();
  });

  it("puts a division by zero on the divisor", async () => {
    const res = await post(onTimeRate.code, { onTime: "0", total: "0" });
    expect(res.body.errors).toEqual({ "inputs.total": { key: "work.error.divisionByZero" } });
    expect(korean(onTimeRate, "inputs.total", "work.error.divisionByZero")).toBe(
      "전체 처리 건수: 0으로 나눌 수 없습니다. 0보다 큰 값을 입력하세요.",
    );
    const staff = await post(perStaff.code, { hours: "1176", staff: "0" });
    expect(staff.body.errors).toEqual({ "inputs.staff": { key: "work.error.divisionByZero" } });
  });

  it("accepts counts typed with thousands separators, equal counts included, and scores them on the server", async () => {
    const saved = await post(onTimeRate.code, { onTime: "98,731", total: "99,012" });
    expect(saved.body).toMatchObject({ ok: true, selfTenths: 77 });
    const row = (await responseOf(onTimeRate.code))!;
    expect(JSON.parse(row.answer!)).toEqual({ inputs: { onTime: 98731, total: 99012 } });
    const equal = await outcome(async () =>
      indicatorAction(
        routeArgs(
          await requestAs(member.id, page(onTimeRate.code), {
            intent: "save",
            version: String(row.version),
            implemented: "yes",
            narrative: "2014년 실적",
            "inputs.onTime": "99,012",
            "inputs.total": "99,012",
          }),
          { roundId: String(round.id), code: onTimeRate.code },
        ),
      ),
    );
    expect(equal.body).toMatchObject({ ok: true, selfTenths: 77 });
  });
});

describe("the Excel import", () => {
  async function workbook() {
    const res = await outcome(async () =>
      exportLoader(
        routeArgs(await requestAs(coordinator.id, `/rounds/${round.id}/export.xlsx`), { roundId: String(round.id) }),
      ),
    );
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.body.arrayBuffer()) as never);
    return wb;
  }
  async function upload(wb: ExcelJS.Workbook) {
    const form = new FormData();
    form.set("file", new File([new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer)], "회차.xlsx"));
    const request = new Request(`http://localhost/rounds/${round.id}/import`, {
      method: "POST",
      headers: { Cookie: await cookieFor(coordinator.id) },
      body: form,
    });
    return outcome(async () => importAction(routeArgs(request, { roundId: String(round.id) })));
  }
  function fill(wb: ExcelJS.Workbook, code: string, cells: Record<string, string | number>) {
    const ws = wb.getWorksheet(SHEET)!;
    const header = ws.getRow(1).values as unknown[];
    for (let n = 2; n <= ws.rowCount; n++) {
      if (ws.getRow(n).getCell(1).value !== code) continue;
      for (const [name, value] of Object.entries(cells)) ws.getRow(n).getCell(header.indexOf(name)).value = value;
      return n;
    }
    throw new Error(`${code} not on the sheet`);
  }
  const letter = (wb: ExcelJS.Workbook, name: string) =>
    String.fromCharCode(64 + (wb.getWorksheet(SHEET)!.getRow(1).values as unknown[]).indexOf(name));

  it("refuses the same values as the web form, each in the cell that holds the problem, with the same words", async () => {
    const wb = await workbook();
    expect(String(wb.getWorksheet(SHEET)!.getRow(2).getCell(6).value)).toBe(
      "입력값 1: 민원 관련 교육 이수 시간 합계 (시간) / 입력값 2: 민원 담당 직원 수 (명, 정수) — 산식: 민원 관련 교육 이수 시간 합계 ÷ 민원 담당 직원 수",
    );
    const onTimeRow = fill(wb, onTimeRate.code, { "시행 여부": "시행", "입력값 1": 120000, "입력값 2": 99012 });
    const staffRow = fill(wb, perStaff.code, { "시행 여부": "시행", "입력값 1": "1,176", "입력값 2": 0 });
    const before = await db
      .selectFrom("responses")
      .selectAll()
      .where("round_id", "=", round.id)
      .orderBy("id")
      .execute();
    const res = await upload(wb);
    expect(res.body.ok).toBe(false);
    const errors = res.body.errors.map(
      (e: { row: number; letter: string; key: MessageKey; params: Record<string, string> }) => [
        e.row,
        e.letter,
        translate("ko", e.key, e.params),
      ],
    );
    expect(errors).toEqual(
      expect.arrayContaining([
        [onTimeRow, letter(wb, "입력값 1"), "기한 내 처리 건수: 전체 처리 건수보다 클 수 없습니다."],
        [staffRow, letter(wb, "입력값 2"), "민원 담당 직원 수: 0으로 나눌 수 없습니다. 0보다 큰 값을 입력하세요."],
      ]),
    );
    expect(errors).toHaveLength(2);
    expect(
      await db.selectFrom("responses").selectAll().where("round_id", "=", round.id).orderBy("id").execute(),
    ).toEqual(before);

    fill(wb, onTimeRate.code, { "입력값 1": "98731.5" });
    fill(wb, perStaff.code, { "입력값 2": "42.5" });
    const fractions = (await upload(wb)).body.errors.map(
      (e: { letter: string; key: MessageKey; params: Record<string, string> }) => [
        e.letter,
        translate("ko", e.key, e.params),
      ],
    );
    expect(fractions).toEqual([
      [letter(wb, "입력값 2"), "민원 담당 직원 수: 정수로 입력하세요."],
      [letter(wb, "입력값 1"), "기한 내 처리 건수: 정수로 입력하세요."],
    ]);
  });

  it("accepts numbers written with thousands separators, as the web form does", async () => {
    const wb = await workbook();
    fill(wb, onTimeRate.code, { "시행 여부": "시행", "입력값 1": "98,731", "입력값 2": "99,012" });
    fill(wb, perStaff.code, { "시행 여부": "시행", "입력값 1": "1,176", "입력값 2": "42" });
    const res = await upload(wb);
    expect(res.body.ok, JSON.stringify(res.body.errors ?? [])).toBe(true);
    expect(JSON.parse((await responseOf(perStaff.code))!.answer!)).toEqual({ inputs: { hours: 1176, staff: 42 } });
  });
});
