// What stands between a round and its submission. Pure: the page lists the findings, the action refuses blockers.
import type { ResponseStatus } from "#db/schema";
import { thresholdStanding } from "./totals";

export interface CheckedIndicator {
  code: string;
  title: string;
  maxTenths: number;
  department: string | null;
  /** The response, or null when nobody has touched the indicator. */
  response: {
    status: ResponseStatus;
    implemented: number | null;
    selfTenths: number | null;
    evidenceCount: number;
    carriedOver: boolean;
  } | null;
}

export type FindingKind =
  | "unassessed" // no self score: blocks
  | "unassigned" // no lead department: blocks
  | "below_application_line" // total under 800: weakens (the institution cannot apply), needs an explicit acknowledgement
  | "no_evidence" // scored, implemented, without any evidence: weakens
  | "not_handed_in" // answered but still a draft or returned at the department: weakens
  | "carried_over_unconfirmed"; // last year's answer not yet confirmed: weakens

export const BLOCKING: readonly FindingKind[] = ["unassessed", "unassigned"];

export interface Finding {
  kind: FindingKind;
  blocking: boolean;
  /** Indicators concerned, in rubric order (empty for round-wide findings). */
  indicators: { code: string; title: string; department: string | null; maxTenths: number }[];
}

export interface SubmissionCheck {
  findings: Finding[];
  blocked: boolean;
  /** Whether submitting needs "I know the total is under the application line". */
  needsAcknowledgement: boolean;
}

export function checkSubmission(
  indicators: readonly CheckedIndicator[],
  totals: { selfTenths: number },
  /** The scheme's absolute lines; null for a scheme without them (the 종합평가), which has no line to fall under. */
  thresholds: { applicationTenths: number; consultingTenths: number | null } | null,
  assigned: ReadonlySet<string>,
): SubmissionCheck {
  const pick = (test: (i: CheckedIndicator) => boolean) =>
    indicators.filter(test).map(({ code, title, department, maxTenths }) => ({ code, title, department, maxTenths }));
  const lists: [FindingKind, Finding["indicators"]][] = [
    ["unassigned", pick((i) => !assigned.has(i.code))],
    ["unassessed", pick((i) => i.response === null || i.response.selfTenths === null)],
    [
      "no_evidence",
      pick(
        (i) =>
          i.response !== null &&
          i.response.implemented === 1 &&
          i.response.selfTenths !== null &&
          i.response.evidenceCount === 0,
      ),
    ],
    [
      "not_handed_in",
      pick(
        (i) =>
          i.response !== null &&
          i.response.selfTenths !== null &&
          (i.response.status === "draft" || i.response.status === "returned"),
      ),
    ],
    ["carried_over_unconfirmed", pick((i) => i.response?.carriedOver === true)],
  ];
  const findings: Finding[] = lists
    .filter(([, list]) => list.length > 0)
    .map(([kind, list]) => ({ kind, blocking: BLOCKING.includes(kind), indicators: list }));
  const below = thresholds !== null && thresholdStanding(totals.selfTenths, thresholds) !== "eligible";
  if (below) findings.push({ kind: "below_application_line", blocking: false, indicators: [] });
  findings.sort((a, b) => Number(b.blocking) - Number(a.blocking));
  return { findings, blocked: findings.some((f) => f.blocking), needsAcknowledgement: below };
}
