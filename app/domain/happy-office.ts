// The 국민행복민원실 인증 cycle, pure: its stages by month from the scheme's data, the order a coordinator records them
// in, and the award (new or re-certification, silver or gold plaque, valid 3 years per 민법 제160조).
// Facts: ../shared/reference/schemes.md section C; see docs/decisions/037-happy-office-cycle.md.
import { HAPPY_OFFICE } from "./schemes/catalog";
import { rulesFor } from "./schemes/rules";
import type { RuleSource } from "./schemes/types";
import {
  addDays,
  type CertificationFacts,
  type CertificationKind,
  daysInMonth,
  periodEnd,
  validityChain,
  type Validity,
  type ValidityRules,
  ymd,
} from "./validity";

export const CYCLE_STAGES = ["application", "document", "site", "mystery", "selection"] as const;
export type CycleStage = (typeof CYCLE_STAGES)[number];
export type Plaque = "silver" | "gold";
export type SelectionOutcome = "selected" | "not-selected";

/** Awards are handed over on 민원공무원의 날, 24 November. */
export const AWARD_DAY = {
  month: 11,
  day: 24,
  rule: { status: "sourced", source: "mby.co.kr ncd=455523; fp-news wr_id=56276 (2024)" } satisfies RuleSource,
};

/** The plaque: silver for a new certification, gold for a re-certification (2020). */
export const PLAQUE_RULE: RuleSource = {
  status: "sourced",
  source: "kyeonggi.com 202012071148214; sijung idxno=257118 (2020)",
  note: "재인증(금판)은 이전 인증 기간 중이나 그 뒤 유예 기간 안에 수여된 것으로 봄 (가정, 인증과 같게: 결정 기록 007, 037)",
};

export const HAPPY_OFFICE_VALIDITY: ValidityRules = {
  terms: HAPPY_OFFICE.validity!.terms,
  expiringMonths: HAPPY_OFFICE.validity!.expiringMonths,
  graceMonths: HAPPY_OFFICE.validity!.graceMonths,
};

export interface PlannedStage {
  key: CycleStage;
  /** The month the stage runs in, first and last day ("2025-06-01" – "2025-06-30"). */
  from: string;
  until: string;
}

/** The year's cycle as the scheme states it: each stage's month, then the award day; with the rule's source. */
export function cycleCalendar(year: number) {
  const rules = rulesFor(HAPPY_OFFICE, year);
  const stages: PlannedStage[] = rules.stages.keys
    .filter((s): s is { key: CycleStage; month: number } => isCycleStage(s.key) && typeof s.month === "number")
    .map((s) => ({ key: s.key, from: ymd(year, s.month, 1), until: ymd(year, s.month, daysInMonth(year, s.month)) }));
  return { stages, rule: rules.stages.rule, awardDay: ymd(year, AWARD_DAY.month, AWARD_DAY.day) };
}

export const isCycleStage = (value: unknown): value is CycleStage =>
  typeof value === "string" && (CYCLE_STAGES as readonly string[]).includes(value);

export type StageProblem = "previous-missing" | "before-previous" | "after-next";

/**
 * Whether a stage may be recorded on `date`, given the stages already recorded: every earlier stage must be
 * recorded first, on or before this date, and no later stage recorded may be dated before it.
 */
export function stageProblem(
  recorded: ReadonlyArray<{ key: CycleStage; date: string }>,
  stage: CycleStage,
  date: string,
): StageProblem | null {
  const at = CYCLE_STAGES.indexOf(stage);
  const dateOf = new Map(recorded.map((r) => [r.key, r.date]));
  for (const earlier of CYCLE_STAGES.slice(0, at)) {
    const d = dateOf.get(earlier);
    if (d === undefined) return "previous-missing";
    if (d > date) return "before-previous";
  }
  for (const later of CYCLE_STAGES.slice(at + 1)) {
    const d = dateOf.get(later);
    if (d !== undefined && d < date) return "after-next";
  }
  return null;
}

/** The stage to record next: the first not yet recorded, or null when the cycle is complete. */
export function nextStage(recorded: ReadonlyArray<{ key: CycleStage }>): CycleStage | null {
  const keys = new Set(recorded.map((r) => r.key));
  return CYCLE_STAGES.find((k) => !keys.has(k)) ?? null;
}

export interface HappyOfficeAward {
  kind: CertificationKind;
  plaque: Plaque;
  validity: Validity;
  /** The award date of the certificate this one renews, when it is a re-certification. */
  renews: string | null;
}

/**
 * The award of a 국민행복민원실 certificate on `awardDate`, decided from the institution's earlier 국민행복민원실
 * certificates only (never its 인증): a re-certification (gold) when the latest earlier one, not revoked, ran until
 * at least the end of the grace period before this award; otherwise a new certification (silver). Valid 3 years.
 */
export function happyOfficeAward(
  earlier: ReadonlyArray<CertificationFacts>,
  awardDate: string,
  today: string,
  rules: ValidityRules = HAPPY_OFFICE_VALIDITY,
): HappyOfficeAward {
  const chain = validityChain(
    earlier.filter((c) => c.awardDate < awardDate),
    today,
    rules,
  );
  const last = chain.at(-1) ?? null;
  const revoked = last?.validity.revokedOn != null && last.validity.revokedOn <= awardDate;
  const graceUntil = last ? periodEnd(addDays(last.validity.validUntil, 1), rules.graceMonths) : null;
  const renews = last && !revoked && graceUntil !== null && awardDate <= graceUntil ? last.cert.awardDate : null;
  const kind: CertificationKind = renews ? "renewal" : "initial";
  const { validity } = validityChain(
    [...(last ? [last.cert] : []), { awardDate, kind, revokedAt: null }],
    today,
    rules,
  ).at(-1)!;
  return { kind, plaque: renews ? "gold" : "silver", validity, renews };
}
