import { describe, expect, it } from "vitest";
import { calendarDaysUntil, formatDateTime, formatCalendarDate, isoToSeoulLocal, seoulLocalToIso } from "./datetime";

describe("Seoul dates", () => {
  it("converts the 2014 deadline between Seoul local time and UTC", () => {
    expect(seoulLocalToIso("2014-08-29T18:00")).toBe("2014-08-29T09:00:00.000Z");
    expect(isoToSeoulLocal("2014-08-29T09:00:00.000Z")).toBe("2014-08-29T18:00");
  });

  it("rejects impossible local times", () => {
    expect(seoulLocalToIso("2014-02-30T10:00")).toBeNull();
    expect(seoulLocalToIso("2014-08-29 18:00")).toBeNull();
    expect(seoulLocalToIso("2014-08-29T24:00")).toBeNull();
  });

  it("formats in Korean with the weekday, in Seoul time whatever the server's zone", () => {
    expect(formatDateTime("2014-08-29T09:00:00.000Z")).toBe("2014. 8. 29. (금) 18:00");
    expect(formatCalendarDate("2014-12-08")).toBe("2014. 12. 8.");
  });

  it("counts Seoul calendar days to a deadline", () => {
    const deadline = "2014-08-29T09:00:00.000Z";
    expect(calendarDaysUntil(deadline, new Date("2014-08-26T00:00:00Z"))).toBe(3);
    // 23:30 Seoul on the 28th is still the day before.
    expect(calendarDaysUntil(deadline, new Date("2014-08-28T14:30:00Z"))).toBe(1);
    // 00:30 Seoul on the 29th is the deadline day although UTC still says the 28th.
    expect(calendarDaysUntil(deadline, new Date("2014-08-28T15:30:00Z"))).toBe(0);
    expect(calendarDaysUntil(deadline, new Date("2014-08-30T01:00:00Z"))).toBe(-1);
  });
});
