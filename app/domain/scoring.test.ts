import { describe, expect, it } from "vitest";
import type { Indicator } from "#indicators/schema";
import { scoreResponse } from "./scoring";

const base = { area: "3", item: "3.1", title: "t", description: "", evidence: [], ownerDepartment: "민원여권과", tags: [] };
const yesno: Indicator = { ...base, code: "y", maxPoints: 7.5, scoring: { kind: "yesno" } };
const levels: Indicator = {
  ...base, code: "l", maxPoints: 7.5,
  scoring: { kind: "levels", levels: [{ code: "A", label: "분기별", fraction: 1 }, { code: "B", label: "반기별", fraction: 0.7 }, { code: "C", label: "연 1회", fraction: 0.3 }, { code: "D", label: "미시행", fraction: 0 }] },
};
const speed: Indicator = {
  ...base, code: "s", maxPoints: 10,
  scoring: {
    kind: "quantitative",
    inputs: [{ key: "legalDays", label: "총법정처리기간", unit: "일" }, { key: "actualDays", label: "총민원처리기간", unit: "일" }],
    formula: "(legalDays - actualDays) / legalDays * 100",
    resultUnit: "%",
    bands: [{ min: 60, fraction: 1 }, { min: 50, fraction: 0.8 }, { min: 40, fraction: 0.6 }, { min: 0, fraction: 0.3 }],
  },
};

const q = (legalDays: number, actualDays: number) => scoreResponse(speed, { implemented: true, inputs: { legalDays, actualDays } });

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
    expect(scoreResponse(speed, { implemented: true, inputs: { legalDays: 10 } })).toMatchObject({ ok: false, field: "inputs.actualDays" });
    expect(q(-1, 0)).toMatchObject({ ok: false, field: "inputs.legalDays", message: expect.stringContaining("총법정처리기간") });
    expect(q(Number.NaN, 1)).toMatchObject({ ok: false, field: "inputs.legalDays" });
    expect(q(Infinity, 1)).toMatchObject({ ok: false, field: "inputs.legalDays" });
    expect(q(2e9, 1)).toMatchObject({ ok: false, field: "inputs.legalDays" });
    expect(scoreResponse(speed, { implemented: true, inputs: { legalDays: 1, actualDays: 1, bonus: 5 } })).toMatchObject({ ok: false, field: "inputs.bonus" });
  });
  it("rejects a zero legal period instead of dividing by zero", () => {
    expect(q(0, 0)).toMatchObject({ ok: false, field: "inputs.legalDays", message: expect.stringContaining("0으로 나눌 수 없습니다") });
  });
  it("gives 0 when not implemented whatever the inputs", () => {
    expect(scoreResponse(speed, { implemented: false, inputs: { legalDays: 100, actualDays: 0 } })).toEqual({ ok: true, tenths: 0 });
  });
});
