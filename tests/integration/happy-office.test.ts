// A 국민행복민원실 cycle beside the 2014 인증 round of the same institution: the stages in order with their dates, the
// 체험평가 visits, and the selection that creates the certificate (gold after an earlier 국민행복민원실 certificate,
// valid 3 years) as the registry shows it. People who may not change the round are refused and nothing changes.
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../seeds/demo";
import { action as newRoundAction } from "~/routes/rounds.new";
import { action as cycleAction, loader as cycleLoader } from "~/routes/rounds.$roundId.cycle";
import { loader as dashboardLoader } from "~/routes/rounds.$roundId._index";
import { loader as registryLoader } from "~/routes/registry.institutions.$institutionId";
import { translate } from "~/i18n";
import { insertCertifications } from "~/utils/registry-write.server";
import { createInstitution, createUser, db, outcome, requestAs, routeArgs } from "../utils";

let roundId: number;
let certRoundId: number;
let institutionId: number;
let coordinator: number;
let auditor: number;
let member: number;
let stranger: number;
const userId = async (username: string) =>
  (await db.selectFrom("users").select("id").where("username", "=", username).executeTakeFirstOrThrow()).id;
const load = async (user: number, id = roundId) =>
  outcome(async () => cycleLoader(routeArgs(await requestAs(user, `/rounds/${id}/cycle`), { roundId: String(id) })));
const post = async (user: number, form: Record<string, string>) =>
  outcome(async () =>
    cycleAction(routeArgs(await requestAs(user, `/rounds/${roundId}/cycle`, form), { roundId: String(roundId) })),
  );
/** Everything the cycle writes, to prove a refusal changed nothing. */
const snapshot = async () => ({
  stages: await db.selectFrom("happy_office_stages").selectAll().orderBy("stage").execute(),
  visits: await db.selectFrom("mystery_visits").selectAll().orderBy("id").execute(),
  certs: await db.selectFrom("certifications").select("id").orderBy("id").execute(),
  events: (await db.selectFrom("audit_events").select("seq").orderBy("seq", "desc").limit(1).execute())[0]?.seq,
});
const stage = (s: string, date: string) => ({ intent: "recordStage", stage: s, date, note: "" });
const visit = {
  intent: "addVisit",
  visitedOn: "2025-09-10",
  channel: "visit",
  scenario: "휠체어 이용 고령 민원인으로 주민등록등본 발급",
  "obs_III-1": "번호표 없이 안내 직원이 먼저 다가와 용건을 물음",
  "obs_III-4": "낮은 창구로 안내, 서류를 대신 작성해 줌",
  score: "92",
  finding: "대기 안내 화면의 글씨가 작음",
  followUp: "10월까지 안내 화면 글씨 확대",
};

beforeAll(async () => {
  const report = await seedDemo(db);
  certRoundId = report.round!.id;
  coordinator = await userId("coordinator");
  auditor = await userId("auditor");
  member = await userId("member");
  stranger = (await createUser({ role: "coordinator", institutionId: (await createInstitution("남의구")).id })).id;
  const created = await outcome(async () =>
    newRoundAction(
      routeArgs(
        await requestAs(coordinator, "/rounds/new", {
          intent: "createRound",
          year: "2025",
          editionId: "2025-happy-office",
          title: "2025년 국민행복민원실 재인증",
          deadline: "2025-06-30T18:00",
          carryOver: "none",
        }),
      ),
    ),
  );
  expect(created.body?.errors ?? created.status).toBe(302);
  roundId = Number(/\/rounds\/(\d+)/.exec(created.location!)![1]);
  institutionId = (
    await db.selectFrom("rounds").select("institution_id").where("id", "=", roundId).executeTakeFirstOrThrow()
  ).institution_id;
});

describe("a 국민행복민원실 cycle", () => {
  it("shows the year's stages by month with their source, the award day and a way from the dashboard", async () => {
    const { status, body } = await load(coordinator);
    expect(status).toBe(200);
    expect(body.mayEdit).toBe(true);
    expect(body.page.stages.map((s: { key: string; from: string }) => [s.key, s.from])).toEqual([
      ["application", "2025-06-01"],
      ["document", "2025-07-01"],
      ["site", "2025-08-01"],
      ["mystery", "2025-09-01"],
      ["selection", "2025-10-01"],
    ]);
    expect(body.page.rule.source).toMatch(/mby\.co\.kr/);
    expect(body.page.awardDay.date).toBe("2025-11-24");
    expect(body.page.criteria.map((c: { title: string }) => c.title)).toHaveLength(4);
    expect(body.page.preview).toMatchObject({ plaque: "silver", validUntil: "2028-11-23" });
    const dash = await outcome(async () =>
      dashboardLoader(routeArgs(await requestAs(coordinator, `/rounds/${roundId}`), { roundId: String(roundId) })),
    );
    expect(dash.body.dashboard.scheme.id).toBe("happy-office");
    expect(dash.body.dashboard.thresholds).toBeNull();
  });

  it("has no cycle on the 인증 round; another institution sees nothing; department staff are refused", async () => {
    expect((await load(coordinator, certRoundId)).status).toBe(404);
    expect((await load(stranger)).status).toBe(404);
    expect([403, 404]).toContain((await load(member)).status);
    const before = await snapshot();
    expect([403, 404]).toContain((await post(member, stage("application", "2025-06-20"))).status);
    expect((await post(stranger, stage("application", "2025-06-20"))).status).toBe(404);
    expect(await snapshot()).toEqual(before);
  });

  it("lets the auditor read but not write", async () => {
    const read = await load(auditor);
    expect(read.status).toBe(200);
    expect(read.body.mayEdit).toBe(false);
    const before = await snapshot();
    expect((await post(auditor, stage("application", "2025-06-20"))).status).toBe(403);
    expect((await post(auditor, visit)).status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses bad input with a Korean message naming the field, and stages out of order, changing nothing", async () => {
    const before = await snapshot();
    const badDate = await post(coordinator, stage("application", "2025-02-30"));
    expect(badDate.status).toBe(400);
    expect(badDate.body.errors.date).toBe("happy.error.date");
    expect(translate("ko", badDate.body.errors.date)).toMatch(/^날짜:/);
    const otherYear = await post(coordinator, stage("application", "2024-06-20"));
    expect(otherYear.body.errors.date).toBe("happy.error.dateYear");
    const outOfOrder = await post(coordinator, stage("site", "2025-08-20"));
    expect(outOfOrder.status).toBe(409);
    expect(outOfOrder.body.errors.date).toBe("happy.error.previousMissing");
    const unknown = await post(coordinator, stage("selection", "2025-10-20"));
    expect(unknown.body.errors.stage).toBe("happy.error.stage");
    expect(await snapshot()).toEqual(before);
  });

  it("records 신청 → 서면심사 → 현지실사 → 체험평가 in order, each audited", async () => {
    for (const [s, d] of [
      ["application", "2025-06-20"],
      ["document", "2025-07-18"],
      ["site", "2025-08-21"],
      ["mystery", "2025-09-10"],
    ]) {
      const saved = await post(coordinator, stage(s, d));
      expect(saved.status, s).toBe(200);
    }
    const backwards = await post(coordinator, stage("document", "2025-06-10"));
    expect(backwards.body.errors.date).toBe("happy.error.beforePrevious");
    const { body } = await load(coordinator);
    expect(body.page.stages.filter((s: { recorded: unknown }) => s.recorded)).toHaveLength(4);
    expect(body.page.next).toBe("selection");
    const events = await db
      .selectFrom("audit_events")
      .select(["entity", "action", "actor_user_id"])
      .where("round_id", "=", roundId)
      .where("entity", "=", "happy_office_stage")
      .execute();
    expect(events).toHaveLength(4);
    expect(events.every((e) => e.actor_user_id === coordinator)).toBe(true);
  });

  it("keeps the 체험평가 visits: per-criterion observations, score, finding, follow-up", async () => {
    const noScenario = await post(coordinator, { ...visit, scenario: "" });
    expect(noScenario.status).toBe(400);
    expect(noScenario.body.errors.scenario).toBe("happy.error.scenario");
    expect(translate("ko", noScenario.body.errors.scenario)).toMatch(/^시나리오:/);
    const nothingJudged = await post(coordinator, { ...visit, score: "", finding: "" });
    expect(nothingJudged.body.errors.finding).toBe("happy.error.scoreOrFinding");
    const badScore = await post(coordinator, { ...visit, score: "120" });
    expect(badScore.body.errors.score).toBe("happy.error.score");
    // Only the 체험 field's items are criteria of a visit.
    const notCriterion = await post(coordinator, { ...visit, "obs_I-1": "민원실 위치 안내가 잘 보임" });
    expect(notCriterion.body.errors["obs_I-1"]).toBe("happy.error.criterion");
    expect((await db.selectFrom("mystery_visits").selectAll().execute()).length).toBe(0);
    expect((await post(coordinator, visit)).status).toBe(200);
    // A visit entered twice by mistake is removed, audited.
    expect((await post(coordinator, visit)).status).toBe(200);
    const [, twice] = await db.selectFrom("mystery_visits").select("id").orderBy("id").execute();
    expect((await post(coordinator, { intent: "removeVisit", visitId: String(twice.id) })).status).toBe(200);
    expect((await post(coordinator, { intent: "removeVisit", visitId: String(twice.id) })).status).toBe(400);
    const removal = await db
      .selectFrom("audit_events")
      .select("action")
      .where("entity", "=", "mystery_visit")
      .where("entity_id", "=", String(twice.id))
      .orderBy("seq")
      .execute();
    expect(removal.map((e) => e.action)).toEqual(["add", "remove"]);
    const { body } = await load(coordinator);
    expect(body.page.visits).toHaveLength(1);
    expect(body.page.visits[0]).toMatchObject({
      visitedOn: "2025-09-10",
      channel: "visit",
      score: 92,
      followUp: "10월까지 안내 화면 글씨 확대",
      observations: { "III-1": visit["obs_III-1"], "III-4": visit["obs_III-4"] },
    });
  });

  it("records the selection: a re-certification after the 2022 certificate gets the gold plaque, valid 3 years", async () => {
    // The earlier 국민행복민원실 certificate, as the Ministry's registry would hold it.
    await db.transaction().execute((trx) =>
      insertCertifications(
        trx,
        coordinator,
        [
          {
            institutionId,
            awardDate: "2022-11-24",
            kind: "initial",
            scoreTenths: null,
            roundId: null,
            note: null,
            scheme: "happy-office",
            plaque: "silver",
          },
        ],
        "record",
      ),
    );
    expect((await load(coordinator)).body.page.preview).toMatchObject({ plaque: "gold", renews: "2022-11-24" });
    const noAward = await post(coordinator, { intent: "recordSelection", outcome: "selected", date: "2025-10-24" });
    expect(noAward.status).toBe(400);
    expect(noAward.body.errors.awardDate).toBe("happy.error.awardDate");
    const awardEarly = await post(coordinator, {
      intent: "recordSelection",
      outcome: "selected",
      date: "2025-10-24",
      awardDate: "2025-10-01",
    });
    expect(awardEarly.body.errors.awardDate).toBe("happy.error.awardBeforeSelection");

    const ok = await post(coordinator, {
      intent: "recordSelection",
      outcome: "selected",
      date: "2025-10-24",
      awardDate: "2025-11-24",
    });
    expect(ok.status).toBe(200);
    expect(ok.body.notice.key).toBe("happy.selected.gold");
    const cert = await db
      .selectFrom("certifications")
      .selectAll()
      .where("round_id", "=", roundId)
      .executeTakeFirstOrThrow();
    expect(cert).toMatchObject({ scheme: "happy-office", plaque: "gold", kind: "renewal", award_date: "2025-11-24" });
    const { body } = await load(coordinator);
    expect(body.page.award).toMatchObject({ plaque: "gold", validity: { years: 3, validUntil: "2028-11-23" } });
    expect(body.page.history.map((h: { awardDate: string }) => h.awardDate)).toEqual(["2022-11-24"]);
    const audited = await db
      .selectFrom("audit_events")
      .select("action")
      .where("entity", "=", "certification")
      .where("entity_id", "=", String(cert.id))
      .execute();
    expect(audited.map((e) => e.action)).toEqual(["record"]);

    // In the registry, with its expiry.
    const registry = await outcome(async () =>
      registryLoader(
        routeArgs(await requestAs(coordinator, `/registry/institutions/${institutionId}`), {
          institutionId: String(institutionId),
        }),
      ),
    );
    // Its own panel (the 인증 timeline lists only 인증 certificates, ADR 038), with the plaque and the 3-year term.
    expect(registry.body.timeline.entries.some((e: { id: number }) => e.id === cert.id)).toBe(false);
    const entry = registry.body.schemes.happyOffice.find((e: { id: number }) => e.id === cert.id);
    expect(entry).toMatchObject({ plaque: "gold", awardDate: "2025-11-24" });
    expect(entry.validity).toMatchObject({ validUntil: "2028-11-23", years: 3 });
  });

  it("refuses any change once the selection is recorded (409), changing nothing", async () => {
    const before = await snapshot();
    const again = await post(coordinator, {
      intent: "recordSelection",
      outcome: "not-selected",
      date: "2025-10-25",
    });
    expect(again.status).toBe(409);
    expect(again.body.errors._form).toBe("happy.error.closed");
    expect((await post(coordinator, { ...visit, visitedOn: "2025-09-11" })).status).toBe(409);
    expect(await snapshot()).toEqual(before);
  });
});
