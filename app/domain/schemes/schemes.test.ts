import { describe, expect, it } from "vitest";
import {
  COMPREHENSIVE,
  estimateGrade,
  getScheme,
  gradeCutoffs,
  gradeGroup,
  gradeQuotas,
  HAPPY_OFFICE,
  CERTIFICATION,
  lineStanding,
  publicationDeadline,
  publicationDuty,
  roundLines,
  rulesFor,
  schemeIdOf,
  schemeValidity,
  SCHEMES,
} from ".";

const GA_MA = rulesFor(COMPREHENSIVE, 2024).grading!.bands;
const grades = (scores: number[], bands = GA_MA) => gradeGroup(scores, (s) => s, bands).map((g) => g.grade);

describe("the catalogue", () => {
  it("every scheme's shares add up to 100 and every rule names a source", () => {
    for (const scheme of Object.values(SCHEMES)) {
      for (const year of scheme.years) {
        if (year.grading) expect(year.grading.bands.reduce((s, b) => s + b.sharePercent, 0)).toBe(100);
        expect(year.stages.rule.source.length).toBeGreaterThan(0);
        for (const line of year.lines) expect(line.rule.source.length).toBeGreaterThan(0);
      }
    }
  });
  it("an edition without a scheme belongs to the 2012–2015 인증", () => {
    expect(schemeIdOf({})).toBe("certification");
    expect(schemeIdOf({ scheme: "comprehensive" })).toBe("comprehensive");
    expect(schemeIdOf({ scheme: "nonsense" })).toBe("certification");
  });
  it("picks the rules in force for a year (2017 three grades, 2020 five; 2019 before its first published shares)", () => {
    expect(rulesFor(COMPREHENSIVE, 2017).grading!.bands.map((b) => b.key)).toEqual(["best", "good", "fair"]);
    expect(rulesFor(COMPREHENSIVE, 2016).grading!.bands.map((b) => b.key)).toEqual(["s", "a", "b", "c", "d"]);
    expect(rulesFor(COMPREHENSIVE, 2019).grading!.rule.status).toBe("assumed");
    expect(rulesFor(COMPREHENSIVE, 2025).grading!.rule.status).toBe("sourced");
    expect(rulesFor(CERTIFICATION, 2015).name).toBe("정부3.0 민원서비스 우수기관 인증");
    expect(rulesFor(HAPPY_OFFICE, 2024).stages.keys.map((s) => s.month)).toEqual([6, 7, 8, 9, 10]);
  });
});

describe("absolute lines of the 인증", () => {
  const totals = (self: number, reviewed: number) => ({ selfTenths: self * 10, reviewedTenths: reviewed * 10 });
  it("2014: 800 on the self score (inclusive), 600 or less is consulting, the edition's points win", () => {
    const lines = roundLines(rulesFor(CERTIFICATION, 2014), { application: 800, consulting: 600 })!;
    expect(lines).toMatchObject({ applicationTenths: 8000, consultingTenths: 6000, applicationTotal: "self" });
    expect(lineStanding(totals(800, 500), lines)).toBe("eligible");
    expect(lineStanding({ selfTenths: 7999, reviewedTenths: 9000 }, lines)).toBe("between");
    expect(lineStanding(totals(600, 900), lines)).toBe("consulting");
    expect(roundLines(rulesFor(CERTIFICATION, 2014), { application: 750, consulting: 500 })!.applicationTenths).toBe(
      7500,
    );
  });
  it("2015: the 800 line applies to the score after review, not the self score", () => {
    const lines = roundLines(rulesFor(CERTIFICATION, 2015), { application: 800, consulting: 600 })!;
    expect(lines.applicationKind).toBe("certification");
    expect(lines.applicationTotal).toBe("reviewed");
    expect(lineStanding(totals(850, 799.9), lines)).toBe("between");
    expect(lineStanding(totals(700, 800), lines)).toBe("eligible");
  });
  it("종합평가 and 국민행복민원실 have no absolute line", () => {
    expect(roundLines(rulesFor(COMPREHENSIVE, 2024), null)).toBeNull();
    expect(roundLines(rulesFor(HAPPY_OFFICE, 2024), null)).toBeNull();
  });
});

describe("relative grading over N peers", () => {
  it("10 peers with distinct scores: 1 가, 2 나, 4 다, 2 라, 1 마", () => {
    expect(grades([91, 90, 89, 88, 87, 86, 85, 84, 83, 82])).toEqual([
      "ga",
      "na",
      "na",
      "da",
      "da",
      "da",
      "da",
      "ra",
      "ra",
      "ma",
    ]);
  });
  it("quotas add up to the group for every size, and 306 gives 31/61/122/61/31", () => {
    for (let n = 0; n <= 400; n++) expect(gradeQuotas(GA_MA, n).reduce((a, b) => a + b, 0)).toBe(n);
    expect(gradeQuotas(GA_MA, 306)).toEqual([31, 61, 122, 61, 31]);
    expect(gradeQuotas(GA_MA, 17)).toEqual([2, 3, 7, 3, 2]);
  });
  it("equal scores get the same, better grade, even across a cut-off", () => {
    // 10 peers, the first two tied: both take 가 (one place over its share), the rest as ranked.
    expect(grades([95, 95, 90, 89, 88, 87, 86, 85, 84, 83])).toEqual([
      "ga",
      "ga",
      "na",
      "da",
      "da",
      "da",
      "da",
      "ra",
      "ra",
      "ma",
    ]);
    // Ties at the bottom: the last three tied at rank 8 all take 라, so nobody is 마.
    expect(grades([99, 98, 97, 96, 95, 94, 93, 80, 80, 80])).toEqual([
      "ga",
      "na",
      "na",
      "da",
      "da",
      "da",
      "da",
      "ra",
      "ra",
      "ra",
    ]);
    // Everyone equal: everyone gets the best grade.
    expect(new Set(grades([70, 70, 70, 70, 70]))).toEqual(new Set(["ga"]));
  });
  it("groups smaller than five grades: no grade is forced, a lone institution is 다", () => {
    expect(grades([80])).toEqual(["da"]);
    expect(grades([80, 70])).toEqual(["na", "ra"]);
    expect(grades([80, 70, 60])).toEqual(["na", "da", "ra"]);
    expect(grades([80, 70, 60, 50])).toEqual(["na", "da", "da", "ra"]);
    expect(grades([])).toEqual([]);
  });
  it("2017: 최우수 20 %, 우수 30 %, 보통 50 %", () => {
    const bands = rulesFor(COMPREHENSIVE, 2017).grading!.bands;
    expect(grades([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], bands)).toEqual([
      "best",
      "best",
      "good",
      "good",
      "good",
      "fair",
      "fair",
      "fair",
      "fair",
      "fair",
    ]);
  });
  it("cut-offs: the lowest score of each grade, null for a grade nobody gets", () => {
    const cut = gradeCutoffs([90, 85, 80], (s) => s, GA_MA);
    expect(cut.map((c) => [c.grade, c.lowest, c.count])).toEqual([
      ["ga", null, 0],
      ["na", 90, 1],
      ["da", 85, 1],
      ["ra", 80, 1],
      ["ma", null, 0],
    ]);
  });
  it("estimates one institution's grade among its peers", () => {
    const peers = [9000, 8800, 8600, 8400, 8200, 8000, 7800, 7600, 7400];
    expect(estimateGrade(9100, peers, GA_MA)).toEqual({ grade: "ga", rank: 1, groupSize: 10 });
    expect(estimateGrade(8800, peers, GA_MA)).toMatchObject({ grade: "na", rank: 2 });
    expect(estimateGrade(7000, peers, GA_MA)).toMatchObject({ grade: "ma", rank: 10 });
  });
});

describe("validity per scheme", () => {
  const today = "2026-12-02";
  it("인증: 2 years from the award day, 3 on a consecutive renewal (민법 제160조)", () => {
    const first = schemeValidity(
      CERTIFICATION,
      { awardDate: "2013-11-21", kind: "initial", revokedAt: null },
      null,
      today,
    )!;
    expect(first.validUntil).toBe("2015-11-20");
    const renewed = schemeValidity(
      CERTIFICATION,
      { awardDate: "2015-11-26", kind: "renewal", revokedAt: null },
      { validUntil: first.validUntil, revokedOn: null },
      today,
    )!;
    expect(renewed.validUntil).toBe("2018-11-25");
  });
  it("국민행복민원실: 3 years, and 3 again on re-certification (경주 2019 → 2022 → 2025, valid to 2028)", () => {
    const a = schemeValidity(HAPPY_OFFICE, { awardDate: "2019-11-22", kind: "initial", revokedAt: null }, null, today)!;
    expect(a.validUntil).toBe("2022-11-21");
    const b = schemeValidity(
      HAPPY_OFFICE,
      { awardDate: "2022-11-24", kind: "renewal", revokedAt: null },
      { validUntil: a.validUntil, revokedOn: null },
      today,
    )!;
    expect(b.validUntil).toBe("2025-11-23");
    const c = schemeValidity(
      HAPPY_OFFICE,
      { awardDate: "2025-11-24", kind: "renewal", revokedAt: null },
      { validUntil: b.validUntil, revokedOn: null },
      today,
    )!;
    expect(c.validUntil).toBe("2028-11-23");
    expect(c.status).toBe("valid");
    expect(
      schemeValidity(HAPPY_OFFICE, { awardDate: "2024-02-29", kind: "initial", revokedAt: null }, null, today)!
        .validUntil,
    ).toBe("2027-02-28");
  });
  it("종합평가 grades; it awards nothing that expires", () => {
    expect(
      schemeValidity(
        getScheme("comprehensive"),
        { awardDate: "2025-02-04", kind: "initial", revokedAt: null },
        null,
        today,
      ),
    ).toBeNull();
  });
});

describe("the duty to publish a 종합평가 result", () => {
  const rule = COMPREHENSIVE.publication!;
  it("is due 14 days after notification, the notification day not counted", () => {
    expect(publicationDeadline("2025-02-04", rule)).toBe("2025-02-18");
    expect(publicationDeadline("2024-12-25", rule)).toBe("2025-01-08");
  });
  it("is overdue the day after the deadline while nothing is published", () => {
    const notified = { notifiedOn: "2025-02-04", publishedOn: null, publishedUntil: null };
    expect(publicationDuty(notified, rule, "2025-02-18")).toMatchObject({ status: "due", daysLeft: 0 });
    expect(publicationDuty(notified, rule, "2025-02-19")).toMatchObject({ status: "overdue", daysLeft: -1 });
    expect(publicationDuty({ ...notified, notifiedOn: null }, rule, "2025-02-19").status).toBe("not-notified");
  });
  it("must stay up at least one month from the day after posting", () => {
    const posted = { notifiedOn: "2025-02-04", publishedOn: "2025-02-10", publishedUntil: null };
    expect(publicationDuty(posted, rule, "2025-03-01")).toMatchObject({ status: "showing", keepUntil: "2025-03-10" });
    expect(publicationDuty(posted, rule, "2025-03-11").status).toBe("done");
    expect(publicationDuty({ ...posted, publishedUntil: "2025-03-09" }, rule, "2025-04-01").status).toBe(
      "removed-early",
    );
    expect(publicationDuty({ ...posted, publishedUntil: "2025-03-10" }, rule, "2025-04-01").status).toBe("done");
    expect(publicationDuty({ ...posted, publishedOn: "2025-02-19" }, rule, "2025-04-01").status).toBe("late");
    // A posting on 31 January: one month from 1 February ends 28 February.
    expect(publicationDuty({ ...posted, publishedOn: "2025-01-31" }, rule, "2025-02-01").keepUntil).toBe("2025-02-28");
  });
  it("refuses a date that is not a calendar date", () => {
    expect(() =>
      publicationDuty({ notifiedOn: "2025-02-30", publishedOn: null, publishedUntil: null }, rule, "2025-03-01"),
    ).toThrow();
  });
});
