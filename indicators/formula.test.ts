import { describe, expect, it } from "vitest";
import { evaluateFormula, formulaInputs, formulaInWords, parseFormula } from "./formula";

const speed = "(legalDays - actualDays) / legalDays * 100";

function run(src: string, inputs: Record<string, number>, keys = Object.keys(inputs)) {
  const parsed = parseFormula(src, keys);
  if (!parsed.ok) return parsed;
  return evaluateFormula(parsed.ast, inputs);
}

describe("formula", () => {
  it("computes the speed index of seed 000 §4", () => {
    expect(run(speed, { legalDays: 1000, actualDays: 526 })).toEqual({ ok: true, value: 47.4 });
  });
  it("respects precedence, parentheses and unary minus", () => {
    expect(run("1 + 2 * 3", {})).toEqual({ ok: true, value: 7 });
    expect(run("(1 + 2) * 3", {})).toEqual({ ok: true, value: 9 });
    expect(run("-a + 5", { a: 2 })).toEqual({ ok: true, value: 3 });
    expect(run("a / b / 2", { a: 8, b: 2 })).toEqual({ ok: true, value: 2 });
  });
  it("rejects unknown inputs, stray characters and unbalanced parentheses with a message", () => {
    expect(parseFormula("a + c", ["a"])).toEqual({ ok: false, message: 'unknown input "c" (declared: a)' });
    expect(parseFormula("a; process.exit()", ["a"])).toMatchObject({
      ok: false,
      message: expect.stringContaining('unexpected character ";"'),
    });
    expect(parseFormula("(a + 1", ["a"])).toMatchObject({ ok: false, message: "missing closing parenthesis" });
    expect(parseFormula("", [])).toMatchObject({ ok: false, message: "formula is empty" });
    expect(parseFormula("a a", ["a"])).toMatchObject({ ok: false });
  });
  it("reports division by zero instead of returning Infinity, naming the divisor's inputs", () => {
    expect(run(speed, { legalDays: 0, actualDays: 0 })).toEqual({
      ok: false,
      message: "division by zero",
      divisor: ["legalDays"],
    });
    // The zero is in the divisor, not in the numerator that comes first.
    expect(run("onTime / total * 100", { onTime: 5, total: 0 })).toEqual({
      ok: false,
      message: "division by zero",
      divisor: ["total"],
    });
    expect(run("onTime / total * 100", { onTime: 0, total: 5 })).toEqual({ ok: true, value: 0 });
    expect(run("a / (b - c)", { a: 1, b: 2, c: 2 })).toEqual({
      ok: false,
      message: "division by zero",
      divisor: ["b", "c"],
    });
    expect(run("a / 0", { a: 1 })).toEqual({ ok: false, message: "division by zero", divisor: [] });
  });
});

describe("formulaInputs", () => {
  it("lists the inputs in order of first appearance, once each", () => {
    const parsed = parseFormula(speed, ["legalDays", "actualDays"]);
    expect(parsed.ok && formulaInputs(parsed.ast)).toEqual(["legalDays", "actualDays"]);
  });
});

describe("formulaInWords", () => {
  const words = (src: string, labels: Record<string, string>) => {
    const parsed = parseFormula(src, Object.keys(labels));
    if (!parsed.ok) throw new Error(parsed.message);
    return formulaInWords(parsed.ast, (key) => labels[key]);
  };
  it("reads a rate with the inputs' labels and math symbols", () => {
    expect(words("onTime / total * 100", { onTime: "기한 내 처리 건수", total: "전체 처리 건수" })).toBe(
      "기한 내 처리 건수 ÷ 전체 처리 건수 × 100",
    );
    expect(words("hours / staff", { hours: "Training hours", staff: "Staff" })).toBe("Training hours ÷ Staff");
    expect(words("current - average", { current: "올해", average: "평균" })).toBe("올해 \u2212 평균");
  });
  it("keeps only the parentheses the order of operations needs", () => {
    expect(words(speed, { legalDays: "총법정처리기간", actualDays: "총민원처리기간" })).toBe(
      "(총법정처리기간 \u2212 총민원처리기간) ÷ 총법정처리기간 × 100",
    );
    const abc = { a: "A", b: "B", c: "C" };
    expect(words("((a)) + (b * c)", abc)).toBe("A + B × C");
    expect(words("a - (b - c)", abc)).toBe("A \u2212 (B \u2212 C)");
    expect(words("a - (b + c)", abc)).toBe("A \u2212 (B + C)");
    expect(words("(a - b) - c", abc)).toBe("A \u2212 B \u2212 C");
    expect(words("a + (b - c)", abc)).toBe("A + B \u2212 C");
    expect(words("a / (b * c)", abc)).toBe("A ÷ (B × C)");
    expect(words("a * (b / c)", abc)).toBe("A × B ÷ C");
    expect(words("-(a + b) * -c", abc)).toBe("\u2212(A + B) × \u2212C");
  });
  it("writes numbers with thousands separators", () => {
    expect(words("a * 1000 + 0.5", { a: "A" })).toBe("A × 1,000 + 0.5");
  });
});
