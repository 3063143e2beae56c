// The editions of the other schemes (ADR 029, 031): the 종합평가's structure as the result notices describe it, and
// the schema rules that keep a scheme's lines where they belong.
import { describe, expect, it } from "vitest";
import { loadShippedEditions } from "./load";
import { type Edition, validateEdition } from "./schema";

const clone = (e: Edition) => JSON.parse(JSON.stringify(e)) as Record<string, any>;
const comprehensive = async () => (await loadShippedEditions()).find((e) => e.id === "2024-comprehensive-sigungu")!;

describe("the 2024 종합평가 edition (reconstruction)", () => {
  it("has 3 fields (관리기반 4 · 활동 13 · 성과 3), the five published items and 100 points", async () => {
    const e = await comprehensive();
    expect(e.scheme).toBe("comprehensive");
    expect(e.reconstruction).toBe(true);
    expect(e.thresholds).toBeUndefined();
    expect(e.totalPoints).toBe(100);
    const byArea = e.areas.map((a) => e.indicators.filter((i) => i.area === a.code).length);
    expect(byArea).toEqual([4, 13, 3]);
    expect(e.items.map((i) => i.title)).toEqual([
      "민원행정 전략 및 체계",
      "민원제도 운영",
      "국민신문고 민원처리",
      "고충민원 처리",
      "민원만족도",
    ]);
  });

  it("splits its 20 indicators between the evaluators: 일반민원 10 (행안부), 국민신문고 5 and 고충민원 5 (권익위)", async () => {
    const e = await comprehensive();
    const mois = e.indicators.filter((i) => i.tags.includes("evaluator-mois"));
    const acrc = e.indicators.filter((i) => i.tags.includes("evaluator-acrc"));
    expect([mois.length, acrc.length]).toEqual([10, 10]);
    expect(acrc.filter((i) => i.tags.includes("e-petition"))).toHaveLength(5);
    expect(acrc.filter((i) => i.tags.includes("grievance"))).toHaveLength(5);
    expect(new Set(acrc.map((i) => i.item))).toEqual(new Set(["3", "4"]));
  });

  it("carries the indicators the result notices name, marked sourced, and says where it assumes", async () => {
    const e = await comprehensive();
    for (const name of [
      /기관장의 민원행정/,
      /민원담당자 보호/,
      /민원취약계층/,
      /이송 신속도/,
      /답변 충실도/,
      /고충민원처리 노력도/,
    ]) {
      const found = e.indicators.find((i) => name.test(i.title));
      expect(found?.provenance.status, String(name)).toBe("sourced");
    }
    const placeholders = e.indicators.filter((i) => i.provenance.status === "placeholder");
    expect(placeholders.length).toBeGreaterThan(0);
    for (const p of placeholders) expect(p.provenance.note, p.code).toMatch(/출처 없음/);
    expect(e.notice).toMatch(/가정/);
  });
});

describe("lines belong to the scheme", () => {
  it("refuses thresholds on a 종합평가 edition, and a 인증 edition without them", async () => {
    const raw = clone(await comprehensive());
    raw.thresholds = { application: 80, consulting: 60 };
    const result = validateEdition(raw);
    expect(!result.ok && result.errors.map((x) => x.message)).toContainEqual(
      expect.stringMatching(/^thresholds: the comprehensive scheme has no absolute lines/),
    );
    const cert = clone((await loadShippedEditions()).find((e) => e.id === "2014-sigungu-v2")!);
    delete cert.thresholds;
    const refused = validateEdition(cert);
    expect(!refused.ok && refused.errors.map((x) => x.message)).toContainEqual(
      expect.stringMatching(/^thresholds: an edition of the 인증 states/),
    );
  });
});
