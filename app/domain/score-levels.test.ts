import { describe, expect, it } from "vitest";
import type { Indicator } from "#indicators/schema";
import { allowedReviewedTenths, isOffLevel } from "./score-levels";

const base = {
  code: "1.1.01",
  title: "t",
  area: "1",
  item: "1.1",
  ownerDepartment: "x",
  tags: [],
  evidence: [],
} as unknown as Indicator;
const levels = {
  ...base,
  maxPoints: 8,
  scoring: {
    kind: "levels",
    levels: [
      { code: "A", label: "a", fraction: 1 },
      { code: "B", label: "b", fraction: 0.7 },
      { code: "C", label: "c", fraction: 0.4 },
      { code: "D", label: "d", fraction: 0 },
    ],
  },
} as unknown as Indicator;

describe("possible reviewed scores", () => {
  it("lists a levels indicator's points, 0 included: 8.0 / 5.6 / 3.2 / 0.0", () => {
    expect(allowedReviewedTenths(levels)).toEqual([80, 56, 32, 0]);
    expect(isOffLevel(levels, 40)).toBe(true);
    expect(isOffLevel(levels, 56)).toBe(false);
  });

  it("gives a yes/no indicator its maximum or nothing, and leaves a quantitative one free", () => {
    const yesno = { ...base, maxPoints: 5, scoring: { kind: "yesno" } } as unknown as Indicator;
    expect(allowedReviewedTenths(yesno)).toEqual([50, 0]);
    const quantitative = {
      ...base,
      maxPoints: 5,
      scoring: { kind: "quantitative", inputs: [], formula: "1" },
    } as unknown as Indicator;
    expect(allowedReviewedTenths(quantitative)).toBeNull();
    expect(isOffLevel(quantitative, 37)).toBe(false);
  });
});
