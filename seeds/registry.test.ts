import { describe, expect, it } from "vitest";
import { AWARD_YEARS, REGISTRY_CERTIFICATIONS, REGISTRY_INSTITUTIONS } from "./registry";

const inYear = (year: number) => REGISTRY_CERTIFICATIONS.filter((c) => c.year === year);

describe("certification registry data", () => {
  it("lists 15, 20 and 35 certifications in 2012, 2013 and 2014, with 12 renewals in 2014", () => {
    expect(inYear(2012)).toHaveLength(15);
    expect(inYear(2013)).toHaveLength(20);
    expect(inYear(2014)).toHaveLength(35);
    expect(inYear(2014).filter((c) => c.kind === "renewal")).toHaveLength(12);
    expect(inYear(2014).filter((c) => c.kind === "initial")).toHaveLength(23);
    expect(REGISTRY_CERTIFICATIONS.filter((c) => c.year < 2014 && c.kind === "renewal")).toEqual([]);
  });

  it("names only the three of 2015's 36 that a source names, and no one else", () => {
    expect(inYear(2015).map((c) => [c.name, c.kind])).toEqual([
      ["대전광역시 대덕구", "initial"],
      ["서울특별시", "renewal"],
      ["충청남도 공주시", "renewal"],
    ]);
    expect(AWARD_YEARS.find((y) => y.year === 2015)?.note).toContain("가정값");
  });

  it("renews only institutions certified before, and certifies each institution at most once a year", () => {
    for (const c of REGISTRY_CERTIFICATIONS.filter((x) => x.kind === "renewal")) {
      expect(
        REGISTRY_CERTIFICATIONS.some((x) => x.name === c.name && x.year < c.year),
        c.name,
      ).toBe(true);
    }
    for (const c of REGISTRY_CERTIFICATIONS.filter((x) => x.kind === "initial")) {
      expect(
        REGISTRY_CERTIFICATIONS.some((x) => x.name === c.name && x.year < c.year),
        `${c.year} ${c.name}`,
      ).toBe(false);
    }
    const keys = REGISTRY_CERTIFICATIONS.map((c) => `${c.year}|${c.name}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("names each certified institution once, with a unique code, its region and its type", () => {
    const names = REGISTRY_INSTITUTIONS.map((i) => i.name);
    const codes = REGISTRY_INSTITUTIONS.map((i) => i.code);
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(codes).size).toBe(codes.length);
    expect(new Set(REGISTRY_CERTIFICATIONS.map((c) => c.name))).toEqual(new Set(names));
    expect(REGISTRY_INSTITUTIONS).toHaveLength(59);
    for (const i of REGISTRY_INSTITUTIONS) {
      expect(i.code).toMatch(/^[a-z]+(-[a-z]+)+$/);
      if (i.type === "sido") expect(i.region).toBe(i.name);
      else expect(i.name.startsWith(`${i.region} `), i.name).toBe(true);
    }
    expect(
      REGISTRY_INSTITUTIONS.filter((i) => i.type === "sido")
        .map((i) => i.name)
        .sort(),
    ).toEqual(["경기도", "대구광역시", "대전광역시", "서울특별시"].sort());
  });

  it("spells the ambiguous names of the sources out in full", () => {
    const byCode = new Map(REGISTRY_INSTITUTIONS.map((i) => [i.code, i]));
    expect(byCode.get("seoul-seodaemun")).toEqual({
      code: "seoul-seodaemun",
      name: "서울특별시 서대문구",
      region: "서울특별시",
      type: "sigungu",
    });
    expect(byCode.get("seoul-metro")).toMatchObject({ name: "서울특별시", region: "서울특별시", type: "sido" });
    expect(byCode.get("gyeonggi-anyang")?.name).toBe("경기도 안양시");
    expect(byCode.get("busan-busanjin")?.name).toBe("부산광역시 부산진구");
    expect(byCode.get("chungbuk-boeun")?.name).toBe("충청북도 보은군");
    expect(byCode.get("busan-gangseo")?.name).toBe("부산광역시 강서구");
    expect(byCode.get("daejeon-seo")?.name).toBe("대전광역시 서구");
    expect(byCode.get("gwangju-nam")?.name).toBe("광주광역시 남구");
  });

  it("dates every year's award, marking the assumed dates as such", () => {
    const years = new Map(AWARD_YEARS.map((y) => [y.year, y]));
    expect(years.get(2014)?.awardDate).toBe("2014-12-08");
    for (const year of [2012, 2013]) expect(years.get(year)?.note).toContain("수여일 미확인: 가정값");
    for (const c of REGISTRY_CERTIFICATIONS) expect(years.has(c.year)).toBe(true);
  });
});
