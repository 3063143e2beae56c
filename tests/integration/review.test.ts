// Auditors review scores against the seeded 2014 round: approve, adjust with a reason, return with a comment; the
// version check; who may review (not members, not coordinators, not another institution); the cross review's scope
// (one submitted round of another institution, nothing else); comments; the indicator's history.
import { beforeAll, describe, expect, it } from "vitest";
import { nowIso } from "#db/connection";
import { seedDemo } from "../../seeds/demo";
import { action as indicatorAction, loader as indicatorLoader } from "~/routes/rounds.$roundId.indicators.$code";
import { loader as queueLoader } from "~/routes/rounds.$roundId.review";
import { loader as dashboardLoader } from "~/routes/rounds.$roundId._index";
import { action as stagesAction, loader as stagesLoader } from "~/routes/rounds.$roundId.stages";
import { loader as historyLoader } from "~/routes/rounds.$roundId.history";
import { loader as historyCsvLoader } from "~/routes/rounds.$roundId.history[.]csv";
import { historyCsv, historyFilterFrom } from "~/utils/history.server";
import { getEdition } from "~/utils/editions.server";
import { localeCookie } from "~/utils/locale.server";
import { loader as gapsLoader } from "~/routes/rounds.$roundId.gaps";
import { action as assignAction } from "~/routes/rounds.$roundId.assignments";
import { loader as orgLoader } from "~/routes/org.$institutionId";
import { createDepartment, createInstitution, createUser, db, outcome, requestAs, routeArgs } from "../utils";

let roundId: number;
let institutionId: number;
let ids: Record<"coordinator" | "member" | "auditor" | "admin", number>;
let outsideAuditor: number;
let outsideInstitution: number;
const userId = async (username: string) =>
  (await db.selectFrom("users").select("id").where("username", "=", username).executeTakeFirstOrThrow()).id;
const response = (code: string) =>
  db
    .selectFrom("responses")
    .selectAll()
    .where("round_id", "=", roundId)
    .where("indicator_code", "=", code)
    .executeTakeFirstOrThrow();
const eventCount = async () =>
  Number(
    (
      await db
        .selectFrom("audit_events")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
const submittedCodes = async () =>
  (
    await db
      .selectFrom("responses")
      .select("indicator_code")
      .where("round_id", "=", roundId)
      .where("status", "=", "submitted")
      .where("implemented", "=", 1)
      .orderBy("id")
      .execute()
  ).map((r) => r.indicator_code);

const post = async (user: number, code: string, form: Record<string, string>, round = roundId) =>
  outcome(async () =>
    indicatorAction(
      routeArgs(await requestAs(user, `/rounds/${round}/indicators/${code}`, form), { roundId: String(round), code }),
    ),
  );
const load = async (user: number, code: string, round = roundId) =>
  outcome(async () =>
    indicatorLoader(
      routeArgs(await requestAs(user, `/rounds/${round}/indicators/${code}`), { roundId: String(round), code }),
    ),
  );

beforeAll(async () => {
  const report = await seedDemo(db);
  roundId = report.round!.id;
  institutionId = report.institutionId;
  ids = {
    coordinator: await userId("coordinator"),
    member: await userId("member"),
    auditor: await userId("auditor"),
    admin: await userId("admin"),
  };
  outsideInstitution = (await createInstitution("교차심사구")).id;
  outsideAuditor = (
    await createUser({
      role: "auditor",
      institutionId: outsideInstitution,
      departmentId: (await createDepartment(outsideInstitution, "감사담당관")).id,
    })
  ).id;
});

describe("reviewing an indicator", () => {
  it("approves: the reviewed score is the self score, the status approved, with its event", async () => {
    const [code] = await submittedCodes();
    const before = await response(code);
    const events = await eventCount();
    const res = await post(ids.auditor, code, { intent: "approve", version: String(before.version) });
    expect(res.status).toBe(200);
    const after = await response(code);
    expect(after).toMatchObject({
      status: "approved",
      reviewed_tenths: before.self_tenths,
      reviewed_by: ids.auditor,
      version: before.version + 1,
    });
    // The department's answer is untouched.
    expect([after.answer, after.self_tenths, after.implemented, after.narrative]).toEqual([
      before.answer,
      before.self_tenths,
      before.implemented,
      before.narrative,
    ]);
    expect(await eventCount()).toBe(events + 1);
    const last = await db
      .selectFrom("audit_events")
      .selectAll()
      .orderBy("seq", "desc")
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(last).toMatchObject({ entity: "response", action: "approve", actor_user_id: ids.auditor });
  });

  it("adjusts with a required reason within the maximum; the reason shows as a comment and in the history", async () => {
    // A quantitative indicator: its scores are continuous (levels keep to their points: auditor-tools.test.ts).
    const continuous = new Set(
      (await getEdition(db, "2014-sigungu-v2"))!.indicators
        .filter((i) => i.scoring.kind === "quantitative")
        .map((i) => i.code),
    );
    const code = (await submittedCodes()).slice(1).find((c) => continuous.has(c))!;
    const before = await response(code);
    const missing = await post(ids.auditor, code, {
      intent: "adjust",
      version: String(before.version),
      reviewed: "1.0",
      reason: "",
    });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.reason).toBe("review.error.reason");
    const tooMuch = await post(ids.auditor, code, {
      intent: "adjust",
      version: String(before.version),
      reviewed: "999.9",
      reason: "증빙 부족",
    });
    expect(tooMuch.body.errors.reviewed).toBe("review.error.pointsMax");
    const badNumber = await post(ids.auditor, code, {
      intent: "adjust",
      version: String(before.version),
      reviewed: "1.25",
      reason: "증빙 부족",
    });
    expect(badNumber.body.errors.reviewed).toBe("review.error.points");
    expect(await response(code)).toEqual(before);

    const ok = await post(ids.auditor, code, {
      intent: "adjust",
      version: String(before.version),
      reviewed: "1.5",
      reason: "실적 증빙이 계획서뿐임",
    });
    expect(ok.status).toBe(200);
    expect(await response(code)).toMatchObject({
      status: "approved",
      reviewed_tenths: 15,
      review_reason: "실적 증빙이 계획서뿐임",
      self_tenths: before.self_tenths,
    });
    const page = await load(ids.coordinator, code);
    expect(page.body.comments.map((c: { kind: string; body: string }) => [c.kind, c.body])).toContainEqual([
      "adjust",
      "실적 증빙이 계획서뿐임",
    ]);
    expect(page.body.history[0]).toMatchObject({ action: "adjust", actor: expect.any(String) });
    expect(page.body.history.some((h: { action: string }) => h.action === "add")).toBe(true);
  });

  it("returns with a comment; the department sees it returned and may edit again", async () => {
    // An answered indicator of the demo member's department, handed in.
    const memberDept = (
      await db
        .selectFrom("memberships")
        .select("department_id")
        .where("user_id", "=", ids.member)
        .executeTakeFirstOrThrow()
    ).department_id!;
    const lead = await db
      .selectFrom("assignments as a")
      .innerJoin("responses as r", (j) =>
        j.onRef("r.round_id", "=", "a.round_id").onRef("r.indicator_code", "=", "a.indicator_code"),
      )
      .select(["a.indicator_code"])
      .where("a.round_id", "=", roundId)
      .where("a.role", "=", "lead")
      .where("a.department_id", "=", memberDept)
      .where("r.implemented", "=", 1)
      .where("r.status", "in", ["draft", "submitted"])
      .executeTakeFirstOrThrow();
    await db
      .updateTable("responses")
      .set({ status: "submitted" })
      .where("round_id", "=", roundId)
      .where("indicator_code", "=", lead.indicator_code)
      .execute();
    const before = await response(lead.indicator_code);
    const empty = await post(ids.auditor, lead.indicator_code, {
      intent: "return",
      version: String(before.version),
      comment: " ",
    });
    expect(empty.body.errors.comment).toBe("review.error.returnComment");
    const res = await post(ids.auditor, lead.indicator_code, {
      intent: "return",
      version: String(before.version),
      comment: "증빙에 날짜가 없습니다. 결재일이 보이는 문서로 바꿔 주세요.",
    });
    expect(res.status).toBe(200);
    expect(await response(lead.indicator_code)).toMatchObject({ status: "returned", reviewed_tenths: null });
    const seen = await load(ids.member, lead.indicator_code);
    expect(seen.body.response.status).toBe("returned");
    expect(seen.body.lock).toBeNull();
    expect(seen.body.comments[0]).toMatchObject({ kind: "return", body: expect.stringContaining("결재일") });
  });

  it("refuses a review based on a stale version, and one of an indicator not handed in", async () => {
    const [code] = await submittedCodes();
    const before = await response(code);
    const stale = await post(ids.auditor, code, { intent: "approve", version: String(before.version - 1) });
    expect(stale.status).toBe(409);
    expect(stale.body.errors._form).toBe("review.error.stale");
    const draft = await db
      .selectFrom("responses")
      .select(["indicator_code", "version"])
      .where("round_id", "=", roundId)
      .where("status", "=", "draft")
      .executeTakeFirstOrThrow();
    const notHandedIn = await post(ids.auditor, draft.indicator_code, {
      intent: "approve",
      version: String(draft.version),
    });
    expect(notHandedIn.body.errors._form).toBe("review.error.notHandedIn");
    expect(await response(code)).toEqual(before);
  });

  it("is the auditors' alone: members, coordinators, the system admin and other institutions cannot review", async () => {
    const [code] = await submittedCodes();
    const before = await response(code);
    for (const user of [ids.member, ids.coordinator]) {
      expect(
        (await post(user, code, { intent: "approve", version: String(before.version) })).status,
        String(user),
      ).toBe(403);
    }
    // The system admin runs the platform; reviewing is the institution's (or the Ministry's reviewers') work.
    expect([403, 404]).toContain(
      (await post(ids.admin, code, { intent: "approve", version: String(before.version) })).status,
    );
    expect((await post(outsideAuditor, code, { intent: "approve", version: String(before.version) })).status).toBe(404);
    expect(await response(code)).toEqual(before);
  });

  it("never lets an auditor change the answer or the evidence", async () => {
    const [code] = await submittedCodes();
    const before = await response(code);
    expect(
      (
        await post(ids.auditor, code, {
          intent: "save",
          version: String(before.version),
          implemented: "yes",
          narrative: "감사가 고침",
        })
      ).status,
    ).toBe(403);
    expect((await post(ids.auditor, code, { intent: "addNote", title: "메모", note: "감사 메모" })).status).toBe(403);
    expect(await response(code)).toEqual(before);
  });

  it("keeps threaded comments: a reply joins its thread; anyone who sees the indicator may comment", async () => {
    const [code] = await submittedCodes();
    expect(
      (await post(ids.auditor, code, { intent: "comment", body: "법정 처리기간 산정 근거가 있나요?" })).status,
    ).toBe(200);
    const threads = (await load(ids.coordinator, code)).body.comments;
    const question = threads.find((c: { body: string }) => c.body.startsWith("법정"));
    expect(
      (
        await post(ids.coordinator, code, {
          intent: "comment",
          body: "첨부 2쪽에 있습니다.",
          parentId: String(question.id),
        })
      ).status,
    ).toBe(200);
    expect((await post(ids.coordinator, code, { intent: "comment", body: "" })).status).toBe(400);
    const after = (await load(ids.auditor, code)).body.comments.find((c: { id: number }) => c.id === question.id);
    expect(after.replies.map((r: { body: string }) => r.body)).toEqual(["첨부 2쪽에 있습니다."]);
    expect((await post(outsideAuditor, code, { intent: "comment", body: "남의 기관" })).status).toBe(404);
  });

  it("shows the queue filtered by department and by the gap between self and reviewed scores", async () => {
    const all = await outcome(async () =>
      queueLoader(
        routeArgs(await requestAs(ids.auditor, `/rounds/${roundId}/review?view=all`), { roundId: String(roundId) }),
      ),
    );
    expect(all.status).toBe(200);
    const rows = all.body.queue.rows as {
      code: string;
      selfTenths: number;
      reviewedTenths: number | null;
      departmentId: number;
    }[];
    expect(rows.length).toBeGreaterThan(0);
    const diff = await outcome(async () =>
      queueLoader(
        routeArgs(await requestAs(ids.auditor, `/rounds/${roundId}/review?view=all&diff=0.1`), {
          roundId: String(roundId),
        }),
      ),
    );
    const adjusted = diff.body.queue.rows as typeof rows;
    expect(adjusted.length).toBeGreaterThan(0);
    expect(adjusted.every((r) => r.reviewedTenths !== null && r.reviewedTenths !== r.selfTenths)).toBe(true);
    const dept = rows[0].departmentId;
    const byDept = await outcome(async () =>
      queueLoader(
        routeArgs(await requestAs(ids.auditor, `/rounds/${roundId}/review?view=all&department=${dept}`), {
          roundId: String(roundId),
        }),
      ),
    );
    expect((byDept.body.queue.rows as typeof rows).every((r) => r.departmentId === dept)).toBe(true);
    expect(
      (
        await outcome(async () =>
          queueLoader(
            routeArgs(await requestAs(ids.member, `/rounds/${roundId}/review`), { roundId: String(roundId) }),
          ),
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await outcome(async () =>
          queueLoader(
            routeArgs(await requestAs(ids.coordinator, `/rounds/${roundId}/review`), { roundId: String(roundId) }),
          ),
        )
      ).status,
    ).toBe(403);
  });

  it("puts the reviewed total next to the self-assessed one on the dashboard", async () => {
    const res = await outcome(async () =>
      dashboardLoader(routeArgs(await requestAs(ids.coordinator, `/rounds/${roundId}`), { roundId: String(roundId) })),
    );
    const totals = res.body.dashboard.totals;
    const rows = await db
      .selectFrom("responses")
      .select(["self_tenths", "reviewed_tenths"])
      .where("round_id", "=", roundId)
      .execute();
    expect(totals.reviewedTenths).toBe(rows.reduce((s, r) => s + (r.reviewed_tenths ?? r.self_tenths ?? 0), 0));
    expect(totals.reviewedTenths).not.toBe(totals.selfTenths);
  });
});

describe("the round's history as CSV", () => {
  const roundEvents = async () =>
    (
      await db.selectFrom("audit_events").select("seq").where("round_id", "=", roundId).orderBy("seq", "desc").execute()
    ).map((e) => e.seq);
  const download = async (user: number, query = "", cookie = "") => {
    const request = await requestAs(user, `/rounds/${roundId}/history.csv${query}`);
    if (cookie) request.headers.set("Cookie", `${request.headers.get("Cookie")}; ${cookie}`);
    return historyCsvLoader(routeArgs(request, { roundId: String(roundId) }));
  };
  /** RFC 4180 as Excel writes and reads it: quoted cells may hold commas, quotes and line breaks. */
  const parseCsv = (text: string): string[][] => {
    const rows: string[][] = [];
    let row: string[] = [];
    let cell = "";
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (c === '"') quoted = false;
        else cell += c;
      } else if (c === '"') quoted = true;
      else if (c === ",") {
        row.push(cell);
        cell = "";
      } else if (c === "\r" && text[i + 1] === "\n") {
        row.push(cell);
        rows.push(row);
        row = [];
        cell = "";
        i++;
      } else cell += c;
    }
    if (cell || row.length) {
      row.push(cell);
      rows.push(row);
    }
    return rows;
  };
  const HEADER = [
    "순번",
    "일시(KST)",
    "사용자",
    "대상",
    "지표",
    "지표명",
    "작업",
    "변경 전",
    "변경 후",
    "해시",
    "원본 일시(UTC)",
    "원본 대상",
    "원본 작업",
    "원본 변경 전(JSON)",
    "원본 변경 후(JSON)",
  ];

  it("downloads every event of the round once, newest first, with a BOM for Excel; members may not", async () => {
    const res = await download(ids.auditor);
    expect(res.headers.get("Content-Type")).toContain("text/csv");
    expect(decodeURIComponent(res.headers.get("Content-Disposition") ?? "")).toContain("변경이력");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parseCsv(new TextDecoder().decode(bytes));
    expect(header).toEqual(HEADER);
    expect(rows.every((r) => r.length === HEADER.length)).toBe(true);
    expect(rows.map((r) => Number(r[0]))).toEqual(await roundEvents());
    expect(
      (
        await outcome(async () =>
          historyCsvLoader(
            routeArgs(await requestAs(ids.member, `/rounds/${roundId}/history.csv`), { roundId: String(roundId) }),
          ),
        )
      ).status,
    ).toBe(403);
  });

  it("reads like the page (Seoul time, the indicator, the action and the changes in words) and keeps the stored event", async () => {
    const adjusted = await db
      .selectFrom("audit_events")
      .selectAll()
      .where("round_id", "=", roundId)
      .where("entity", "=", "response")
      .where("action", "=", "adjust")
      .orderBy("seq", "desc")
      .limit(1)
      .executeTakeFirstOrThrow();
    const after = JSON.parse(adjusted.after_json!) as {
      indicator: string;
      reviewed_tenths: number;
      self_tenths: number;
    };
    const [, ...rows] = parseCsv(
      new TextDecoder().decode(new Uint8Array(await (await download(ids.auditor, "?entity=response")).arrayBuffer())),
    );
    const row = rows.find((r) => Number(r[0]) === adjusted.seq)!;
    const cell = Object.fromEntries(HEADER.map((h, i) => [h, row[i]]));
    const title = (
      await db
        .selectFrom("edition_indicators")
        .select("title")
        .where("code", "=", after.indicator)
        .where("edition_id", "=", (eb) => eb.selectFrom("rounds").select("edition_id").where("id", "=", roundId))
        .executeTakeFirstOrThrow()
    ).title;
    const auditor = (
      await db.selectFrom("users").select("display_name").where("id", "=", ids.auditor).executeTakeFirstOrThrow()
    ).display_name;
    expect(cell).toMatchObject({
      사용자: auditor,
      대상: "응답",
      지표: after.indicator,
      지표명: title,
      작업: "점수 조정",
    });
    // Seoul time as a date-time cell a spreadsheet parses (UTC + 9 hours), not display text.
    expect(cell["일시(KST)"]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(Date.parse(`${cell["일시(KST)"].replace(" ", "T")}+09:00`)).toBe(
      Math.floor(Date.parse(adjusted.at) / 1000) * 1000,
    );
    expect(cell["변경 전"].split("\n")).toEqual(["상태: 제출", "검토 점수: –", "조정 사유: –"]);
    expect(cell["변경 후"].split("\n")).toEqual([
      "상태: 승인",
      `검토 점수: ${(after.reviewed_tenths / 10).toFixed(1)}점`,
      "조정 사유: 실적 증빙이 계획서뿐임",
    ]);
    // Bookkeeping stays out of the readable columns, and the stored event is all there for whoever checks the chain.
    expect(`${cell["변경 전"]}${cell["변경 후"]}`).not.toMatch(/version|버전|_tenths|status/);
    expect([
      cell["해시"],
      cell["원본 일시(UTC)"],
      cell["원본 대상"],
      cell["원본 작업"],
      cell["원본 변경 전(JSON)"],
      cell["원본 변경 후(JSON)"],
    ]).toEqual([
      adjusted.hash,
      adjusted.at,
      `response:${adjusted.entity_id}`,
      "adjust",
      adjusted.before_json,
      adjusted.after_json,
    ]);
    expect(rows.every((r) => r[3] === "응답")).toBe(true); // the page's filters apply
  });

  it("follows the reader's language", async () => {
    const res = await download(ids.auditor, "?entity=response", await localeCookie.serialize("en"));
    expect(decodeURIComponent(res.headers.get("Content-Disposition") ?? "")).toContain("history");
    const [header, ...rows] = parseCsv((await res.text()).replace(/^\uFEFF/, ""));
    expect(header.slice(0, 9)).toEqual([
      "Seq",
      "Time (KST)",
      "User",
      "Subject",
      "Indicator",
      "Indicator title",
      "Action",
      "Before",
      "After",
    ]);
    const adjusted = rows.find((r) => r[12] === "adjust")!;
    expect(adjusted[6]).toBe("adjusted");
    expect(adjusted[8].split("\n")[0]).toBe("Status: Approved");
  });

  it("says when the indicator filter names a code the edition does not have, with one it does", async () => {
    const load = async (query: string) =>
      (
        await outcome(async () =>
          historyLoader(
            routeArgs(await requestAs(ids.auditor, `/rounds/${roundId}/history${query}`), { roundId: String(roundId) }),
          ),
        )
      ).body;
    const typo = await load("?indicator=1.1.7");
    expect(typo.history.unknownIndicator).toEqual({ code: "1.1.7", example: "1.1.01" });
    expect(typo.history.total).toBe(0);
    expect((await load("?indicator=1.1.08")).history.unknownIndicator).toBeNull();
    expect((await load("")).history.unknownIndicator).toBeNull();
  });

  it("reads the log in batches without skipping or repeating an event at their seams", async () => {
    const round = await db.selectFrom("rounds").selectAll().where("id", "=", roundId).executeTakeFirstOrThrow();
    const chunks: string[] = [];
    for await (const chunk of historyCsv(db, round, historyFilterFrom(new URLSearchParams()), 3)) chunks.push(chunk);
    const events = await roundEvents();
    expect(events.length).toBeGreaterThan(3 * 2);
    expect(chunks.length).toBe(1 + Math.ceil(events.length / 3));
    expect(parseCsv(chunks.slice(1).join("")).map((row) => Number(row[0]))).toEqual(events);
  });
});

describe("cross review (교차심사)", () => {
  let otherRound: number;
  let ownCode: string;
  beforeAll(async () => {
    // The seeded round as a submitted round; a second round of the same institution the grant does not cover.
    await db.updateTable("rounds").set({ state: "submitted" }).where("id", "=", roundId).execute();
    otherRound = (
      await db
        .insertInto("rounds")
        .values({
          institution_id: institutionId,
          edition_id: "2014-sigungu-v2",
          year: 2013,
          title: "2013 자율진단",
          state: "submitted",
          created_at: nowIso(),
          updated_at: nowIso(),
        })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
    ownCode = (await submittedCodes())[0];
  });

  it("is granted by the Ministry (system admin) only, and only for a round under review", async () => {
    const grant = async (user: number) =>
      outcome(async () =>
        stagesAction(
          routeArgs(
            await requestAs(user, `/rounds/${roundId}/stages`, {
              intent: "grantCross",
              institutionId: String(outsideInstitution),
            }),
            { roundId: String(roundId) },
          ),
        ),
      );
    expect((await grant(ids.coordinator)).status).toBe(403);
    expect((await grant(ids.auditor)).status).toBe(403);
    expect((await grant(ids.admin)).status).toBe(200);
    expect((await grant(ids.admin)).body.errors.institutionId).toBe("stages.error.already");
  });

  it("lets the other institution's auditor read and review that round", async () => {
    expect((await load(outsideAuditor, ownCode)).status).toBe(200);
    const queue = await outcome(async () =>
      queueLoader(
        routeArgs(await requestAs(outsideAuditor, `/rounds/${roundId}/review`), { roundId: String(roundId) }),
      ),
    );
    expect(queue.status).toBe(200);
    const before = await response(ownCode);
    const res = await post(outsideAuditor, ownCode, {
      intent: "adjust",
      version: String(before.version),
      reviewed: "0.5",
      reason: "교차심사: 실적 미흡",
      override: "교차심사 기준의 중간 점수",
    });
    expect(res.status).toBe(200);
    expect(await response(ownCode)).toMatchObject({ reviewed_tenths: 5, reviewed_by: outsideAuditor });
    const stage = await outcome(async () =>
      stagesAction(
        routeArgs(
          await requestAs(outsideAuditor, `/rounds/${roundId}/stages`, {
            intent: "recordStage",
            stage: "cross",
            heldOn: "2014-10-15",
            notes: "교차심사 결과 3개 지표 조정",
          }),
          { roundId: String(roundId) },
        ),
      ),
    );
    expect(stage.status).toBe(200);
    const timeline = await outcome(async () =>
      stagesLoader(
        routeArgs(await requestAs(ids.coordinator, `/rounds/${roundId}/stages`), { roundId: String(roundId) }),
      ),
    );
    expect(timeline.body.timeline.stages).toContainEqual(
      expect.objectContaining({ stage: "cross", institution: "교차심사구" }),
    );
  });

  it("and nothing else: not the institution's other round, its gaps' actions, assignments, people or transitions", async () => {
    expect(
      (
        await outcome(async () =>
          dashboardLoader(
            routeArgs(await requestAs(outsideAuditor, `/rounds/${otherRound}`), { roundId: String(otherRound) }),
          ),
        )
      ).status,
    ).toBe(404);
    expect((await load(outsideAuditor, ownCode, otherRound)).status).toBe(404);
    expect(
      (
        await outcome(async () =>
          orgLoader(
            routeArgs(await requestAs(outsideAuditor, `/org/${institutionId}`), {
              institutionId: String(institutionId),
            }),
          ),
        )
      ).status,
    ).toBe(404);
    const assign = await outcome(async () =>
      assignAction(
        routeArgs(await requestAs(outsideAuditor, `/rounds/${roundId}/assignments`, { intent: "assignSuggested" }), {
          roundId: String(roundId),
        }),
      ),
    );
    expect([403, 404]).toContain(assign.status);
    const dash = await outcome(async () =>
      dashboardLoader(routeArgs(await requestAs(outsideAuditor, `/rounds/${roundId}`), { roundId: String(roundId) })),
    );
    expect(dash.status).toBe(200);
    expect(dash.body.transitions).toEqual([]);
    expect(
      (
        await outcome(async () =>
          historyLoader(
            routeArgs(await requestAs(outsideAuditor, `/rounds/${roundId}/history`), { roundId: String(roundId) }),
          ),
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await outcome(async () =>
          gapsLoader(
            routeArgs(await requestAs(outsideAuditor, `/rounds/${roundId}/gaps`), { roundId: String(roundId) }),
          ),
        )
      ).body.mayManage,
    ).toBe(false);
  });

  it("ends when the grant is revoked or the round is concluded", async () => {
    const grant = await db
      .selectFrom("cross_review_grants")
      .select("id")
      .where("round_id", "=", roundId)
      .where("revoked_at", "is", null)
      .executeTakeFirstOrThrow();
    await db.updateTable("rounds").set({ state: "concluded" }).where("id", "=", roundId).execute();
    expect((await load(outsideAuditor, ownCode)).status).toBe(404);
    await db.updateTable("rounds").set({ state: "under_review" }).where("id", "=", roundId).execute();
    expect((await load(outsideAuditor, ownCode)).status).toBe(200);
    const revoke = await outcome(async () =>
      stagesAction(
        routeArgs(
          await requestAs(ids.admin, `/rounds/${roundId}/stages`, { intent: "revokeCross", grantId: String(grant.id) }),
          { roundId: String(roundId) },
        ),
      ),
    );
    expect(revoke.status).toBe(200);
    expect((await load(outsideAuditor, ownCode)).status).toBe(404);
  });
});
