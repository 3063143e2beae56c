// A 종합평가 round next to the 2014 인증 round of the same institution: the grade page estimates the grade from the
// peer scores a coordinator pastes, names the lines at fault, records the grades received and tracks the duty to
// publish; people who may not change the round are refused and nothing changes.
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../seeds/demo";
import { action as newRoundAction } from "~/routes/rounds.new";
import { action as gradeAction, loader as gradeLoader } from "~/routes/rounds.$roundId.grade";
import { loader as dashboardLoader } from "~/routes/rounds.$roundId._index";
import { addDays } from "~/domain/validity";
import { todayInSeoul } from "~/domain/validity";
import { createInstitution, createUser, db, outcome, requestAs, routeArgs } from "../utils";

let roundId: number;
let certRoundId: number;
let coordinator: number;
let auditor: number;
let stranger: number;
const userId = async (username: string) =>
  (await db.selectFrom("users").select("id").where("username", "=", username).executeTakeFirstOrThrow()).id;
const load = async (user: number, id = roundId) =>
  outcome(async () => gradeLoader(routeArgs(await requestAs(user, `/rounds/${id}/grade`), { roundId: String(id) })));
const post = async (user: number, form: Record<string, string>) =>
  outcome(async () =>
    gradeAction(routeArgs(await requestAs(user, `/rounds/${roundId}/grade`, form), { roundId: String(roundId) })),
  );
const peerCount = async () =>
  Number(
    (
      await db
        .selectFrom("grade_peers")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("round_id", "=", roundId)
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  const report = await seedDemo(db);
  certRoundId = report.round!.id;
  coordinator = await userId("coordinator");
  auditor = await userId("auditor");
  stranger = (await createUser({ role: "coordinator", institutionId: (await createInstitution("남의구")).id })).id;
  const created = await outcome(async () =>
    newRoundAction(
      routeArgs(
        await requestAs(coordinator, "/rounds/new", {
          intent: "createRound",
          year: "2024",
          editionId: "2024-comprehensive-sigungu",
          title: "2024년 민원서비스 종합평가",
          deadline: "2024-08-31T18:00",
          carryOver: "none",
        }),
      ),
    ),
  );
  expect(created.body?.errors ?? created.status).toBe(302);
  roundId = Number(/\/rounds\/(\d+)/.exec(created.location!)![1]);
});

describe("a 종합평가 round", () => {
  it("sits beside the 2014 인증 round and shows no 800 line but a way to the grade", async () => {
    const { body } = await outcome(async () =>
      dashboardLoader(routeArgs(await requestAs(coordinator, `/rounds/${roundId}`), { roundId: String(roundId) })),
    );
    expect(body.dashboard.thresholds).toBeNull();
    expect(body.dashboard.scheme).toMatchObject({ id: "comprehensive", graded: true, scalePoints: 100 });
    // The 2014 round keeps its lines.
    const cert = await outcome(async () =>
      dashboardLoader(
        routeArgs(await requestAs(coordinator, `/rounds/${certRoundId}`), { roundId: String(certRoundId) }),
      ),
    );
    expect(cert.body.dashboard.thresholds).toMatchObject({ applicationTenths: 8000, consultingTenths: 6000 });
  });

  it("has no grade page on the 인증 round, and none for another institution", async () => {
    expect((await load(coordinator, certRoundId)).status).toBe(404);
    expect((await load(stranger)).status).toBe(404);
  });

  it("estimates the grade from pasted peer scores, overall and per item, with the rule and its source", async () => {
    // Our self total is 0 so far: among 9 peers we are last of 10 → 마.
    const csv = [
      "기관,총점,1,2,3,4,5",
      ...Array.from({ length: 9 }, (_, n) => `기관${n + 1},${90 - n},${25 - n}`),
    ].join("\n");
    const saved = await post(coordinator, { intent: "addPeers", csv });
    expect(saved.status).toBe(200);
    const { body } = await load(coordinator);
    const total = body.page.estimates.find((e: { code: string }) => e.code === "total");
    expect(total).toMatchObject({ peers: 9, estimate: { grade: "ma", rank: 10, groupSize: 10 } });
    const item1 = body.page.estimates.find((e: { code: string }) => e.code === "1");
    expect(item1.estimate.grade).toBe("ma");
    expect(body.page.estimates.find((e: { code: string }) => e.code === "2").estimate).toBeNull();
    expect(body.page.grading.bands.map((b: { key: string }) => b.key)).toEqual(["ga", "na", "da", "ra", "ma"]);
    expect(body.page.grading.rule.status).toBe("sourced");
    expect(body.page.peers).toHaveLength(9);
  });

  it("refuses a bad line, changing nothing", async () => {
    const before = await peerCount();
    const refused = await post(coordinator, { intent: "addPeers", csv: "가구,80\n나구,백점" });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.csv).toBe("grades.error.score");
    expect(await peerCount()).toBe(before);
  });

  it("refuses an auditor's change and keeps the peers", async () => {
    const before = await peerCount();
    expect((await post(auditor, { intent: "clearPeers" })).status).toBe(403);
    expect(await peerCount()).toBe(before);
  });

  it("records the grade received overall and per item, refusing a grade of no rule", async () => {
    expect((await post(coordinator, { intent: "recordGrades", grade_total: "S" })).status).toBe(400);
    const ok = await post(coordinator, {
      intent: "recordGrades",
      grade_total: "na",
      grade_3: "ga",
      totalScore: "82.86",
    });
    expect(ok.status).toBe(200);
    const { body } = await load(coordinator);
    expect(body.page.received).toEqual({ total: { grade: "na", score: 8286 }, "3": { grade: "ga", score: null } });
  });

  it("tracks the publication: due 14 days after notification, overdue after, done once shown a month", async () => {
    const today = todayInSeoul();
    const notified = addDays(today, -20);
    await post(coordinator, { intent: "recordPublication", notifiedOn: notified });
    let page = (await load(coordinator)).body.page;
    expect(page.publication.duty).toMatchObject({ status: "overdue", deadline: addDays(notified, 14), daysLeft: -6 });
    expect(
      (await post(coordinator, { intent: "recordPublication", notifiedOn: notified, publishedOn: addDays(today, 1) }))
        .body.errors.publishedOn,
    ).toBe("grades.error.future");
    expect(
      (
        await post(coordinator, {
          intent: "recordPublication",
          notifiedOn: notified,
          publishedOn: addDays(notified, -1),
        })
      ).body.errors.publishedOn,
    ).toBe("grades.error.order");
    await post(coordinator, {
      intent: "recordPublication",
      notifiedOn: notified,
      publishedOn: addDays(notified, 3),
      url: "https://www.sdm.go.kr/news/result",
    });
    page = (await load(coordinator)).body.page;
    expect(page.publication.duty.status).toBe("showing");
    expect(page.publication.url).toBe("https://www.sdm.go.kr/news/result");
  });
});
