import { describe, expect, it } from "vitest";
import { handedInLate, handInTiming } from "./hand-in";

// 2014-08-29 18:00 KST, the deadline seed 002 names for the 2014 self-diagnosis.
const deadlineAt = "2014-08-29T09:00:00.000Z";

describe("hand-in timing", () => {
  it("is on time up to the deadline's minute, late after it when the round accepts late hand-ins", () => {
    const accept = { deadlineAt, latePolicy: "accept" as const };
    expect(handInTiming(accept, "2014-08-29T08:59:59.999Z")).toBe("on-time");
    expect(handInTiming(accept, deadlineAt)).toBe("on-time");
    expect(handInTiming(accept, "2014-08-29T09:00:00.001Z")).toBe("late");
  });

  it("is refused after the deadline when the round refuses late hand-ins, never before it", () => {
    const refuse = { deadlineAt, latePolicy: "refuse" as const };
    expect(handInTiming(refuse, "2014-08-29T09:00:00.000Z")).toBe("on-time");
    expect(handInTiming(refuse, "2026-12-02T00:00:00.000Z")).toBe("refused");
  });

  it("is always on time without a deadline", () => {
    expect(handInTiming({ deadlineAt: null, latePolicy: "refuse" }, "2099-01-01T00:00:00.000Z")).toBe("on-time");
  });

  it("marks a stored hand-in late only when both times are known and it came after", () => {
    expect(handedInLate("2014-08-30T00:00:00.000Z", deadlineAt)).toBe(true);
    expect(handedInLate("2014-08-29T09:00:00.000Z", deadlineAt)).toBe(false);
    expect(handedInLate(null, deadlineAt)).toBe(false);
    expect(handedInLate("2014-08-30T00:00:00.000Z", null)).toBe(false);
  });
});
