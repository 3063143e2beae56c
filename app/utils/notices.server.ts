// In-app notices for a department member: new assignments, indicators an auditor returned, a deadline three days away,
// action items given to the department and those past their due date.
// They are derived from the round as it stands (so every feature that assigns or returns is covered without calling
// in here); only which ones a person has read is stored (notice_reads).
import { type Db, nowIso } from "#db/connection";
import { calendarDaysUntil } from "~/domain/datetime";
import { isOverdue } from "~/domain/mail-schedule";
import { getEdition } from "./editions.server";
import { currentRound } from "./rounds.server";

export const DEADLINE_NOTICE_DAYS = 3;

export type Notice =
  | { kind: "assigned"; keys: string[]; roundId: number; indicators: { code: string; title: string }[] }
  | { kind: "returned"; keys: string[]; roundId: number; indicators: { code: string; title: string }[] }
  | { kind: "deadline"; keys: string[]; roundId: number; days: number; deadlineAt: string; open: number }
  | {
      kind: "action";
      keys: string[];
      roundId: number;
      overdue: boolean;
      /** `assigned`: the department answers the indicator, so its page opens for them (otherwise no link). */
      items: { code: string; title: string; dueDate: string | null; assigned: boolean }[];
    };

interface Person {
  userId: number;
  institutionId: number;
  departmentId: number;
}

/** The unread notices of a department member for the institution's current round, most urgent first. */
export async function noticesFor(db: Db, person: Person, now: Date = new Date()): Promise<Notice[]> {
  const round = await currentRound(db, person.institutionId);
  if (!round || round.state !== "open") return [];
  const edition = await getEdition(db, round.edition_id);
  if (!edition) return [];
  const titles = new Map(edition.indicators.map((i) => [i.code, i.title]));
  const order = new Map(edition.indicators.map((i, n) => [i.code, n]));
  const rows = await db
    .selectFrom("assignments as a")
    .leftJoin("responses as r", (j) =>
      j.onRef("r.round_id", "=", "a.round_id").onRef("r.indicator_code", "=", "a.indicator_code"),
    )
    .select([
      "a.id as assignment_id",
      "a.indicator_code",
      "a.role",
      "r.id as response_id",
      "r.status",
      "r.submitted_at",
      "r.updated_at",
    ])
    .where("a.round_id", "=", round.id)
    .where("a.department_id", "=", person.departmentId)
    .execute();
  const known = rows
    .filter((r) => titles.has(r.indicator_code))
    .sort((a, b) => order.get(a.indicator_code)! - order.get(b.indicator_code)!);
  const read = new Set(
    (await db.selectFrom("notice_reads").select("notice_key").where("user_id", "=", person.userId).execute()).map(
      (r) => r.notice_key,
    ),
  );
  const entry = (code: string) => ({ code, title: titles.get(code)! });
  const notices: Notice[] = [];

  const returned = known
    .filter((r) => r.status === "returned")
    .map((r) => ({ key: `returned:${r.response_id}:${r.submitted_at ?? r.updated_at}`, code: r.indicator_code }))
    .filter((r) => !read.has(r.key));
  for (const r of returned)
    notices.push({ kind: "returned", keys: [r.key], roundId: round.id, indicators: [entry(r.code)] });

  const open = known.filter(
    (r) => r.role === "lead" && !["submitted", "approved"].includes(r.status ?? "not_started"),
  ).length;
  if (round.deadline_at && open > 0) {
    const days = calendarDaysUntil(round.deadline_at, now);
    const key = `deadline:${round.id}:${round.deadline_at}:${days}`;
    if (days >= 0 && days <= DEADLINE_NOTICE_DAYS && !read.has(key)) {
      notices.unshift({ kind: "deadline", keys: [key], roundId: round.id, days, deadlineAt: round.deadline_at, open });
    }
  }

  const assigned = known
    .filter((r) => (r.status ?? "not_started") === "not_started")
    .map((r) => ({ key: `assigned:${r.assignment_id}`, code: r.indicator_code }))
    .filter((r) => !read.has(r.key));
  if (assigned.length) {
    notices.push({
      kind: "assigned",
      keys: assigned.map((a) => a.key),
      roundId: round.id,
      indicators: assigned.map((a) => entry(a.code)),
    });
  }
  notices.push(
    ...(await actionNotices(
      db,
      round.id,
      person.departmentId,
      titles,
      new Set(known.map((r) => r.indicator_code)),
      read,
      now,
    )),
  );
  return notices;
}

/** Action items the department was given (once per item and department) and those past their due date (once per due date). */
async function actionNotices(
  db: Db,
  roundId: number,
  departmentId: number,
  titles: Map<string, string>,
  assigned: ReadonlySet<string>,
  read: Set<string>,
  now: Date,
): Promise<Notice[]> {
  const items = await db
    .selectFrom("action_items")
    .select(["id", "indicator_code", "due_date", "status"])
    .where("round_id", "=", roundId)
    .where("department_id", "=", departmentId)
    .where("status", "in", ["open", "in_progress"])
    .orderBy("id")
    .execute();
  const entry = (i: (typeof items)[number]) => ({
    code: i.indicator_code,
    title: titles.get(i.indicator_code) ?? "",
    dueDate: i.due_date,
    assigned: assigned.has(i.indicator_code),
  });
  const late = items.filter((i) => isOverdue({ dueDate: i.due_date, status: i.status }, now));
  const overdue = late.map((i) => ({ key: `overdue:${i.id}:${i.due_date}`, item: i })).filter((i) => !read.has(i.key));
  // An overdue item is told as overdue only (read or not), never again as newly given.
  const given = items
    .filter((i) => !late.includes(i))
    .map((i) => ({ key: `action:${i.id}:${departmentId}`, item: i }))
    .filter((i) => !read.has(i.key));
  const out: Notice[] = [];
  if (overdue.length)
    out.push({
      kind: "action",
      overdue: true,
      keys: overdue.map((o) => o.key),
      roundId,
      items: overdue.map((o) => entry(o.item)),
    });
  if (given.length)
    out.push({
      kind: "action",
      overdue: false,
      keys: given.map((g) => g.key),
      roundId,
      items: given.map((g) => entry(g.item)),
    });
  return out;
}

const KEY =
  /^(assigned:\d+|returned:\d+:[\w.:-]+|deadline:\d+:[\w.:-]+:-?\d+|action:\d+:\d+|overdue:\d+:\d{4}-\d{2}-\d{2})$/;

/** Records that the person read these notices; unknown or malformed keys are ignored. Returns how many were new. */
export async function markNoticesRead(db: Db, userId: number, keys: string[]): Promise<number> {
  const valid = [...new Set(keys.filter((k) => KEY.test(k)))].slice(0, 500);
  if (!valid.length) return 0;
  const now = nowIso();
  const result = await db
    .insertInto("notice_reads")
    .values(valid.map((notice_key) => ({ user_id: userId, notice_key, read_at: now })))
    .onConflict((oc) => oc.columns(["user_id", "notice_key"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}
