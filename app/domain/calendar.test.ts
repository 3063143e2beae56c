import { describe, expect, it } from "vitest";
import { type CalendarInput, calendarEvents, filterEvents, happyOfficeCycleYear, sortEvents } from "./calendar";
import { HAPPY_OFFICE } from "./schemes";

const stages = HAPPY_OFFICE.years[0].stages.keys;
const input = (over: Partial<CalendarInput> = {}): CalendarInput => ({
  institutions: new Map([
    [1, "서울특별시 서대문구"],
    [2, "경상북도 경주시"],
    [3, "대전광역시 대덕구"],
  ]),
  latest: [],
  graceMonths: { certification: 6, "happy-office": 6 },
  happyOfficeStages: stages,
  renewalPlans: [],
  openRounds: [],
  publications: [],
  ...over,
});

describe("calendar events", () => {
  it("names a certificate's last day and the last day a renewal is still consecutive (민법 제160조)", () => {
    const events = calendarEvents(
      input({
        latest: [
          {
            institutionId: 1,
            scheme: "certification",
            awardDate: "2014-12-08",
            validUntil: "2016-12-07",
            revoked: false,
          },
        ],
      }),
    );
    expect(events.map((e) => [e.what, e.date, e.institution, e.scheme])).toEqual([
      ["expires", "2016-12-07", "서울특별시 서대문구", "certification"],
      ["consecutive-until", "2017-06-07", "서울특별시 서대문구", "certification"],
    ]);
    expect(events.every((e) => !e.assumed)).toBe(true);
    const assumed = calendarEvents(
      input({
        latest: [
          {
            institutionId: 1,
            scheme: "certification",
            awardDate: "2013-12-06",
            validUntil: "2015-12-05",
            revoked: false,
            assumedDate: true,
          },
        ],
      }),
    );
    expect(assumed.map((e) => [e.what, e.assumed])).toEqual([
      ["expires", true],
      ["consecutive-until", true],
    ]);
  });

  it("gives a 국민행복민원실 certificate its re-certification cycle by month, from the scheme's schedule", () => {
    // 경주 2022 → valid to 2025 (3 years): the 2025 cycle (June application … October selection).
    const events = calendarEvents(
      input({
        latest: [
          {
            institutionId: 2,
            scheme: "happy-office",
            awardDate: "2022-11-24",
            validUntil: "2025-11-23",
            revoked: false,
          },
        ],
      }),
    );
    const cycle = events.filter((e) => e.what === "cycle-stage");
    expect(cycle.map((e) => [e.detail, e.date, e.precision])).toEqual([
      ["application", "2025-06-01", "month"],
      ["document", "2025-07-01", "month"],
      ["site", "2025-08-01", "month"],
      ["mystery", "2025-09-01", "month"],
      ["selection", "2025-10-01", "month"],
    ]);
    expect(happyOfficeCycleYear({ awardDate: "2022-11-24" }, "2026-05-23", stages)).toBe(2025);
    // Grace running past October of the next year: that later cycle still counts as consecutive.
    expect(happyOfficeCycleYear({ awardDate: "2022-01-10" }, "2025-07-09", stages)).toBe(2024);
  });

  it("leaves out revoked certificates and lists plans, open rounds and the duty to publish", () => {
    const events = calendarEvents(
      input({
        latest: [
          {
            institutionId: 3,
            scheme: "certification",
            awardDate: "2015-11-26",
            validUntil: "2017-11-25",
            revoked: true,
          },
        ],
        renewalPlans: [
          {
            institutionId: 1,
            roundId: 7,
            deadlineDate: "2016-08-31",
            reviewFrom: "2016-09",
            reviewUntil: "2016-11",
            awardMonth: "2016-12",
          },
        ],
        openRounds: [
          { institutionId: 1, roundId: 7, scheme: "certification", title: "2016 재인증", deadlineDate: "2016-08-31" },
          { institutionId: 1, roundId: 9, scheme: "comprehensive", title: "2024 종합평가", deadlineDate: "2024-08-31" },
        ],
        publications: [{ institutionId: 1, roundId: 9, deadline: "2024-12-31", keepUntil: null }],
      }),
    );
    expect(events.filter((e) => e.institutionId === 3)).toEqual([]);
    expect(events.map((e) => [e.what, e.date, e.roundId])).toEqual([
      ["renewal-deadline", "2016-08-31", 7],
      ["renewal-review", "2016-09-01", 7],
      ["renewal-award", "2016-12-01", 7],
      ["round-deadline", "2024-08-31", 9],
      ["publication-deadline", "2024-12-31", 9],
    ]);
  });
});

describe("calendar sort and filter", () => {
  const events = calendarEvents(
    input({
      latest: [
        {
          institutionId: 1,
          scheme: "certification",
          awardDate: "2014-12-08",
          validUntil: "2016-12-07",
          revoked: false,
        },
        { institutionId: 2, scheme: "happy-office", awardDate: "2022-11-24", validUntil: "2025-11-23", revoked: false },
        {
          institutionId: 3,
          scheme: "certification",
          awardDate: "2015-11-26",
          validUntil: "2017-11-25",
          revoked: false,
        },
      ],
    }),
  );

  it("sorts by date either way, and by institution with ties in date order", () => {
    const asc = sortEvents(events, "date", "asc").map((e) => e.date);
    expect(asc).toEqual([...asc].sort());
    expect(sortEvents(events, "date", "desc").map((e) => e.date)).toEqual([...asc].reverse());
    const byName = sortEvents(events, "institution", "asc");
    expect(byName[0].institution).toBe("경상북도 경주시");
    expect(byName.at(-1)!.institution).toBe("서울특별시 서대문구");
    const desc = sortEvents(events, "institution", "desc");
    expect(desc[0].institution).toBe("서울특별시 서대문구");
    expect(desc.slice(0, 2).map((e) => e.what)).toEqual(["expires", "consecutive-until"]);
  });

  it("sorts by scheme and by what", () => {
    expect(sortEvents(events, "scheme", "asc")[0].scheme).toBe("certification");
    expect(sortEvents(events, "scheme", "desc")[0].scheme).toBe("happy-office");
    expect(sortEvents(events, "what", "asc")[0].what).toBe("expires");
    expect(sortEvents(events, "what", "desc")[0].what).toBe("cycle-stage");
  });

  it("filters by scheme and by period, a month event counting for every day of its month", () => {
    expect(filterEvents(events, { scheme: "happy-office", from: null, to: null })).toHaveLength(7);
    const sept = filterEvents(events, { scheme: null, from: "2025-09-15", to: "2025-09-30" });
    expect(sept.map((e) => e.detail)).toEqual(["mystery"]);
    const in2016 = filterEvents(events, { scheme: "certification", from: "2016-01-01", to: "2016-12-31" });
    expect(in2016.map((e) => [e.institution, e.what])).toEqual([["서울특별시 서대문구", "expires"]]);
  });
});
