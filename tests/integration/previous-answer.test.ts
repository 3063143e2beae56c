// Last year's answer beside the form (issue 15): the indicator page shows the same indicator's answer and reviewed
// score from the institution's previous round, and "use last year's answer" (?previous=1) fills the form without
// saving anything until the department saves.
import { beforeAll, describe, expect, it } from "vitest";
import { nowIso } from "#db/connection";
import type { Indicator } from "#indicators/schema";
import { toTenths } from "#indicators/points";
import { allowedReviewedTenths } from "~/domain/score-levels";
import { action as indicatorAction, loader as indicatorLoader } from "~/routes/rounds.$roundId.indicators.$code";
import { verifyAudit } from "~/utils/audit-replay.server";
import { getEdition } from "~/utils/editions.server";
import { createRound } from "~/utils/round-admin.server";
import { createDepartment, createInstitution, createUser, db, outcome, requestAs, routeArgs } from "../utils";

const EDITION = "2014-sigungu-v2";
let indicator: Indicator;
let inst: { id: number }, dept: { id: number };
let clerk: { id: number }, auditor: { id: number }, coordinator: { id: number };
let first: number, second: number;

const url = (roundId: number, query = "") => `/rounds/${roundId}/indicators/${indicator.code}${query}`;
const args = (roundId: number) => ({ roundId: String(roundId), code: indicator.code });
const load = async (userId: number, roundId: number, query = "") =>
  outcome(async () => indicatorLoader(routeArgs(await requestAs(userId, url(roundId, query)), args(roundId))));
const post = async (userId: number, roundId: number, form: Record<string, string>) =>
  outcome(async () => indicatorAction(routeArgs(await requestAs(userId, url(roundId), form), args(roundId))));
const responseIn = (roundId: number) =>
  db
    .selectFrom("responses")
    .selectAll()
    .where("round_id", "=", roundId)
    .where("indicator_code", "=", indicator.code)
    .executeTakeFirst();

beforeAll(async () => {
  const edition = (await getEdition(db, EDITION))!;
  indicator = edition.indicators.find((i) => i.scoring.kind === "levels")!;
  inst = await createInstitution("작년구");
  dept = await createDepartment(inst.id, "민원여권과");
  clerk = await createUser({ role: "department_member", institutionId: inst.id, departmentId: dept.id });
  coordinator = await createUser({ role: "coordinator", institutionId: inst.id, departmentId: dept.id });
  auditor = await createUser({ role: "auditor", institutionId: inst.id });
  const now = nowIso();
  first = (
    await db
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
      .executeTakeFirstOrThrow()
  ).id;
  await db
    .insertInto("assignments")
    .values({ round_id: first, indicator_code: indicator.code, department_id: dept.id, role: "lead", created_at: now })
    .execute();
});

describe("last year's answer beside the form", () => {
  it("shows nothing in the first round", async () => {
    expect((await load(clerk.id, first)).body.previous).toBeNull();
  });

  it("shows last round's answer and the auditor's score in the next round", async () => {
    const s = indicator.scoring;
    if (s.kind !== "levels") throw new Error("levels indicator expected");
    const level = s.levels[1];
    const saved = await post(clerk.id, first, {
      intent: "submit",
      version: "0",
      implemented: "yes",
      level: level.code,
      narrative: "2014년 민원 목표를 부서별로 공유함",
    });
    expect(saved.status).toBe(200);
    const submitted = (await responseIn(first))!;
    // The auditor gives one level lower: a score the indicator's levels allow.
    const lower = allowedReviewedTenths(indicator)!
      .filter((v) => v < submitted.self_tenths!)
      .sort((a, b) => b - a)[0];
    expect(lower).toBeDefined();
    const adjusted = await post(auditor.id, first, {
      intent: "adjust",
      version: String(submitted.version),
      reviewed: String(lower / 10),
      reason: "증빙이 일부만 확인됨",
    });
    expect(adjusted.body).toMatchObject({ ok: true });
    expect(adjusted.status).toBe(200);

    const created = await createRound(
      db,
      {
        userId: coordinator.id,
        isSystemAdmin: false,
        memberships: [{ institutionId: inst.id, role: "coordinator", departmentId: dept.id }],
      },
      inst.id,
      {
        intent: "createRound",
        year: 2015,
        editionId: EDITION,
        title: "2015 자율진단",
        deadline: "2015-08-28T18:00",
        carryOver: "assignments",
      },
    );
    second = created.roundId!;
    await db.updateTable("rounds").set({ state: "open" }).where("id", "=", second).execute();

    const page = await load(clerk.id, second);
    expect(page.status).toBe(200);
    expect(page.body.previous).toMatchObject({
      roundTitle: "2014 자율진단",
      status: "approved",
      selfTenths: submitted.self_tenths,
      reviewedTenths: lower,
      usable: true,
      draft: { implemented: true, answer: { level: level.code }, narrative: "2014년 민원 목표를 부서별로 공유함" },
    });
    expect(page.body.previous.reviewedTenths).toBeLessThan(toTenths(indicator.maxPoints));
    expect(page.body.prefill).toBeNull();
    expect(page.body.draft).toMatchObject({ implemented: null, narrative: "" });
  });

  it("'use last year's answer' fills the form and saves nothing until the department saves", async () => {
    const events = async () =>
      (await db.selectFrom("audit_events").select("id").where("round_id", "=", second).execute()).length;
    const before = await events();
    const page = await load(clerk.id, second, "?previous=1");
    expect(page.body.prefill).toEqual(page.body.previous.draft);
    expect(page.body.draft).toMatchObject({ implemented: null });
    expect(await responseIn(second)).toBeUndefined();
    expect(await events()).toBe(before);

    // The auditor reads it, but gets no prefilled form (they do not answer).
    expect((await load(auditor.id, second, "?previous=1")).body.prefill).toBeNull();

    const s = indicator.scoring;
    if (s.kind !== "levels") throw new Error("levels indicator expected");
    const saved = await post(clerk.id, second, {
      intent: "save",
      version: "0",
      implemented: "yes",
      level: page.body.prefill.answer.level,
      narrative: page.body.prefill.narrative,
    });
    expect(saved.status).toBe(200);
    expect(await responseIn(second)).toMatchObject({ implemented: 1, narrative: "2014년 민원 목표를 부서별로 공유함" });
    // Last year's row is untouched, and the log replays cleanly.
    expect(await responseIn(first)).toMatchObject({ status: "approved" });
    expect((await verifyAudit(db)).problems).toEqual([]);
  });
});
