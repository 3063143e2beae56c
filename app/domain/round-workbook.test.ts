import { fieldName, fillGuide } from "~/text/workbook-text";
import { describe, expect, it } from "vitest";
import type { Indicator } from "#indicators/schema";
import { answerCells, columnOfField, rowToFields, sheetColumns, sheetNames } from "./round-workbook";

const base = {
  area: "1",
  item: "1.1",
  title: "지표",
  description: "",
  maxPoints: 10,
  evidence: [],
  ownerDepartment: "민원여권과",
  tags: [],
  provenance: { status: "placeholder" as const, sources: [] },
};
const yesno: Indicator = { ...base, code: "1.1.01", scoring: { kind: "yesno" } };
const levels: Indicator = {
  ...base,
  code: "1.1.02",
  scoring: {
    kind: "levels",
    levels: [
      { code: "A", label: "우수", fraction: 1 },
      { code: "B", label: "보통", fraction: 0.5 },
    ],
  },
};
const quantitative: Indicator = {
  ...base,
  code: "3.1.01",
  scoring: {
    kind: "quantitative",
    inputs: [
      { key: "legalDays", label: "법정처리기간 합계", unit: "일" },
      { key: "actualDays", label: "실제 처리기간 합계", unit: "일" },
    ],
    formula: "legalDays / actualDays",
    bands: [{ min: 0, fraction: 1 }],
  },
};

const onTimeRate: Indicator = {
  ...base,
  code: "3.1.07",
  scoring: {
    kind: "quantitative",
    inputs: [
      { key: "onTime", label: "기한 내 처리 건수", unit: "건", integer: true, atMost: "total" },
      { key: "total", label: "전체 처리 건수", unit: "건", integer: true },
    ],
    formula: "onTime / total * 100",
    resultUnit: "%",
    resultRange: { min: 0, max: 100 },
    bands: [{ min: 99, fraction: 1 }],
  },
};

describe("the fill-in guide and error names", () => {
  it("gives each input column its unit and rules, and the formula in words", () => {
    expect(fillGuide(onTimeRate)).toBe(
      "입력값 1: 기한 내 처리 건수 (건, 정수, 전체 처리 건수 이하) / 입력값 2: 전체 처리 건수 (건, 정수) — 산식: 기한 내 처리 건수 ÷ 전체 처리 건수 × 100",
    );
    expect(fillGuide(quantitative)).toBe(
      "입력값 1: 법정처리기간 합계 (일) / 입력값 2: 실제 처리기간 합계 (일) — 산식: 법정처리기간 합계 ÷ 실제 처리기간 합계",
    );
    expect(fillGuide(yesno)).toBe("답: 예 또는 아니오");
  });
  it("names an input by its label, the result as 산출값 and other fields by their column's header", () => {
    const header = (column: string) => `[${column}]`;
    expect(fieldName(onTimeRate, "inputs.total", header)).toBe("전체 처리 건수");
    expect(fieldName(onTimeRate, "result", header)).toBe("산출값");
    expect(fieldName(onTimeRate, "implemented", header)).toBe("[implemented]");
    expect(fieldName(onTimeRate, "inputs.bogus", header)).toBe("inputs.bogus");
  });
});

describe("round workbook rows", () => {
  it("reads the Korean words people type into the form's fields", () => {
    expect(rowToFields(yesno, { implemented: "시행", answer: "예", narrative: "운영 중", version: "3" })).toEqual({
      fields: { version: "3", narrative: "운영 중", implemented: "yes", yes: "yes" },
      problems: [],
    });
    expect(rowToFields(yesno, { implemented: " 미시행 ", answer: "아니오" }).fields).toMatchObject({
      implemented: "no",
      yes: "no",
      version: "0",
    });
    expect(rowToFields(levels, { implemented: "시행", answer: "보통" }).fields.level).toBe("B");
    expect(rowToFields(levels, { implemented: "시행", answer: "a" }).fields.level).toBe("A");
    expect(rowToFields(quantitative, { implemented: "시행", input1: "1,200", input2: "300" }).fields).toMatchObject({
      "inputs.legalDays": "1,200",
      "inputs.actualDays": "300",
    });
  });

  it("names the column of every cell it cannot read", () => {
    expect(rowToFields(yesno, { implemented: "했음", answer: "아마도" }).problems).toEqual([
      { column: "implemented", key: "excel.error.implemented" },
      { column: "answer", key: "excel.error.yesno" },
    ]);
    expect(rowToFields(levels, { answer: "D" }).problems).toEqual([{ column: "answer", key: "excel.error.level" }]);
    expect(rowToFields(quantitative, { answer: "예" }).problems).toEqual([
      { column: "answer", key: "excel.error.answerUnused" },
    ]);
    expect(rowToFields(yesno, { input1: "3" }).problems).toEqual([
      { column: "input1", key: "excel.error.inputUnused" },
    ]);
  });

  it("maps a schema field back to its column and writes what it reads", () => {
    expect(columnOfField(quantitative, "inputs.actualDays")).toBe("input2");
    expect(columnOfField(levels, "level")).toBe("answer");
    expect(columnOfField(yesno, "narrative")).toBe("narrative");
    const cells = answerCells(quantitative, true, { inputs: { legalDays: 1200, actualDays: 300 } }, 2);
    expect(cells).toEqual({ implemented: "시행", answer: "", inputs: [1200, 300] });
    const back = rowToFields(quantitative, {
      implemented: cells.implemented,
      input1: String(cells.inputs[0]),
      input2: String(cells.inputs[1]),
    });
    expect(back.fields).toMatchObject({ implemented: "yes", "inputs.legalDays": "1200", "inputs.actualDays": "300" });
    expect(sheetColumns(2).map((c) => c.key)).toContain("input2");
  });

  it("makes valid, unique sheet names", () => {
    expect(sheetNames(["민원여권과", "기획/예산과", "가".repeat(40), "가".repeat(40), "요약"])).toEqual([
      "민원여권과",
      "기획_예산과",
      "가".repeat(31),
      `${"가".repeat(29)}~2`,
      "요약~2",
    ]);
  });
});
