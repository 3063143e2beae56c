import { describe, expect, it } from "vitest";
import type { Indicator, Quantitative } from "#indicators/schema";
import { inputHints, scoreProblemText } from "~/text/scoring-text";
import {
  bandOf,
  belowEveryBand,
  type Answer,
  formulaText,
  inputLabel,
  problemParams,
  quantitativeProblems,
  scoreResponse as score,
} from "./scoring";

/** The score, and for a refusal the sentence the user reads (app/text words it; the rule is this module's). */
function scoreResponse(indicator: Indicator, answer: Answer) {
  const r = score(indicator, answer);
  return r.ok ? r : { ...r, message: scoreProblemText(indicator, r) };
}

const base = {
  area: "3",
  item: "3.1",
  title: "t",
  description: "",
  evidence: [],
  ownerDepartment: "민원여권과",
  tags: [],
  provenance: { status: "placeholder" as const, sources: [] },
};
const yesno: Indicator = { ...base, code: "y", maxPoints: 7.5, scoring: { kind: "yesno" } };
const levels: Indicator = {
  ...base,
  code: "l",
  maxPoints: 7.5,
  scoring: {
    kind: "levels",
    levels: [
      { code: "A", label: "분기별", fraction: 1 },
      { code: "B", label: "반기별", fraction: 0.7 },
      { code: "C", label: "연 1회", fraction: 0.3 },
      { code: "D", label: "미시행", fraction: 0 },
    ],
  },
};
const speed: Indicator = {
  ...base,
  code: "s",
  maxPoints: 10,
  scoring: {
    kind: "quantitative",
    inputs: [
      { key: "legalDays", label: "총법정처리기간", unit: "일" },
      { key: "actualDays", label: "총민원처리기간", unit: "일" },
    ],
    formula: "(legalDays - actualDays) / legalDays * 100",
    resultUnit: "%",
    bands: [
      { min: 60, fraction: 1 },
      { min: 50, fraction: 0.8 },
      { min: 40, fraction: 0.6 },
      { min: 0, fraction: 0.3 },
    ],
  },
};

const q = (legalDays: number, actualDays: number) =>
  scoreResponse(speed, { implemented: true, inputs: { legalDays, actualDays } });

describe("yes/no", () => {
  it("gives full points for yes and 0 for no or 미시행", () => {
    expect(scoreResponse(yesno, { implemented: true, yes: true })).toEqual({ ok: true, tenths: 75 });
    expect(scoreResponse(yesno, { implemented: true, yes: false })).toEqual({ ok: true, tenths: 0 });
    expect(scoreResponse(yesno, { implemented: false, yes: true })).toEqual({ ok: true, tenths: 0 });
  });
  it("asks for an answer when none is given", () => {
    expect(scoreResponse(yesno, { implemented: true })).toMatchObject({ ok: false, field: "yes" });
  });
});

describe("levels", () => {
  it("gives each level its fraction of the maximum, rounded to a tenth", () => {
    expect(scoreResponse(levels, { implemented: true, level: "A" })).toEqual({ ok: true, tenths: 75 });
    expect(scoreResponse(levels, { implemented: true, level: "B" })).toEqual({ ok: true, tenths: 53 }); // 5.25 → 5.3
    expect(scoreResponse(levels, { implemented: true, level: "C" })).toEqual({ ok: true, tenths: 23 }); // 2.25 → 2.3
    expect(scoreResponse(levels, { implemented: true, level: "D" })).toEqual({ ok: true, tenths: 0 });
  });
  it("refuses a level that does not exist", () => {
    expect(scoreResponse(levels, { implemented: true, level: "Z" })).toMatchObject({ ok: false, field: "level" });
  });
});

describe("quantitative: the speed index", () => {
  it("scores 0 when the actual days exceed the legal days, and says the result is below every band", () => {
    expect(q(100, 120)).toMatchObject({ ok: true, tenths: 0, result: -20 });
    if (speed.scoring.kind !== "quantitative") throw new Error("quantitative");
    expect(belowEveryBand(speed.scoring, -20)).toBe(0);
    expect(belowEveryBand(speed.scoring, 0)).toBeNull();
    expect(bandOf(speed.scoring, 0)?.fraction).toBe(0.3);
    expect(bandOf(speed.scoring, -0.1)).toBeUndefined();
  });
  it("scores the maximum at and above the top band and 0.3 of it at 0 %", () => {
    expect(q(100, 0)).toMatchObject({ ok: true, tenths: 100, result: 100 });
    expect(q(100, 40)).toMatchObject({ ok: true, tenths: 100, result: 60 });
    expect(q(100, 100)).toMatchObject({ ok: true, tenths: 30, result: 0 });
  });
  it("puts each band boundary in the higher band and a hair below it in the lower one", () => {
    expect(q(1000, 400)).toMatchObject({ tenths: 100, result: 60 });
    expect(q(100000, 40001)).toMatchObject({ tenths: 80, result: 59.999 });
    expect(q(1000, 500)).toMatchObject({ tenths: 80, result: 50 });
    expect(q(100000, 50001)).toMatchObject({ tenths: 60, result: 49.999 });
    expect(q(1000, 600)).toMatchObject({ tenths: 60, result: 40 });
    expect(q(100000, 60001)).toMatchObject({ tenths: 30, result: 39.999 });
  });
  it("is not thrown off by floating point at a boundary", () => {
    // (7 - 3.5) / 7 * 100 = 50 exactly in decimal; floating point gives 50 or 49.99999…
    expect(q(7, 3.5)).toMatchObject({ tenths: 80 });
  });
  it("scores 0 below every band (slower than the legal period)", () => {
    expect(q(100, 150)).toMatchObject({ ok: true, tenths: 0, result: -50 });
  });
  it("rejects missing, negative, non-numeric, unknown and absurd inputs, naming the field", () => {
    expect(scoreResponse(speed, { implemented: true, inputs: { legalDays: 10 } })).toMatchObject({
      ok: false,
      field: "inputs.actualDays",
    });
    expect(q(-1, 0)).toMatchObject({
      ok: false,
      field: "inputs.legalDays",
      message: expect.stringContaining("총법정처리기간"),
    });
    expect(q(Number.NaN, 1)).toMatchObject({ ok: false, field: "inputs.legalDays" });
    expect(q(Infinity, 1)).toMatchObject({ ok: false, field: "inputs.legalDays" });
    expect(q(2e9, 1)).toMatchObject({ ok: false, field: "inputs.legalDays" });
    expect(
      scoreResponse(speed, { implemented: true, inputs: { legalDays: 1, actualDays: 1, bonus: 5 } }),
    ).toMatchObject({ ok: false, field: "inputs.bonus" });
  });
  it("rejects a zero legal period instead of dividing by zero", () => {
    expect(q(0, 0)).toMatchObject({
      ok: false,
      field: "inputs.legalDays",
      key: "work.error.divisionByZero",
      message: "총법정처리기간: 0으로 나눌 수 없습니다. 0보다 큰 값을 입력하세요.",
    });
  });
  it("gives 0 when not implemented whatever the inputs", () => {
    expect(scoreResponse(speed, { implemented: false, inputs: { legalDays: 100, actualDays: 0 } })).toEqual({
      ok: true,
      tenths: 0,
    });
  });
});

// 3.1.07 as the shipped editions state it: whole counts, on time at most all cases, a rate within 0–100.
const onTimeRate: Indicator = {
  ...base,
  code: "3.1.07",
  maxPoints: 7.7,
  scoring: {
    kind: "quantitative",
    inputs: [
      {
        key: "onTime",
        label: "기한 내 처리 건수",
        labelEn: "Cases handled on time",
        unit: "건",
        integer: true,
        atMost: "total",
      },
      { key: "total", label: "전체 처리 건수", labelEn: "Cases handled", unit: "건", integer: true },
    ],
    formula: "onTime / total * 100",
    resultUnit: "%",
    resultRange: { min: 0, max: 100 },
    bands: [
      { min: 99, fraction: 1 },
      { min: 97, fraction: 0.7 },
      { min: 95, fraction: 0.4 },
      { min: 0, fraction: 0 },
    ],
  },
};
const rate = (onTime: number, total: number) =>
  scoreResponse(onTimeRate, { implemented: true, inputs: { onTime, total } });

describe("quantitative: the rules of the inputs (3.1.07 기한 내 민원 처리율)", () => {
  it("scores 0 on time, all on time (equal) and everything between", () => {
    expect(rate(0, 99012)).toMatchObject({ ok: true, tenths: 0, result: 0 });
    expect(rate(99012, 99012)).toMatchObject({ ok: true, tenths: 77, result: 100 });
    expect(rate(98731, 99012)).toMatchObject({ ok: true, tenths: 77 });
    expect(rate(97000, 99012)).toMatchObject({ ok: true, tenths: 54 }); // 97.97 %: 0.7 of 7.7
  });
  it("refuses more cases on time than cases handled, on the on-time field", () => {
    expect(rate(99013, 99012)).toMatchObject({
      ok: false,
      field: "inputs.onTime",
      key: "work.error.atMost",
      message: "기한 내 처리 건수: 전체 처리 건수보다 클 수 없습니다.",
    });
    expect(rate(120000, 99012)).toMatchObject({ ok: false, field: "inputs.onTime", key: "work.error.atMost" });
  });
  it("refuses a fraction of a case", () => {
    expect(rate(98731.5, 99012)).toMatchObject({
      ok: false,
      field: "inputs.onTime",
      key: "work.error.integer",
      message: "기한 내 처리 건수: 정수로 입력하세요.",
    });
    expect(rate(1, 0.5)).toMatchObject({
      ok: false,
      field: "inputs.total",
      message: "전체 처리 건수: 정수로 입력하세요.",
    });
  });
  it("blames a division by zero on the divisor, not on the numerator that comes first", () => {
    expect(rate(0, 0)).toMatchObject({
      ok: false,
      field: "inputs.total",
      key: "work.error.divisionByZero",
      message: "전체 처리 건수: 0으로 나눌 수 없습니다. 0보다 큰 값을 입력하세요.",
    });
  });
  it("refuses a result outside the declared range even when each input is fine", () => {
    const loose: Indicator = {
      ...onTimeRate,
      scoring: {
        ...(onTimeRate.scoring as Quantitative),
        inputs: (onTimeRate.scoring as Quantitative).inputs.map(({ atMost: _, ...i }) => i),
      },
    };
    const r = scoreResponse(loose, { implemented: true, inputs: { onTime: 120000, total: 99012 } });
    expect(r).toMatchObject({
      ok: false,
      field: "result",
      key: "work.error.resultRange",
      message: "산출값: 0%에서 100% 사이여야 합니다. 입력값을 확인하세요.",
    });
    expect(scoreResponse(loose, { implemented: true, inputs: { onTime: 99012, total: 99012 } })).toMatchObject({
      ok: true,
      result: 100,
    });
  });
  it("lists every problem of a partial answer, one per field, and leaves the formula for complete ones", () => {
    const s = onTimeRate.scoring as Quantitative;
    expect(quantitativeProblems(s, { onTime: 1.5 }).problems).toEqual([
      { field: "inputs.onTime", key: "work.error.integer" },
    ]);
    expect(quantitativeProblems(s, { onTime: -1, total: 2.5 }).problems).toEqual([
      { field: "inputs.onTime", key: "work.error.negative" },
      { field: "inputs.total", key: "work.error.integer" },
    ]);
    expect(quantitativeProblems(s, { onTime: 0, total: 0 }, false)).toEqual({ problems: [] });
    expect(quantitativeProblems(s, { onTime: 50, total: 200 })).toEqual({ problems: [], result: 25 });
  });
  it("holds declared bounds and the 0–100 default of a percentage", () => {
    const bounded: Indicator = {
      ...base,
      code: "b",
      maxPoints: 5,
      scoring: {
        kind: "quantitative",
        inputs: [
          { key: "staff", label: "직원 수", min: 1, max: 500 },
          { key: "rate", label: "비율", unit: "%" },
        ],
        formula: "staff + rate",
        bands: [{ min: 0, fraction: 1 }],
      },
    };
    const b = (staff: number, r: number) => scoreResponse(bounded, { implemented: true, inputs: { staff, rate: r } });
    expect(b(1, 0)).toMatchObject({ ok: true });
    expect(b(0, 0)).toMatchObject({
      ok: false,
      field: "inputs.staff",
      key: "work.error.min",
      message: "직원 수: 1 이상의 값을 입력하세요.",
    });
    expect(b(501, 0)).toMatchObject({
      ok: false,
      field: "inputs.staff",
      key: "work.error.max",
      message: "직원 수: 500 이하의 값을 입력하세요.",
    });
    expect(b(500, 100)).toMatchObject({ ok: true });
    expect(b(500, 100.1)).toMatchObject({ ok: false, field: "inputs.rate", key: "work.error.percent" });
  });
});

describe("quantitative: in words", () => {
  const s = onTimeRate.scoring as Quantitative;
  it("reads the formula with the inputs' labels, in English when the edition gives English labels", () => {
    expect(formulaText(s)).toBe("기한 내 처리 건수 ÷ 전체 처리 건수 × 100");
    expect(formulaText(s, "en")).toBe("Cases handled on time ÷ Cases handled × 100");
    expect(formulaText(speed.scoring as Quantitative, "en")).toBe(
      "(총법정처리기간 \u2212 총민원처리기간) ÷ 총법정처리기간 × 100",
    );
    expect(inputLabel(s.inputs[0], "en")).toBe("Cases handled on time");
    expect(inputLabel(s.inputs[0], "ko")).toBe("기한 내 처리 건수");
  });
  it("gives each input's rules as hints and a message's values from the rubric", () => {
    expect(inputHints(s, s.inputs[0])).toEqual(["정수", "전체 처리 건수 이하"]);
    expect(inputHints(s, s.inputs[1], "en")).toEqual(["whole number"]);
    expect(inputHints(speed.scoring as Quantitative, (speed.scoring as Quantitative).inputs[0])).toEqual([]);
    expect(inputHints(s, { key: "r", label: "비율", unit: "%" })).toEqual(["0~100"]);
    const label = (field: string) => field.toUpperCase();
    expect(problemParams(onTimeRate, "inputs.onTime", label)).toEqual({
      min: "0",
      max: "1,000,000,000",
      unit: "건",
      other: "INPUTS.TOTAL",
    });
    expect(problemParams(onTimeRate, "result", label)).toEqual({ min: "0", max: "100", unit: "%" });
    expect(problemParams(yesno, "yes", label)).toEqual({});
  });
});
