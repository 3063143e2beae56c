// The auditor's tools on the demo round: bulk approval from the queue (one transaction, one event each, a stale row
// refuses the batch by name), stage entries checked for plausibility and voided with a reason, a committee decision
// to certify proposed to the registry and confirmed there by the Ministry, adjusted scores kept to the indicator's levels.
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../seeds/demo";
import { allowedReviewedTenths } from "~/domain/score-levels";
import { action as indicatorAction } from "~/routes/rounds.$roundId.indicators.$code";
import { action as queueAction, loader as queueLoader } from "~/routes/rounds.$roundId.review";
import { action as stagesAction, loader as stagesLoader } from "~/routes/rounds.$roundId.stages";
import { action as registryAction, loader as registryLoader } from "~/routes/registry._index";
import { verifyAudit } from "~/utils/audit-replay.server";
import { getEdition } from "~/utils/editions.server";
import { db, outcome, requestAs, routeArgs } from "../utils";

let roundId: number;
let institutionId: number;
const ids: Record<string, number> = {};
const userId = async (username: string) =>
  (await db.selectFrom("users").select("id").where("username", "=", username).executeTakeFirstOrThrow()).id;
const eventCount = async () =>
  Number(
    (
      await db
        .selectFrom("audit_events")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
const waiting = async () =>
  (
    await outcome(async () =>
      queueLoader(
        routeArgs(await requestAs(ids.auditor, `/rounds/${roundId}/review?view=waiting`), { roundId: String(roundId) }),
      ),
    )
  ).body.queue.rows as { code: string; version: number; status: string }[];
const bulk = async (picks: string[]) =>
  outcome(async () =>
    queueAction(
      routeArgs(await requestAs(ids.auditor, `/rounds/${roundId}/review`, { intent: "bulkApprove", pick: picks }), {
        roundId: String(roundId),
      }),
    ),
  );
const stage = async (form: Record<string, string>, user = ids.auditor) =>
  outcome(async () =>
    stagesAction(routeArgs(await requestAs(user, `/rounds/${roundId}/stages`, form), { roundId: String(roundId) })),
  );
const status = (codes: string[]) =>
  db
    .selectFrom("responses")
    .select(["indicator_code", "status", "version"])
    .where("round_id", "=", roundId)
    .where("indicator_code", "in", codes)
    .orderBy("indicator_code")
    .execute();

beforeAll(async () => {
  const report = await seedDemo(db);
  roundId = report.round!.id;
  institutionId = report.institutionId;
  for (const u of ["coordinator", "auditor", "admin", "member"]) ids[u] = await userId(u);
});

describe("bulk approval from the review queue", () => {
  it("refuses the whole batch naming the row that changed since the queue was read, and changes nothing", async () => {
    const rows = (await waiting()).slice(0, 3);
    const picks = rows.map((r) => `${r.code}:${r.version}`);
    picks[1] = `${rows[1].code}:${rows[1].version + 7}`; // stale
    const before = await status(rows.map((r) => r.code));
    const events = await eventCount();
    const res = await bulk(picks);
    expect(res.body).toEqual({ ok: false, key: "bulk.error.stale", code: rows[1].code });
    expect(await status(rows.map((r) => r.code))).toEqual(before);
    expect(await eventCount()).toBe(events);
  });

  it("approves five selected rows in one go, one event each; the member may not", async () => {
    const rows = (await waiting()).slice(0, 5);
    const picks = rows.map((r) => `${r.code}:${r.version}`);
    expect(
      (
        await outcome(async () =>
          queueAction(
            routeArgs(
              await requestAs(ids.member, `/rounds/${roundId}/review`, { intent: "bulkApprove", pick: picks }),
              { roundId: String(roundId) },
            ),
          ),
        )
      ).status,
    ).toBe(403);
    const events = await eventCount();
    const res = await bulk(picks);
    expect(res.body).toEqual({ ok: true, key: "bulk.approved", count: 5 });
    expect((await status(rows.map((r) => r.code))).map((r) => r.status)).toEqual(Array(5).fill("approved"));
    expect(await eventCount()).toBe(events + 5);
    const approvals = await db
      .selectFrom("audit_events")
      .select(["action", "actor_user_id"])
      .where("entity", "=", "response")
      .orderBy("seq", "desc")
      .limit(5)
      .execute();
    expect(approvals).toEqual(Array(5).fill({ action: "approve", actor_user_id: ids.auditor }));
  });
});

describe("adjusted scores on an indicator's levels", () => {
  it("refuses 4.0 where the levels give other points, listing them; accepts a level's points, or an off-level score with a reason", async () => {
    const round = await db
      .selectFrom("rounds")
      .select("edition_id")
      .where("id", "=", roundId)
      .executeTakeFirstOrThrow();
    const edition = (await getEdition(db, round.edition_id))!;
    const codes = new Set((await waiting()).map((r) => r.code));
    const indicator = edition.indicators.find(
      (i) => i.scoring.kind === "levels" && codes.has(i.code) && !allowedReviewedTenths(i)!.includes(40),
    )!;
    const allowed = allowedReviewedTenths(indicator)!;
    const version = async () => (await status([indicator.code]))[0].version;
    const post = async (form: Record<string, string>) =>
      outcome(async () =>
        indicatorAction(
          routeArgs(
            await requestAs(ids.auditor, `/rounds/${roundId}/indicators/${indicator.code}`, {
              intent: "adjust",
              version: String(await version()),
              ...form,
            }),
            { roundId: String(roundId), code: indicator.code },
          ),
        ),
      );
    const refused = await post({ reviewed: "4.0", reason: "증빙 일부 미흡" });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual({ override: "levels.notAllowed" });
    expect((await status([indicator.code]))[0].status).toBe("submitted");
    const onLevel = await post({ reviewed: (allowed[1] / 10).toFixed(1), reason: "증빙 일부 미흡" });
    expect(onLevel.status).toBe(200);
    const overridden = await post({
      reviewed: "4.0",
      reason: "증빙 일부 미흡",
      override: "위원회 지침에 따른 중간 점수",
    });
    expect(overridden.status).toBe(200);
    const last = await db
      .selectFrom("audit_events")
      .select("after_json")
      .orderBy("seq", "desc")
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(last.after_json!)).toMatchObject({
      reviewed_tenths: 40,
      override_reason: "위원회 지침에 따른 중간 점수",
    });
  });
});

describe("review stages", () => {
  it("refuses implausible entries: 1999, 현지심사 before 서면심사, a second committee decision", async () => {
    // Stages are recorded once the round is handed in; the demo round has unassessed indicators, which block a real
    // submission, so it is set submitted as the review tests do.
    await db.updateTable("rounds").set({ state: "submitted" }).where("id", "=", roundId).execute();
    expect(
      (await stage({ intent: "recordStage", stage: "document", heldOn: "1999-01-01", notes: "서면심사" })).body.errors,
    ).toEqual({ heldOn: "stageRules.window" });
    expect(
      (await stage({ intent: "recordStage", stage: "document", heldOn: "2014-09-15", notes: "서면심사 실시" })).body.ok,
    ).toBe(true);
    expect(
      (await stage({ intent: "recordStage", stage: "site", heldOn: "2014-09-01", notes: "현지심사" })).body.errors,
    ).toEqual({ heldOn: "stageRules.order" });
    expect(
      (await stage({ intent: "recordStage", stage: "site", heldOn: "2014-10-20", notes: "현지심사 실시" })).body.ok,
    ).toBe(true);
    const decided = await stage({
      intent: "recordStage",
      stage: "committee",
      heldOn: "2014-11-28",
      notes: "인증 의결",
      decision: "certified",
    });
    expect(decided.body).toMatchObject({ ok: true, notice: { key: "proposal.raised" } });
    expect(
      (
        await stage({
          intent: "recordStage",
          stage: "committee",
          heldOn: "2014-12-01",
          notes: "재의결",
          decision: "not_certified",
        })
      ).body.errors,
    ).toEqual({ decision: "stageRules.oneDecision" });
  });

  it("voids a mistaken entry with a reason (audited, kept on the timeline); a void without a reason is refused", async () => {
    const wrong = await stage({
      intent: "recordStage",
      stage: "cross",
      heldOn: "2014-09-20",
      notes: "잘못 입력한 교차심사",
    });
    expect(wrong.body.ok).toBe(true);
    const row = await db
      .selectFrom("review_stages")
      .select("id")
      .where("round_id", "=", roundId)
      .where("notes", "=", "잘못 입력한 교차심사")
      .executeTakeFirstOrThrow();
    expect((await stage({ intent: "voidStage", stageId: String(row.id), reason: "" })).body.errors).toEqual({
      reason: "stageVoid.error.reason",
    });
    expect(
      (await stage({ intent: "voidStage", stageId: String(row.id), reason: "날짜를 잘못 입력함" }, ids.member)).status,
    ).toBe(403);
    const voided = await stage({ intent: "voidStage", stageId: String(row.id), reason: "날짜를 잘못 입력함" });
    expect(voided.body).toMatchObject({ ok: true, notice: { key: "stageVoid.done" } });
    const timeline = await outcome(async () =>
      stagesLoader(
        routeArgs(await requestAs(ids.coordinator, `/rounds/${roundId}/stages`), { roundId: String(roundId) }),
      ),
    );
    expect(timeline.body.timeline.stages).toContainEqual(
      expect.objectContaining({ id: row.id, voidReason: "날짜를 잘못 입력함", voidedAt: expect.any(String) }),
    );
    const last = await db
      .selectFrom("audit_events")
      .selectAll()
      .orderBy("seq", "desc")
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(last).toMatchObject({
      entity: "review_stage",
      entity_id: String(row.id),
      action: "void",
      actor_user_id: ids.auditor,
    });
    expect((await stage({ intent: "voidStage", stageId: String(row.id), reason: "다시" })).body.errors).toEqual({
      stageId: "stageVoid.error.stage",
    });
  });

  it("shows the committee's decision as a proposed certification in the registry, which the Ministry confirms", async () => {
    const registry = await outcome(async () => registryLoader(routeArgs(await requestAs(ids.auditor, "/registry"))));
    const proposal = registry.body.proposals.find((p: { round_id: number }) => p.round_id === roundId);
    expect(proposal).toMatchObject({ award_date: "2014-11-28", institution_id: institutionId });
    expect(
      (
        await outcome(async () =>
          registryAction(
            routeArgs(
              await requestAs(ids.auditor, "/registry", { intent: "confirmProposal", proposalId: String(proposal.id) }),
            ),
          ),
        )
      ).status,
    ).toBe(403);
    const confirmed = await outcome(async () =>
      registryAction(
        routeArgs(
          await requestAs(ids.admin, "/registry", { intent: "confirmProposal", proposalId: String(proposal.id) }),
        ),
      ),
    );
    expect(confirmed.body).toMatchObject({ ok: true, key: "proposal.confirmed" });
    const cert = await db
      .selectFrom("certifications")
      .selectAll()
      .where("institution_id", "=", institutionId)
      .where("award_date", "=", "2014-11-28")
      .executeTakeFirstOrThrow();
    expect(cert).toMatchObject({ round_id: roundId, revoked_at: null });
    const again = await outcome(async () =>
      registryAction(
        routeArgs(
          await requestAs(ids.admin, "/registry", { intent: "confirmProposal", proposalId: String(proposal.id) }),
        ),
      ),
    );
    expect(again.body).toMatchObject({ ok: false, key: "proposal.error" });
  });

  it("leaves a log that still verifies: every review, stage and void replays", async () => {
    const verdict = await verifyAudit(db);
    expect(verdict.problems).toEqual([]);
  });
});
