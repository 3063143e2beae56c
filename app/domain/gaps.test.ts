import { describe, expect, it } from "vitest";
import { findGaps, type GapInput, planByDepartment, planToThreshold, summarizeGaps } from "./gaps";

const dept = (id: number, name: string) => ({ id, name });
const ind = (
  code: string,
  maxTenths: number,
  response: GapInput["response"],
  department = dept(1, "민원여권과"),
  tags: string[] = [],
): GapInput => ({
  code,
  title: `지표 ${code}`,
  area: "1",
  item: "1.1",
  maxTenths,
  tags,
  department,
  response,
});
const scored = (selfTenths: number, implemented = 1) => ({ implemented, selfTenths, status: "submitted" as const });

describe("gaps", () => {
  it("lists every indicator below full points as not implemented, unassessed or partial, with the points at stake", () => {
    const gaps = findGaps([
      ind("a", 100, scored(100)), // full: no gap
      ind("b", 100, scored(0, 0), dept(2, "정책기획담당관"), ["bsc"]),
      ind("c", 150, null),
      ind("d", 100, { implemented: null, selfTenths: null, status: "draft" }),
      ind("e", 100, scored(70)),
    ]);
    expect(gaps.map((g) => [g.code, g.kind, g.atStakeTenths, g.department?.name])).toEqual([
      ["b", "not_implemented", 100, "정책기획담당관"],
      ["c", "unassessed", 150, "민원여권과"],
      ["d", "unassessed", 100, "민원여권과"],
      ["e", "partial", 30, "민원여권과"],
    ]);
    expect(summarizeGaps(gaps)).toEqual([
      { kind: "not_implemented", count: 1, atStakeTenths: 100 },
      { kind: "unassessed", count: 2, atStakeTenths: 250 },
      { kind: "partial", count: 1, atStakeTenths: 30 },
    ]);
  });

  it("never counts a stored score above the maximum as a negative gap", () => {
    expect(findGaps([ind("a", 100, scored(120))])).toEqual([]);
  });
});

describe("threshold planner", () => {
  const gaps = findGaps([
    ind("a", 50, scored(0, 0)),
    ind("b", 300, scored(100)), // 200 at stake
    ind("c", 200, null), // 200 at stake, unassessed: wins the tie
    ind("d", 80, scored(0, 0)),
  ]);

  it("needs nothing at or above 800 (이상: exactly 800.0 is enough)", () => {
    const plan = planToThreshold(gaps, 8000, 8000);
    expect(plan).toMatchObject({ neededTenths: 0, steps: [], reachable: true, reachedTenths: 8000 });
  });

  it("takes the fewest gaps, largest first, ties to the unassessed one, and stops once the line is reached", () => {
    const plan = planToThreshold(gaps, 7700, 8000);
    expect(plan.neededTenths).toBe(300);
    expect(plan.steps.map((s) => [s.code, s.runningTenths])).toEqual([
      ["c", 7900],
      ["b", 8100],
    ]);
    expect(plan.reachable).toBe(true);
  });

  it("one gap is enough when it alone covers the distance; 0.1 short still needs a step", () => {
    expect(planToThreshold(gaps, 7800, 8000).steps.map((s) => s.code)).toEqual(["c"]);
    expect(planToThreshold(gaps, 7999, 8000).steps.map((s) => s.code)).toEqual(["c"]);
  });

  it("leaves out gaps the institution dropped and says when the line cannot be reached", () => {
    const plan = planToThreshold(gaps, 7500, 8000, new Set(["b", "c"]));
    expect(plan.steps.map((s) => s.code)).toEqual(["d", "a"]);
    expect(plan.reachedTenths).toBe(7630);
    expect(plan.reachable).toBe(false);
  });

  it("sums the plan per department, most points first", () => {
    const plan = planToThreshold(
      findGaps([
        ind("a", 100, null, dept(1, "민원여권과")),
        ind("b", 300, null, dept(2, "감사담당관")),
        ind("c", 250, null, dept(1, "민원여권과")),
      ]),
      7400,
      8000,
    );
    expect(planByDepartment(plan)).toEqual([
      { department: "민원여권과", steps: 2, atStakeTenths: 350 },
      { department: "감사담당관", steps: 1, atStakeTenths: 300 },
    ]);
  });
});
