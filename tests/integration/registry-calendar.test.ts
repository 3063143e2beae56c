// The registry across schemes against a real database: a 국민행복민원실 certificate beside an 인증 (its own chain,
// 3-year term, plaque), 종합평가 grades on the institution page, the national picture's named and unnamed counts, and
// the calendar: who may read it, its sort and filters from the query string, and its CSV.
import { beforeAll, describe, expect, it } from "vitest";
import { nowIso } from "#db/connection";
import { loader as calendarCsvLoader } from "~/routes/registry.calendar[.]csv";
import { loader as calendarLoader } from "~/routes/registry.calendar";
import { loader as registryLoader } from "~/routes/registry._index";
import { loader as timelineLoader } from "~/routes/registry.institutions.$institutionId";
import { createInstitution, createUser, db, outcome, requestAs, routeArgs } from "../utils";

let happy: { id: number }, comp: { id: number };
let member: { id: number }, admin: { id: number }, noRole: { id: number };
let compRound: number;

const run = async (userId: number | null, url: string, loader: (args: any) => Promise<unknown>, params = {}) =>
  outcome(async () => loader(routeArgs(await requestAs(userId, url), params)));
type Calendar = Awaited<ReturnType<typeof calendarLoader>>;

beforeAll(async () => {
  happy = await createInstitution("행복시");
  comp = await createInstitution("평가구");
  member = await createUser({ role: "department_member", institutionId: happy.id });
  admin = await createUser({ admin: true });
  noRole = await createUser();
  const now = nowIso();
  const cert = { score_tenths: null, round_id: null, revoked_at: null, revoked_reason: null, created_at: now };
  await db
    .insertInto("certifications")
    .values([
      {
        ...cert,
        institution_id: happy.id,
        award_date: "2014-12-08",
        kind: "initial",
        note: "인증",
        scheme: "certification",
        plaque: null,
      },
      // Two years later the 인증 has ended, but the 국민행복민원실 certificate is another chain: initial, 3 years.
      {
        ...cert,
        institution_id: happy.id,
        award_date: "2022-11-24",
        kind: "initial",
        note: "국민행복민원실",
        scheme: "happy-office",
        plaque: "silver",
      },
    ])
    .execute();
  const round = await db
    .insertInto("rounds")
    .values({
      institution_id: comp.id,
      edition_id: "2024-comprehensive-sigungu",
      year: 2024,
      title: "=2024 종합평가",
      state: "open",
      deadline_at: "2024-08-31T09:00:00.000Z",
      created_by: null,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  compRound = round.id;
  await db
    .insertInto("round_grades")
    .values([
      {
        round_id: compRound,
        part: "total",
        grade: "na",
        score_hundredths: 8286,
        recorded_by: admin.id,
        recorded_at: now,
      },
      { round_id: compRound, part: "1", grade: "ga", score_hundredths: null, recorded_by: admin.id, recorded_at: now },
    ])
    .execute();
  await db
    .insertInto("round_publications")
    .values({
      round_id: compRound,
      notified_on: "2025-02-03",
      published_on: null,
      published_until: null,
      url: null,
      updated_by: admin.id,
      updated_at: now,
    })
    .execute();
});

describe("the registry across schemes", () => {
  it("lists a 국민행복민원실 certificate as its own row with its plaque and 3-year term", async () => {
    const page = await run(member.id, "/registry?asOf=2023-01-01&scheme=happy-office", registryLoader);
    expect(page.status).toBe(200);
    const rows = (page.body as Awaited<ReturnType<typeof registryLoader>>).overview.rows.filter(
      (r) => r.institutionId === happy.id,
    );
    expect(
      rows.map((r) => [r.scheme, r.current.kind, r.current.plaque, r.current.validUntil, r.current.status]),
    ).toEqual([["happy-office", "initial", "silver", "2025-11-23", "valid"]]);
    const both = await run(member.id, "/registry?asOf=2023-01-01", registryLoader);
    const mine = (both.body as Awaited<ReturnType<typeof registryLoader>>).overview.rows.filter(
      (r) => r.institutionId === happy.id,
    );
    expect(mine.map((r) => [r.scheme, r.current.status])).toEqual([
      ["certification", "expired"],
      ["happy-office", "valid"],
    ]);
  });

  it("shows the institution page's 국민행복민원실 certificates and 종합평가 grades by year", async () => {
    const happyPage = await run(member.id, `/registry/institutions/${happy.id}`, timelineLoader, {
      institutionId: String(happy.id),
    });
    const h = happyPage.body as Awaited<ReturnType<typeof timelineLoader>>;
    expect(h.timeline.entries.map((e) => e.awardDate)).toEqual(["2014-12-08"]); // the 인증 chain alone
    expect(h.schemes.happyOffice.map((c) => [c.awardDate, c.plaque, c.validity.years])).toEqual([
      ["2022-11-24", "silver", 3],
    ]);
    const compPage = await run(member.id, `/registry/institutions/${comp.id}`, timelineLoader, {
      institutionId: String(comp.id),
    });
    const c = compPage.body as Awaited<ReturnType<typeof timelineLoader>>;
    expect(c.mayOpenRounds).toBe(false); // another institution's round work
    expect(c.schemes.grades).toMatchObject([
      {
        year: 2024,
        overall: { grade: "na", scoreHundredths: 8286 },
        items: [{ part: "1", grade: "ga" }],
        publication: { duty: { deadline: "2025-02-17" } },
      },
    ]);
  });

  it("counts a graded 종합평가 institution as named in the national picture", async () => {
    const page = await run(member.id, "/registry", registryLoader);
    const national = (page.body as Awaited<ReturnType<typeof registryLoader>>).national;
    expect(national.comprehensive.find((y) => y.year === 2024)).toMatchObject({ total: 307, named: 1, unnamed: 306 });
    expect(national["happy-office"].find((y) => y.year === 2022)).toMatchObject({ total: 38, named: 1, unnamed: 37 });
  });
});

describe("the calendar", () => {
  it("is refused to a signed-out visitor and to an account without a role, like the registry", async () => {
    expect((await run(null, "/registry/calendar", calendarLoader)).status).toBe(302);
    expect((await run(noRole.id, "/registry/calendar", calendarLoader)).status).toBe(403);
    expect((await run(noRole.id, "/registry/calendar.csv", calendarCsvLoader)).status).toBe(403);
    expect((await run(member.id, "/registry/calendar", calendarLoader)).status).toBe(200);
    expect((await run(admin.id, "/registry/calendar", calendarLoader)).status).toBe(200);
  });

  it("lists expiries, the 국민행복민원실 cycle and the duty to publish, filtered and sorted by the query string", async () => {
    const page = await run(
      member.id,
      "/registry/calendar?scheme=happy-office&from=2025-01-01&to=2025-12-31",
      calendarLoader,
    );
    const rows = (page.body as Calendar).rows.filter((r) => r.institutionId === happy.id);
    expect(rows.map((r) => [r.date, r.what, r.detail])).toEqual([
      ["2025-06-01", "cycle-stage", "application"],
      ["2025-07-01", "cycle-stage", "document"],
      ["2025-08-01", "cycle-stage", "site"],
      ["2025-09-01", "cycle-stage", "mystery"],
      ["2025-10-01", "cycle-stage", "selection"],
      ["2025-11-23", "expires", null],
    ]);
    const desc = await run(member.id, "/registry/calendar?scheme=happy-office&sort=date&dir=desc", calendarLoader);
    const dates = (desc.body as Calendar).rows.map((r) => r.date);
    expect(dates).toEqual([...dates].sort().reverse());
    const comp2025 = await run(member.id, "/registry/calendar?scheme=comprehensive", calendarLoader);
    expect((comp2025.body as Calendar).rows.filter((r) => r.institutionId === comp.id)).toMatchObject([
      { date: "2024-08-31", what: "round-deadline", detail: "=2024 종합평가" },
      { date: "2025-02-17", what: "publication-deadline", institution: "평가구" },
    ]);
  });

  it("reads nonsense in the query string as the defaults", async () => {
    const page = await run(member.id, "/registry/calendar?sort=evil&dir=up&scheme=x&from=2025-02-30", calendarLoader);
    expect(page.status).toBe(200);
    expect((page.body as Calendar).query).toEqual({ sort: "date", dir: "asc", scheme: null, from: null, to: null });
  });

  it("exports the rows shown as CSV with a BOM, in Korean, formulas kept as text", async () => {
    const res = await run(member.id, "/registry/calendar.csv?scheme=comprehensive", calendarCsvLoader);
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await (res.body as Response).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs to read UTF-8
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith("\uFEFF날짜(KST),기관,제도,일정,비고\r\n")).toBe(true);
    expect(text).toContain("2025-02-17,평가구,민원서비스 종합평가,종합평가 결과 공개 기한 (통보 후 14일),");
    // A round title starting like a formula stays text in Excel.
    expect(text).toContain("2024-08-31,평가구,민원서비스 종합평가,회차 제출 마감,'=2024 종합평가\r\n");
  });
});
