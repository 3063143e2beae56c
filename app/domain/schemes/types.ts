// What a scheme is, as data. A scheme is a programme an institution takes part in (the 2012–2015 인증, the yearly
// 종합평가, the 국민행복민원실 인증); each year of it has its own rules. Pure and browser-safe.
import type { ValidityRules } from "../validity";

export const SCHEME_IDS = ["certification", "comprehensive", "happy-office"] as const;
export type SchemeId = (typeof SCHEME_IDS)[number];

/**
 * How far a rule rests on its sources (the same words as the rubric's provenance, ADR 026):
 * `sourced` a source states it; `derived` concluded from what sources state (e.g. shares from published counts);
 * `assumed` no source states it, the app needs it.
 */
export type RuleStatus = "sourced" | "derived" | "assumed";
export interface RuleSource {
  status: RuleStatus;
  /** The page or law text, short: "seed 002", "taxtimes.co.kr no=225816", "시행령 제50조 ②". */
  source: string;
  note?: string;
}

/** Which total of a round a line is compared with: the department's self score, or the score after review. */
export type LineTotal = "self" | "reviewed";

/** An absolute line on the scheme's scale: "800 or more may apply", "600 or less is offered consulting". */
export interface LineRule {
  /** `application`: at least this to apply; `certification`: at least this (after review) to be certified;
   * `consulting`: at most this and the Ministry offers consulting. */
  kind: "application" | "certification" | "consulting";
  points: number;
  appliesTo: LineTotal;
  rule: RuleSource;
}

/** One grade of a relative rule: its key, and the share of the peer group it takes, in whole percent. */
export interface GradeBand {
  key: string;
  sharePercent: number;
}

/** Grading relative to institutions of the same type: best first, shares adding up to 100. */
export interface RelativeGrading {
  /** What the groups are: institutions of the same type (중앙, 광역, 교육청, 기초 …). */
  groupedBy: "institution-type";
  bands: readonly GradeBand[];
  rule: RuleSource;
}

/** A review or cycle stage, by key (its label lives in the translation files), with its month when known. */
export interface StageRule {
  key: string;
  /** Month of the year (1–12) the stage usually runs in, when a source says so. */
  month?: number;
}

/** The rules in force from `fromYear` (inclusive) until the next entry. */
export interface SchemeYearRules {
  fromYear: number;
  /** A round's name for the year, e.g. "정부3.0 민원서비스 우수기관 인증" in 2015. */
  name?: string;
  /** The full score; null when no source says (국민행복민원실: the office's own scale is not public). */
  scale: { points: number; decimals: number; rule: RuleSource } | null;
  lines: LineRule[];
  grading: RelativeGrading | null;
  stages: { keys: readonly StageRule[]; rule: RuleSource };
}

export interface Scheme {
  id: SchemeId;
  firstYear: number;
  /** The last year it ran, or null while it still runs. */
  lastYear: number | null;
  /** How long an award stays valid; null for a scheme that grades instead of certifying. */
  validity: (ValidityRules & { rule: RuleSource }) | null;
  /** A duty to publish the result once notified (종합평가: 법 제42조 ②, 시행령 제50조 ②③). */
  publication: { withinDays: number; minimumMonths: number; perItem: boolean; rule: RuleSource } | null;
  /** By year, oldest first. */
  years: SchemeYearRules[];
}
