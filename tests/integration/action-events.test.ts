// Every route that changes data writes its audit event, in the same request, as the person who acted. The routes
// are found on disk: a new route with an action fails this test until it is listed below with a real change (or
// exempted with the reason it changes no institution's data).
import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import YAML from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { nowIso } from "#db/connection";
import { indicatorFormFields } from "~/domain/edition-edit";
import { action as newRoundAction } from "~/routes/rounds.new";
import { cookieFor, db, outcome as run, requestAs, routeArgs } from "../utils";
import { buildWorld, outcome, type Persona, routeFiles, urlOf, type World } from "./authz-matrix.world";

/** Actions that change no institution's data, only the person's own browser state or nothing at all. */
const EXEMPT: Record<string, string> = {
  "routes/login": "starts a session (sessions and sign-in attempts are security records, not institution data)",
  "routes/logout": "ends a session",
  "routes/locale": "sets the language cookie",
  "routes/notices": "dismisses a notice for oneself",
  "routes/rounds.$roundId.history": "verifies the log: reads only",
};

type Body = Record<string, string> | FormData;
interface Case {
  label: string;
  as: Exclude<Persona, "stranger">;
  /** Builds the request's body (and may prepare the data it needs first). */
  body: (w: World) => Promise<Body> | Body;
  /** The route's params when the case needs other data than the world's round (prepared before the count starts). */
  params?: (w: World) => Promise<Record<string, string>>;
}

const responseVersion = async (w: World) =>
  String(
    (
      await db
        .selectFrom("responses")
        .select("version")
        .where("round_id", "=", w.roundId)
        .where("indicator_code", "=", w.code)
        .executeTakeFirst()
    )?.version ?? 0,
  );
const roundVersion = async (w: World) =>
  String(
    (await db.selectFrom("rounds").select("version").where("id", "=", w.roundId).executeTakeFirstOrThrow()).version,
  );
const file = (name: string, bytes: Uint8Array<ArrayBuffer> | string, fields: Record<string, string> = {}) => {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set("file", new File([bytes], name));
  return form;
};

/** A 종합평가 round of the world's institution, created through the new-round page (its grade page needs one). */
let comprehensiveRoundId: number | null = null;
async function comprehensiveRound(w: World): Promise<Record<string, string>> {
  if (comprehensiveRoundId === null) {
    const created = await run(async () =>
      newRoundAction(
        routeArgs(
          await requestAs(w.users.coordinator, "/rounds/new", {
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
    expect(created.status, JSON.stringify(created.body)).toBe(302);
    comprehensiveRoundId = Number(/\/rounds\/(\d+)/.exec(created.location!)![1]);
  }
  return { ...w.params, roundId: String(comprehensiveRoundId) };
}

/** A 국민행복민원실 round of the world's institution, created through the new-round page (its cycle page needs one). */
let happyRoundId: number | null = null;
async function happyOfficeRound(w: World): Promise<Record<string, string>> {
  if (happyRoundId === null) {
    const created = await run(async () =>
      newRoundAction(
        routeArgs(
          await requestAs(w.users.coordinator, "/rounds/new", {
            intent: "createRound",
            year: "2025",
            editionId: "2025-happy-office",
            title: "2025년 국민행복민원실 인증",
            deadline: "2025-06-30T18:00",
            carryOver: "none",
          }),
        ),
      ),
    );
    expect(created.status, JSON.stringify(created.body)).toBe(302);
    happyRoundId = Number(/\/rounds\/(\d+)/.exec(created.location!)![1]);
  }
  return { ...w.params, roundId: String(happyRoundId) };
}

/** In order: later cases build on earlier ones (a saved answer is handed in, then reviewed; the round is submitted last). */
const CASES: Record<string, Case[]> = {
  "routes/account.password": [
    {
      label: "change password",
      as: "noRole",
      body: () => ({
        intent: "changePassword",
        current: "correct horse 1",
        next: "새 비밀번호는 길게 2026!",
        confirm: "새 비밀번호는 길게 2026!",
      }),
    },
  ],
  "routes/admin.institutions": [
    {
      label: "create institution",
      as: "admin",
      body: () => ({
        intent: "createInstitution",
        code: "evt-gu",
        name: "이벤트구",
        region: "서울특별시",
        type: "sigungu",
      }),
    },
  ],
  "routes/admin.users": [
    {
      label: "create user",
      as: "admin",
      body: (w) => ({
        intent: "createUser",
        username: "evt-user",
        displayName: "이벤트 사용자",
        email: "",
        role: "auditor",
        institutionId: String(w.institutionId),
        departmentId: "",
      }),
    },
  ],
  "routes/org.$institutionId": [
    { label: "create department", as: "coordinator", body: () => ({ intent: "createDepartment", name: "이벤트과" }) },
  ],
  "routes/editions.import": [
    {
      label: "import an edition",
      as: "admin",
      body: () => {
        const edition = YAML.parse(
          fs.readFileSync(path.resolve(import.meta.dirname, "../../indicators/editions/2014-sigungu-v2.yaml"), "utf8"),
        );
        return file(
          "2015-sigungu.json",
          JSON.stringify({
            ...edition,
            id: "2015-sigungu-evt",
            year: 2015,
            title: "2015 시·군·구 (시험)",
            supersedes: undefined,
          }),
        );
      },
    },
  ],
  "routes/registry.new": [
    {
      label: "record a certification",
      as: "admin",
      body: (w) => ({
        institutionId: String(w.institutionId),
        awardDate: "2014-12-08",
        kind: "initial",
        score: "850.5",
        roundId: "",
        note: "",
      }),
    },
  ],
  "routes/registry.settings": [
    {
      label: "add a validity term",
      as: "admin",
      body: () => ({ intent: "term", from: "2031-01-01", initialYears: "2", renewalYears: "3" }),
    },
  ],
  "routes/registry.institutions.$institutionId": [
    {
      label: "revoke a certification",
      as: "admin",
      body: async (w) => {
        const cert = await db
          .selectFrom("certifications")
          .select("id")
          .where("institution_id", "=", w.institutionId)
          .executeTakeFirstOrThrow();
        return { intent: "revoke", certificationId: String(cert.id), reason: "허위 자료 확인" };
      },
    },
  ],
  "routes/registry.import": [
    {
      label: "import a registry",
      as: "admin",
      body: () => file("registry.csv", "기관명,수여일,인증구분\n가나구,2013-12-10,신규\n"),
    },
  ],
  "routes/rounds.new": [
    {
      label: "create a round",
      as: "coordinator",
      body: () => ({
        intent: "createRound",
        year: "2015",
        editionId: "2014-sigungu-v2",
        title: "2015년 자율진단",
        deadline: "2015-08-28T18:00",
        carryOver: "assignments",
      }),
    },
  ],
  "routes/rounds.$roundId._index": [
    {
      label: "set the deadline",
      as: "coordinator",
      body: async (w) => ({
        intent: "setDeadline",
        version: await roundVersion(w),
        deadline: "2030-08-30T18:00",
        latePolicy: "refuse",
      }),
    },
  ],
  "routes/rounds.$roundId.assignments": [
    {
      label: "bulk-assign the unassigned",
      as: "coordinator",
      body: (w) => ({
        intent: "bulkAssign",
        target: "unassigned:",
        departmentId: String(w.departmentId),
        role: "lead",
      }),
    },
  ],
  "routes/rounds.$roundId.indicators.$code": [
    {
      label: "save an answer",
      as: "member",
      body: async (w) => ({
        intent: "save",
        version: await responseVersion(w),
        implemented: "no",
        narrative: "미시행: 관계 부서와 도입 검토 중",
      }),
    },
    {
      label: "add a note",
      as: "member",
      body: () => ({ intent: "addNote", title: "검토 회의록", note: "2014. 7. 회의" }),
    },
    { label: "comment", as: "auditor", body: () => ({ intent: "comment", body: "도입 일정이 있나요?" }) },
  ],
  "routes/rounds.$roundId.work_.grid": [
    {
      label: "save rows of the department grid",
      as: "member",
      body: async (w) => ({
        intent: "saveGrid",
        [`row.${w.code}.version`]: await responseVersion(w),
        [`row.${w.code}.implemented`]: "미시행",
        [`row.${w.code}.narrative`]: "미시행: 내년 도입 예정(입력표에서 수정)",
      }),
    },
  ],
  "routes/rounds.$roundId.library": [
    {
      label: "upload a file to the department library and link it",
      as: "member",
      body: (w) => {
        const form = file("BSC 운영 규정.pdf", "%PDF-1.4\n% BSC 운영 규정\n", { title: "BSC 운영 규정" });
        form.append("codes", w.code);
        return form;
      },
    },
  ],
  "routes/rounds.$roundId.grade": [
    {
      label: "enter peer scores for the grade estimate",
      as: "coordinator",
      params: comprehensiveRound,
      body: () => ({ intent: "addPeers", csv: "가상 기관 A,88\n가상 기관 B,80\n" }),
    },
  ],
  "routes/rounds.$roundId.cycle": [
    {
      label: "record the 국민행복민원실 application stage",
      as: "coordinator",
      params: happyOfficeRound,
      body: () => ({ intent: "recordStage", stage: "application", date: "2025-06-20", note: "" }),
    },
  ],
  "routes/rounds.$roundId.work": [
    { label: "hand in all finished", as: "member", body: () => ({ intent: "submitAll" }) },
  ],
  "routes/rounds.$roundId.review": [
    {
      label: "bulk-approve the handed-in",
      as: "auditor",
      body: async (w) => {
        const handedIn = await db
          .selectFrom("responses")
          .select(["indicator_code", "version"])
          .where("round_id", "=", w.roundId)
          .where("status", "=", "submitted")
          .execute();
        expect(handedIn.length).toBeGreaterThan(0);
        const form = new FormData();
        form.set("intent", "bulkApprove");
        for (const r of handedIn) form.append("pick", `${r.indicator_code}:${r.version}`);
        return form;
      },
    },
  ],
  "routes/editions.drafts.new": [
    {
      label: "copy an edition into a draft",
      as: "admin",
      body: () => ({
        baseId: "2014-sigungu-v2",
        id: "2016-sigungu-evt",
        year: "2016",
        institutionType: "sigungu",
        title: "2016년 시·군·구 지표(시험)",
      }),
    },
  ],
  "routes/editions.drafts.$draftId.indicators.$code": [
    {
      label: "save an indicator of a draft",
      as: "admin",
      body: async (w) => {
        const draft = await db
          .selectFrom("edition_drafts")
          .select(["version", "content"])
          .where("id", "=", Number(w.params.draftId))
          .executeTakeFirstOrThrow();
        const indicator = (
          JSON.parse(draft.content) as { indicators: Parameters<typeof indicatorFormFields>[0][] }
        ).indicators.find((i) => i.code === w.code)!;
        return {
          intent: "save",
          version: String(draft.version),
          ...indicatorFormFields(indicator),
          title: `${indicator.title} (고침)`,
        };
      },
    },
  ],
  "routes/editions.drafts.$draftId._index": [
    {
      label: "publish a draft",
      as: "admin",
      body: async (w) => ({
        intent: "publish",
        version: String(
          (
            await db
              .selectFrom("edition_drafts")
              .select("version")
              .where("id", "=", Number(w.params.draftId))
              .executeTakeFirstOrThrow()
          ).version,
        ),
      }),
    },
  ],
  "routes/rounds.$roundId.report": [
    {
      label: "save the report's approval details",
      as: "coordinator",
      body: () => ({
        intent: "saveSignoff",
        documentNumber: "민원여권과-1234",
        effectiveDate: "2014-09-01",
        drafter: "김민원",
        reviewer: "박팀장",
        approver: "이과장",
        version: "0",
      }),
    },
  ],
  "routes/rounds.$roundId.gaps": [
    {
      label: "save an action item",
      as: "coordinator",
      body: (w) => ({
        intent: "saveAction",
        code: w.code,
        departmentId: String(w.departmentId),
        status: "in_progress",
        dueDate: "2015-06-30",
        notes: "도입 검토",
        version: "0",
      }),
    },
    {
      label: "save the planner's effort weights",
      as: "coordinator",
      body: (w) => ({
        intent: "saveEffort",
        "kind.unassessed": "2",
        "kind.partial": "4",
        "kind.not_implemented": "9",
        [`indicator.${w.code}`]: "5",
      }),
    },
  ],
  "routes/rounds.$roundId.import": [
    {
      label: "import the workbook",
      as: "coordinator",
      body: async (w) => {
        const { exportRoundWorkbook } = await import("~/utils/round-workbook.server");
        const round = await db.selectFrom("rounds").selectAll().where("id", "=", w.roundId).executeTakeFirstOrThrow();
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load((await exportRoundWorkbook(db, round, "시험")) as never);
        const ws = wb.worksheets.find((s) => s.name !== "요약" && s.name !== "_meta")!;
        const header = ws.getRow(1).values as string[];
        // The second row: an indicator nobody has answered yet, filled in offline.
        const row = ws.getRow(3);
        row.getCell(header.indexOf("시행 여부")).value = "미시행";
        row.getCell(header.indexOf("추진 실적(서술)")).value = "엑셀로 적은 미시행 사유";
        return file("round.xlsx", new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
      },
    },
  ],
  "routes/rounds.$roundId.submit": [
    {
      label: "submit the round",
      as: "coordinator",
      body: async (w) => {
        // Every indicator assessed (the rest as not implemented), so nothing blocks the submission.
        const have = new Set(
          (await db.selectFrom("responses").select("indicator_code").where("round_id", "=", w.roundId).execute()).map(
            (r) => r.indicator_code,
          ),
        );
        const codes = (
          await db.selectFrom("edition_indicators").select("code").where("edition_id", "=", "2014-sigungu-v2").execute()
        )
          .map((r) => r.code)
          .filter((c) => !have.has(c));
        for (const code of codes) {
          await db
            .insertInto("responses")
            .values({
              round_id: w.roundId,
              indicator_code: code,
              status: "submitted",
              implemented: 0,
              answer: null,
              self_tenths: 0,
              narrative: "미시행",
              updated_by: null,
              updated_at: nowIso(),
              submitted_at: nowIso(),
            })
            .execute();
        }
        await db
          .updateTable("responses")
          .set({ self_tenths: 0 })
          .where("round_id", "=", w.roundId)
          .where("self_tenths", "is", null)
          .execute();
        return { version: await roundVersion(w), acknowledge: "on" };
      },
    },
  ],
  "routes/rounds.$roundId.stages": [
    {
      label: "record a review stage",
      as: "auditor",
      body: () => ({ intent: "recordStage", stage: "document", heldOn: "2014-09-15", notes: "서면심사: 증빙 확인" }),
    },
    {
      label: "grant a cross review",
      as: "admin",
      body: (w) => ({ intent: "grantCross", institutionId: String(w.otherInstitutionId) }),
    },
  ],
  "routes/registry._index": [
    {
      label: "withdraw a proposed certification",
      as: "admin",
      body: async (w) => {
        // A committee decision proposed it (recorded here directly: the stages case above is a document review).
        const stage = await db
          .selectFrom("review_stages")
          .select("id")
          .where("round_id", "=", w.roundId)
          .executeTakeFirstOrThrow();
        const proposal = await db
          .insertInto("certification_proposals")
          .values({
            round_id: w.roundId,
            institution_id: w.institutionId,
            review_stage_id: stage.id,
            award_date: "2014-12-08",
            score_tenths: 8500,
            status: "proposed",
            proposed_by: w.users.auditor,
            proposed_at: nowIso(),
            decided_by: null,
            decided_at: null,
            certification_id: null,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        return { intent: "withdrawProposal", proposalId: String(proposal.id) };
      },
    },
  ],
};

let world: World;
beforeAll(async () => {
  world = await buildWorld();
});

async function post(
  route: ReturnType<typeof routeFiles>[number],
  user: number,
  body: Body,
  params: Record<string, string> = world.params,
) {
  const url = `http://localhost${urlOf(route, params)}`;
  const headers = new Headers({ Cookie: await cookieFor(user) });
  const init: RequestInit = { method: "POST", headers };
  if (body instanceof FormData) init.body = body;
  else {
    headers.set("Content-Type", "application/x-www-form-urlencoded");
    init.body = new URLSearchParams(body);
  }
  const mod = await load(route);
  return outcome(() => mod.action!({ request: new Request(url, init), params, context: {} }));
}

type ActionModule = {
  action?: (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>;
};
const load = (route: ReturnType<typeof routeFiles>[number]) => import(route.file) as Promise<ActionModule>;

const lastSeq = async () =>
  Number(
    (
      await db
        .selectFrom("audit_events")
        .select((eb) => eb.fn.max("seq").as("n"))
        .executeTakeFirstOrThrow()
    ).n ?? 0,
  );

describe("every action writes its audit event", () => {
  it("covers every route with an action: listed here with a real change, or exempted with a reason", async () => {
    const withActions: string[] = [];
    for (const route of routeFiles()) if ((await load(route)).action) withActions.push(route.id);
    const listed = new Set([...Object.keys(CASES), ...Object.keys(EXEMPT)]);
    expect(withActions.filter((id) => !listed.has(id))).toEqual([]);
    expect([...listed].filter((id) => !withActions.includes(id))).toEqual([]);
  });

  for (const [routeId, cases] of Object.entries(CASES)) {
    for (const c of cases) {
      it(`${routeId}: ${c.label}`, async () => {
        const route = routeFiles().find((r) => r.id === routeId)!;
        const params = c.params ? await c.params(world) : world.params;
        const body = await c.body(world);
        const before = await lastSeq();
        const res = await post(route, world.users[c.as], body, params);
        const answer = res.body as { ok?: boolean; errors?: unknown } | null;
        expect(res.status, JSON.stringify(answer)).toBeLessThan(400);
        const refused =
          answer &&
          typeof answer === "object" &&
          !(answer instanceof Response) &&
          "ok" in answer &&
          answer.ok === false;
        expect(refused, JSON.stringify(answer)).toBe(false);
        const events = await db.selectFrom("audit_events").selectAll().where("seq", ">", before).execute();
        expect(events.length, `${routeId} wrote no audit event`).toBeGreaterThan(0);
        expect(events.every((e) => e.actor_user_id === world.users[c.as])).toBe(true);
      });
    }
  }
});
