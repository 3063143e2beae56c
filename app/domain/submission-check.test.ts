import { describe, expect, it } from "vitest";
import { type CheckedIndicator, checkSubmission } from "./submission-check";

const lines = { applicationTenths: 8000, consultingTenths: 6000 };
const ind = (code: string, response: CheckedIndicator["response"]): CheckedIndicator => ({
  code,
  title: `지표 ${code}`,
  maxTenths: 100,
  department: "민원여권과",
  response,
});
const done = { status: "submitted" as const, implemented: 1, selfTenths: 100, evidenceCount: 2, carriedOver: false };

describe("pre-submission check", () => {
  it("passes a complete round at or above 800 with nothing to report", () => {
    const check = checkSubmission([ind("a", done), ind("b", done)], { selfTenths: 8000 }, lines, new Set(["a", "b"]));
    expect(check).toEqual({ findings: [], blocked: false, needsAcknowledgement: false });
  });

  it("blocks on unassessed and unassigned indicators and lists them", () => {
    const check = checkSubmission(
      [ind("a", done), ind("b", null), ind("c", { ...done, selfTenths: null, status: "draft" })],
      { selfTenths: 9000 },
      lines,
      new Set(["a", "b"]),
    );
    expect(check.blocked).toBe(true);
    expect(check.findings.map((f) => [f.kind, f.blocking, f.indicators.map((i) => i.code)])).toEqual([
      ["unassigned", true, ["c"]],
      ["unassessed", true, ["b", "c"]],
    ]);
  });

  it("weakens without blocking: no evidence, not handed in, carried over, under 800 (799.9) needs acknowledgement", () => {
    const check = checkSubmission(
      [
        ind("a", { ...done, evidenceCount: 0 }),
        ind("b", { ...done, status: "returned" }),
        ind("c", { ...done, carriedOver: true }),
        ind("d", { ...done, implemented: 0, selfTenths: 0, evidenceCount: 0 }),
      ],
      { selfTenths: 7999 },
      lines,
      new Set(["a", "b", "c", "d"]),
    );
    expect(check.blocked).toBe(false);
    expect(check.needsAcknowledgement).toBe(true);
    expect(check.findings.map((f) => [f.kind, f.indicators.map((i) => i.code)])).toEqual([
      ["no_evidence", ["a"]],
      ["not_handed_in", ["b"]],
      ["carried_over_unconfirmed", ["c"]],
      ["below_application_line", []],
    ]);
  });
});
