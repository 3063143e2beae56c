import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadShippedEditions, readEditionFile } from "./load";
import { type Quantitative, validateEdition } from "./schema";

const fixture = (name: string) => readEditionFile(path.resolve("tests/fixtures/editions", name));
/** The 인증 editions (2012–2015): the facts below are about them; other schemes are in schemes-editions.test.ts. */
const isCertification = (e: { scheme?: string }) => (e.scheme ?? "certification") === "certification";
async function messages(name: string): Promise<string[]> {
  const result = validateEdition(await fixture(name));
  if (result.ok) throw new Error(`${name} unexpectedly validated`);
  return result.errors.map((e) => e.message);
}

describe("shipped editions", () => {
  it("are 2013 시·도 with 122 indicators and 2014 시·군·구 with 133, each 3 areas / 6 items / 1,000 points", async () => {
    const editions = await loadShippedEditions();
    const byId = new Map(editions.map((e) => [e.id, e]));
    const e2013 = byId.get("2013-sido-v2")!;
    const e2014 = byId.get("2014-sigungu-v2")!;
    expect([e2013.year, e2013.institutionType, e2013.indicators.length]).toEqual([2013, "sido", 122]);
    expect([e2014.year, e2014.institutionType, e2014.indicators.length]).toEqual([2014, "sigungu", 133]);
    for (const e of [e2013, e2014]) {
      expect(e.reconstruction).toBe(true);
      expect(e.areas.map((a) => [a.title, a.points])).toEqual([
        ["민원행정서비스 운영기반 구축", 400],
        ["민원행정서비스 운영", 400],
        ["민원행정서비스 운영성과", 200],
      ]);
      expect(e.items).toHaveLength(6);
      expect(e.indicators.reduce((s, i) => s + Math.round(i.maxPoints * 10), 0)).toBe(10000);
    }
  });

  it("give the named systems and rates the shape the sources describe (owners, legal basis, the speed index formula)", async () => {
    for (const e of (await loadShippedEditions()).filter(isCertification)) {
      const mediation = e.indicators.find((i) => i.title === "민원조정위원회 설치·운영");
      expect(mediation?.description, e.id).toContain("제37조");
      expect(mediation?.scoring.kind, e.id).toBe("levels");
      // Seed 002: "BSC 도입 검토(관련 4개 지표)", the four listed after it: institution-wide goals shared with staff,
      // per-department goals, department goals in the BSC's KPIs, and a weight of 10 % or more in the evaluation.
      // The rebuilt editions tag them in the 시·군·구 edition only.
      const bsc = e.indicators.filter((i) => i.tags.includes("bsc"));
      if (e.id === "2014-sigungu-v2") {
        expect(
          bsc.map((i) => i.title),
          e.id,
        ).toEqual([
          "기관 전체의 민원행정 정성·정량 목표 수립 및 구성원 공유",
          "부서별 민원행정 정성·정량 목표 수립",
          "부서 전략목표의 BSC 핵심성과지표(KPI) 반영",
          "기관 성과평가 시 민원행정서비스 지표 비중 10% 이상 반영",
        ]);
        expect(bsc.every((i) => i.ownerDepartment === "정책기획담당관")).toBe(true);
      } else expect(bsc, e.id).toEqual([]);
      const speed = e.indicators.find((i) => i.tags.includes("speed-index"));
      expect(speed?.scoring).toMatchObject({
        kind: "quantitative",
        formula: "(legalDays - actualDays) / legalDays * 100",
      });
      const joint = e.indicators
        .filter((i) => i.tags.includes("joint-evaluation"))
        .map((i) => i.title)
        .join("|");
      for (const name of ["신속성", "민원24", "만족도", "제도 개선", "이의신청 고지"])
        expect(joint, e.id).toContain(name);
    }
    const e2014 = (await loadShippedEditions()).find((e) => e.id === "2014-sigungu-v2")!;
    expect(
      e2014.indicators.filter((i) => i.tags.includes("bsc")).every((i) => i.ownerDepartment === "정책기획담당관"),
    ).toBe(true);
    expect(e2014.indicators.find((i) => i.title === "민원조정위원회 설치·운영")?.ownerDepartment).toBe("감사담당관");
  });

  it("never offer 미시행 as a level: 시행 여부 asks it once, before the level (issue 15)", async () => {
    for (const e of await loadShippedEditions())
      for (const i of e.indicators)
        if (i.scoring.kind === "levels")
          for (const l of i.scoring.levels) expect(`${i.code} ${l.label}`).not.toMatch(/미시행|해당 없음/);
  });

  it("state the rules their quantitative inputs' meaning implies: whole counts, on time ≤ all, rates within 0–100", async () => {
    for (const e of (await loadShippedEditions()).filter(isCertification)) {
      const quantitative = e.indicators
        .filter((i) => i.scoring.kind === "quantitative")
        .map((i) => [i.code, i.scoring as Quantitative] as const);
      expect(quantitative.length, e.id).toBeGreaterThanOrEqual(10);
      for (const [code, s] of quantitative) {
        for (const input of s.inputs) {
          if (["건", "명", "대"].includes(input.unit ?? ""))
            expect(input.integer, `${e.id} ${code} ${input.key}`).toBe(true);
          if (input.unit === "%") expect(input.max, `${e.id} ${code} ${input.key}`).toBe(100);
          expect(input.labelEn, `${e.id} ${code} ${input.key}`).toBeTruthy();
        }
      }
      const onTime = new Map(quantitative).get("3.1.07")!;
      expect(onTime.inputs).toEqual([
        expect.objectContaining({ key: "onTime", integer: true, atMost: "total" }),
        expect.objectContaining({ key: "total", integer: true }),
      ]);
      expect(onTime.resultRange).toEqual({ min: 0, max: 100 });
      for (const code of ["2.2.04", "3.1.14"]) {
        const s = new Map(quantitative).get(code)!;
        expect(s.inputs[0].atMost, code).toBe(s.inputs[1].key);
        expect(s.resultRange, code).toEqual({ min: 0, max: 100 });
      }
    }
  });

  it("derive the 2013 시·도 edition from 2014 and say so, listing what differs", async () => {
    const [e2013] = await loadShippedEditions();
    expect(e2013.notice).toContain("2014 시·군·구 재구성본");
    expect(e2013.notice).toContain("2014 판에서 뺀 지표");
    const carried = e2013.indicators.filter((i) => i.provenance.note?.includes("2014 시·군·구 판"));
    expect(carried.length).toBeGreaterThan(90);
  });
});

describe("validateEdition", () => {
  it("accepts a small valid edition", async () => {
    expect(validateEdition(await fixture("valid-small.yaml")).ok).toBe(true);
  });

  it("rejects a duplicate code, naming the indicator", async () => {
    expect(await messages("duplicate-code.yaml")).toContain("indicator 1.2.01: duplicate code (first seen at row 2)");
  });

  it("rejects points that do not sum to the total", async () => {
    expect(await messages("points-not-total.yaml")).toEqual([
      "areas: points sum to 998.5, expected totalPoints 1000",
      "indicators: points sum to 998.5, expected totalPoints 1000",
    ]);
  });

  it("rejects an unknown scoring kind", async () => {
    expect(await messages("unknown-scoring-kind.yaml")).toEqual([
      'indicator 3.1.01: scoring.kind: unknown scoring kind "stars" (expected yesno, levels, quantitative)',
    ]);
  });

  it("rejects a level fraction outside 0–1", async () => {
    expect(await messages("level-fraction-out-of-range.yaml")).toEqual([
      "indicator 1.2.01: scoring.levels[1].fraction must be between 0 and 1 (got 1.5)",
    ]);
  });

  it("rejects an item under no area", async () => {
    expect(await messages("item-under-no-area.yaml")).toEqual(
      expect.arrayContaining([
        'item 3.2: area "9" does not exist',
        'indicator 3.2.01: area "3" does not match its item 3.2, which is under area "9"',
      ]),
    );
  });

  it("rejects counts that contradict the declared structure", async () => {
    expect(await messages("counts-contradict-structure.yaml")).toEqual([
      "structure.indicators: declares 133 indicators, found 7",
    ]);
  });

  it("rejects points with more than one decimal", async () => {
    expect(await messages("two-decimals.yaml")).toEqual(
      expect.arrayContaining([
        "indicator 1.2.01: maxPoints 199.45 has more than one decimal",
        "indicator 1.2.02: maxPoints 0.55 has more than one decimal",
      ]),
    );
  });

  it("rejects a formula that uses an undeclared input", async () => {
    expect(await messages("formula-unknown-input.yaml")).toEqual([
      'indicator 2.2.01: scoring.formula: unknown input "elapsed" (declared: legalDays, actualDays)',
    ]);
  });

  it("lists every error at once", async () => {
    const all = await messages("many-errors.yaml");
    expect(all).toEqual(
      expect.arrayContaining([
        'item 1.1: area "7" does not exist',
        "indicator 3.2.01: scoring.levels[0].fraction must be between 0 and 1 (got -0.2)",
        "indicator 3.2.01: scoring.levels: no level gives full points (fraction 1)",
      ]),
    );
    expect(all.length).toBeGreaterThanOrEqual(4);
  });

  describe("rules of quantitative inputs", () => {
    /** valid-small.yaml with its speed index's scoring changed. */
    async function withSpeed(
      change: (scoring: Record<string, unknown> & { inputs: Record<string, unknown>[] }) => void,
    ) {
      const raw = (await fixture("valid-small.yaml")) as { indicators: { code: string; scoring: never }[] };
      change(raw.indicators.find((i) => i.code === "2.2.01")!.scoring);
      return validateEdition(raw);
    }
    const errorsOf = (result: ReturnType<typeof validateEdition>) =>
      result.ok ? [] : result.errors.map((e) => e.message);

    it("accepts whole numbers, bounds, an input another may not exceed, English labels and a result range", async () => {
      const result = await withSpeed((s) => {
        Object.assign(s.inputs[0], { integer: true, min: 1, max: 1_000_000, labelEn: "Total legal processing period" });
        Object.assign(s.inputs[1], { integer: true, atMost: "legalDays" });
        s.resultRange = { min: 0, max: 100 };
      });
      expect(errorsOf(result)).toEqual([]);
      const s = result.ok
        ? (result.edition.indicators.find((i) => i.code === "2.2.01")!.scoring as Quantitative)
        : null;
      expect(s?.inputs[1]).toMatchObject({ integer: true, atMost: "legalDays" });
      expect(s?.resultRange).toEqual({ min: 0, max: 100 });
    });

    it("names the indicator and the input of a misspelt or mistyped rule", async () => {
      expect(errorsOf(await withSpeed((s) => Object.assign(s.inputs[1], { interger: true })))).toEqual([
        'indicator 2.2.01: scoring.inputs[actualDays]: Unrecognized key: "interger"',
      ]);
      expect(errorsOf(await withSpeed((s) => Object.assign(s.inputs[0], { integer: "yes" })))).toEqual([
        expect.stringMatching(/^indicator 2\.2\.01: scoring\.inputs\[legalDays\]\.integer: .*boolean/),
      ]);
      expect(errorsOf(await withSpeed((s) => Object.assign(s.inputs[0], { max: "100" })))).toEqual([
        expect.stringMatching(/^indicator 2\.2\.01: scoring\.inputs\[legalDays\]\.max: .*number/),
      ]);
      expect(
        errorsOf(
          await withSpeed((s) => {
            s.resultRnage = { max: 100 };
          }),
        ),
      ).toEqual(['indicator 2.2.01: scoring: Unrecognized key: "resultRnage"']);
    });

    it("refuses a comparison with an unknown input or with itself", async () => {
      expect(errorsOf(await withSpeed((s) => Object.assign(s.inputs[1], { atMost: "legalDay" })))).toEqual([
        'indicator 2.2.01: scoring.inputs[actualDays].atMost: unknown input "legalDay" (declared: legalDays, actualDays)',
      ]);
      expect(errorsOf(await withSpeed((s) => Object.assign(s.inputs[1], { atMost: "actualDays" })))).toEqual([
        "indicator 2.2.01: scoring.inputs[actualDays].atMost: an input cannot be compared with itself",
      ]);
    });

    it("refuses bounds that leave no value", async () => {
      expect(errorsOf(await withSpeed((s) => Object.assign(s.inputs[0], { min: 10, max: 5 })))).toEqual([
        "indicator 2.2.01: scoring.inputs[legalDays]: min 10 is above max 5",
      ]);
      expect(
        errorsOf(await withSpeed((s) => Object.assign(s.inputs[0], { integer: true, min: 0.2, max: 0.8 }))),
      ).toEqual(["indicator 2.2.01: scoring.inputs[legalDays]: no whole number lies between min 0.2 and max 0.8"]);
      expect(errorsOf(await withSpeed((s) => Object.assign(s.inputs[0], { unit: "%", min: 150 })))).toEqual([
        "indicator 2.2.01: scoring.inputs[legalDays]: min 150 is above max 100",
      ]);
      expect(errorsOf(await withSpeed((s) => Object.assign(s.inputs[0], { max: 5e9 })))).toEqual([
        "indicator 2.2.01: scoring.inputs[legalDays].max: 5000000000 is beyond the input limit of 1000000000",
      ]);
      expect(
        errorsOf(
          await withSpeed((s) => {
            s.resultRange = { min: 100, max: 0 };
          }),
        ),
      ).toEqual(["indicator 2.2.01: scoring.resultRange: min 100 is above max 0"]);
      expect(
        errorsOf(
          await withSpeed((s) => {
            s.resultRange = {};
          }),
        ),
      ).toEqual(["indicator 2.2.01: scoring.resultRange: give min, max or both"]);
    });
  });

  it("turns malformed input into messages rather than throwing", () => {
    const result = validateEdition({ id: "Bad Id", indicators: [{ code: "x" }] });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.map((e) => e.message)).toEqual(
        expect.arrayContaining([expect.stringMatching(/^id: /), expect.stringMatching(/^indicator x: title: /)]),
      );
    }
  });
});
