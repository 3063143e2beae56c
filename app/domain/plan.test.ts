import { describe, expect, it } from "vitest";
import { findGaps, type GapInput } from "./gaps";
import { DEFAULT_EFFORT, type EffortModel, planByDepartment, planToThreshold, projectTargets } from "./plan";

const dept = (id: number, name: string) => ({ id, name });
const ind = (
  code: string,
  maxTenths: number,
  response: GapInput["response"],
  department: GapInput["department"] = dept(1, "민원여권과"),
): GapInput => ({
  code,
  title: `지표 ${code}`,
  area: "1",
  item: "1.1",
  maxTenths,
  tags: [],
  department,
  response,
});
const scored = (selfTenths: number, implemented = 1) => ({ implemented, selfTenths, status: "submitted" as const });
const notDone = () => scored(0, 0);

describe("planner weighing effort", () => {
  it("at 799.9 scores the unassessed indicator (+10.6) instead of setting up a 민원조정위원회 (+17.4, 미시행)", () => {
    const gaps = findGaps([ind("1.2.03", 174, notDone(), dept(2, "감사담당관")), ind("2.1.04", 106, null)]);
    const plan = planToThreshold(gaps, 7999, 8000);
    expect(plan.steps.map((s) => [s.code, s.kind, s.atStakeTenths, s.runningTenths])).toEqual([
      ["2.1.04", "unassessed", 106, 8105],
    ]);
    expect(plan).toMatchObject({ neededTenths: 1, reachable: true, reachedTenths: 8105, effort: 1 });
  });

  it("needs nothing at or above the line (이상: exactly 800.0 is enough)", () => {
    const gaps = findGaps([ind("a", 100, null)]);
    expect(planToThreshold(gaps, 8000, 8000)).toMatchObject({ neededTenths: 0, steps: [], effort: 0, reachable: true });
  });

  it("takes several easy gaps over one hard one when together they are cheaper", () => {
    const gaps = findGaps([
      ind("big", 300, notDone()), // effort 8
      ind("u1", 100, null), // effort 1
      ind("u2", 120, null), // effort 1
      ind("p1", 100, scored(20)), // 80 at stake, effort 3
    ]);
    // 250 needed: u1 + u2 = 220 is short; u1 + u2 + p1 = 300 for effort 5 beats big alone (8).
    const plan = planToThreshold(gaps, 7750, 8000);
    expect(plan.steps.map((s) => s.code)).toEqual(["u2", "u1", "p1"]);
    expect(plan.effort).toBe(5);
    expect(plan.steps.at(-1)!.runningTenths).toBe(8050);
  });

  it("follows the coordinator's effort: a per-indicator override and changed kind weights change the choice", () => {
    const gaps = findGaps([ind("committee", 174, notDone()), ind("survey", 106, null)]);
    const hardSurvey: EffortModel = { ...DEFAULT_EFFORT, byIndicator: { survey: 20 } };
    expect(planToThreshold(gaps, 7999, 8000, hardSurvey).steps.map((s) => s.code)).toEqual(["committee"]);
    const cheapSetUp: EffortModel = { byKind: { unassessed: 5, partial: 5, not_implemented: 2 }, byIndicator: {} };
    expect(planToThreshold(gaps, 7999, 8000, cheapSetUp).steps.map((s) => [s.code, s.effort])).toEqual([
      ["committee", 2],
    ]);
  });

  it("at equal effort takes fewer steps", () => {
    const gaps = findGaps([ind("a", 50, null), ind("b", 50, null), ind("c", 100, scored(0))]);
    // a + b (effort 2, 2 steps) vs c alone: make c cost 2 as well → one step wins.
    const model: EffortModel = { ...DEFAULT_EFFORT, byIndicator: { c: 2 } };
    expect(planToThreshold(gaps, 7900, 8000, model).steps.map((s) => s.code)).toEqual(["c"]);
  });

  it("leaves out dropped gaps and lists all the rest when the line cannot be reached", () => {
    const gaps = findGaps([ind("a", 50, notDone()), ind("b", 200, null), ind("d", 80, notDone())]);
    const plan = planToThreshold(gaps, 7500, 8000, DEFAULT_EFFORT, new Set(["b"]));
    expect(plan.steps.map((s) => s.code).sort()).toEqual(["a", "d"]);
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

describe("what-if target levels", () => {
  const gaps = findGaps([ind("a", 100, scored(40)), ind("b", 80, null), ind("c", 50, notDone())]);

  it("adds each target's gain to today's total and says whether the line is reached", () => {
    const w = projectTargets(
      gaps,
      7900,
      8000,
      new Map([
        ["a", 70],
        ["b", 56],
      ]),
    );
    expect(w.rows).toEqual([
      { code: "a", fromTenths: 40, toTenths: 70, gainTenths: 30, effort: 3 },
      { code: "b", fromTenths: 0, toTenths: 56, gainTenths: 56, effort: 1 },
    ]);
    expect(w).toMatchObject({ projectedTenths: 7986, gainTenths: 86, effort: 4, reaches: false });
    expect(
      projectTargets(
        gaps,
        7900,
        8000,
        new Map([
          ["a", 100],
          ["b", 56],
        ]),
      ).reaches,
    ).toBe(true);
  });

  it("never lowers a score, caps at the maximum, and ignores codes that are not open gaps", () => {
    const w = projectTargets(
      gaps,
      7900,
      8000,
      new Map([
        ["a", 20],
        ["c", 999],
        ["zzz", 50],
      ]),
    );
    expect(w.rows).toEqual([{ code: "c", fromTenths: 0, toTenths: 50, gainTenths: 50, effort: 8 }]);
    expect(w.projectedTenths).toBe(7950);
  });
});
