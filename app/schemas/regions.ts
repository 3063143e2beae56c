// The 17 시·도 (provinces and metropolitan cities), browser-safe, in the order government lists print them. This is
// the one list: the institution form offers it, the registry sorts and groups by it, the synthetic national data set
// draws from it.
//
// Two provinces were renamed, and certificates keep the name written at the time (the registry shows what was
// recorded), so the former names are mapped to the current ones for grouping and sorting:
// - 강원도 → 강원특별자치도 since 2023-06-11 (강원특별자치도 설치 등에 관한 특별법, in force that day);
// - 전라북도 → 전북특별자치도 since 2024-01-18 (전북특별자치도 설치 등에 관한 특별법, in force that day).
export const REGIONS = [
  "서울특별시",
  "부산광역시",
  "대구광역시",
  "인천광역시",
  "광주광역시",
  "대전광역시",
  "울산광역시",
  "세종특별자치시",
  "경기도",
  "강원특별자치도",
  "충청북도",
  "충청남도",
  "전북특별자치도",
  "전라남도",
  "경상북도",
  "경상남도",
  "제주특별자치도",
] as const;

export type Region = (typeof REGIONS)[number];

/** Former names still found in older records, with the name that replaced them and the day it did. */
export const FORMER_REGION_NAMES: Readonly<Record<string, { current: Region; since: string }>> = {
  강원도: { current: "강원특별자치도", since: "2023-06-11" },
  전라북도: { current: "전북특별자치도", since: "2024-01-18" },
};

/** The name a region goes by today: a former name becomes the current one; anything else is kept as it is. */
export const currentRegion = (region: string): string => FORMER_REGION_NAMES[region]?.current ?? region;

const regionRank = (r: string) => {
  const i = (REGIONS as readonly string[]).indexOf(currentRegion(r));
  return i === -1 ? REGIONS.length : i;
};

/** Government order; a former name sorts with its current one (after it); unknown regions after all, by name. */
export const compareRegions = (a: string, b: string) => regionRank(a) - regionRank(b) || a.localeCompare(b, "ko");
