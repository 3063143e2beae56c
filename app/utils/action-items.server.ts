// Every action item of an institution across its rounds, for the action-item list: filtered by overdue, department
// and round, and limited to the person's own department when they are department staff. A fixed number of queries.
import type { Db } from "#db/connection";
import type { ActionStatus } from "#db/schema";
import { isOverdue } from "~/domain/mail-schedule";

export interface ActionItemFilter {
  overdue: boolean;
  departmentId: number | null;
  roundId: number | null;
}

export interface ActionItemRow {
  id: number;
  roundId: number;
  roundTitle: string;
  roundYear: number;
  code: string;
  title: string;
  departmentId: number;
  department: string;
  dueDate: string | null;
  status: ActionStatus;
  notes: string;
  overdue: boolean;
  updatedAt: string;
  /** The item's department is assigned the indicator in that round, so its staff may open the indicator's page. */
  assigned: boolean;
}

/** The institution's action items, newest round first, then due date (none last), then indicator. */
export async function listActionItems(
  db: Db,
  institutionId: number,
  filter: ActionItemFilter,
  onlyDepartment: number | null,
  now: Date = new Date(),
): Promise<ActionItemRow[]> {
  let query = db
    .selectFrom("action_items as a")
    .innerJoin("rounds as r", "r.id", "a.round_id")
    .innerJoin("departments as d", "d.id", "a.department_id")
    .leftJoin("edition_indicators as i", (j) =>
      j.onRef("i.edition_id", "=", "r.edition_id").onRef("i.code", "=", "a.indicator_code"),
    )
    // At most one row: an assignment is unique per round, indicator and department.
    .leftJoin("assignments as asg", (j) =>
      j
        .onRef("asg.round_id", "=", "a.round_id")
        .onRef("asg.indicator_code", "=", "a.indicator_code")
        .onRef("asg.department_id", "=", "a.department_id"),
    )
    .select([
      "a.id",
      "a.round_id",
      "r.title as round_title",
      "r.year",
      "a.indicator_code",
      "i.title",
      "a.department_id",
      "d.name",
      "a.due_date",
      "a.status",
      "a.notes",
      "a.updated_at",
      "asg.id as assignment_id",
    ])
    .where("r.institution_id", "=", institutionId);
  if (onlyDepartment !== null) query = query.where("a.department_id", "=", onlyDepartment);
  if (filter.departmentId !== null) query = query.where("a.department_id", "=", filter.departmentId);
  if (filter.roundId !== null) query = query.where("a.round_id", "=", filter.roundId);
  const rows = await query.execute();
  return rows
    .map((r) => ({
      id: r.id,
      roundId: r.round_id,
      roundTitle: r.round_title,
      roundYear: r.year,
      code: r.indicator_code,
      title: r.title ?? "",
      departmentId: r.department_id,
      department: r.name,
      dueDate: r.due_date,
      status: r.status,
      notes: r.notes,
      overdue: isOverdue({ dueDate: r.due_date, status: r.status }, now),
      updatedAt: r.updated_at,
      assigned: r.assignment_id !== null,
    }))
    .filter((r) => !filter.overdue || r.overdue)
    .sort(
      (a, b) =>
        b.roundYear - a.roundYear ||
        b.roundId - a.roundId ||
        (a.dueDate ?? "9999").localeCompare(b.dueDate ?? "9999") ||
        a.code.localeCompare(b.code, undefined, { numeric: true }),
    );
}

/** The filter choices: the institution's rounds and the departments that hold action items. */
export async function actionItemChoices(db: Db, institutionId: number, onlyDepartment: number | null) {
  const [rounds, departments] = await Promise.all([
    db
      .selectFrom("rounds")
      .select(["id", "title", "year"])
      .where("institution_id", "=", institutionId)
      .orderBy("year", "desc")
      .orderBy("id", "desc")
      .execute(),
    db
      .selectFrom("departments")
      .select(["id", "name"])
      .where("institution_id", "=", institutionId)
      .$if(onlyDepartment !== null, (q) => q.where("id", "=", onlyDepartment!))
      .orderBy("sort_order")
      .orderBy("name")
      .execute(),
  ]);
  return { rounds, departments };
}
