// The national picture per scheme and year: how many institutions were certified (or graded) in all, as public
// sources report it. The registry holds only the institutions a source names; these counts say how many more there
// were, so a page can say "36 (3 named, 33 not named in public sources)" instead of inventing names. Every count
// names its source (shared/reference/schemes.md, domain-facts.md). Pure data and one pure function.
import type { SchemeId } from "./types";

export interface NationalCount {
  scheme: SchemeId;
  year: number;
  /** Institutions certified (인증, 국민행복민원실) or evaluated (종합평가) that year. */
  total: number;
  /** New and re-certified, when the source splits them. */
  initial?: number;
  renewal?: number;
  source: string;
}

export const NATIONAL_COUNTS: readonly NationalCount[] = [
  // 민원서비스 우수기관 인증 (domain-facts.md; schemes.md §A)
  {
    scheme: "certification",
    year: 2012,
    total: 15,
    initial: 15,
    renewal: 0,
    source: "보도자료 2012-11-07; seed 000 §12",
  },
  { scheme: "certification", year: 2013, total: 20, initial: 20, renewal: 0, source: "kyeongin.com idxno=784464" },
  { scheme: "certification", year: 2014, total: 35, initial: 23, renewal: 12, source: "seed 002" },
  {
    scheme: "certification",
    year: 2015,
    total: 36,
    source: "m.ajunews.com/amp/20151116143659888; pro1.co.kr gongjinew num=615348",
  },
  // 민원서비스 종합평가: institutions evaluated (schemes.md §B)
  { scheme: "comprehensive", year: 2016, total: 77, source: "taxtimes.co.kr no=225816" },
  { scheme: "comprehensive", year: 2017, total: 302, source: "intn.co.kr idxno=866572" },
  { scheme: "comprehensive", year: 2018, total: 304, source: "ccherald.kr idxno=9139" },
  { scheme: "comprehensive", year: 2019, total: 304, source: "hankyung.com 202001132831i" },
  { scheme: "comprehensive", year: 2020, total: 304, source: "ccherald idxno=20060" },
  { scheme: "comprehensive", year: 2021, total: 306, source: "sijung idxno=277241" },
  { scheme: "comprehensive", year: 2022, total: 306, source: "enewss wr_id=80455" },
  { scheme: "comprehensive", year: 2023, total: 306, source: "yeonggwang.go.kr bs_idx=1105460" },
  { scheme: "comprehensive", year: 2024, total: 307, source: "chungnam.go.kr nttId=2151732" },
  { scheme: "comprehensive", year: 2025, total: 308, source: "uiryeong.go.kr dataSid=1109904" },
  // 국민행복민원실 인증: certified that year (schemes.md §C)
  { scheme: "happy-office", year: 2015, total: 7, source: "pro1.co.kr num=615348" },
  { scheme: "happy-office", year: 2016, total: 10, source: "nocutnews 4650030" },
  { scheme: "happy-office", year: 2017, total: 11, source: "wowtv AKR20171029017000004" },
  { scheme: "happy-office", year: 2018, total: 12, source: "ilyoseoul 275097" },
  { scheme: "happy-office", year: 2020, total: 29, initial: 20, renewal: 9, source: "kyeonggi.com 202012071148214" },
  { scheme: "happy-office", year: 2022, total: 38, source: "etodaily no=3340895" },
];

export interface NationalYear {
  year: number;
  /** The count a source gives, or null when none does (then only the named ones are known). */
  total: number | null;
  /** Institutions the registry names for that year (certificates recorded, or grades recorded). */
  named: number;
  /** total − named when a total is known (never below 0: more named than counted is reported as a conflict). */
  unnamed: number | null;
  /** More institutions recorded than the source counts: a record or the count is wrong. */
  conflict: boolean;
  source: string | null;
}

/**
 * One scheme's years: every year a source counts or the registry names someone, oldest first, with the named and
 * unnamed parts. `named` maps a year to the number of institutions the registry records for it.
 */
export function nationalPicture(
  scheme: SchemeId,
  named: ReadonlyMap<number, number>,
  counts: readonly NationalCount[] = NATIONAL_COUNTS,
): NationalYear[] {
  const own = counts.filter((c) => c.scheme === scheme);
  const years = [...new Set([...own.map((c) => c.year), ...named.keys()])].sort((a, b) => a - b);
  return years.map((year) => {
    const count = own.find((c) => c.year === year) ?? null;
    const n = named.get(year) ?? 0;
    return {
      year,
      total: count?.total ?? null,
      named: n,
      unnamed: count ? Math.max(0, count.total - n) : null,
      conflict: count !== null && n > count.total,
      source: count?.source ?? null,
    };
  });
}
