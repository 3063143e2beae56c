// The three schemes, as data: every number here names its source (../shared/reference/schemes.md and
// domain-facts.md, copied into the sources of the editions), or says it is derived or assumed. See
// docs/decisions/029-schemes-as-data.md. A new year's rule is a new entry in `years`, never an edit of an old one.
import type { Scheme, SchemeId, SchemeYearRules } from "./types";

const PRESS_2012 = "보도자료 2012-11-07 (w-love.tistory.com/15459878)";
const SEED_002 = "seed 002 (서대문구 2014-12-11)";

const certificationScale = {
  points: 1000,
  decimals: 1,
  rule: { status: "sourced", source: `seed 000 §12, ${SEED_002}` },
} as const;

/** 800 or more on the self-diagnosis may apply, 600 or less is offered consulting (2012–2014). */
const selfLines: SchemeYearRules["lines"] = [
  {
    kind: "application",
    points: 800,
    appliesTo: "self",
    rule: { status: "sourced", source: `${SEED_002}; 보도자료 2012-04-26; m.sedaily.com 1HMKFOBP5S (2013)` },
  },
  {
    kind: "consulting",
    points: 600,
    appliesTo: "self",
    rule: { status: "sourced", source: "seeds 000, 002; 보도자료 2012-04-26" },
  },
];

export const CERTIFICATION: Scheme = {
  id: "certification",
  firstYear: 2012,
  lastYear: 2015,
  validity: {
    // seed 002: "인증서 수여일로부터 2년(재인증시 3년)" (ADR 007).
    terms: [{ from: "2012-01-01", initialYears: 2, renewalYears: 3 }],
    expiringMonths: 6,
    graceMonths: 6,
    rule: { status: "sourced", source: `${SEED_002}; seed 000 §12`, note: "grace and expiring windows: ADR 007" },
  },
  publication: null,
  years: [
    {
      fromYear: 2012,
      scale: certificationScale,
      lines: selfLines,
      grading: null,
      stages: {
        keys: [{ key: "self" }, { key: "document" }, { key: "cross" }, { key: "site" }, { key: "committee" }],
        rule: { status: "sourced", source: PRESS_2012 },
      },
    },
    {
      fromYear: 2013,
      scale: certificationScale,
      lines: selfLines,
      grading: null,
      stages: {
        keys: [{ key: "self" }, { key: "document" }, { key: "cross" }, { key: "site" }, { key: "committee" }],
        rule: {
          status: "sourced",
          source: "kyeongin.com idxno=784464 (서면 → 교차 → 현지)",
          note: "the committee step is assumed as in 2012",
        },
      },
    },
    {
      fromYear: 2014,
      scale: certificationScale,
      lines: selfLines,
      grading: null,
      stages: {
        keys: [{ key: "self", month: 8 }, { key: "cross" }, { key: "expert" }, { key: "site" }, { key: "committee" }],
        rule: {
          status: "sourced",
          source: `${SEED_002} (filing 2014-08-29); news 2014 (교차 → 전문가 → 현지)`,
          note: "the committee step is assumed as in 2012",
        },
      },
    },
    {
      fromYear: 2015,
      name: "정부3.0 민원서비스 우수기관 인증",
      scale: certificationScale,
      lines: [
        {
          kind: "certification",
          points: 800,
          appliesTo: "reviewed",
          rule: {
            status: "derived",
            source: "m.ajunews.com/amp/20151116143659888",
            note: "'1,000점 만점에 800점 이상' to be certified after review: the line applies to the reviewed score (inferred)",
          },
        },
        {
          kind: "consulting",
          points: 600,
          appliesTo: "self",
          rule: { status: "assumed", source: "seeds 000, 002 (2012–2014)", note: "no 2015 source restates it" },
        },
      ],
      grading: null,
      stages: {
        keys: [{ key: "self" }, { key: "expert" }, { key: "site" }, { key: "committee" }],
        rule: { status: "sourced", source: "m.ajunews.com/amp/20151116143659888" },
      },
    },
  ],
};

const hundred = {
  points: 100,
  decimals: 2,
  rule: {
    status: "derived",
    source: "uiryeong.go.kr dataSid=1109904 (82.86 vs 76.65); 금천 2023 (87.73)",
    note: "results published out of 100 (inferred)",
  },
} as const;

const comprehensiveStages = {
  keys: [
    { key: "period" },
    { key: "document" },
    { key: "survey" },
    { key: "site" },
    { key: "notification" },
    { key: "publication" },
  ],
  rule: {
    status: "sourced",
    source: "ccherald.kr idxno=9139 (documents, survey, on-site); 시행령 제50조 ② (publication)",
  },
} as const;

const GA_TO_MA = {
  groupedBy: "institution-type",
  bands: [
    { key: "ga", sharePercent: 10 },
    { key: "na", sharePercent: 20 },
    { key: "da", sharePercent: 40 },
    { key: "ra", sharePercent: 20 },
    { key: "ma", sharePercent: 10 },
  ],
} as const;

export const COMPREHENSIVE: Scheme = {
  id: "comprehensive",
  firstYear: 2016,
  lastYear: null,
  validity: null,
  publication: {
    withinDays: 14,
    minimumMonths: 1,
    perItem: true,
    rule: { status: "sourced", source: "민원 처리에 관한 법률 제42조 ②; 시행령 제50조 ②③" },
  },
  years: [
    {
      fromYear: 2016,
      scale: hundred,
      lines: [],
      grading: {
        groupedBy: "institution-type",
        bands: [
          { key: "s", sharePercent: 9 },
          { key: "a", sharePercent: 26 },
          { key: "b", sharePercent: 38 },
          { key: "c", sharePercent: 22 },
          { key: "d", sharePercent: 5 },
        ],
        rule: {
          status: "derived",
          source: "taxtimes.co.kr no=225816",
          note: "shares derived from the published counts S 7 · A 20 · B 29 · C 17 · D 4 of 77, rounded to whole percent",
        },
      },
      stages: comprehensiveStages,
    },
    {
      fromYear: 2017,
      scale: hundred,
      lines: [],
      grading: {
        groupedBy: "institution-type",
        bands: [
          { key: "best", sharePercent: 20 },
          { key: "good", sharePercent: 30 },
          { key: "fair", sharePercent: 50 },
        ],
        rule: { status: "sourced", source: "intn.co.kr idxno=866572; ajunews 20180103111317696" },
      },
      stages: comprehensiveStages,
    },
    {
      fromYear: 2018,
      scale: hundred,
      lines: [],
      grading: {
        ...GA_TO_MA,
        rule: {
          status: "assumed",
          source: "segye.com 20190117001702 (가 31 of 304); hankyung.com 202001132831i",
          note: "가–마 is sourced; the shares are first published for 2020 and assumed the same for 2018–2019",
        },
      },
      stages: comprehensiveStages,
    },
    {
      fromYear: 2020,
      scale: hundred,
      lines: [],
      grading: { ...GA_TO_MA, rule: { status: "sourced", source: "ccherald idxno=20060; nstimes.kr 11993" } },
      stages: comprehensiveStages,
    },
  ],
};

export const HAPPY_OFFICE: Scheme = {
  id: "happy-office",
  firstYear: 2014,
  lastYear: null,
  validity: {
    terms: [{ from: "2014-01-01", initialYears: 3, renewalYears: 3 }],
    expiringMonths: 6,
    graceMonths: 6,
    rule: {
      status: "sourced",
      source: "ajunews 20181224164900944; newsicc 35478 (공주 2017 → 2020 → 2023)",
      note: "3 years, counted per 민법 제160조; grace and expiring windows as for the 인증 (assumed, ADR 007)",
    },
  },
  publication: null,
  years: [
    {
      fromYear: 2014,
      scale: null,
      lines: [],
      grading: null,
      stages: {
        keys: [
          { key: "application", month: 6 },
          { key: "document", month: 7 },
          { key: "site", month: 8 },
          { key: "mystery", month: 9 },
          { key: "selection", month: 10 },
        ],
        rule: {
          status: "sourced",
          source: "mby.co.kr ncd=455523; joongdo.co.kr 20240619010005587 (2024)",
          note: "the 2024 schedule, assumed for every year",
        },
      },
    },
  ],
};

export const SCHEMES: Readonly<Record<SchemeId, Scheme>> = {
  certification: CERTIFICATION,
  comprehensive: COMPREHENSIVE,
  "happy-office": HAPPY_OFFICE,
};
