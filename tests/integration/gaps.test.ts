// The gaps page on the seeded 2014 round: every gap with its kind and department, the plan to 800 checked against
// the round's own numbers, and action items with validation, version check, audit event and permissions.
import { beforeAll, describe, expect, it } from "vitest";
import { toTenths } from "#indicators/points";
import { seedDemo } from "../../seeds/demo";
import { action as gapsAction, loader as gapsLoader } from "~/routes/rounds.$roundId.gaps";
import { getEdition } from "~/utils/editions.server";
import { createInstitution, createUser, db, outcome, requestAs, routeArgs } from "../utils";

let roundId: number;
let ids: Record<"coordinator" | "member" | "auditor", number>;
let stranger: number;
const userId = async (username: string) =>
  (await db.selectFrom("users").select("id").where("username", "=", username).executeTakeFirstOrThrow()).id;
const load = async (user: number) =>
  outcome(async () =>
    gapsLoader(routeArgs(await requestAs(user, `/rounds/${roundId}/gaps`), { roundId: String(roundId) })),
  );
const post = async (user: number, form: Record<string, string>) =>
  outcome(async () =>
    gapsAction(
      routeArgs(await requestAs(user, `/rounds/${roundId}/gaps`, { intent: "saveAction", ...form }), {
        roundId: String(roundId),
      }),
    ),
  );
const actionRow = (code: string) =>
  db
    .selectFrom("action_items")
    .selectAll()
    .where("round_id", "=", roundId)
    .where("indicator_code", "=", code)
    .executeTakeFirst();
const eventCount = async () =>
  Number(
    (
      await db
        .selectFrom("audit_events")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  const report = await seedDemo(db);
  roundId = report.round!.id;
  ids = { coordinator: await userId("coordinator"), member: await userId("member"), auditor: await userId("auditor") };
  stranger = (await createUser({ role: "coordinator", institutionId: (await createInstitution("남의구")).id })).id;
});

describe("gaps of the seeded round", () => {
  it("lists every indicator below full points with its kind, points at stake and lead department", async () => {
    const { body } = await load(ids.coordinator);
    const edition = (await getEdition(db, "2014-sigungu-v2"))!;
    const responses = await db.selectFrom("responses").selectAll().where("round_id", "=", roundId).execute();
    const byCode = new Map(responses.map((r) => [r.indicator_code, r]));
    const below = edition.indicators.filter((i) => (byCode.get(i.code)?.self_tenths ?? 0) < toTenths(i.maxPoints));
    expect(body.data.gaps.map((g: { code: string }) => g.code)).toEqual(below.map((i) => i.code));
    for (const g of body.data.gaps) {
      const r = byCode.get(g.code);
      const expected = r?.self_tenths == null ? "unassessed" : r.implemented === 0 ? "not_implemented" : "partial";
      expect(g.kind, g.code).toBe(expected);
    }
    const bsc = body.data.gaps.find((g: { tags: string[] }) => g.tags.includes("bsc"));
    expect(bsc.kind).toBe("not_implemented");
    // Points at stake add up to what the round is missing on the 1,000 scale.
    const atStake = body.data.summary.reduce((s: number, k: { atStakeTenths: number }) => s + k.atStakeTenths, 0);
    expect(atStake).toBe(10000 - body.data.totals.selfTenths);
  });

  it("plans the least effort to 800: the steps reach the line, none is superfluous, none costs more than greedy", async () => {
    const { body } = await load(ids.coordinator);
    const { plan, totals, effort, gaps } = body.data;
    expect(plan.currentTenths).toBe(totals.selfTenths);
    expect(plan.neededTenths).toBe(8000 - totals.selfTenths);
    const recovered = plan.steps.reduce((s: number, g: { atStakeTenths: number }) => s + g.atStakeTenths, 0);
    expect(totals.selfTenths + recovered).toBeGreaterThanOrEqual(8000);
    expect(plan.steps.at(-1).runningTenths).toBe(totals.selfTenths + recovered);
    // Without any one step the line is missed (each step costs effort, so a superfluous one would not be cheapest).
    for (const s of plan.steps) expect(totals.selfTenths + recovered - s.atStakeTenths).toBeLessThan(8000);
    // The old "largest first" plan costs at least as much effort.
    type G = { code: string; kind: "unassessed" | "partial" | "not_implemented"; atStakeTenths: number };
    const weight = (g: G) => effort.byIndicator[g.code] ?? effort.byKind[g.kind];
    let running = totals.selfTenths;
    let greedyEffort = 0;
    for (const g of [...(gaps as G[])].sort((a, b) => b.atStakeTenths - a.atStakeTenths)) {
      if (running >= 8000) break;
      running += g.atStakeTenths;
      greedyEffort += weight(g);
    }
    expect(plan.effort).toBeLessThanOrEqual(greedyEffort);
    expect(plan.effort).toBe(plan.steps.reduce((s: number, g: G) => s + weight(g), 0));
  });

  it("projects what-if targets from the query string and names a refused one", async () => {
    const { body: base } = await load(ids.coordinator);
    const gap = base.data.gaps.find((g: { kind: string }) => g.kind !== "partial");
    const url = `/rounds/${roundId}/gaps?to.${gap.code}=${gap.maxTenths / 10}&to.${base.data.gaps[1].code}=999`;
    const { body } = await outcome(async () =>
      gapsLoader(routeArgs(await requestAs(ids.coordinator, url), { roundId: String(roundId) })),
    );
    expect(body.whatIf.rows).toEqual([expect.objectContaining({ code: gap.code, toTenths: gap.maxTenths })]);
    expect(body.whatIf.projectedTenths).toBe(base.data.totals.selfTenths + gap.atStakeTenths);
    expect(body.targetErrors).toEqual([base.data.gaps[1].code]);
  });

  it("lets auditors read it and keeps other institutions and department members out", async () => {
    expect((await load(ids.auditor)).status).toBe(200);
    expect((await load(ids.member)).status).toBe(403);
    expect((await load(stranger)).status).toBe(404);
  });
});

describe("action items", () => {
  const code = async () => {
    const { body } = await load(ids.coordinator);
    return body.data.gaps.find((g: { kind: string; code: string }) => g.kind === "partial" || g.kind === "unassessed")
      .code as string;
  };
  const department = async (name: string) =>
    (await db.selectFrom("departments").select("id").where("name", "=", name).executeTakeFirstOrThrow()).id;

  it("creates one with an audit event, then updates it only with the current version", async () => {
    const target = await code();
    const dept = String(await department("감사담당관"));
    const before = await eventCount();
    const created = await post(ids.coordinator, {
      code: target,
      departmentId: dept,
      dueDate: "2014-08-20",
      status: "open",
      notes: "근거 보완",
      version: "0",
    });
    expect(created.status).toBe(200);
    const row = (await actionRow(target))!;
    expect(row).toMatchObject({ status: "open", due_date: "2014-08-20", notes: "근거 보완", version: 1 });
    expect(await eventCount()).toBe(before + 1);

    const updated = await post(ids.coordinator, {
      code: target,
      departmentId: dept,
      dueDate: "",
      status: "done",
      notes: "보완 완료",
      version: "1",
    });
    expect(updated.status).toBe(200);
    expect(await actionRow(target)).toMatchObject({ status: "done", due_date: null, version: 2 });

    const stale = await post(ids.coordinator, { code: target, departmentId: dept, status: "dropped", version: "1" });
    expect(stale.status).toBe(400);
    expect(stale.body.errors._form).toBe("gaps.error.stale");
    expect(await actionRow(target)).toMatchObject({ status: "done", version: 2 });
    const last = await db
      .selectFrom("audit_events")
      .selectAll()
      .orderBy("seq", "desc")
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(last).toMatchObject({ entity: "action_item", action: "update", actor_user_id: ids.coordinator });
    expect(JSON.parse(last.before_json!)).toMatchObject({ status: "open" });
    expect(JSON.parse(last.after_json!)).toMatchObject({ status: "done" });
  });

  it("refuses bad input field by field and changes nothing", async () => {
    const target = await code();
    const before = await eventCount();
    const rowBefore = await actionRow(target);
    const otherDept = (
      await db
        .insertInto("departments")
        .values({
          institution_id: (await createInstitution()).id,
          name: "남의부서",
          created_at: "2014-01-01T00:00:00.000Z",
        })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
    const cases: [Record<string, string>, string, string][] = [
      [{ dueDate: "2015-02-29" }, "dueDate", "gaps.error.dueDate"],
      [{ status: "whenever" }, "status", "gaps.error.status"],
      [{ departmentId: String(otherDept) }, "departmentId", "gaps.error.department"],
      [{ notes: "가".repeat(1001) }, "notes", "gaps.error.notes"],
      [{ code: "9.9.99" }, "code", "rounds.error.indicator"],
    ];
    for (const [change, field, key] of cases) {
      const res = await post(ids.coordinator, {
        code: target,
        departmentId: String(await department("감사담당관")),
        status: "open",
        version: String(rowBefore?.version ?? 0),
        ...change,
      });
      expect(res.status, field).toBe(400);
      expect(res.body.errors[field], field).toBe(key);
    }
    expect(await actionRow(target)).toEqual(rowBefore);
    expect(await eventCount()).toBe(before);
  });

  it("is the coordinator's: auditors and members are refused", async () => {
    const target = await code();
    const form = { code: target, departmentId: String(await department("감사담당관")), status: "open", version: "0" };
    expect((await post(ids.auditor, form)).status).toBe(403);
    expect((await post(ids.member, form)).status).toBe(403);
    expect((await post(stranger, form)).status).toBe(404);
  });

  it("leaves a dropped gap out of the plan", async () => {
    const { body } = await load(ids.coordinator);
    const first = body.data.plan.steps[0];
    const existing = await actionRow(first.code);
    await post(ids.coordinator, {
      code: first.code,
      departmentId: String(first.department.id),
      status: "dropped",
      version: String(existing?.version ?? 0),
    });
    const after = (await load(ids.coordinator)).body.data.plan;
    expect(after.steps.map((s: { code: string }) => s.code)).not.toContain(first.code);
  });
});

describe("effort weights", () => {
  const postEffort = async (user: number, form: Record<string, string>) =>
    outcome(async () =>
      gapsAction(
        routeArgs(await requestAs(user, `/rounds/${roundId}/gaps`, { intent: "saveEffort", ...form }), {
          roundId: String(roundId),
        }),
      ),
    );
  const kinds = { "kind.unassessed": "1", "kind.partial": "3", "kind.not_implemented": "8" };

  it("stores the coordinator's weights per round with an audit event, and the plan follows them", async () => {
    const { body: before } = await load(ids.coordinator);
    const first = before.data.plan.steps[0];
    const events = await eventCount();
    const res = await postEffort(ids.coordinator, { ...kinds, [`indicator.${first.code}`]: "100" });
    expect(res.status).toBe(200);
    expect(res.body.notice.key).toBe("plan.notice.effortSaved");
    expect(await eventCount()).toBe(events + 1);
    const last = await db
      .selectFrom("audit_events")
      .selectAll()
      .orderBy("seq", "desc")
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(last).toMatchObject({ entity: "plan_effort", action: "update", actor_user_id: ids.coordinator });
    expect(JSON.parse(last.after_json!).byIndicator).toEqual({ [first.code]: 100 });
    const { body: after } = await load(ids.coordinator);
    expect(after.data.effort.byIndicator[first.code]).toBe(100);
    expect(after.data.plan.steps.map((s: { code: string }) => s.code)).not.toContain(first.code);
    // Saving the same weights again changes nothing and logs nothing.
    const again = await postEffort(ids.coordinator, { ...kinds, [`indicator.${first.code}`]: "100" });
    expect(again.body.notice.key).toBe("plan.notice.effortUnchanged");
    expect(await eventCount()).toBe(events + 1);
    await postEffort(ids.coordinator, kinds);
  });

  it("refuses a weight outside 1–100 naming the field, and refuses auditors and members", async () => {
    const rows = await db.selectFrom("plan_efforts").selectAll().where("round_id", "=", roundId).execute();
    const events = await eventCount();
    const bad = await postEffort(ids.coordinator, { ...kinds, "kind.partial": "0", "indicator.1.1.01": "abc" });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toMatchObject({ "kind.partial": "plan.error.effort" });
    const badInd = await postEffort(ids.coordinator, { ...kinds, "indicator.1.1.01": "101" });
    expect(badInd.body.errors).toMatchObject({ "indicator.1.1.01": "plan.error.effort" });
    expect((await postEffort(ids.auditor, kinds)).status).toBe(403);
    expect((await postEffort(ids.member, kinds)).status).toBe(403);
    expect(await db.selectFrom("plan_efforts").selectAll().where("round_id", "=", roundId).execute()).toEqual(rows);
    expect(await eventCount()).toBe(events);
  });
});
