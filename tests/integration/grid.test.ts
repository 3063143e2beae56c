// The department grid's action against a real database: the server checks every row again with the answer form's
// schema and saves all or nothing, in one transaction with one audit event per changed response.
import { beforeAll, describe, expect, it } from "vitest";
import { nowIso } from "#db/connection";
import type { Indicator } from "#indicators/schema";
import { action as gridAction, loader as gridLoader } from "~/routes/rounds.$roundId.work_.grid";
import { action as workAction, loader as workLoader } from "~/routes/rounds.$roundId.work";
import { getEdition } from "~/utils/editions.server";
import { createDepartment, createInstitution, createUser, db, outcome, requestAs, routeArgs } from "../utils";

const EDITION = "2014-sigungu-v2";
let round: { id: number };
let yesno: Indicator, levels: Indicator, quant: Indicator, other: Indicator;
let member: { id: number }, otherMember: { id: number };

const url = () => `/rounds/${round.id}/work/grid`;
const post = async (userId: number, form: Record<string, string>) =>
  outcome(async () => gridAction(routeArgs(await requestAs(userId, url(), form), { roundId: String(round.id) })));
const responses = () =>
  db
    .selectFrom("responses")
    .select(["indicator_code", "implemented", "answer", "version"])
    .where("round_id", "=", round.id)
    .execute();
const events = async () =>
  Number(
    (
      await db
        .selectFrom("audit_events")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("round_id", "=", round.id)
        .executeTakeFirstOrThrow()
    ).n,
  );
const row = (code: string, cells: Record<string, string>, version = 0) =>
  Object.fromEntries([
    [`row.${code}.version`, String(version)],
    ...Object.entries(cells).map(([k, v]) => [`row.${code}.${k}`, v]),
  ]);

beforeAll(async () => {
  const edition = (await getEdition(db, EDITION))!;
  const byKind = (kind: string) => edition.indicators.filter((i) => i.scoring.kind === kind);
  [yesno] = byKind("yesno");
  [levels, other] = byKind("levels");
  [quant] = byKind("quantitative");
  const inst = await createInstitution("그리드구");
  const dept = await createDepartment(inst.id, "정책기획담당관");
  const dept2 = await createDepartment(inst.id, "자치행정과");
  member = await createUser({ role: "department_member", institutionId: inst.id, departmentId: dept.id });
  otherMember = await createUser({ role: "department_member", institutionId: inst.id, departmentId: dept2.id });
  const now = nowIso();
  round = await db
    .insertInto("rounds")
    .values({
      institution_id: inst.id,
      edition_id: EDITION,
      year: 2014,
      title: "2014 자율진단",
      state: "open",
      deadline_at: "2014-08-29T09:00:00.000Z",
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const [code, d] of [
    [yesno.code, dept.id],
    [levels.code, dept.id],
    [quant.code, dept.id],
    [other.code, dept2.id],
  ] as const)
    await db
      .insertInto("assignments")
      .values({ round_id: round.id, indicator_code: code, department_id: d, role: "lead", created_at: now })
      .execute();
});

describe("the department grid", () => {
  it("shows only the department's own indicators", async () => {
    const res = await outcome(async () =>
      gridLoader(routeArgs(await requestAs(member.id, url()), { roundId: String(round.id) })),
    );
    expect(res.status).toBe(200);
    expect(res.body.rows.map((r: { code: string }) => r.code).sort()).toEqual(
      [yesno.code, levels.code, quant.code].sort(),
    );
  });

  it("saves nothing when one row is invalid, and names the row and field", async () => {
    const before = await events();
    const res = await post(member.id, {
      intent: "saveGrid",
      ...row(yesno.code, { implemented: "시행", answer: "예" }),
      ...row(levels.code, { implemented: "시행", answer: "Z" }),
    });
    expect(res.status).toBe(422);
    expect(res.body.problems).toEqual([{ code: levels.code, field: "level", key: "work.error.levelUnknown" }]);
    expect(await responses()).toEqual([]);
    expect(await events()).toBe(before);
  });

  it("applies the quantitative rules of the single form (a number that is not one is refused)", async () => {
    const s = quant.scoring.kind === "quantitative" ? quant.scoring : null;
    const res = await post(member.id, {
      intent: "saveGrid",
      ...row(quant.code, { implemented: "시행", input0: "천 일", input1: "" }),
    });
    expect(res.status).toBe(422);
    expect(res.body.problems[0]).toMatchObject({ code: quant.code, field: `inputs.${s!.inputs[0]!.key}` });
  });

  it("refuses an indicator that is not the department's, and changes nothing", async () => {
    const res = await post(member.id, {
      intent: "saveGrid",
      ...row(yesno.code, { implemented: "시행" }),
      ...row(other.code, { implemented: "시행" }),
    });
    expect(res.status).toBe(422);
    expect(res.body.problems).toEqual([{ code: other.code, field: "_row", key: "grid.error.notYours" }]);
    expect(await responses()).toEqual([]);
  });

  it("saves every changed row in one request with one audit event each, and skips rows equal to what is stored", async () => {
    const before = await events();
    const res = await post(member.id, {
      intent: "saveGrid",
      ...row(yesno.code, { implemented: "시행", answer: "예", narrative: "규정 제정" }),
      ...row(levels.code, { implemented: "미시행", answer: "", narrative: "사유" }),
    });
    expect(res.status).toBe(200);
    expect(res.body.saved.sort()).toEqual([yesno.code, levels.code].sort());
    expect(await events()).toBe(before + 2);
    const again = await post(member.id, {
      intent: "saveGrid",
      ...row(yesno.code, { implemented: "시행", answer: "예", narrative: "규정 제정" }, 1),
    });
    expect(again.body.saved).toEqual([]);
    expect(await events()).toBe(before + 2);
  });

  it("reports a row someone else saved since (a version conflict) and writes no row at all", async () => {
    const stored = await responses();
    const before = await events();
    const res = await post(member.id, {
      intent: "saveGrid",
      ...row(yesno.code, { implemented: "미시행", answer: "", narrative: "바꿈" }, 0),
      ...row(quant.code, { implemented: "미시행", narrative: "사유" }, 0),
    });
    expect(res.status).toBe(409);
    expect(res.body.conflicts.map((c: { code: string }) => c.code)).toEqual([yesno.code]);
    expect(res.body.conflicts[0].cells).toMatchObject({ implemented: "시행", answer: "예", narrative: "규정 제정" });
    expect(await responses()).toEqual(stored);
    expect(await events()).toBe(before);
  });

  it("refuses another department's member the indicator their department is not assigned", async () => {
    const res = await post(otherMember.id, { intent: "saveGrid", ...row(yesno.code, { implemented: "시행" }) });
    expect(res.status).toBe(422);
    expect(res.body.problems[0].key).toBe("grid.error.notYours");
  });

  it("bulk submit lists the finished indicators first and hands in only the ones confirmed", async () => {
    const work = `/rounds/${round.id}/work`;
    const preview = await outcome(async () =>
      workLoader(routeArgs(await requestAs(member.id, work), { roundId: String(round.id) })),
    );
    expect(preview.body.submitReady.sort()).toEqual([yesno.code, levels.code].sort());
    const res = await outcome(async () =>
      workAction(
        routeArgs(await requestAs(member.id, work, { intent: "submitAll", code: yesno.code }), {
          roundId: String(round.id),
        }),
      ),
    );
    expect(res.body.submitted).toEqual([yesno.code]);
    const statuses = await db
      .selectFrom("responses")
      .select(["indicator_code", "status"])
      .where("round_id", "=", round.id)
      .execute();
    expect(Object.fromEntries(statuses.map((r) => [r.indicator_code, r.status]))).toMatchObject({
      [yesno.code]: "submitted",
      [levels.code]: "draft",
    });
    // Handed in years after the 2014 deadline: the worklist marks it late, and only it.
    const after = await outcome(async () =>
      workLoader(routeArgs(await requestAs(member.id, work), { roundId: String(round.id) })),
    );
    const late = after.body.indicators.filter((i: { late: boolean }) => i.late).map((i: { code: string }) => i.code);
    expect(late).toEqual([yesno.code]);
  });
});
