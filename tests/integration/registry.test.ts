// The certification registry against a real SQLite database: who may read it and who may change it, validity and
// status as the pages show them, recording, revoking, and creating a renewal round with its assignments carried over.
import { beforeAll, describe, expect, it } from "vitest";
import { nowIso } from "#db/connection";
import { addMonths, proposeRenewal, periodEnd, todayInSeoul } from "~/domain/validity";
import { translate } from "~/i18n";
import { loader as registryLoader } from "~/routes/registry._index";
import { action as timelineAction, loader as timelineLoader } from "~/routes/registry.institutions.$institutionId";
import { action as newAction, loader as newLoader } from "~/routes/registry.new";
import { action as settingsAction, loader as settingsLoader } from "~/routes/registry.settings";
import { getRegistrySettings } from "~/utils/registry-settings.server";
import { registryOverview } from "~/utils/registry-read.server";
import { createDepartment, createInstitution, createUser, db, requestAs, routeArgs, outcome } from "../utils";

const load = (
  userId: number | null,
  url: string,
  run: (args: any) => Promise<unknown>,
  params: Record<string, string> = {},
) => outcome(async () => run(routeArgs(await requestAs(userId, url), params)));
const post = (
  userId: number,
  url: string,
  run: (args: any) => Promise<unknown>,
  form: Record<string, string>,
  params: Record<string, string> = {},
) => outcome(async () => run(routeArgs(await requestAs(userId, url, form), params)));

const count = async (table: "certifications" | "audit_events" | "rounds" | "assignments") =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
const events = (entity: string) =>
  db.selectFrom("audit_events").selectAll().where("entity", "=", entity).orderBy("seq").execute();

let admin: { id: number };
let instA: { id: number }, instB: { id: number }, metro: { id: number };
let deptLead: { id: number }, deptOther: { id: number }, deptGone: { id: number };
let coordA: { id: number }, memberA: { id: number }, auditorA: { id: number }, coordB: { id: number };

const today = todayInSeoul();

beforeAll(async () => {
  admin = await createUser({ admin: true });
  instA = await createInstitution("가나구");
  instB = await createInstitution("다라구");
  metro = await createInstitution("테스트광역시", "sido");
  deptLead = await createDepartment(instA.id, "민원여권과");
  deptOther = await createDepartment(instA.id, "정책기획담당관");
  deptGone = await createDepartment(instA.id, "폐지된과");
  await db.updateTable("departments").set({ active: 0 }).where("id", "=", deptGone.id).execute();
  coordA = await createUser({ role: "coordinator", institutionId: instA.id, departmentId: deptLead.id });
  memberA = await createUser({ role: "department_member", institutionId: instA.id, departmentId: deptOther.id });
  auditorA = await createUser({ role: "auditor", institutionId: instA.id });
  coordB = await createUser({ role: "coordinator", institutionId: instB.id });
});

describe("reading the registry", () => {
  it("is open to everyone signed in, a department member included, and to nobody else", async () => {
    for (const user of [admin, coordA, memberA, auditorA, coordB]) {
      expect((await load(user.id, "/registry", registryLoader)).status).toBe(200);
      expect(
        (await load(user.id, `/registry/institutions/${instA.id}`, timelineLoader, { institutionId: String(instA.id) }))
          .status,
      ).toBe(200);
    }
    const anonymous = await load(null, "/registry", registryLoader);
    expect(anonymous.status).toBe(302);
    expect(anonymous.body.headers.get("Location")).toContain("/login");
    expect(
      (await load(memberA.id, "/registry/institutions/999999", timelineLoader, { institutionId: "999999" })).status,
    ).toBe(404);
  });

  it("lets only the system admin open the record, import and settings pages", async () => {
    for (const user of [coordA, memberA, auditorA]) {
      expect((await load(user.id, "/registry/new", newLoader)).status).toBe(403);
      expect((await load(user.id, "/registry/settings", settingsLoader)).status).toBe(403);
    }
    expect((await load(admin.id, "/registry/new", newLoader)).status).toBe(200);
    expect((await load(admin.id, "/registry/settings", settingsLoader)).status).toBe(200);
    const page = await load(memberA.id, "/registry", registryLoader);
    expect(page.body.canManage).toBe(false);
    expect((await load(admin.id, "/registry", registryLoader)).body.canManage).toBe(true);
  });
});

describe("recording and revoking", () => {
  it("refuses every role but the system admin, and changes nothing", async () => {
    const before = [await count("certifications"), await count("audit_events")];
    const form = { institutionId: String(instB.id), awardDate: "2014-12-08", kind: "initial" };
    for (const user of [coordA, memberA, auditorA, coordB]) {
      expect((await post(user.id, "/registry/new", newAction, form)).status).toBe(403);
    }
    expect([await count("certifications"), await count("audit_events")]).toEqual(before);
  });

  it("records a certificate with its audit event and shows its validity", async () => {
    const before = await count("audit_events");
    const res = await post(admin.id, "/registry/new", newAction, {
      institutionId: String(instB.id),
      awardDate: "2014-12-08",
      kind: "initial",
      score: "912.4",
      note: "2014년 민원공무원의 날",
    });
    expect(res.status).toBe(302);
    expect(res.body.headers.get("Location")).toBe(`/registry/institutions/${instB.id}?done=recorded`);
    const cert = await db
      .selectFrom("certifications")
      .selectAll()
      .where("institution_id", "=", instB.id)
      .executeTakeFirstOrThrow();
    expect(cert).toMatchObject({
      award_date: "2014-12-08",
      kind: "initial",
      score_tenths: 9124,
      note: "2014년 민원공무원의 날",
    });
    expect(await count("audit_events")).toBe(before + 1);
    const [event] = (await events("certification")).filter((e) => e.entity_id === String(cert.id));
    expect(event).toMatchObject({ action: "record", actor_user_id: admin.id, institution_id: instB.id });

    const page = await load(memberA.id, `/registry/institutions/${instB.id}?asOf=2015-01-01`, timelineLoader, {
      institutionId: String(instB.id),
    });
    expect(page.body.timeline.current.validity).toMatchObject({
      validUntil: "2016-12-07",
      status: "valid",
      years: 2,
      showMark: true,
    });
    const later = await load(memberA.id, `/registry/institutions/${instB.id}?asOf=2016-07-01`, timelineLoader, {
      institutionId: String(instB.id),
    });
    expect(later.body.timeline.current.validity.status).toBe("expiring");
  });

  it("checks the history: no duplicate day, no future award, renewal only after a certificate, no initial while valid", async () => {
    const errorOf = async (form: Record<string, string>) =>
      (await post(admin.id, "/registry/new", newAction, form)).body.errors;
    const base = { institutionId: String(instB.id), kind: "initial" };
    expect((await errorOf({ ...base, awardDate: "2014-12-08" })).awardDate.key).toBe("registry.error.duplicate");
    expect((await errorOf({ ...base, awardDate: "2999-01-01" })).awardDate.key).toBe("registry.error.awardDateFuture");
    expect((await errorOf({ ...base, awardDate: "2016-02-30" })).awardDate.key).toBe("registry.error.awardDateInvalid");
    expect((await errorOf({ ...base, awardDate: "2015-12-08" })).kind.key).toBe("registry.error.initialWhileValid");
    expect(
      (await errorOf({ institutionId: String(metro.id), kind: "renewal", awardDate: "2014-12-08" })).kind.key,
    ).toBe("registry.error.renewalWithoutPrevious");
    expect((await errorOf({ ...base, awardDate: "2017-01-10", score: "1000.5" })).score.key).toBe(
      "registry.error.score",
    );
    expect(translate("ko", "registry.error.initialWhileValid")).toContain("재인증으로 기록하세요");
  });

  it("records a consecutive renewal as three years and a lapsed one as two", async () => {
    const renew = await post(admin.id, "/registry/new", newAction, {
      institutionId: String(instB.id),
      awardDate: "2016-12-05",
      kind: "renewal",
    });
    expect(renew.status).toBe(302);
    const page = await load(memberA.id, `/registry/institutions/${instB.id}?asOf=2017-01-01`, timelineLoader, {
      institutionId: String(instB.id),
    });
    const [first, second] = page.body.timeline.entries;
    expect(second.validity).toMatchObject({ term: "renewal", years: 3, validUntil: "2019-12-04", consecutive: true });
    expect(first.supersededOn).toBe("2016-12-05");

    expect(
      (
        await post(admin.id, "/registry/new", newAction, {
          institutionId: String(metro.id),
          awardDate: "2012-11-30",
          kind: "initial",
        })
      ).status,
    ).toBe(302);
    expect(
      (
        await post(admin.id, "/registry/new", newAction, {
          institutionId: String(metro.id),
          awardDate: "2015-12-07",
          kind: "renewal",
        })
      ).status,
    ).toBe(302);
    const metroPage = await load(memberA.id, `/registry/institutions/${metro.id}?asOf=2016-01-01`, timelineLoader, {
      institutionId: String(metro.id),
    });
    expect(metroPage.body.timeline.entries[1].validity).toMatchObject({
      term: "initial",
      years: 2,
      lapsedRenewal: true,
      validUntil: "2017-12-06",
    });
  });

  it("revokes only for the system admin, only with a reason, and keeps the record", async () => {
    const cert = await db
      .selectFrom("certifications")
      .select("id")
      .where("institution_id", "=", instB.id)
      .where("award_date", "=", "2016-12-05")
      .executeTakeFirstOrThrow();
    const url = `/registry/institutions/${instB.id}`;
    const params = { institutionId: String(instB.id) };
    for (const user of [memberA, coordA, coordB, auditorA]) {
      expect(
        (
          await post(
            user.id,
            url,
            timelineAction,
            { intent: "revoke", certificationId: String(cert.id), reason: "x" },
            params,
          )
        ).status,
      ).toBe(403);
    }
    const noReason = await post(
      admin.id,
      url,
      timelineAction,
      { intent: "revoke", certificationId: String(cert.id), reason: "  " },
      params,
    );
    expect(noReason.body.errors.reason.key).toBe("registry.error.reasonRequired");
    // A certificate of another institution cannot be revoked through this page.
    expect(
      (
        await post(
          admin.id,
          `/registry/institutions/${instA.id}`,
          timelineAction,
          { intent: "revoke", certificationId: String(cert.id), reason: "x" },
          { institutionId: String(instA.id) },
        )
      ).status,
    ).toBe(404);

    const ok = await post(
      admin.id,
      url,
      timelineAction,
      { intent: "revoke", certificationId: String(cert.id), reason: "허위 자료 제출 확인" },
      params,
    );
    expect(ok.status).toBe(302);
    const row = await db.selectFrom("certifications").selectAll().where("id", "=", cert.id).executeTakeFirstOrThrow();
    expect(row.revoked_reason).toBe("허위 자료 제출 확인");
    expect(row.revoked_at).not.toBeNull();
    const [event] = (await events("certification")).filter(
      (e) => e.entity_id === String(cert.id) && e.action === "revoke",
    );
    expect(JSON.parse(event.after_json!)).toMatchObject({ revoked_reason: "허위 자료 제출 확인" });

    const page = await load(memberA.id, url, timelineLoader, params);
    expect(page.body.timeline.current.validity).toMatchObject({ status: "revoked", showMark: false, daysLeft: null });
    const again = await post(
      admin.id,
      url,
      timelineAction,
      { intent: "revoke", certificationId: String(cert.id), reason: "다시" },
      params,
    );
    expect(again.body.errors.certificationId.key).toBe("registry.error.alreadyRevoked");
  });
});

describe("the national picture", () => {
  it("filters by year, region, level and status and counts per year", async () => {
    const settings = await getRegistrySettings(db);
    const all = await registryOverview(
      db,
      { year: null, region: null, level: null, status: null, asOf: "2017-01-01" },
      settings.rules,
    );
    const names = all.rows.map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(["다라구", "테스트광역시"]));
    const y2016 = all.yearCounts.find((c) => c.year === 2016)!;
    expect(y2016).toMatchObject({ total: 1, renewal: 1, sigungu: 1 });
    const metroOnly = await registryOverview(
      db,
      { year: null, region: null, level: "sido", status: null, asOf: "2017-01-01" },
      settings.rules,
    );
    expect(metroOnly.rows.map((r) => r.name)).toEqual(["테스트광역시"]);
    const revoked = await registryOverview(
      db,
      { year: null, region: null, level: null, status: "revoked", asOf: today },
      settings.rules,
    );
    expect(revoked.rows.map((r) => r.name)).toEqual(["다라구"]);
    const y2012 = await registryOverview(
      db,
      { year: 2012, region: null, level: null, status: null, asOf: "2017-01-01" },
      settings.rules,
    );
    expect(y2012.rows.map((r) => r.name)).toEqual(["테스트광역시"]);
    const elsewhere = await registryOverview(
      db,
      { year: null, region: "부산광역시", level: null, status: null, asOf: "2017-01-01" },
      settings.rules,
    );
    expect(elsewhere.rows).toEqual([]);
  });
});

describe("settings", () => {
  it("saves the expiring window and grace period for the admin only, with an audit event", async () => {
    const form = {
      intent: "settings",
      expiringMonths: "3",
      graceMonths: "2",
      selfDiagnosisStartMonth: "7",
      deadlineMonth: "8",
      deadlineTime: "18:00",
      reviewStartMonth: "9",
      reviewEndMonth: "11",
      awardMonth: "12",
    };
    expect((await post(coordA.id, "/registry/settings", settingsAction, form)).status).toBe(403);
    const bad = await post(admin.id, "/registry/settings", settingsAction, { ...form, reviewStartMonth: "8" });
    expect(bad.body.errors.reviewStartMonth.key).toBe("registry.error.monthOrder");
    expect((await post(admin.id, "/registry/settings", settingsAction, form)).status).toBe(302);
    const settings = await getRegistrySettings(db);
    expect(settings.rules).toMatchObject({ expiringMonths: 3, graceMonths: 2 });
    expect((await events("registry_settings")).at(-1)).toMatchObject({ action: "update", actor_user_id: admin.id });
    // Back to the defaults for the tests that follow.
    await post(admin.id, "/registry/settings", settingsAction, { ...form, expiringMonths: "6", graceMonths: "6" });
  });
});

describe("renewal planning", () => {
  // A certificate that is current today, so its renewal lies ahead whatever day the tests run.
  const awardDate = addMonths(today, -11);
  const validUntil = periodEnd(awardDate, 24);
  const proposal = proposeRenewal({ awardDate, validUntil }, today);
  const year = proposal.year;
  const url = () => `/registry/institutions/${instA.id}`;
  const params = () => ({ institutionId: String(instA.id) });
  const form = () => ({
    intent: "renew",
    certificationId: "",
    selfDiagnosisFrom: proposal.selfDiagnosisFrom,
    deadline: `${proposal.deadlineDate}T18:00`,
    reviewFrom: proposal.reviewFrom,
    reviewUntil: proposal.reviewUntil,
    awardMonth: proposal.awardMonth,
  });
  let certId = 0;
  let sourceRound = 0;

  beforeAll(async () => {
    const now = nowIso();
    certId = (
      await db
        .insertInto("certifications")
        .values({
          institution_id: instA.id,
          award_date: awardDate,
          kind: "initial",
          score_tenths: null,
          round_id: null,
          revoked_at: null,
          revoked_reason: null,
          note: null,
          created_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
    const edition = (id: string, y: number, codes: string[]) => ({
      row: {
        id,
        year: y,
        institution_type: "sigungu" as const,
        title: `${y} 시·군·구 테스트 편람`,
        source: "imported" as const,
        reconstruction: 0,
        content: JSON.stringify({ validity: { initialYears: 2, renewalYears: 3 } }),
        content_hash: id,
        total_tenths: 10000,
        indicator_count: codes.length,
        created_at: now,
      },
      indicators: codes.map((code, i) => ({
        edition_id: id,
        code,
        area_code: "1",
        item_code: "1-1",
        title: code,
        max_tenths: 10,
        scoring_kind: "yes_no",
        owner_department: "",
        tags: ",",
        sort_order: i,
      })),
    });
    const old = edition("test-old", year - 2, ["1-1-1", "1-1-2", "1-1-3"]);
    await db.insertInto("rubric_editions").values(old.row).execute();
    await db.insertInto("edition_indicators").values(old.indicators).execute();
    sourceRound = (
      await db
        .insertInto("rounds")
        .values({
          institution_id: instA.id,
          edition_id: "test-old",
          year: year - 2,
          title: "지난 회차",
          state: "concluded",
          created_at: now,
          updated_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
    await db
      .insertInto("assignments")
      .values([
        { round_id: sourceRound, indicator_code: "1-1-1", department_id: deptLead.id, role: "lead", created_at: now },
        {
          round_id: sourceRound,
          indicator_code: "1-1-1",
          department_id: deptOther.id,
          role: "support",
          created_at: now,
        },
        { round_id: sourceRound, indicator_code: "1-1-2", department_id: deptOther.id, role: "lead", created_at: now },
        { round_id: sourceRound, indicator_code: "1-1-3", department_id: deptGone.id, role: "lead", created_at: now }, // inactive department
        { round_id: sourceRound, indicator_code: "9-9-9", department_id: deptLead.id, role: "lead", created_at: now }, // not in the new edition
      ])
      .execute();
  });

  it("proposes the round from the current certificate", async () => {
    const page = await load(coordA.id, url(), timelineLoader, params());
    expect(page.body.mayPlan).toBe(true);
    expect(page.body.timeline.renewal).toMatchObject({
      certificationId: certId,
      proposal: { year },
      edition: null,
      existingRound: null,
    });
    expect((await load(memberA.id, url(), timelineLoader, params())).body.mayPlan).toBe(false);
  });

  it("says in Korean that the edition is missing, and creates nothing", async () => {
    const before = await count("rounds");
    const res = await post(coordA.id, url(), timelineAction, { ...form(), certificationId: String(certId) }, params());
    expect(res.body.errors._form.key).toBe("registry.error.noEdition");
    expect(translate("ko", res.body.errors._form.key, res.body.errors._form.params)).toBe(
      `이 기관 유형의 ${year}년 진단지표 편람이 등록되어 있지 않아 재인증 회차를 만들 수 없습니다. 시스템 관리자에게 편람 등록을 요청하세요.`,
    );
    expect(await count("rounds")).toBe(before);
  });

  it("refuses members, auditors and other institutions' coordinators", async () => {
    const now = nowIso();
    await db
      .insertInto("rubric_editions")
      .values({
        id: "test-new",
        year,
        institution_type: "sigungu",
        title: `${year} 시·군·구 테스트 편람`,
        source: "imported",
        reconstruction: 0,
        content: "{}",
        content_hash: "n",
        total_tenths: 10000,
        indicator_count: 3,
        created_at: now,
      })
      .execute();
    await db
      .insertInto("edition_indicators")
      .values(
        ["1-1-1", "1-1-2", "1-1-3"].map((code, i) => ({
          edition_id: "test-new",
          code,
          area_code: "1",
          item_code: "1-1",
          title: code,
          max_tenths: 10,
          scoring_kind: "yes_no",
          owner_department: "",
          tags: ",",
          sort_order: i,
        })),
      )
      .execute();
    const before = await count("rounds");
    expect(
      (await post(memberA.id, url(), timelineAction, { ...form(), certificationId: String(certId) }, params())).status,
    ).toBe(403);
    expect(
      (await post(auditorA.id, url(), timelineAction, { ...form(), certificationId: String(certId) }, params())).status,
    ).toBe(403);
    expect(
      (await post(coordB.id, url(), timelineAction, { ...form(), certificationId: String(certId) }, params())).status,
    ).toBe(404);
    expect(await count("rounds")).toBe(before);
  });

  it("checks the dates against the cycle's year and order", async () => {
    const early = await post(
      coordA.id,
      url(),
      timelineAction,
      { ...form(), certificationId: String(certId), deadline: `${year}-06-01T18:00` },
      params(),
    );
    expect(early.body.errors.deadline.key).toBe("registry.error.deadlineBeforeStart");
    const wrongYear = await post(
      coordA.id,
      url(),
      timelineAction,
      { ...form(), certificationId: String(certId), selfDiagnosisFrom: `${year - 1}-07-01` },
      params(),
    );
    expect(wrongYear.body.errors.selfDiagnosisFrom.key).toBe("registry.error.notInYear");
  });

  it("creates the round in one step, carrying assignments over, with audit events", async () => {
    const eventsBefore = await count("audit_events");
    const res = await post(coordA.id, url(), timelineAction, { ...form(), certificationId: String(certId) }, params());
    expect(res.status).toBe(302);
    expect(res.body.headers.get("Location")).toBe(`${url()}?done=renewal&carried=3&dropped=2`);
    const round = await db
      .selectFrom("rounds")
      .selectAll()
      .where("institution_id", "=", instA.id)
      .where("year", "=", year)
      .executeTakeFirstOrThrow();
    expect(round).toMatchObject({
      edition_id: "test-new",
      state: "draft",
      title: `${year}년 민원서비스 우수기관 재인증 자율진단`,
      created_by: coordA.id,
    });
    expect(round.deadline_at).toBe(new Date(`${proposal.deadlineDate}T09:00:00.000Z`).toISOString());
    const carried = await db
      .selectFrom("assignments")
      .select(["indicator_code", "department_id", "role"])
      .where("round_id", "=", round.id)
      .orderBy("indicator_code")
      .orderBy("role")
      .execute();
    expect(carried).toEqual([
      { indicator_code: "1-1-1", department_id: deptLead.id, role: "lead" },
      { indicator_code: "1-1-1", department_id: deptOther.id, role: "support" },
      { indicator_code: "1-1-2", department_id: deptOther.id, role: "lead" },
    ]);
    expect(await count("audit_events")).toBe(eventsBefore + 3);
    const roundEvent = (await events("round")).at(-1)!;
    expect(roundEvent).toMatchObject({
      action: "create_renewal",
      round_id: round.id,
      institution_id: instA.id,
      actor_user_id: coordA.id,
    });

    const page = await load(coordA.id, url(), timelineLoader, params());
    expect(page.body.timeline.plans).toHaveLength(1);
    expect(page.body.timeline.renewal.existingRound).toMatchObject({ id: round.id });
    const again = await post(
      coordA.id,
      url(),
      timelineAction,
      { ...form(), certificationId: String(certId) },
      params(),
    );
    expect(again.body.errors._form.key).toBe("registry.error.roundExists");
  });
});
