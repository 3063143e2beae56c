// When a reminder mail is due, and how pending mail is grouped into messages. Pure: the scheduler, the CLI and the
// tests ask the same rules. Dates are Seoul calendar days ("today" is passed in as an instant).
import { calendarDaysUntil, isoToSeoulLocal } from "./datetime";

export const MAIL_KINDS = ["assigned", "returned", "deadline", "overdue", "digest"] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

/** The Seoul calendar date of an instant, "YYYY-MM-DD". */
export function seoulDate(now: Date): string {
  return isoToSeoulLocal(now.toISOString()).slice(0, 10);
}

/** The Seoul hour of an instant (0–23). */
export function seoulHour(now: Date): number {
  return Number(isoToSeoulLocal(now.toISOString()).slice(11, 13));
}

/**
 * Which deadline reminder is due: "d7" from seven days before the deadline, "d1" from the day before until the
 * deadline day itself, else null. A range rather than one exact day, so a server that was down on the day still
 * sends it the next time it looks; each reminder goes out once (its dedupe key names it).
 */
export function deadlineReminder(deadlineIso: string, now: Date): "d7" | "d1" | null {
  const days = calendarDaysUntil(deadlineIso, now);
  if (days >= 2 && days <= 7) return "d7";
  if (days >= 0 && days <= 1) return "d1";
  return null;
}

/** An action item is overdue from the day after its due date (Seoul) while it is neither done nor dropped. */
export function isOverdue(item: { dueDate: string | null; status: string }, now: Date): boolean {
  return item.dueDate !== null && ["open", "in_progress"].includes(item.status) && item.dueDate < seoulDate(now);
}

/** The daily digest goes out once a day, from `hour` o'clock Seoul time. */
export function digestDue(now: Date, hour: number): boolean {
  return seoulHour(now) >= hour;
}

/** Only events this recent are mailed: a first start never mails a backlog of old assignments and returns. */
export const EVENT_WINDOW_MS = 2 * 86_400_000;
export function isRecent(atIso: string, now: Date): boolean {
  const t = new Date(atIso).getTime();
  return t <= now.getTime() + 60_000 && now.getTime() - t <= EVENT_WINDOW_MS;
}

/** Pending rows grouped into messages: one per person and kind, rows in the order they were queued. */
export function groupMessages<T extends { id: number; userId: number; kind: string }>(rows: readonly T[]): T[][] {
  const groups = new Map<string, T[]>();
  for (const row of [...rows].sort((a, b) => a.id - b.id)) {
    const key = `${row.userId}:${row.kind}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups.values()];
}
