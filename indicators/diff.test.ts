import { describe, expect, it } from "vitest";
import { diffEditions, isCarryOverSafe } from "./diff";
import { loadShippedEditions } from "./load";

describe("diffEditions 2013 → 2014", () => {
  it("lists what was added, removed and changed by code", async () => {
    const [e2013, e2014] = await loadShippedEditions();
    const d = diffEditions(e2013, e2014);
    expect(d.added.length + d.changed.length + d.unchanged.length).toBe(133);
    expect(d.removed.length + d.changed.length + d.unchanged.length).toBe(122);
    expect(d.removed.map((i) => i.title)).toContain("시·군·구 민원행정 지원 및 평가 체계 운영");
    expect(d.added.map((i) => i.title)).toContain("통합 민원창구(원스톱 창구) 운영");
    // Points were redistributed between the editions: such a change still lets last year's answer carry over.
    const changedPoints = d.changed.find((c) => c.fields.includes("maxPoints") && c.fields.length === 1);
    expect(changedPoints).toBeDefined();
    expect(isCarryOverSafe(d, changedPoints!.code)).toBe(true);
    expect(isCarryOverSafe(d, d.added[0].code)).toBe(false);
  });
});
