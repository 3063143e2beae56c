import { describe, expect, it } from "vitest";
import type { Indicator } from "#indicators/schema";
import { formatDateTime } from "~/domain/datetime";
import {
  type AuditEventView,
  changeLines,
  describeChanges,
  describeTarget,
  type DisplayLookups,
  indicatorCodeOf,
  lookupsFor,
  shorten,
  targetText,
} from "./audit-display";

const indicator = (code: string, title: string, scoring: Indicator["scoring"]): Indicator => ({
  code,
  area: "1",
  item: "1.1",
  title,
  description: "",
  maxPoints: 8,
  scoring,
  evidence: [],
  ownerDepartment: "민원여권과",
  tags: [],
  provenance: { status: "placeholder" as const, sources: [] },
});
const INDICATORS = [
  indicator("1.1.08", "기관장 민원현장 방문 및 직원 격려", { kind: "yesno" }),
  indicator("1.2.01", "민원행정 개선 계획", {
    kind: "levels",
    levels: [
      { code: "A", label: "우수: 모두 갖추어짐", fraction: 1 },
      { code: "B", label: "보통: 점검·환류가 미흡", fraction: 0.6 },
    ],
  }),
  indicator("3.1.07", "민원 교육 이수", {
    kind: "quantitative",
    inputs: [
      { key: "hours", label: "교육 이수 시간 합계", unit: "시간" },
      { key: "staff", label: "민원 담당 직원 수", unit: "명" },
    ],
    formula: "hours / staff",
    bands: [{ min: 0, fraction: 1 }],
  }),
];
const DEPARTMENTS = [
  { id: 1, name: "민원여권과" },
  { id: 2, name: "정책기획담당관" },
];
const event = (e: Partial<AuditEventView> & Pick<AuditEventView, "entity" | "action">): AuditEventView => ({
  entityId: "8",
  before: null,
  after: null,
  ...e,
});
const lookups = (...events: AuditEventView[]): DisplayLookups => lookupsFor(INDICATORS, DEPARTMENTS, events);
const lines = (locale: "ko" | "en", e: AuditEventView, l: DisplayLookups = lookups(e)) => {
  const d = describeChanges(locale, e, l);
  return { kind: d.kind, changes: d.changes.map((c) => `${c.label}: ${c.before ?? "–"} → ${c.after ?? "–"}`) };
};

const approval = event({
  entity: "response",
  entityId: "107",
  action: "approve",
  before: {
    indicator: "1.1.08",
    status: "submitted",
    self_tenths: 80,
    reviewed_tenths: null,
    review_reason: null,
    version: 1,
  },
  after: {
    indicator: "1.1.08",
    status: "approved",
    self_tenths: 80,
    reviewed_tenths: 80,
    review_reason: null,
    version: 2,
  },
});

describe("an audit event in words", () => {
  it("names the indicator an approval is about, with its title, instead of the response's row id", () => {
    const target = describeTarget("ko", approval, lookups(approval));
    expect(target).toEqual({ entity: "응답", code: "1.1.08", title: "기관장 민원현장 방문 및 직원 격려", ref: null });
    expect(targetText(target)).toBe("응답 1.1.08 기관장 민원현장 방문 및 직원 격려");
    expect(targetText(describeTarget("en", approval))).toBe("Response 1.1.08");
  });

  it("shows statuses by their labels and points with one decimal, leaving out the version", () => {
    expect(lines("ko", approval)).toEqual({ kind: "change", changes: ["상태: 제출 → 승인", "검토 점수: – → 8.0점"] });
    expect(lines("en", approval).changes).toEqual(["Status: Submitted → Approved", "Reviewed score: – → 8.0 pts"]);
  });

  it("spells out an answer part by part: level with its label, yes/no, quantitative inputs by name and unit", () => {
    const save = event({
      entity: "response",
      action: "save",
      before: {
        status: "draft",
        carried_over: 0,
        implemented: null,
        answer: null,
        self_tenths: 48,
        narrative: "계획 수립",
        version: 3,
      },
      after: {
        indicator: "1.2.01",
        status: "draft",
        carried_over: 0,
        implemented: 1,
        answer: '{"level":"B"}',
        self_tenths: 80,
        narrative: "계획 수립\n\n및  점검",
        version: 4,
      },
    });
    expect(lines("ko", save).changes).toEqual([
      "시행 여부: – → 시행",
      "자체 점수: 4.8점 → 8.0점",
      "추진 실적 설명: 계획 수립 → 계획 수립 및 점검",
      "등급: – → B. 보통: 점검·환류가 미흡",
    ]);
    const yes = event({
      entity: "response",
      action: "save",
      before: { indicator: "1.1.08", answer: '{"yes":false}' },
      after: { indicator: "1.1.08", answer: '{"yes":true}' },
    });
    expect(lines("ko", yes).changes).toEqual(["충족 여부: 아니오 → 예"]);
    expect(lines("en", yes).changes).toEqual(["Met: No → Yes"]);
    const numbers = event({
      entity: "response",
      action: "save",
      before: { indicator: "3.1.07", answer: '{"inputs":{"hours":1200,"staff":40}}' },
      after: { indicator: "3.1.07", answer: '{"inputs":{"hours":1350.5,"staff":40}}' },
    });
    expect(lines("ko", numbers).changes).toEqual(["교육 이수 시간 합계: 1,200 시간 → 1,350.5 시간"]);
    expect(
      lines("en", numbers, {
        indicators: {
          "3.1.07": {
            title: "",
            inputs: { hours: { label: "교육 이수 시간 합계", labelEn: "Training hours", unit: "시간" } },
          },
        },
      }).changes,
    ).toEqual(["Training hours: 1,200 시간 → 1,350.5 시간"]);
    // Without the rubric at hand (no lookups) the input's key stands in for its name.
    expect(lines("ko", numbers, {}).changes).toEqual(["hours: 1,200 → 1,350.5"]);
  });

  it("lists an addition's values (no empty ones) and a removal's, without hashes and row ids", () => {
    const created = event({
      entity: "response",
      action: "create",
      after: {
        indicator: "1.1.08",
        status: "not_started",
        carried_over: 0,
        implemented: null,
        answer: null,
        self_tenths: null,
        narrative: null,
        version: 1,
      },
    });
    expect(lines("ko", created)).toEqual({ kind: "created", changes: ["상태: – → 미착수"] });
    const added = event({
      entity: "evidence",
      entityId: "31",
      action: "add",
      after: {
        indicator: "1.1.08",
        response_id: 107,
        id: 31,
        kind: "file",
        title: "방문 결과 보고",
        url: null,
        file_sha256: "ab12",
        file_name: "보고서.pdf",
        file_size: 254_000,
      },
    });
    const d = describeChanges("ko", added, lookups(added));
    expect(d.changes.map((c) => [c.label, c.after])).toEqual([
      ["종류", "파일"],
      ["제목", "방문 결과 보고"],
      ["파일 이름", "보고서.pdf"],
      ["파일 크기", "248.0 KB"],
    ]);
    expect(changeLines(d, "before")).toBe("");
    expect(changeLines(d, "after")).toBe(
      "종류: 파일\n제목: 방문 결과 보고\n파일 이름: 보고서.pdf\n파일 크기: 248.0 KB",
    );
    const removed = event({
      entity: "evidence",
      entityId: "31",
      action: "delete",
      before: { indicator: "1.1.08", id: 31, kind: "link", title: "누리집", url: "https://example.go.kr" },
    });
    const r = describeChanges("en", removed);
    expect(r.kind).toBe("removed");
    expect(changeLines(r, "before")).toBe("Kind: Link\nTitle: 누리집\nLink: https://example.go.kr");
    expect(changeLines(r, "after")).toBe("");
  });

  it("names departments of an assignment and the indicator from its id; an unknown department keeps its id", () => {
    const assign = event({
      entity: "assignment",
      entityId: "1:3.1.07",
      action: "assign",
      before: [{ department_id: 1, role: "lead" }],
      after: [
        { department_id: 2, role: "lead" },
        { department_id: 1, role: "support" },
        { department_id: 9, role: "support" },
      ],
    });
    expect(indicatorCodeOf(assign)).toBe("3.1.07");
    expect(targetText(describeTarget("ko", assign, lookups(assign)))).toBe("배정 3.1.07 민원 교육 이수");
    expect(lines("ko", assign).changes).toEqual([
      "주관 부서: 민원여권과 → 정책기획담당관",
      "협조 부서: – → 민원여권과, #9",
    ]);
    expect(lines("en", assign).changes).toEqual([
      "Lead department: 민원여권과 → 정책기획담당관",
      "Supporting departments: – → 민원여권과, #9",
    ]);
  });

  it("reads action items, comments and the round's own events", () => {
    const item = event({
      entity: "action_item",
      action: "update",
      before: { code: "1.1.08", department: "민원여권과", dueDate: "2015-03-31", status: "open", notes: "" },
      after: {
        code: "1.1.08",
        department: "정책기획담당관",
        dueDate: "2015-06-30",
        status: "in_progress",
        notes: "계획 수립 중",
      },
    });
    expect(targetText(describeTarget("ko", item, lookups(item)))).toBe(
      "실행계획 1.1.08 기관장 민원현장 방문 및 직원 격려",
    );
    expect(lines("ko", item).changes).toEqual([
      "담당 부서: 민원여권과 → 정책기획담당관",
      "완료 예정일: 2015. 3. 31. → 2015. 6. 30.",
      "상태: 착수 전 → 추진 중",
      "내용: – → 계획 수립 중",
    ]);
    const comment = event({
      entity: "comment",
      action: "add",
      after: { indicator: "1.1.08", kind: "adjust", body: "증빙 부족", parent_id: null },
    });
    expect(lines("ko", comment).changes).toEqual(["종류: – → 조정 사유", "내용: – → 증빙 부족"]);
    const deadline = event({
      entity: "round",
      entityId: "1",
      action: "set_deadline",
      before: { deadline_at: "2014-08-29T09:00:00.000Z" },
      after: { deadline_at: "2014-09-05T09:00:00.000Z" },
    });
    expect(describeTarget("ko", deadline)).toEqual({ entity: "회차", code: null, title: null, ref: null });
    expect(lines("ko", deadline).changes).toEqual([
      `제출 기한: ${formatDateTime("2014-08-29T09:00:00.000Z")} → ${formatDateTime("2014-09-05T09:00:00.000Z")}`,
    ]);
    expect(formatDateTime("2014-09-05T09:00:00.000Z")).toMatch(/^2014\. 9\. 5\. ?\(금\) 18:00$/); // Seoul time
    const reopen = event({
      entity: "round",
      entityId: "1",
      action: "reopen",
      before: { state: "submitted" },
      after: { state: "open", reason: "보완 요청" },
    });
    expect(lines("ko", reopen).changes).toEqual(["상태: 제출 완료(잠김) → 진행 중", "사유: – → 보완 요청"]);
    const stage = event({
      entity: "review_stage",
      action: "record",
      after: { stage: "committee", held_on: "2014-11-20", notes: "심의", decision: "certified" },
    });
    expect(lines("en", stage).changes).toEqual([
      "Stage: – → Certification committee",
      "Date: – → 20/11/2014",
      "Notes: – → 심의",
      "Committee decision: – → Certified",
    ]);
  });

  it("falls back to raw names and values for what it does not know, and never throws on odd shapes", () => {
    const odd = event({
      entity: "gadget",
      entityId: "x",
      action: "polish",
      before: { shine: 1, nested: { a: 1 } },
      after: { shine: 2, nested: { a: 2 }, version: 9 },
    });
    expect(targetText(describeTarget("ko", odd))).toBe("gadget");
    expect(lines("ko", odd).changes).toEqual(["shine: 1 → 2", 'nested: {"a":1} → {"a":2}']);
    expect(lines("ko", event({ entity: "response", action: "save", before: "text", after: 5 })).changes).toEqual([
      "value: text → 5",
    ]);
    expect(
      lines(
        "ko",
        event({
          entity: "response",
          action: "save",
          before: { answer: "not json" },
          after: { answer: '{"level":"A"}' },
        }),
      ).changes,
    ).toEqual(["답변: not json → –", "등급: – → A"]);
    expect(
      lines(
        "ko",
        event({ entity: "response", action: "save", before: { status: "lost" }, after: { status: "approved" } }),
      ).changes,
    ).toEqual(["상태: lost → 승인"]);
    expect(lines("ko", event({ entity: "response", action: "save" }))).toEqual({ kind: "created", changes: [] });
    // An indicator's row whose event does not name the indicator: its id, marked as such.
    expect(
      targetText(
        describeTarget("ko", event({ entity: "comment", entityId: "12", action: "add", after: { body: "의견" } })),
      ),
    ).toBe("의견 #12");
  });

  it("ships a page only the indicators its events name, an export all of them", () => {
    expect(Object.keys(lookups(approval).indicators!)).toEqual(["1.1.08"]);
    expect(Object.keys(lookupsFor(INDICATORS, DEPARTMENTS).indicators!)).toEqual(["1.1.08", "1.2.01", "3.1.07"]);
    expect(lookupsFor(INDICATORS, DEPARTMENTS).departments).toEqual({ 1: "민원여권과", 2: "정책기획담당관" });
  });

  it("shortens long text for a table cell", () => {
    expect(shorten("가".repeat(10), 5)).toBe("가가가가…");
    expect(shorten("짧음", 5)).toBe("짧음");
  });
});
