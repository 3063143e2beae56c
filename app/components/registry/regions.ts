// Browser-safe ordering of 시·도 as government lists print them; unknown regions sort after them by name.
export const REGION_ORDER = [
  "서울특별시", "부산광역시", "대구광역시", "인천광역시", "광주광역시", "대전광역시", "울산광역시", "세종특별자치시",
  "경기도", "강원도", "강원특별자치도", "충청북도", "충청남도", "전라북도", "전북특별자치도", "전라남도", "경상북도",
  "경상남도", "제주특별자치도",
];

const regionRank = (r: string) => {
  const i = REGION_ORDER.indexOf(r);
  return i === -1 ? REGION_ORDER.length : i;
};

export const compareRegions = (a: string, b: string) => regionRank(a) - regionRank(b) || a.localeCompare(b, "ko");
