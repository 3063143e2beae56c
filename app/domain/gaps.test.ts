import { describe, expect, it } from "vitest";
import { findGaps, type GapInput, summarizeGaps } from "./gaps";

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
