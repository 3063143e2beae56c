import { describe, expect, it } from "vitest";
import { deadlineReminder, digestDue, groupMessages, isOverdue, isRecent, seoulDate } from "./mail-schedule";

// 2026-12-02 09:00 in Seoul is 00:00 UTC.
const seoul = (local: string) => new Date(`${local}+09:00`);

describe("mail schedule", () => {
  it("reads today as the Seoul calendar day, not UTC's", () => {
    expect(seoulDate(new Date("2026-12-01T15:30:00Z"))).toBe("2026-12-02");
    expect(seoulDate(new Date("2026-12-01T14:59:00Z"))).toBe("2026-12-01");
  });

  it("sends D-7 from seven days before the deadline and D-1 from the day before, both Seoul days", () => {
    const deadline = seoul("2026-12-10T18:00:00").toISOString();
    expect(deadlineReminder(deadline, seoul("2026-12-02T23:59:00"))).toBeNull(); // D-8
    expect(deadlineReminder(deadline, seoul("2026-12-03T00:01:00"))).toBe("d7");
    expect(deadlineReminder(deadline, seoul("2026-12-08T12:00:00"))).toBe("d7"); // D-2: missed D-7 still goes
    expect(deadlineReminder(deadline, seoul("2026-12-09T00:00:00"))).toBe("d1");
    expect(deadlineReminder(deadline, seoul("2026-12-10T17:00:00"))).toBe("d1");
    expect(deadlineReminder(deadline, seoul("2026-12-11T00:00:00"))).toBeNull();
  });

  it("calls an action item overdue from the day after its due date, unless done or dropped", () => {
    const now = seoul("2026-12-02T00:30:00");
    expect(isOverdue({ dueDate: "2026-12-01", status: "open" }, now)).toBe(true);
    expect(isOverdue({ dueDate: "2026-12-02", status: "in_progress" }, now)).toBe(false);
    expect(isOverdue({ dueDate: "2026-11-01", status: "done" }, now)).toBe(false);
    expect(isOverdue({ dueDate: "2026-11-01", status: "dropped" }, now)).toBe(false);
    expect(isOverdue({ dueDate: null, status: "open" }, now)).toBe(false);
  });

  it("sends the digest from the configured Seoul hour and mails only recent events", () => {
    expect(digestDue(seoul("2026-12-02T07:59:00"), 8)).toBe(false);
    expect(digestDue(seoul("2026-12-02T08:00:00"), 8)).toBe(true);
    const now = seoul("2026-12-02T10:00:00");
    expect(isRecent(seoul("2026-12-01T10:00:00").toISOString(), now)).toBe(true);
    expect(isRecent(seoul("2026-11-29T10:00:00").toISOString(), now)).toBe(false);
  });

  it("groups pending rows into one message per person and kind", () => {
    const rows = [
      { id: 3, userId: 1, kind: "assigned" },
      { id: 1, userId: 1, kind: "assigned" },
      { id: 2, userId: 2, kind: "assigned" },
      { id: 4, userId: 1, kind: "returned" },
    ];
    expect(groupMessages(rows).map((g) => g.map((r) => r.id))).toEqual([[1, 3], [2], [4]]);
  });
});
