// The action-item list across rounds: the coordinator sees every department's items with overdue, department and
// round filters; department staff see only their own department's; and the acting department gets in-app notices
// when an item is given to it and when it is overdue.
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../seeds/demo";
import { loader as listLoader } from "~/routes/action-items";
import { action as gapsAction } from "~/routes/rounds.$roundId.gaps";
import { action as noticesAction, loader as noticesLoader } from "~/routes/notices";
import { seoulDate } from "~/domain/mail-schedule";
import { db, outcome, requestAs, routeArgs } from "../utils";

let roundId: number;
const ids: Record<string, number> = {};
let memberDept: number;
const list = async (user: number, query = "") =>
  outcome(async () => listLoader(routeArgs(await requestAs(user, `/action-items${query}`), {})));
type Row = { code: string; departmentId: number; overdue: boolean; dueDate: string | null; status: string };

beforeAll(async () => {
  roundId = (await seedDemo(db)).round!.id;
  for (const name of ["coordinator", "member", "member2", "auditor"])
    ids[name] = (await db.selectFrom("users").select("id").where("username", "=", name).executeTakeFirstOrThrow()).id;
  memberDept = (
    await db
      .selectFrom("memberships")
      .select("department_id")
      .where("user_id", "=", ids.member!)
      .executeTakeFirstOrThrow()
  ).department_id!;
});

describe("action-item list", () => {
  it("shows the coordinator every item of the institution, and filters overdue, department and round", async () => {
    const stored = await db.selectFrom("action_items").select(["id", "due_date", "status"]).execute();
    const all = await list(ids.coordinator!);
    expect(all.status).toBe(200);
    expect(all.body.items).toHaveLength(stored.length);
    const today = seoulDate(new Date());
    const overdue = stored.filter(
      (a) => a.due_date && a.due_date < today && ["open", "in_progress"].includes(a.status),
    ).length;
    expect(overdue).toBeGreaterThan(0);
    const late = await list(ids.coordinator!, "?overdue=1");
    expect(late.body.items).toHaveLength(overdue);
    expect(late.body.items.every((r: Row) => r.overdue)).toBe(true);
    const dept = await list(ids.coordinator!, `?department=${memberDept}`);
    expect(dept.body.items.length).toBeGreaterThan(0);
    expect(dept.body.items.every((r: Row) => r.departmentId === memberDept)).toBe(true);
    expect((await list(ids.coordinator!, `?round=${roundId}`)).body.items).toHaveLength(stored.length);
    expect((await list(ids.coordinator!, `?round=999999`)).body.items).toHaveLength(0);
    expect((await list(ids.auditor!)).body.items).toHaveLength(stored.length);
  });

  it("shows department staff only their own department's items, whatever the filter asks", async () => {
    const own = await list(ids.member!);
    expect(own.status).toBe(200);
    expect(own.body.own).toBe(true);
    expect(own.body.items.length).toBeGreaterThan(0);
    expect(own.body.items.every((r: Row) => r.departmentId === memberDept)).toBe(true);
    const other = await db
      .selectFrom("memberships")
      .select("department_id")
      .where("user_id", "=", ids.member2!)
      .executeTakeFirstOrThrow();
    const asked = await list(ids.member!, `?department=${other.department_id}`);
    expect(asked.body.items).toEqual([]);
  });
});

describe("notices to the acting department", () => {
  it("tells the department when an item is given to it and when one is overdue, until read", async () => {
    const lead = await db
      .selectFrom("assignments")
      .select("indicator_code")
      .where("round_id", "=", roundId)
      .where("department_id", "=", memberDept)
      .where("role", "=", "lead")
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom("action_items")
              .select("id")
              .whereRef("action_items.indicator_code", "=", "assignments.indicator_code")
              .where("action_items.round_id", "=", roundId),
          ),
        ),
      )
      .executeTakeFirstOrThrow();
    const saved = await outcome(async () =>
      gapsAction(
        routeArgs(
          await requestAs(ids.coordinator!, `/rounds/${roundId}/gaps`, {
            intent: "saveAction",
            code: lead.indicator_code,
            departmentId: String(memberDept),
            dueDate: "2099-12-31",
            status: "open",
            version: "0",
          }),
          { roundId: String(roundId) },
        ),
      ),
    );
    expect(saved.status).toBe(200);
    const notices = async () =>
      (await outcome(async () => noticesLoader(routeArgs(await requestAs(ids.member!, "/notices"), {})))).body
        .notices as { kind: string; overdue?: boolean; keys: string[]; items?: { code: string }[] }[];
    const actionNotices = (await notices()).filter((n) => n.kind === "action");
    const given = actionNotices.find((n) => !n.overdue)!;
    expect(given.items!.map((i) => i.code)).toContain(lead.indicator_code);
    const overdue = actionNotices.find((n) => n.overdue)!;
    expect(overdue.items!.length).toBeGreaterThan(0);
    // Read: gone.
    const read = await outcome(async () =>
      noticesAction(routeArgs(await requestAs(ids.member!, "/notices", { key: [...given.keys, ...overdue.keys] }), {})),
    );
    expect(read.status).toBeLessThan(400);
    expect(read.body.read).toBe(given.keys.length + overdue.keys.length);
    expect((await notices()).filter((n) => n.kind === "action")).toEqual([]);
  });
});

describe("an item on an indicator the department does not answer", () => {
  it("is listed and told without a link to the indicator's page, which is not the department's to open", async () => {
    const member2Dept = (
      await db
        .selectFrom("memberships")
        .select("department_id")
        .where("user_id", "=", ids.member2!)
        .executeTakeFirstOrThrow()
    ).department_id!;
    const theirs = await db
      .selectFrom("assignments")
      .select("indicator_code")
      .where("round_id", "=", roundId)
      .where("department_id", "=", member2Dept)
      .execute();
    const taken = await db
      .selectFrom("action_items")
      .select("indicator_code")
      .where("round_id", "=", roundId)
      .execute();
    const skip = new Set([...theirs, ...taken].map((r) => r.indicator_code));
    const other = (
      await db.selectFrom("assignments").select("indicator_code").where("round_id", "=", roundId).execute()
    ).find((a) => !skip.has(a.indicator_code))!;
    const saved = await outcome(async () =>
      gapsAction(
        routeArgs(
          await requestAs(ids.coordinator!, `/rounds/${roundId}/gaps`, {
            intent: "saveAction",
            code: other.indicator_code,
            departmentId: String(member2Dept),
            dueDate: "2020-03-17",
            status: "open",
            version: "0",
          }),
          { roundId: String(roundId) },
        ),
      ),
    );
    expect(saved.status).toBe(200);
    const own = await list(ids.member2!);
    const row = (own.body.items as (Row & { assigned: boolean })[]).find((r) => r.code === other.indicator_code)!;
    expect(row.assigned).toBe(false);
    const notices = (await outcome(async () => noticesLoader(routeArgs(await requestAs(ids.member2!, "/notices"), {}))))
      .body.notices as { kind: string; items?: { code: string; assigned: boolean }[] }[];
    const told = notices.flatMap((n) => n.items ?? []).find((i) => i.code === other.indicator_code)!;
    expect(told.assigned).toBe(false);
    // An item on an indicator the department answers keeps its link.
    const assignedItem = (
      (await list(ids.coordinator!)).body.items as (Row & { assigned: boolean; departmentId: number })[]
    ).find((r) => r.departmentId === memberDept && r.assigned);
    expect(assignedItem).toBeDefined();
  });
});
