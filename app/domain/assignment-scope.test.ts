import { describe, expect, it } from "vitest";
import { indicatorsInScope, matchOwnerDepartment } from "./assignment-scope";

const indicators = [
  { code: "1.1.01", item: "1.1", tags: ["leadership"], ownerDepartment: "민원여권과" },
  { code: "1.1.02", item: "1.1", tags: ["bsc"], ownerDepartment: "정책기획담당관" },
  { code: "1.2.04", item: "1.2", tags: ["mediation-committee"], ownerDepartment: "감사담당관" },
  { code: "2.1.01", item: "2.1", tags: ["bsc", "joint-evaluation"], ownerDepartment: "정책기획담당관" },
];

describe("bulk assignment scope", () => {
  it("selects by item, tag, suggested owner, what is unassigned, or listed codes — in rubric order", () => {
    const none = new Set<string>();
    expect(indicatorsInScope(indicators, { by: "item", item: "1.1" }, none).map((i) => i.code)).toEqual([
      "1.1.01",
      "1.1.02",
    ]);
    expect(indicatorsInScope(indicators, { by: "tag", tag: "bsc" }, none).map((i) => i.code)).toEqual([
      "1.1.02",
      "2.1.01",
    ]);
    expect(indicatorsInScope(indicators, { by: "owner", owner: "감사담당관" }, none).map((i) => i.code)).toEqual([
      "1.2.04",
    ]);
    expect(
      indicatorsInScope(indicators, { by: "unassigned" }, new Set(["1.1.01", "2.1.01"])).map((i) => i.code),
    ).toEqual(["1.1.02", "1.2.04"]);
    expect(
      indicatorsInScope(indicators, { by: "codes", codes: ["2.1.01", "1.1.01", "9.9.99"] }, none).map((i) => i.code),
    ).toEqual(["1.1.01", "2.1.01"]);
    expect(indicatorsInScope(indicators, { by: "tag", tag: "nothing" }, none)).toEqual([]);
  });
});

describe("suggested owner → department", () => {
  const departments = [
    { id: 1, name: "민원여권과" },
    { id: 2, name: "정책기획 담당관" },
    { id: 3, name: "감사담당관" },
    { id: 4, name: "세무1과" },
    { id: 5, name: "세무2과" },
  ];
  it("matches the same name ignoring spaces", () => {
    expect(matchOwnerDepartment("정책기획담당관", departments)?.id).toBe(2);
    expect(matchOwnerDepartment("감사담당관", departments)?.id).toBe(3);
  });
  it("falls back to a unique containing name, and refuses an ambiguous or absent one", () => {
    expect(matchOwnerDepartment("민원여권", departments)?.id).toBe(1);
    expect(matchOwnerDepartment("세무", departments)).toBeNull();
    expect(matchOwnerDepartment("건축과", departments)).toBeNull();
    expect(matchOwnerDepartment("  ", departments)).toBeNull();
  });
});
