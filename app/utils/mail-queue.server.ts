// What is due to be mailed, queued in mail_outbox. Derived from the data as it stands (like the in-app notices), so
// every feature that assigns, returns or sets a due date is covered without calling in here. Each row's dedupe key
// is unique: any number of server processes may run this at once and each thing is queued once.
import { type Db, nowIso } from "#db/connection";
import {
  deadlineReminder,
  digestDue,
  EVENT_WINDOW_MS,
  isOverdue,
  type MailKind,
  seoulDate,
} from "~/domain/mail-schedule";

export type MailPayload =
  | { kind: "assigned"; roundId: number; roundTitle: string; code: string; title: string; role: string }
  | { kind: "returned"; roundId: number; roundTitle: string; code: string; title: string; reason: string }
  | {
      kind: "deadline";
      roundId: number;
      roundTitle: string;
      deadlineAt: string;
      reminder: "d7" | "d1";
      open: number;
    }
  | { kind: "overdue"; roundId: number; roundTitle: string; code: string; title: string; dueDate: string }
  | { kind: "digest"; date: string; rounds: DigestRound[] };

export interface DigestRound {
  roundId: number;
  title: string;
  deadlineAt: string | null;
  total: number;
  submitted: number;
  returned: number;
  overdueActions: number;
  /** Departments with lead indicators not yet handed in, with how many. */
  behind: { department: string; open: number }[];
}

interface Queued {
  key: string;
  userId: number;
  payload: MailPayload;
}

/** People who may get mail: active, with an address, not opted out. */
const mailable = (db: Db) =>
  db
    .selectFrom("memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .where("u.active", "=", 1)
    .where("u.mail_opt_out", "=", 0)
    .where("u.email", "is not", null)
    .where("u.email", "!=", "");

async function members(db: Db, departmentIds: number[]) {
  if (!departmentIds.length) return new Map<number, number[]>();
  const rows = await mailable(db)
    .select(["m.user_id", "m.department_id"])
    .where("m.role", "=", "department_member")
    .where("m.department_id", "in", departmentIds)
    .execute();
  const by = new Map<number, number[]>();
  for (const r of rows) by.set(r.department_id!, [...(by.get(r.department_id!) ?? []), r.user_id]);
  return by;
}

/** Queues everything due at `now`; returns how many rows were new. `forceDigest` sends today's digest before its hour. */
export async function queueDueMail(
  db: Db,
  now: Date,
  options: { digestHour: number; forceDigest?: boolean },
): Promise<number> {
  const since = new Date(now.getTime() - EVENT_WINDOW_MS).toISOString();
  const rounds = await db
    .selectFrom("rounds")
    .select(["id", "title", "institution_id", "edition_id", "deadline_at", "state"])
    .where("state", "!=", "concluded")
    .execute();
  const openRounds = rounds.filter((r) => r.state === "open");
  const roundById = new Map(rounds.map((r) => [r.id, r]));
  const queued: Queued[] = [];
  if (rounds.length === 0) return 0;
  const titles = await indicatorTitles(
    db,
    rounds.map((r) => r.edition_id),
  );
  const titleOf = (roundId: number, code: string) => titles.get(`${roundById.get(roundId)!.edition_id}:${code}`) ?? "";

  // Assignments made in the last two days, to the members of the assigned department.
  if (openRounds.length) {
    const assigned = await db
      .selectFrom("assignments")
      .select(["id", "round_id", "indicator_code", "department_id", "role"])
      .where(
        "round_id",
        "in",
        openRounds.map((r) => r.id),
      )
      .where("created_at", ">=", since)
      .execute();
    const who = await members(db, [...new Set(assigned.map((a) => a.department_id))]);
    for (const a of assigned)
      for (const userId of who.get(a.department_id) ?? [])
        queued.push({
          key: `assigned:${a.id}:${userId}`,
          userId,
          payload: {
            kind: "assigned",
            roundId: a.round_id,
            roundTitle: roundById.get(a.round_id)!.title,
            code: a.indicator_code,
            title: titleOf(a.round_id, a.indicator_code),
            role: a.role,
          },
        });

    // Returns (반려) in the last two days, to the members of the indicator's lead department, with the reason.
    const returns = await db
      .selectFrom("comments as c")
      .innerJoin("assignments as a", (j) =>
        j
          .onRef("a.round_id", "=", "c.round_id")
          .onRef("a.indicator_code", "=", "c.indicator_code")
          .on("a.role", "=", "lead"),
      )
      .select(["c.id", "c.round_id", "c.indicator_code", "c.body", "a.department_id"])
      .where("c.kind", "=", "return")
      .where("c.created_at", ">=", since)
      .where(
        "c.round_id",
        "in",
        openRounds.map((r) => r.id),
      )
      .execute();
    const returnWho = await members(db, [...new Set(returns.map((r) => r.department_id))]);
    for (const r of returns)
      for (const userId of returnWho.get(r.department_id) ?? [])
        queued.push({
          key: `returned:${r.id}:${userId}`,
          userId,
          payload: {
            kind: "returned",
            roundId: r.round_id,
            roundTitle: roundById.get(r.round_id)!.title,
            code: r.indicator_code,
            title: titleOf(r.round_id, r.indicator_code),
            reason: r.body,
          },
        });
  }

  const progress = await leadProgress(
    db,
    rounds.map((r) => r.id),
  );

  // Deadline D-7 and D-1, to the members of departments with lead indicators not yet handed in.
  for (const round of openRounds) {
    if (!round.deadline_at) continue;
    const reminder = deadlineReminder(round.deadline_at, now);
    if (!reminder) continue;
    const behind = progress.filter((p) => p.roundId === round.id && p.open > 0);
    const who = await members(
      db,
      behind.map((b) => b.departmentId),
    );
    for (const b of behind)
      for (const userId of who.get(b.departmentId) ?? [])
        queued.push({
          key: `deadline:${round.id}:${round.deadline_at}:${reminder}:${userId}`,
          userId,
          payload: {
            kind: "deadline",
            roundId: round.id,
            roundTitle: round.title,
            deadlineAt: round.deadline_at,
            reminder,
            open: b.open,
          },
        });
  }

  // Overdue action items, once per item and due date, to the members of the acting department.
  const actions = await db
    .selectFrom("action_items")
    .select(["id", "round_id", "indicator_code", "department_id", "due_date", "status"])
    .where(
      "round_id",
      "in",
      rounds.map((r) => r.id),
    )
    .where("due_date", "is not", null)
    .where("status", "in", ["open", "in_progress"])
    .execute();
  const overdue = actions.filter((a) => isOverdue({ dueDate: a.due_date, status: a.status }, now));
  const overdueWho = await members(db, [...new Set(overdue.map((a) => a.department_id))]);
  for (const a of overdue)
    for (const userId of overdueWho.get(a.department_id) ?? [])
      queued.push({
        key: `overdue:${a.id}:${a.due_date}:${userId}`,
        userId,
        payload: {
          kind: "overdue",
          roundId: a.round_id,
          roundTitle: roundById.get(a.round_id)!.title,
          code: a.indicator_code,
          title: titleOf(a.round_id, a.indicator_code),
          dueDate: a.due_date!,
        },
      });

  // The daily digest, to each coordinator of an institution with a round under way.
  if (options.forceDigest || digestDue(now, options.digestHour)) {
    const date = seoulDate(now);
    const coordinators = await mailable(db)
      .select(["m.user_id", "m.institution_id"])
      .where("m.role", "=", "coordinator")
      .where(
        "m.institution_id",
        "in",
        rounds.map((r) => r.institution_id),
      )
      .execute();
    const departmentNames = await departmentNamesOf(
      db,
      progress.map((p) => p.departmentId),
    );
    for (const c of coordinators) {
      const mine = rounds.filter((r) => r.institution_id === c.institution_id);
      const digestRounds: DigestRound[] = mine.map((r) => {
        const p = progress.filter((x) => x.roundId === r.id);
        return {
          roundId: r.id,
          title: r.title,
          deadlineAt: r.deadline_at,
          total: p.reduce((s, x) => s + x.total, 0),
          submitted: p.reduce((s, x) => s + x.total - x.open, 0),
          returned: p.reduce((s, x) => s + x.returned, 0),
          overdueActions: overdue.filter((a) => a.round_id === r.id).length,
          behind: p
            .filter((x) => x.open > 0)
            .map((x) => ({ department: departmentNames.get(x.departmentId) ?? "", open: x.open }))
            .sort((a, b) => b.open - a.open || a.department.localeCompare(b.department, "ko")),
        };
      });
      queued.push({
        key: `digest:${date}:${c.user_id}`,
        userId: c.user_id,
        payload: { kind: "digest", date, rounds: digestRounds },
      });
    }
  }
  return insertQueued(db, queued);
}

async function insertQueued(db: Db, queued: Queued[]): Promise<number> {
  let inserted = 0;
  const createdAt = nowIso();
  for (let i = 0; i < queued.length; i += 200) {
    const chunk = queued.slice(i, i + 200);
    const result = await db
      .insertInto("mail_outbox")
      .values(
        chunk.map((q) => ({
          dedupe_key: q.key,
          kind: q.payload.kind satisfies MailKind,
          user_id: q.userId,
          payload: JSON.stringify(q.payload),
          created_at: createdAt,
        })),
      )
      .onConflict((oc) => oc.column("dedupe_key").doNothing())
      .executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
}

async function indicatorTitles(db: Db, editionIds: string[]) {
  const rows = await db
    .selectFrom("edition_indicators")
    .select(["edition_id", "code", "title"])
    .where("edition_id", "in", [...new Set(editionIds)])
    .execute();
  return new Map(rows.map((r) => [`${r.edition_id}:${r.code}`, r.title]));
}

async function departmentNamesOf(db: Db, ids: number[]) {
  if (!ids.length) return new Map<number, string>();
  const rows = await db
    .selectFrom("departments")
    .select(["id", "name"])
    .where("id", "in", [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Per round and lead department: lead indicators, how many are not yet handed in, how many are returned. */
async function leadProgress(db: Db, roundIds: number[]) {
  if (!roundIds.length) return [];
  const rows = await db
    .selectFrom("assignments as a")
    .leftJoin("responses as r", (j) =>
      j.onRef("r.round_id", "=", "a.round_id").onRef("r.indicator_code", "=", "a.indicator_code"),
    )
    .select(["a.round_id", "a.department_id", "r.status"])
    .where("a.role", "=", "lead")
    .where("a.round_id", "in", roundIds)
    .execute();
  const by = new Map<
    string,
    { roundId: number; departmentId: number; total: number; open: number; returned: number }
  >();
  for (const r of rows) {
    const key = `${r.round_id}:${r.department_id}`;
    const entry = by.get(key) ?? { roundId: r.round_id, departmentId: r.department_id, total: 0, open: 0, returned: 0 };
    entry.total += 1;
    if (!["submitted", "approved"].includes(r.status ?? "not_started")) entry.open += 1;
    if (r.status === "returned") entry.returned += 1;
    by.set(key, entry);
  }
  return [...by.values()];
}
