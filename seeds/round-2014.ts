// 서대문구's 2014 self-assessment round as the demo shows it: open, about 60 % answered. A pure plan computed from
// the edition — no indicator codes or point values are written here, and every score comes from scoreResponse.
import { scoreProblemText } from "~/text/scoring-text";
import type { ResponseStatus } from "#db/schema";
import type { Edition, Indicator } from "#indicators/schema";
import { scoreResponse } from "~/domain/scoring";
import { answerFor, type Answer } from "./answers";
import { LEAD_DEPARTMENT, mapOwnerDepartment, SEODAEMUN_DEPARTMENTS } from "./seodaemun";

export const DEMO_ROUND = {
  editionId: "2014-sigungu-v2",
  year: 2014,
  title: "2014년 민원서비스 우수기관 인증 자율진단",
  state: "open",
  /** 2014-08-29 (금) 18:00 Asia/Seoul (seed 002). */
  deadlineAt: "2014-08-29T09:00:00.000Z",
} as const;

/** Tags of the indicators 서대문구 had not implemented in 2014 (seed 002: BSC and 민원조정위원회). */
export const KNOWN_GAP_TAGS: readonly string[] = ["bsc", "mediation-committee"];

/** Which department supports the known gaps (seed 002: 정책기획담당관 for BSC, 감사담당관 for 민원조정위원회). */
const GAP_SUPPORT: Readonly<Record<string, string>> = { bsc: "정책기획담당관", "mediation-committee": "감사담당관" };

export interface PlannedEvidence {
  kind: "link" | "note";
  title: string;
  url: string | null;
  note: string | null;
}

export interface PlannedResponse {
  code: string;
  status: ResponseStatus;
  /** 1 implemented, 0 not implemented, null not yet assessed. */
  implemented: 0 | 1 | null;
  /** The answer as stored: the scoring inputs without `implemented`, as JSON; null when there is none. */
  answer: string | null;
  selfTenths: number | null;
  reviewedTenths: number | null;
  narrative: string | null;
  submitted: boolean;
  evidence: PlannedEvidence[];
  /** For a returned answer: the auditor's reason, seeded as a return comment. */
  returnReason?: string;
}

export interface PlannedAssignment {
  code: string;
  lead: string;
  support: string | null;
}

/** An action item on a known gap: seed 002 names the department that must act and the state, 검토중. */
export interface PlannedAction {
  code: string;
  department: string;
  status: "in_progress";
  dueDate: string;
  notes: string;
}

export interface RoundPlan {
  assignments: PlannedAssignment[];
  actions: PlannedAction[];
  responses: PlannedResponse[];
  /** Owner departments of the edition that are not 서대문구 department names (their indicators fall back to the lead). */
  unmappedOwners: string[];
}

const isGap = (indicator: Indicator) => indicator.tags.some((t) => KNOWN_GAP_TAGS.includes(t));

/**
 * The answer as stored in responses.answer: everything but `implemented`, which has its own column. The same JSON
 * the app writes (keys yes, level, inputs in this order; inputs sorted by key), so a seeded answer compares equal.
 */
export function storedAnswer(answer: Answer): string | null {
  const out: { yes?: boolean; level?: string; inputs?: Record<string, number> } = {};
  if (answer.yes !== undefined) out.yes = answer.yes;
  if (answer.level !== undefined) out.level = answer.level;
  if (answer.inputs && Object.keys(answer.inputs).length) {
    out.inputs = Object.fromEntries(Object.entries(answer.inputs).sort(([a], [b]) => a.localeCompare(b)));
  }
  return Object.keys(out).length ? JSON.stringify(out) : null;
}

/** The answer scoreResponse takes, rebuilt from a stored row. */
export function answerFromRow(row: { implemented: number | null; answer: string | null }): Answer {
  return { ...(row.answer ? (JSON.parse(row.answer) as object) : {}), implemented: row.implemented === 1 };
}

function score(indicator: Indicator, answer: Answer): number {
  const result = scoreResponse(indicator, answer);
  if (!result.ok)
    throw new Error(`seed answer for ${indicator.code} does not score: ${scoreProblemText(indicator, result)}`);
  return result.tenths;
}

/** A department that helps with the indicator, different from its lead; every fourth indicator or so. */
function supportFor(indicator: Indicator, index: number, lead: string): string | null {
  const gapTag = indicator.tags.find((t) => GAP_SUPPORT[t]);
  if (gapTag) return GAP_SUPPORT[gapTag] === lead ? LEAD_DEPARTMENT : GAP_SUPPORT[gapTag];
  if (index % 4 !== 2) return null;
  if (lead !== LEAD_DEPARTMENT) return LEAD_DEPARTMENT;
  const others = SEODAEMUN_DEPARTMENTS.filter((d) => d !== LEAD_DEPARTMENT);
  return others[index % others.length];
}

const NARRATIVES = [
  (t: string) => `${t}: 2014년 추진계획을 수립하여 시행 중이며 분기별로 추진 실적을 점검함.`,
  (t: string) => `${t}: 관련 규정을 정비하고 2014. 1.~7. 운영 실적을 확인함.`,
  (t: string) => `${t}: 부서 자체 점검 결과 진단 기준을 충족함. 근거 문서는 증빙자료 참조.`,
  (t: string) => `${t}: 전 부서 협조로 추진 중이며 실적은 전자문서시스템에 보관함.`,
];

function evidenceFor(indicator: Indicator, n: number, department: string): PlannedEvidence[] {
  if (n % 2 === 0) {
    return [{ kind: "link", title: `${indicator.title} 관련 게시 내용`, url: "https://www.sdm.go.kr/", note: null }];
  }
  const month = 1 + (n % 7);
  return [
    {
      kind: "note",
      title: "내부 결재 문서",
      url: null,
      note: `${department} 내부 결재 문서(2014. ${month}.), 전자문서시스템 보관`,
    },
  ];
}

function gapResponse(indicator: Indicator): PlannedResponse {
  const answer: Answer = { implemented: false };
  const bsc = indicator.tags.includes("bsc");
  return {
    code: indicator.code,
    status: "submitted",
    implemented: 0,
    answer: storedAnswer(answer),
    selfTenths: score(indicator, answer),
    reviewedTenths: null,
    narrative: bsc
      ? `${indicator.title}: 균형성과평가제도(BSC) 미도입으로 미시행. 정책기획담당관 협조로 도입 검토 중.`
      : `${indicator.title}: 민원조정위원회 미설치로 미시행. 감사담당관 협조로 설치·운영 검토 중.`,
    submitted: true,
    evidence: [
      {
        kind: "note",
        title: "미시행 사유",
        url: null,
        note: bsc
          ? "정책기획담당관 협의 결과: BSC 운영 검토중"
          : "감사담당관 협의 결과: 민원조정위원회 설치·운영 검토중",
      },
    ],
  };
}

/** Seed 002's action plan: BSC with 정책기획담당관, the 민원조정위원회 with 감사담당관, both 검토중, before the 2015 round. */
function actionFor(indicator: Indicator): PlannedAction {
  const bsc = indicator.tags.includes("bsc");
  return {
    code: indicator.code,
    department: bsc ? GAP_SUPPORT.bsc : GAP_SUPPORT["mediation-committee"],
    status: "in_progress",
    dueDate: "2015-06-30",
    notes: bsc
      ? "BSC 운영 검토중: 비전·전략목표와 부서별 KPI에 민원 지표 반영 방안 협의"
      : "민원조정위원회 설치·운영 검토중: 시행령 제37조에 따른 위원회 구성안 마련",
  };
}

/** The status of the n-th answered (implemented) indicator: mostly draft or submitted, a few approved. */
function statusFor(n: number): ResponseStatus {
  if (n % 10 === 4) return "approved";
  if (n % 3 === 0) return "draft";
  return "submitted";
}

/** The department whose first handed-in answer the reviewer sent back, so the demo member (member2) sees a return. */
export const RETURNED_DEPARTMENT = "자치행정과";

/** Marks one answer as handed in and sent back: RETURNED_DEPARTMENT's first open answer, else the first submitted one. */
function returnOne(responses: PlannedResponse[], leadByCode: Map<string, string>) {
  const open = responses.filter((r) => r.implemented === 1 && (r.status === "draft" || r.status === "submitted"));
  const target =
    open.find((r) => leadByCode.get(r.code) === RETURNED_DEPARTMENT) ?? open.find((r) => r.status === "submitted");
  if (!target) return;
  target.status = "returned";
  target.submitted = true;
  target.returnReason = RETURN_REASON;
}

/** What the demo auditor wrote when sending the answer back (shown to the department with the return). */
export const RETURN_REASON =
  "증빙자료가 실적을 뒷받침하지 못합니다. 결재를 마친 실적 보고서(원본)를 증빙으로 올린 뒤 다시 제출하세요.";

/** The whole round: every indicator assigned, about 60 % answered, the known gaps answered as not implemented. */
export function planRound(edition: Edition): RoundPlan {
  const assignments: PlannedAssignment[] = [];
  const responses: PlannedResponse[] = [];
  const unmapped = new Set<string>();
  let answered = 0;
  edition.indicators.forEach((indicator, index) => {
    const mapped = mapOwnerDepartment(indicator.ownerDepartment);
    if (!mapped) unmapped.add(indicator.ownerDepartment);
    const lead = mapped ?? LEAD_DEPARTMENT;
    assignments.push({ code: indicator.code, lead, support: supportFor(indicator, index, lead) });

    if (isGap(indicator)) {
      responses.push(gapResponse(indicator));
      return;
    }
    if (index % 5 >= 3) {
      responses.push({
        code: indicator.code,
        status: "not_started",
        implemented: null,
        answer: null,
        selfTenths: null,
        reviewedTenths: null,
        narrative: null,
        submitted: false,
        evidence: [],
      });
      return;
    }
    const n = answered++;
    const answer = answerFor(indicator, n);
    const selfTenths = score(indicator, answer);
    const status = statusFor(n);
    responses.push({
      code: indicator.code,
      status,
      implemented: 1,
      answer: storedAnswer(answer),
      selfTenths,
      reviewedTenths: status === "approved" ? selfTenths : null,
      narrative: NARRATIVES[n % NARRATIVES.length](indicator.title),
      submitted: status !== "draft",
      evidence: evidenceFor(indicator, n, lead),
    });
  });
  returnOne(responses, new Map(assignments.map((a) => [a.code, a.lead])));
  return {
    assignments,
    actions: edition.indicators.filter(isGap).map(actionFor),
    responses,
    unmappedOwners: [...unmapped].sort(),
  };
}
