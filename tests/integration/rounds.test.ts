// The coordinator's round management against a real database seeded with the demo: creating a round from last
// year's, the lifecycle with its checks, assignments one by one and in bulk, and the dashboard's totals checked
// against an independent SQL sum.
import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { seedDemo } from "../../seeds/demo";
import { action as dashboardAction, loader as dashboardLoader } from "~/routes/rounds.$roundId._index";
import { action as assignAction, loader as assignLoader } from "~/routes/rounds.$roundId.assignments";
import { action as submitAction, loader as submitLoader } from "~/routes/rounds.$roundId.submit";
import { action as newAction } from "~/routes/rounds.new";
import { loader as listLoader } from "~/routes/rounds._index";
import { action as indicatorAction, loader as indicatorLoader } from "~/routes/rounds.$roundId.indicators.$code";
import { createInstitution, createUser, db, outcome, requestAs, routeArgs, statusOf } from "../utils";

let ids: Record<"coordinator" | "member" | "auditor" | "admin", number>;
let institutionId: number;
let round2014: { id: number };
let stranger: number;

const userId = async (username: string) =>
  (await db.selectFrom("users").select("id").where("username", "=", username).executeTakeFirstOrThrow()).id;
const events = async (action?: string) =>
  Number(
    (
      await db
        .selectFrom("audit_events")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .$if(action !== undefined, (q) => q.where("action", "=", action!))
        .executeTakeFirstOrThrow()
    ).n,
  );
const roundRow = (id: number) => db.selectFrom("rounds").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

async function createRound(user: number, form: Record<string, string>) {
  return outcome(async () =>
    newAction(routeArgs(await requestAs(user, "/rounds/new", { intent: "createRound", ...form }))),
  );
}
async function dashboardPost(user: number, roundId: number, form: Record<string, string>) {
  return outcome(async () =>
    dashboardAction(routeArgs(await requestAs(user, `/rounds/${roundId}`, form), { roundId: String(roundId) })),
  );
}
async function assignPost(user: number, roundId: number, form: Record<string, string | string[]>) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) for (const one of [v].flat()) body.append(k, one);
  const base = await requestAs(user, `/rounds/${roundId}/assignments`, {});
  const request = new Request(base.url, { method: "POST", headers: base.headers, body });
  return outcome(async () => assignAction(routeArgs(request, { roundId: String(roundId) })));
}

beforeAll(async () => {
  const report = await seedDemo(db);
  institutionId = report.institutionId;
  round2014 = { id: report.round!.id };
  ids = {
    coordinator: await userId("coordinator"),
    member: await userId("member"),
    auditor: await userId("auditor"),
    admin: await userId("admin"),
  };
  const other = await createInstitution("other-gu");
  stranger = (await createUser({ role: "coordinator", institutionId: other.id })).id;
});

describe("creating a round", () => {
  it("starts 2015 from 2014: assignments, answers and evidence come over, marked to be confirmed", async () => {
    const before = await events();
    const created = await createRound(ids.coordinator, {
      year: "2015",
      editionId: "2014-sigungu-v2",
      title: "2015년 자율진단",
      deadline: "2015-08-28T18:00",
      carryOver: "answers",
    });
    expect(created.status).toBe(302);
    const roundId = Number(created.location!.split("/")[2].split("?")[0]);
    const round = await roundRow(roundId);
    expect(round).toMatchObject({ state: "draft", year: 2015, deadline_at: "2015-08-28T09:00:00.000Z" });

    const count = async (table: "assignments" | "responses", id: number) =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .where("round_id", "=", id)
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count("assignments", roundId)).toBe(await count("assignments", round2014.id));
    const old = await db.selectFrom("responses").selectAll().where("round_id", "=", round2014.id).execute();
    const carried = await db.selectFrom("responses").selectAll().where("round_id", "=", roundId).execute();
    const answered = old.filter((r) => r.implemented !== null || r.answer !== null || r.narrative);
    expect(carried).toHaveLength(answered.length);
    expect(carried.every((r) => r.carried_over === 1 && r.status === "draft" && r.reviewed_tenths === null)).toBe(true);
    // Same edition: every carried answer scores what it scored last year.
    const oldScore = new Map(answered.map((r) => [r.indicator_code, r.self_tenths]));
    for (const r of carried) expect(r.self_tenths).toBe(oldScore.get(r.indicator_code));
    const evidence = async (id: number) =>
      Number(
        (
          await db
            .selectFrom("evidence as e")
            .innerJoin("responses as r", "r.id", "e.response_id")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .where("r.round_id", "=", id)
            .where("e.deleted_at", "is", null)
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await evidence(roundId)).toBe(await evidence(round2014.id));
    // create + one carry_over per carried answer (so the log can replay each row) + the round's carry_over summary
    expect(await events()).toBe(before + 2 + carried.length);

    // The department confirms one by saving it: the mark goes, the score stays.
    const memberDept = (
      await db
        .selectFrom("memberships")
        .select("department_id")
        .where("user_id", "=", ids.member)
        .executeTakeFirstOrThrow()
    ).department_id!;
    const led = new Set(
      (
        await db
          .selectFrom("assignments")
          .select("indicator_code")
          .where("round_id", "=", roundId)
          .where("department_id", "=", memberDept)
          .where("role", "=", "lead")
          .execute()
      ).map((a) => a.indicator_code),
    );
    const one = carried.find((r) => led.has(r.indicator_code) && r.implemented === 1)!;
    expect(one).toBeDefined();
    await dashboardPost(ids.coordinator, roundId, {
      intent: "transition",
      transition: "open",
      version: String(round.version),
    });
    const page = await outcome(async () =>
      indicatorLoader(
        routeArgs(await requestAs(ids.member, `/rounds/${roundId}/indicators/${one.indicator_code}`), {
          roundId: String(roundId),
          code: one.indicator_code,
        }),
      ),
    );
    expect(page.status).toBe(200);
    {
      expect(page.body.response.carriedOver).toBe(true);
      const draft = page.body.draft;
      const form: Record<string, string> = {
        intent: "save",
        version: String(one.version),
        implemented: draft.implemented ? "yes" : "no",
        narrative: draft.narrative ?? "",
      };
      const answer = JSON.parse(one.answer ?? "{}");
      if (answer.yes !== undefined) form.yes = answer.yes ? "yes" : "no";
      if (answer.level !== undefined) form.level = answer.level;
      for (const [k, v] of Object.entries(answer.inputs ?? {})) form[`inputs.${k}`] = String(v);
      const saved = await outcome(async () =>
        indicatorAction(
          routeArgs(await requestAs(ids.member, `/rounds/${roundId}/indicators/${one.indicator_code}`, form), {
            roundId: String(roundId),
            code: one.indicator_code,
          }),
        ),
      );
      expect(saved.status).toBe(200);
      const after = await db.selectFrom("responses").selectAll().where("id", "=", one.id).executeTakeFirstOrThrow();
      expect(after.carried_over).toBe(0);
      expect(after.self_tenths).toBe(one.self_tenths);
    }
  });

  it("refuses a second round for the same year, a bad deadline and a wrong edition, naming the field and changing nothing", async () => {
    const rounds = async () =>
      Number(
        (
          await db
            .selectFrom("rounds")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = { rounds: await rounds(), events: await events() };
    const twice = await createRound(ids.coordinator, {
      year: "2014",
      editionId: "2014-sigungu-v2",
      title: "또 2014",
      deadline: "2014-08-29T18:00",
      carryOver: "none",
    });
    expect(twice.status).toBe(400);
    expect(twice.body.errors).toEqual({ year: "rounds.error.yearTaken" });
    const badDate = await createRound(ids.coordinator, {
      year: "2016",
      editionId: "2014-sigungu-v2",
      title: "2016",
      deadline: "2016-02-30T18:00",
      carryOver: "none",
    });
    expect(badDate.body.errors).toEqual({ deadline: "rounds.error.deadline" });
    const wrongType = await createRound(ids.coordinator, {
      year: "2016",
      editionId: "2013-sido-v2",
      title: "2016",
      deadline: "2016-08-29T18:00",
      carryOver: "none",
    });
    expect(wrongType.body.errors).toEqual({ editionId: "rounds.error.edition" });
    const junk = await createRound(ids.coordinator, {
      year: "20x6",
      editionId: "",
      title: "",
      deadline: "tomorrow",
      carryOver: "all",
    });
    expect(Object.keys(junk.body.errors).sort()).toEqual(["carryOver", "deadline", "editionId", "title", "year"]);
    expect({ rounds: await rounds(), events: await events() }).toEqual(before);
  });

  it("lets only the coordinator (or the admin) create; others get 403, another institution's round is 404", async () => {
    const form = {
      year: "2017",
      editionId: "2014-sigungu-v2",
      title: "2017",
      deadline: "2017-08-29T18:00",
      carryOver: "none",
    };
    expect((await createRound(ids.member, form)).status).toBe(403);
    expect((await createRound(ids.auditor, form)).status).toBe(403);
    expect(
      await statusOf(async () =>
        dashboardLoader(
          routeArgs(await requestAs(stranger, `/rounds/${round2014.id}`), { roundId: String(round2014.id) }),
        ),
      ),
    ).toBe(404);
    expect(
      await statusOf(async () =>
        assignLoader(
          routeArgs(await requestAs(ids.auditor, `/rounds/${round2014.id}/assignments`), {
            roundId: String(round2014.id),
          }),
        ),
      ),
    ).toBe(403);
    expect(
      await statusOf(async () =>
        dashboardLoader(
          routeArgs(await requestAs(ids.auditor, `/rounds/${round2014.id}`), { roundId: String(round2014.id) }),
        ),
      ),
    ).toBe(200);
    expect(await statusOf(async () => listLoader(routeArgs(await requestAs(ids.member, "/rounds"))))).toBe(403);
    expect(
      await statusOf(async () =>
        dashboardLoader(routeArgs(await requestAs(null, `/rounds/${round2014.id}`), { roundId: String(round2014.id) })),
      ),
    ).toBe(302);
  });
});

describe("the dashboard's totals", () => {
  it("equal an independent SQL sum, overall and per diagnostic item", async () => {
    const page = await outcome(async () =>
      dashboardLoader(
        routeArgs(await requestAs(ids.coordinator, `/rounds/${round2014.id}`), { roundId: String(round2014.id) }),
      ),
    );
    const { totals } = page.body.dashboard;
    const { rows } = await sql<{ item_code: string; total: number }>`
      select ei.item_code as item_code, coalesce(sum(r.self_tenths), 0) as total
      from edition_indicators ei
      left join responses r on r.indicator_code = ei.code and r.round_id = ${round2014.id}
      where ei.edition_id = '2014-sigungu-v2'
      group by ei.item_code order by ei.item_code`.execute(db);
    expect(totals.items.map((i: { code: string; selfTenths: number }) => [i.code, i.selfTenths])).toEqual(
      rows.map((r) => [r.item_code, Number(r.total)]),
    );
    const sum = rows.reduce((a, r) => a + Number(r.total), 0);
    expect(totals.selfTenths).toBe(sum);
    expect(totals.selfTenths).toBe(5343); // the demo's 534.3 on the rebuilt 2014 edition
  });
});

describe("the round lifecycle", () => {
  let roundId: number;
  beforeAll(async () => {
    const created = await createRound(ids.coordinator, {
      year: "2019",
      editionId: "2014-sigungu-v2",
      title: "2019",
      deadline: "2019-08-30T18:00",
      carryOver: "none",
    });
    roundId = Number(created.location!.split("/")[2].split("?")[0]);
  });
  const version = async () => String((await roundRow(roundId)).version);

  it("opens, refuses a stale version, and blocks submission while indicators are unassessed", async () => {
    const stale = await dashboardPost(ids.coordinator, roundId, {
      intent: "transition",
      transition: "open",
      version: "0",
    });
    expect(stale.body.errors).toEqual({ _form: "rounds.error.stale" });
    expect((await roundRow(roundId)).state).toBe("draft");
    expect(
      (
        await dashboardPost(ids.coordinator, roundId, {
          intent: "transition",
          transition: "open",
          version: await version(),
        })
      ).status,
    ).toBe(200);
    expect((await roundRow(roundId)).state).toBe("open");
    // Skipping straight to the end is not a transition of an open round.
    const skip = await dashboardPost(ids.coordinator, roundId, {
      intent: "transition",
      transition: "conclude",
      version: await version(),
    });
    expect(skip.status).toBe(403); // concluding is a reviewer's move
    const check = await outcome(async () =>
      submitLoader(
        routeArgs(await requestAs(ids.coordinator, `/rounds/${roundId}/submit`), { roundId: String(roundId) }),
      ),
    );
    expect(check.body.check.blocked).toBe(true);
    expect(check.body.check.findings.map((f: { kind: string }) => f.kind)).toEqual([
      "unassigned",
      "unassessed",
      "below_application_line",
    ]);
    const refused = await outcome(async () =>
      submitAction(
        routeArgs(
          await requestAs(ids.coordinator, `/rounds/${roundId}/submit`, { version: String(check.body.round.version) }),
          { roundId: String(roundId) },
        ),
      ),
    );
    expect(refused.body.errors).toEqual({ _form: "rounds.error.blocked" });
    expect((await roundRow(roundId)).state).toBe("open");
  });

  it("needs the under-800 acknowledgement, locks on submit, and reopens only with a reason", async () => {
    // Every indicator assigned and assessed as not implemented: complete, but far below 800.
    await assignPost(ids.coordinator, roundId, { intent: "assignSuggested" });
    const board = await db
      .selectFrom("assignments")
      .select("indicator_code")
      .where("round_id", "=", roundId)
      .where("role", "=", "lead")
      .execute();
    const codes = (
      await db.selectFrom("edition_indicators").select("code").where("edition_id", "=", "2014-sigungu-v2").execute()
    ).map((c) => c.code);
    const missing = codes.filter((c) => !board.some((b) => b.indicator_code === c));
    if (missing.length)
      await assignPost(ids.coordinator, roundId, {
        intent: "bulkAssign",
        target: "unassigned:",
        departmentId: String(
          (
            await db
              .selectFrom("departments")
              .select("id")
              .where("institution_id", "=", institutionId)
              .where("is_lead", "=", 1)
              .executeTakeFirstOrThrow()
          ).id,
        ),
        role: "lead",
      });
    const stamp = new Date().toISOString();
    await db
      .insertInto("responses")
      .values(
        codes.map((code) => ({
          round_id: roundId,
          indicator_code: code,
          status: "submitted" as const,
          implemented: 0,
          answer: null,
          self_tenths: 0,
          reviewed_tenths: null,
          narrative: "미시행",
          version: 1,
          updated_by: ids.member,
          updated_at: stamp,
          submitted_at: stamp,
        })),
      )
      .execute();

    const submit = async (form: Record<string, string>) =>
      outcome(async () =>
        submitAction(
          routeArgs(
            await requestAs(ids.coordinator, `/rounds/${roundId}/submit`, { version: await version(), ...form }),
            { roundId: String(roundId) },
          ),
        ),
      );
    expect((await submit({})).body.errors).toEqual({ acknowledge: "rounds.error.acknowledge" });
    expect((await roundRow(roundId)).state).toBe("open");
    const before = await events("submit");
    const ok = await submit({ acknowledge: "on" });
    expect(ok.status).toBe(302);
    expect((await roundRow(roundId)).state).toBe("submitted");
    expect(await events("submit")).toBe(before + 1);

    // Locked: departments and bulk assignment can no longer change it.
    const locked = await assignPost(ids.coordinator, roundId, { intent: "assignSuggested" });
    expect(locked.body.errors).toEqual({ _form: "rounds.error.locked" });

    const noReason = await dashboardPost(ids.coordinator, roundId, {
      intent: "transition",
      transition: "reopen",
      version: await version(),
      reason: "  ",
    });
    expect(noReason.body.errors).toEqual({ reason: "rounds.error.reasonRequired" });
    expect(
      (
        await dashboardPost(ids.member, roundId, {
          intent: "transition",
          transition: "reopen",
          version: await version(),
          reason: "x",
        })
      ).status,
    ).toBe(403);
    const reopened = await dashboardPost(ids.coordinator, roundId, {
      intent: "transition",
      transition: "reopen",
      version: await version(),
      reason: "감사담당관 보완 요청",
    });
    expect(reopened.status).toBe(200);
    expect((await roundRow(roundId)).state).toBe("open");
    const event = await db
      .selectFrom("audit_events")
      .select(["after_json", "actor_user_id"])
      .where("action", "=", "reopen")
      .orderBy("seq", "desc")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(event.after_json!)).toEqual({ state: "open", reason: "감사담당관 보완 요청" });
    expect(event.actor_user_id).toBe(ids.coordinator);
  });
});

describe("assignments", () => {
  let roundId: number;
  let depts: Map<string, number>;
  beforeAll(async () => {
    const created = await createRound(ids.coordinator, {
      year: "2020",
      editionId: "2014-sigungu-v2",
      title: "2020",
      deadline: "2020-08-28T18:00",
      carryOver: "none",
    });
    roundId = Number(created.location!.split("/")[2].split("?")[0]);
    depts = new Map(
      (
        await db.selectFrom("departments").select(["id", "name"]).where("institution_id", "=", institutionId).execute()
      ).map((d) => [d.name, d.id]),
    );
  });
  const leads = async () =>
    new Map(
      (
        await db
          .selectFrom("assignments")
          .select(["indicator_code", "department_id"])
          .where("round_id", "=", roundId)
          .where("role", "=", "lead")
          .execute()
      ).map((a) => [a.indicator_code, a.department_id]),
    );

  it("assigns in bulk by tag and by item, and records one event per changed indicator", async () => {
    const before = await events("assign");
    const byTag = await assignPost(ids.coordinator, roundId, {
      intent: "bulkAssign",
      target: "tag:bsc",
      departmentId: String(depts.get("정책기획담당관")),
      role: "lead",
    });
    expect(byTag.status).toBe(200);
    const bsc = (
      await db
        .selectFrom("edition_indicators")
        .select("code")
        .where("edition_id", "=", "2014-sigungu-v2")
        .where("tags", "like", "%,bsc,%")
        .execute()
    ).map((r) => r.code);
    expect(bsc.length).toBeGreaterThan(0);
    const now = await leads();
    for (const code of bsc) expect(now.get(code)).toBe(depts.get("정책기획담당관"));
    expect(now.size).toBe(bsc.length);
    expect(await events("assign")).toBe(before + bsc.length);

    // The same bulk again changes nothing and records nothing.
    await assignPost(ids.coordinator, roundId, {
      intent: "bulkAssign",
      target: "tag:bsc",
      departmentId: String(depts.get("정책기획담당관")),
      role: "lead",
    });
    expect(await events("assign")).toBe(before + bsc.length);

    await assignPost(ids.coordinator, roundId, {
      intent: "bulkAssign",
      target: "item:1.2",
      departmentId: String(depts.get("감사담당관")),
      role: "support",
    });
    const support = await db
      .selectFrom("assignments")
      .select("indicator_code")
      .where("round_id", "=", roundId)
      .where("role", "=", "support")
      .execute();
    const item12 = (
      await db
        .selectFrom("edition_indicators")
        .select("code")
        .where("edition_id", "=", "2014-sigungu-v2")
        .where("item_code", "=", "1.2")
        .execute()
    ).map((r) => r.code);
    expect(support.map((s) => s.indicator_code).sort()).toEqual(item12.sort());

    // As 협조 over indicators it already leads, a department stays their lead (none is left without one), and the
    // notice names them.
    const leadsBefore = await leads();
    const kept = await assignPost(ids.coordinator, roundId, {
      intent: "bulkAssign",
      target: "tag:bsc",
      departmentId: String(depts.get("정책기획담당관")),
      role: "support",
    });
    expect(kept.status).toBe(200);
    expect(kept.body.notice.key).toBe("assign.notice.keptLead");
    expect(kept.body.notice.params.codes.split(", ").sort()).toEqual(bsc.sort());
    expect(await leads()).toEqual(leadsBefore);
  });

  it("assigns ticked indicators and one indicator with supports; refuses a lead that also supports and a foreign department", async () => {
    const codes = ["1.1.01", "2.1.01"];
    await assignPost(ids.coordinator, roundId, {
      intent: "bulkAssign",
      target: "codes:",
      codes,
      departmentId: String(depts.get("총무과")),
      role: "lead",
    });
    const now = await leads();
    for (const c of codes) expect(now.get(c)).toBe(depts.get("총무과"));
    const none = await assignPost(ids.coordinator, roundId, {
      intent: "bulkAssign",
      target: "codes:",
      departmentId: String(depts.get("총무과")),
      role: "lead",
    });
    expect(none.body.errors).toEqual({ codes: "rounds.error.noneSelected" });

    const both = await assignPost(ids.coordinator, roundId, {
      intent: "assignOne",
      code: "1.2.04",
      leadDepartmentId: String(depts.get("감사담당관")),
      supportDepartmentIds: [String(depts.get("감사담당관"))],
    });
    expect(both.body.errors).toEqual({ supportDepartmentIds: "rounds.error.leadAlsoSupport" });
    const foreign = await db
      .insertInto("departments")
      .values({
        institution_id: (await createInstitution("far-gun")).id,
        name: "먼과",
        created_at: new Date().toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const wrong = await assignPost(ids.coordinator, roundId, {
      intent: "assignOne",
      code: "1.2.04",
      leadDepartmentId: String(foreign.id),
    });
    expect(wrong.body.errors).toEqual({ leadDepartmentId: "rounds.error.department" });
    const ok = await assignPost(ids.coordinator, roundId, {
      intent: "assignOne",
      code: "1.2.04",
      leadDepartmentId: String(depts.get("감사담당관")),
      supportDepartmentIds: [String(depts.get("민원여권과"))],
    });
    expect(ok.status).toBe(200);
    const rows = await db
      .selectFrom("assignments")
      .select(["department_id", "role"])
      .where("round_id", "=", roundId)
      .where("indicator_code", "=", "1.2.04")
      .orderBy("role")
      .execute();
    expect(rows).toEqual([
      { department_id: depts.get("감사담당관"), role: "lead" },
      { department_id: depts.get("민원여권과"), role: "support" },
    ]);
  });

  it("assigns every remaining indicator to its suggested owner department", async () => {
    await assignPost(ids.coordinator, roundId, { intent: "assignSuggested" });
    const page = await outcome(async () =>
      assignLoader(
        routeArgs(await requestAs(ids.coordinator, `/rounds/${roundId}/assignments`), { roundId: String(roundId) }),
      ),
    );
    const { board } = page.body;
    // Every suggested owner of the 2014 edition is a 서대문구 department, so nothing stays unassigned.
    expect(board.unassigned).toBe(0);
    const audit = board.indicators.find((i: { code: string }) => i.code === "1.2.04");
    expect(audit.leadName).toBe("감사담당관");
  });
});
