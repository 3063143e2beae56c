// The 국민행복민원실 cycle: stages by month from the scheme's data, their order, and the award's plaque and validity.
import { describe, expect, it } from "vitest";
import { cycleCalendar, happyOfficeAward, nextStage, stageProblem } from "./happy-office";

describe("the yearly cycle", () => {
  it("runs 신청 June → 서면심사 July → 현지실사 August → 체험평가 September → 선정 October, awards on 11-24", () => {
    const { stages, awardDay, rule } = cycleCalendar(2025);
    expect(stages.map((s) => [s.key, s.from, s.until])).toEqual([
      ["application", "2025-06-01", "2025-06-30"],
      ["document", "2025-07-01", "2025-07-31"],
      ["site", "2025-08-01", "2025-08-31"],
      ["mystery", "2025-09-01", "2025-09-30"],
      ["selection", "2025-10-01", "2025-10-31"],
    ]);
    expect(awardDay).toBe("2025-11-24");
    expect(rule.source).toMatch(/mby\.co\.kr/);
  });

  it("records stages in order and on dates that do not go backwards", () => {
    const recorded = [
      { key: "application" as const, date: "2025-06-20" },
      { key: "document" as const, date: "2025-07-15" },
    ];
    expect(stageProblem(recorded, "site", "2025-08-20")).toBeNull();
    expect(stageProblem(recorded, "mystery", "2025-09-10")).toBe("previous-missing");
    expect(stageProblem(recorded, "site", "2025-07-14")).toBe("before-previous");
    expect(stageProblem(recorded, "site", "2025-07-15")).toBeNull(); // the same day is fine
    // Correcting an earlier stage to a date after a later one is refused.
    expect(stageProblem(recorded, "application", "2025-07-16")).toBe("after-next");
    expect(nextStage(recorded)).toBe("site");
    expect(nextStage([])).toBe("application");
  });
});

describe("the award", () => {
  const earlier = (awardDate: string, revokedAt: string | null = null) => ({
    awardDate,
    kind: "initial" as const,
    revokedAt,
  });

  it("is new (silver) without an earlier 국민행복민원실 certificate, valid 3 years per 민법 제160조", () => {
    const award = happyOfficeAward([], "2025-11-24", "2025-12-01");
    expect(award).toMatchObject({ kind: "initial", plaque: "silver", renews: null });
    expect(award.validity).toMatchObject({ years: 3, validFrom: "2025-11-24", validUntil: "2028-11-23" });
  });

  it("is a re-certification (gold) at the end of the previous certificate, again 3 years", () => {
    const award = happyOfficeAward([earlier("2022-11-24")], "2025-11-24", "2025-12-01");
    expect(award).toMatchObject({ kind: "renewal", plaque: "gold", renews: "2022-11-24" });
    expect(award.validity).toMatchObject({ years: 3, validUntil: "2028-11-23", consecutive: true });
    // Repeatable: 공주 2017 → 2020 → 2023.
    const third = happyOfficeAward([earlier("2017-11-24"), earlier("2020-11-24")], "2023-11-24", "2023-12-01");
    expect(third).toMatchObject({ plaque: "gold", renews: "2020-11-24" });
  });

  it("counts the last day on a leap day: awarded 2024-02-29, valid to 2027-02-28", () => {
    expect(happyOfficeAward([], "2024-02-29", "2024-03-01").validity.validUntil).toBe("2027-02-28");
  });

  it("is new again (silver) after a lapse beyond the grace, or after a revocation", () => {
    // 2018-11-24 ran to 2021-11-23; the grace of 6 months ends 2022-05-23.
    expect(happyOfficeAward([earlier("2018-11-24")], "2022-05-23", "2022-06-01").plaque).toBe("gold");
    expect(happyOfficeAward([earlier("2018-11-24")], "2022-05-24", "2022-06-01").plaque).toBe("silver");
    const revoked = happyOfficeAward([earlier("2022-11-24", "2024-03-01T00:00:00Z")], "2025-11-24", "2025-12-01");
    expect(revoked).toMatchObject({ kind: "initial", plaque: "silver" });
  });

  it("ignores certificates awarded on or after the new award date", () => {
    expect(happyOfficeAward([earlier("2026-11-24")], "2025-11-24", "2026-12-01").plaque).toBe("silver");
  });
});
