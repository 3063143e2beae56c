import { describe, expect, it } from "vitest";
import { computeTotals, type RubricShape, thresholdStanding } from "./totals";

const rubric: RubricShape = {
  totalTenths: 1000,
  areas: [
    { code: "1", title: "기반", maxTenths: 600 },
    { code: "2", title: "성과", maxTenths: 400 },
  ],
  items: [
    { code: "1.1", area: "1", title: "a", maxTenths: 600 },
    { code: "2.1", area: "2", title: "b", maxTenths: 400 },
  ],
  indicators: [
    { code: "i1", area: "1", item: "1.1", maxTenths: 375 },
    { code: "i2", area: "1", item: "1.1", maxTenths: 225 },
    { code: "i3", area: "2", item: "2.1", maxTenths: 400 },
  ],
};

describe("computeTotals", () => {
  it("adds self scores per item, area and overall, counting unassessed as 0", () => {
    const t = computeTotals(rubric, [
      { indicatorCode: "i1", selfTenths: 375, reviewedTenths: null },
      { indicatorCode: "i2", selfTenths: null, reviewedTenths: null },
      { indicatorCode: "i3", selfTenths: 201, reviewedTenths: 150 },
    ]);
    expect(t.selfTenths).toBe(576);
    expect(t.reviewedTenths).toBe(525);
    expect(t.assessed).toBe(2);
    expect(t.reviewed).toBe(1);
    expect(t.areas.map((a) => [a.code, a.selfTenths, a.indicators])).toEqual([
      ["1", 375, 2],
      ["2", 201, 1],
    ]);
    expect(t.items.find((i) => i.code === "2.1")?.reviewedTenths).toBe(150);
  });

  it("never counts more than an indicator's maximum and ignores responses to unknown codes", () => {
    const t = computeTotals(rubric, [
      { indicatorCode: "i1", selfTenths: 9999, reviewedTenths: null },
      { indicatorCode: "zz", selfTenths: 500, reviewedTenths: null },
    ]);
    expect(t.selfTenths).toBe(375);
  });
});

describe("thresholdStanding", () => {
  const th = { applicationTenths: 8000, consultingTenths: 6000 };
  it("treats 800.0 as eligible and 799.9 as not (이상)", () => {
    expect(thresholdStanding(8000, th)).toBe("eligible");
    expect(thresholdStanding(7999, th)).toBe("between");
  });
  it("treats 600.0 as consulting and 600.1 as not (이하)", () => {
    expect(thresholdStanding(6000, th)).toBe("consulting");
    expect(thresholdStanding(6001, th)).toBe("between");
  });
});
