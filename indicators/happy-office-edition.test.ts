// The 2025 국민행복민원실 edition (reconstruction, ADR 037): 4 fields and 25 items as the 2025 reports say, each
// item labelled with where it comes from, points assumed and said so.
import { describe, expect, it } from "vitest";
import { loadShippedEditions } from "./load";

const happy = async () => (await loadShippedEditions()).find((e) => e.id === "2025-happy-office")!;

describe("the 2025 국민행복민원실 edition", () => {
  it("belongs to the happy-office scheme, has the 4 sourced fields and 25 items, no lines, valid 3 years", async () => {
    const e = await happy();
    expect(e.scheme).toBe("happy-office");
    expect(e.reconstruction).toBe(true);
    expect(e.thresholds).toBeUndefined();
    expect(e.validity).toEqual({ initialYears: 3, renewalYears: 3 });
    expect(e.areas.map((a) => a.title)).toEqual(["민원실 환경공간", "민원서비스 실태", "체험", "민원만족도"]);
    expect(e.items).toHaveLength(25);
    for (const a of e.areas) {
      expect(a.provenance.status, a.code).toBe("sourced");
      expect(a.provenance.sources).toEqual(expect.arrayContaining(["newsicc-35478", "heraldcorp-10644567"]));
      expect(a.provenance.note, a.code).toMatch(/가정/);
    }
  });

  it("labels every item: named by the 2014 fields or 2020 criteria (sourced or derived) or placeholder, points assumed", async () => {
    const e = await happy();
    // Only the items that carry a 2014 field's or 2020 criterion's name word for word are sourced.
    expect(e.items.filter((i) => i.provenance.status === "sourced").map((i) => i.title)).toEqual([
      "편리한 공간구성",
      "민원처리 수준",
    ]);
    for (const item of e.items) {
      if (item.provenance.status !== "placeholder")
        expect(
          item.provenance.sources.some((s) => s === "ajunews-2014" || s === "kyeonggi-2020"),
          item.code,
        ).toBe(true);
      expect(item.provenance.note, item.code).toMatch(/배점 \d+점은 가정/);
    }
    expect(e.notice).toMatch(/재구성/);
    // The 체험 field's items are the 체험평가's criteria.
    expect(e.indicators.filter((i) => i.tags.includes("mystery")).map((i) => i.area)).toEqual([
      "III",
      "III",
      "III",
      "III",
    ]);
  });
});
