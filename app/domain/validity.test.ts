import { describe, expect, it } from "vitest";
import {
  addMonths,
  certificationValidity,
  currentEntry,
  DEFAULT_VALIDITY_RULES,
  isCalendarDate,
  kindConflict,
  lastWeekdayOf,
  periodEnd,
  proposeRenewal,
  todayInSeoul,
  type ValidityRules,
  validityChain,
} from "./validity";

const initial = (awardDate: string, revokedAt: string | null = null) => ({
  awardDate,
  kind: "initial" as const,
  revokedAt,
});
const renewal = (awardDate: string, revokedAt: string | null = null) => ({
  awardDate,
  kind: "renewal" as const,
  revokedAt,
});

describe("periods per 민법 제160조", () => {
  it("end on the day before the same date N years later, the award day counted", () => {
    expect(periodEnd("2014-12-08", 24)).toBe("2016-12-07");
    expect(periodEnd("2014-12-08", 36)).toBe("2017-12-07");
    expect(periodEnd("2013-12-06", 24)).toBe("2015-12-05");
  });

  it("cross month and year boundaries when the day before is in the previous month", () => {
    expect(periodEnd("2014-01-01", 24)).toBe("2015-12-31");
    expect(periodEnd("2014-03-01", 24)).toBe("2016-02-29"); // 2016 is a leap year
    expect(periodEnd("2013-03-01", 24)).toBe("2015-02-28");
  });

  it("end on the last day of the month when the corresponding date does not exist", () => {
    expect(periodEnd("2012-02-29", 24)).toBe("2014-02-28");
    expect(periodEnd("2012-02-29", 36)).toBe("2015-02-28");
    // Four years on, 29 February exists again: the day before it.
    expect(periodEnd("2012-02-29", 48)).toBe("2016-02-28");
    // Months: 31 August + 6 months has no 31 February.
    expect(periodEnd("2014-08-31", 6)).toBe("2015-02-28");
    expect(periodEnd("2015-08-31", 6)).toBe("2016-02-29");
  });

  it("check calendar dates strictly and add months to the month's end", () => {
    expect(isCalendarDate("2012-02-29")).toBe(true);
    expect(isCalendarDate("2014-02-29")).toBe(false);
    expect(isCalendarDate("2014-13-01")).toBe(false);
    expect(isCalendarDate("2014-1-01")).toBe(false);
    expect(addMonths("2016-08-31", -6)).toBe("2016-02-29");
    expect(addMonths("2016-12-08", -6)).toBe("2016-06-08");
  });

  it("take today in Seoul, not in the server's zone", () => {
    expect(todayInSeoul(new Date("2016-12-07T14:59:59Z"))).toBe("2016-12-07");
    expect(todayInSeoul(new Date("2016-12-07T15:00:00Z"))).toBe("2016-12-08");
  });
});

describe("certificationValidity", () => {
  it("gives an initial certificate two years", () => {
    const v = certificationValidity(initial("2014-12-08"), null, "2015-03-01");
    expect(v).toMatchObject({
      term: "initial",
      years: 2,
      validFrom: "2014-12-08",
      validUntil: "2016-12-07",
      status: "valid",
      showMark: true,
      consecutive: false,
    });
    expect(v.daysLeft).toBe(647);
  });

  it("gives a leap-day award its month's last day", () => {
    expect(certificationValidity(initial("2012-02-29"), null, "2013-01-01").validUntil).toBe("2014-02-28");
  });

  it("counts the status across the expiring window and the last day", () => {
    const at = (today: string) => certificationValidity(initial("2014-12-08"), null, today);
    expect(at("2016-06-07").status).toBe("valid");
    expect(at("2016-06-08")).toMatchObject({ status: "expiring", showMark: true, expiringFrom: "2016-06-08" });
    expect(at("2016-12-07")).toMatchObject({ status: "expiring", daysLeft: 0, showMark: true });
    expect(at("2016-12-08")).toMatchObject({ status: "expired", daysLeft: -1, showMark: false });
    expect(at("2014-12-07")).toMatchObject({ status: "pending", daysLeft: null, showMark: false });
  });

  it("takes the expiring window from the rules", () => {
    const rules: ValidityRules = { ...DEFAULT_VALIDITY_RULES, expiringMonths: 3 };
    expect(certificationValidity(initial("2014-12-08"), null, "2016-06-08", rules).status).toBe("valid");
    expect(certificationValidity(initial("2014-12-08"), null, "2016-09-08", rules).status).toBe("expiring");
  });

  it("gives a consecutive renewal three years", () => {
    const previous = { validUntil: "2016-12-07", revokedOn: null };
    const v = certificationValidity(renewal("2016-12-05"), previous, "2017-01-01");
    expect(v).toMatchObject({
      term: "renewal",
      years: 3,
      validUntil: "2019-12-04",
      consecutive: true,
      lapsedRenewal: false,
      gapDays: 0,
    });
  });

  it("counts a renewal at the ceremony a few days after the end as consecutive (grace period)", () => {
    // The 2012 cohort (assumed award 2012-11-30, so valid to 2014-11-29) was re-certified on 2014-12-08.
    const previous = { validUntil: "2014-11-29", revokedOn: null };
    const v = certificationValidity(renewal("2014-12-08"), previous, "2015-01-01");
    expect(v).toMatchObject({ term: "renewal", years: 3, validUntil: "2017-12-07", consecutive: true, gapDays: 8 });
  });

  it("gives a lapsed renewal only the initial term", () => {
    const previous = { validUntil: "2014-11-29", revokedOn: null };
    // Grace ends six months after the last valid day: 2015-05-29.
    expect(certificationValidity(renewal("2015-05-29"), previous, "2015-06-01").consecutive).toBe(true);
    const lapsed = certificationValidity(renewal("2015-05-30"), previous, "2015-06-01");
    expect(lapsed).toMatchObject({
      term: "initial",
      years: 2,
      validUntil: "2017-05-29",
      consecutive: false,
      lapsedRenewal: true,
    });
    const noGrace = certificationValidity(renewal("2014-12-08"), previous, "2015-01-01", {
      ...DEFAULT_VALIDITY_RULES,
      graceMonths: 0,
    });
    expect(noGrace).toMatchObject({ term: "initial", validUntil: "2016-12-07", lapsedRenewal: true });
  });

  it("never renews consecutively what was revoked before the award", () => {
    const previous = { validUntil: "2016-12-07", revokedOn: "2015-06-01" };
    expect(certificationValidity(renewal("2016-12-05"), previous, "2017-01-01")).toMatchObject({
      consecutive: false,
      years: 2,
      lapsedRenewal: true,
    });
    const laterRevoked = { validUntil: "2016-12-07", revokedOn: "2017-02-01" };
    expect(certificationValidity(renewal("2016-12-05"), laterRevoked, "2017-01-01").consecutive).toBe(true);
  });

  it("shows a revoked certificate as revoked from the Seoul day of its revocation, without the mark", () => {
    // 2015-03-01 00:30 in Seoul is still 28 February in UTC.
    const cert = initial("2014-12-08", "2015-02-28T15:30:00.000Z");
    expect(certificationValidity(cert, null, "2015-02-28").status).toBe("valid");
    expect(certificationValidity(cert, null, "2015-03-01")).toMatchObject({
      status: "revoked",
      showMark: false,
      daysLeft: null,
      revokedOn: "2015-03-01",
    });
  });

  it("prefers the term stated by the certificate's rubric edition", () => {
    const cert = { ...initial("2014-12-08"), term: { initialYears: 3, renewalYears: 4 } };
    expect(certificationValidity(cert, null, "2015-01-01")).toMatchObject({ years: 3, validUntil: "2017-12-07" });
  });

  it("reads the term in force on the award date", () => {
    const rules: ValidityRules = {
      ...DEFAULT_VALIDITY_RULES,
      terms: [...DEFAULT_VALIDITY_RULES.terms, { from: "2020-01-01", initialYears: 3, renewalYears: 4 }],
    };
    expect(certificationValidity(initial("2019-12-31"), null, "2020-01-01", rules).validUntil).toBe("2021-12-30");
    expect(certificationValidity(initial("2020-12-08"), null, "2021-01-01", rules).validUntil).toBe("2023-12-07");
  });
});

describe("validityChain", () => {
  it("threads an institution's history: 2012 initial, 2014 consecutive renewal, current status", () => {
    const chain = validityChain([renewal("2014-12-08"), initial("2012-11-30")], "2016-01-01");
    expect(chain.map((e) => [e.cert.awardDate, e.validity.term, e.validity.validUntil, e.validity.status])).toEqual([
      ["2012-11-30", "initial", "2014-11-29", "expired"],
      ["2014-12-08", "renewal", "2017-12-07", "valid"],
    ]);
    expect(currentEntry(chain, "2016-01-01")?.cert.awardDate).toBe("2014-12-08");
    expect(currentEntry(chain, "2013-01-01")?.cert.awardDate).toBe("2012-11-30");
    expect(currentEntry(chain, "2012-01-01")).toBeNull();
  });

  it("marks a certificate replaced by an early renewal", () => {
    const chain = validityChain([initial("2013-12-06"), renewal("2015-12-01")], "2016-01-01");
    expect(chain[0].supersededOn).toBe("2015-12-01");
    expect(chain[1].validity.validUntil).toBe("2018-11-30");
  });

  it("renews three times in a row: each renewal takes three years from its own award day", () => {
    const chain = validityChain([initial("2012-11-30"), renewal("2014-12-08"), renewal("2017-12-05")], "2018-01-01");
    expect(chain.map((e) => e.validity.validUntil)).toEqual(["2014-11-29", "2017-12-07", "2020-12-04"]);
  });

  it("refuses a renewal with no earlier certificate and an initial one while the earlier is in force", () => {
    const chain = validityChain([initial("2014-12-08")], "2015-01-01");
    expect(kindConflict("renewal", "2014-01-01", chain)).toBe("renewal-without-previous");
    expect(kindConflict("initial", "2016-12-07", chain)).toBe("initial-while-valid");
    expect(kindConflict("initial", "2016-12-08", chain)).toBeNull();
    expect(kindConflict("renewal", "2016-12-08", chain)).toBeNull();
    const revoked = validityChain([initial("2014-12-08", "2015-03-01T00:00:00Z")], "2015-06-01");
    expect(kindConflict("initial", "2015-12-01", revoked)).toBeNull();
  });
});

describe("proposeRenewal", () => {
  it("proposes the 2016 cycle for a certificate awarded 2014-12-08, with the 2014 calendar", () => {
    const p = proposeRenewal({ awardDate: "2014-12-08", validUntil: "2016-12-07" }, "2016-03-01");
    expect(p).toEqual({
      year: 2016,
      selfDiagnosisFrom: "2016-07-01",
      deadlineDate: "2016-08-31",
      deadlineTime: "18:00",
      reviewFrom: "2016-09",
      reviewUntil: "2016-11",
      awardMonth: "2016-12",
      consecutiveUntil: "2017-06-07",
      warnings: ["award-after-expiry"],
    });
  });

  it("closes applications on the last weekday of the month (2014: Friday 29 August)", () => {
    expect(lastWeekdayOf(2014, 8)).toBe("2014-08-29");
    expect(lastWeekdayOf(2015, 8)).toBe("2015-08-31");
    expect(lastWeekdayOf(2020, 8)).toBe("2020-08-31");
    expect(lastWeekdayOf(2021, 8)).toBe("2021-08-31");
    expect(lastWeekdayOf(2019, 8)).toBe("2019-08-30");
  });

  it("picks the cycle before expiry when the next one would be too late, and warns when the deadline is past", () => {
    // Valid to 2017-03-15: December 2017 is beyond the grace period, so December 2016.
    const p = proposeRenewal({ awardDate: "2015-03-16", validUntil: "2017-03-15" }, "2016-09-10");
    expect(p.year).toBe(2016);
    expect(p.warnings).toEqual(["deadline-passed"]);
  });

  it("warns when even the first possible cycle comes after the grace period", () => {
    const p = proposeRenewal({ awardDate: "2014-01-10", validUntil: "2015-01-09" }, "2014-02-01", { graceMonths: 0 });
    expect(p.year).toBe(2015);
    expect(p.warnings).toContain("lapses");
  });
});
