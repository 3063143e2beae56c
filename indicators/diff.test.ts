import { describe, expect, it } from "vitest";
import { diffEditions, isCarryOverSafe } from "./diff";
import { loadShippedEditions } from "./load";
import type { Edition } from "./schema";

describe("diffEditions", () => {
  it("accounts for every indicator of both editions, 2013 → 2014", async () => {
    const [e2013, e2014] = await loadShippedEditions();
    const d = diffEditions(e2013, e2014);
    expect(d.added.length + d.changed.length + d.unchanged.length).toBe(133);
    expect(d.removed.length + d.changed.length + d.unchanged.length).toBe(122);
    // 시·도-only work (e.g. evaluating the 시·군·구) has no counterpart under its code in the 시·군·구 edition.
    const sidoOnly = e2013.indicators.find((i) => i.title === "시·군·구 민원행정 평가 및 인센티브 운영")!;
    expect(d.changed.find((c) => c.code === sidoOnly.code)?.fields).toContain("title");
  });

  it("lists what was added, removed and changed by code; a change of points alone lets last year's answer carry over", async () => {
    const e2014 = (await loadShippedEditions()).find((e) => e.id === "2014-sigungu-v2")!;
    const next = JSON.parse(JSON.stringify(e2014)) as Edition;
    next.indicators[0].maxPoints += 1;
    next.indicators[1].title = "다른 지표";
    const removed = next.indicators.splice(2, 1)[0];
    next.indicators.push({ ...removed, code: "3.2.99", title: "새 지표" });
    const d = diffEditions(e2014, next);
    expect(d.removed.map((i) => i.code)).toEqual([removed.code]);
    expect(d.added.map((i) => i.title)).toEqual(["새 지표"]);
    expect(d.changed.map((c) => [c.code, c.fields])).toEqual([
      [e2014.indicators[0].code, ["maxPoints"]],
      [e2014.indicators[1].code, ["title"]],
    ]);
    expect(isCarryOverSafe(d, e2014.indicators[0].code)).toBe(true);
    expect(isCarryOverSafe(d, e2014.indicators[1].code)).toBe(false);
    expect(isCarryOverSafe(d, "3.2.99")).toBe(false);
    expect(d.unchanged).toHaveLength(130);
  });
});
