import { describe, expect, it } from "vitest";
import { evaluateFormula, parseFormula } from "./formula";

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
    expect(parseFormula("a; process.exit()", ["a"])).toMatchObject({ ok: false, message: expect.stringContaining('unexpected character ";"') });
    expect(parseFormula("(a + 1", ["a"])).toMatchObject({ ok: false, message: "missing closing parenthesis" });
    expect(parseFormula("", [])).toMatchObject({ ok: false, message: "formula is empty" });
    expect(parseFormula("a a", ["a"])).toMatchObject({ ok: false });
  });
  it("reports division by zero instead of returning Infinity", () => {
    expect(run(speed, { legalDays: 0, actualDays: 0 })).toEqual({ ok: false, message: "division by zero" });
  });
});
