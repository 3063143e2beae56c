import { type Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateToLatest, openDatabase } from "#db/connection";
import type { Database } from "#db/schema";
import { scoreResponse } from "~/domain/scoring";
import { getEdition, syncShippedEditions } from "~/utils/editions.server";
import { verifyPassword } from "~/utils/password.server";
import { verifyAudit } from "~/utils/audit-replay.server";
import { DEMO_LOGINS, DEMO_ROUND, seedDemo, type SeedReport } from "./demo";
import { QUANTITATIVE_EXAMPLES } from "./answers";
import { answerFromRow, KNOWN_GAP_TAGS, RETURN_REASON, RETURNED_DEPARTMENT } from "./round-2014";
import { mapOwnerDepartment, SEODAEMUN_CODE } from "./seodaemun";

/** Rows per table, for every table the migrations made (so tables added later are covered too). */
async function rowCounts(db: Kysely<Database>): Promise<Record<string, number>> {
  const tables = (await db.introspection.getTables())
    .map((t) => t.name)
    .filter((n) => !n.startsWith("kysely_"))
    .sort();
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const row = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db);
    counts[table] = Number(row.rows[0].n);
  }
  return counts;
}

let db: Kysely<Database>;
let first: SeedReport;
let second: SeedReport;
let afterFirst: Record<string, number>;
let afterSecond: Record<string, number>;

beforeAll(async () => {
  db = openDatabase({ path: ":memory:" });
  await migrateToLatest(db);
  await syncShippedEditions(db);
  first = await seedDemo(db);
  afterFirst = await rowCounts(db);
  second = await seedDemo(db);
  afterSecond = await rowCounts(db);
}, 60_000);

afterAll(async () => {
  await db.destroy();
});

async function demoRound() {
  const institution = await db
    .selectFrom("institutions")
    .selectAll()
    .where("code", "=", SEODAEMUN_CODE)
    .executeTakeFirstOrThrow();
  return db
    .selectFrom("rounds")
    .selectAll()
    .where("institution_id", "=", institution.id)
    .where("year", "=", DEMO_ROUND.year)
    .executeTakeFirstOrThrow();
}

describe("seedDemo", () => {
  it("is idempotent: a second run adds nothing and changes no row count", () => {
    expect(first.addedTotal).toBeGreaterThan(0);
    expect(afterSecond).toEqual(afterFirst);
    expect(second.addedTotal).toBe(0);
    expect(Object.values(second.added).every((n) => n === 0)).toBe(true);
    expect(second.warnings).toEqual([]);
    for (const [table, n] of Object.entries(first.added)) expect(afterFirst[table], table).toBe(n);
  });

  it("fills the registry with 15, 20 and 35 certifications, 12 of them renewals in 2014", async () => {
    const rows = await db.selectFrom("certifications").select(["award_date", "kind", "note"]).execute();
    const year = (y: string) => rows.filter((r) => r.award_date.startsWith(y));
    expect(year("2012")).toHaveLength(15);
    expect(year("2013")).toHaveLength(20);
    expect(year("2014")).toHaveLength(35);
    expect(year("2014").filter((r) => r.kind === "renewal")).toHaveLength(12);
    expect(year("2015")).toHaveLength(3); // the named three of 36 (seeds/registry.ts)
    expect(rows.filter((r) => r.kind === "renewal")).toHaveLength(14);
    expect(year("2012").every((r) => r.award_date === "2012-11-30" && r.note?.includes("수여일 미확인: 가정값"))).toBe(
      true,
    );
    expect(year("2014").every((r) => r.award_date === "2014-12-08")).toBe(true);
    expect(afterFirst.institutions).toBe(59); // with 대전 대덕구, new in 2015
  });

  it("gives 서대문구 its lead department and at least 22 others", async () => {
    const institution = await db
      .selectFrom("institutions")
      .selectAll()
      .where("code", "=", SEODAEMUN_CODE)
      .executeTakeFirstOrThrow();
    expect(institution).toMatchObject({ name: "서울특별시 서대문구", region: "서울특별시", type: "sigungu" });
    const departments = await db
      .selectFrom("departments")
      .select(["name", "is_lead"])
      .where("institution_id", "=", institution.id)
      .execute();
    expect(departments.length).toBeGreaterThanOrEqual(23);
    const names = departments.map((d) => d.name);
    for (const name of ["민원여권과", "정책기획담당관", "감사담당관", "자치행정과"]) expect(names).toContain(name);
    expect(departments.filter((d) => d.is_lead === 1).map((d) => d.name)).toEqual(["민원여권과"]);
  });

  it("creates every demo login with its role, department and the demo password", async () => {
    expect(DEMO_LOGINS.map((l) => l.username)).toEqual(["admin", "coordinator", "member", "member2", "auditor"]);
    for (const login of DEMO_LOGINS) {
      const user = await db
        .selectFrom("users")
        .selectAll()
        .where("username", "=", login.username)
        .executeTakeFirstOrThrow();
      expect(user.must_change_password).toBe(0);
      expect(user.display_name).toBe(login.displayName);
      expect(await verifyPassword("demo1234!", user.password_hash)).toBe(true);
      const membership = await db
        .selectFrom("memberships as m")
        .leftJoin("departments as d", "d.id", "m.department_id")
        .select(["m.role", "d.name as department"])
        .where("m.user_id", "=", user.id)
        .executeTakeFirst();
      if (login.role === "system_admin") {
        expect(user.is_system_admin).toBe(1);
        expect(membership).toBeUndefined();
      } else {
        expect(user.is_system_admin).toBe(0);
        expect(membership).toEqual({ role: login.role, department: login.department });
      }
    }
  });

  it("opens the 2014 round with a lead department for every indicator, mapped from the rubric's owner", async () => {
    const round = await demoRound();
    expect(round).toMatchObject({
      edition_id: "2014-sigungu-v2",
      state: "open",
      title: DEMO_ROUND.title,
      deadline_at: "2014-08-29T09:00:00.000Z",
    });
    const edition = (await getEdition(db, round.edition_id))!;
    const leads = await db
      .selectFrom("assignments as a")
      .innerJoin("departments as d", "d.id", "a.department_id")
      .select(["a.indicator_code", "d.name"])
      .where("a.round_id", "=", round.id)
      .where("a.role", "=", "lead")
      .execute();
    const leadByCode = new Map(leads.map((l) => [l.indicator_code, l.name]));
    expect(leads).toHaveLength(edition.indicators.length);
    for (const indicator of edition.indicators) {
      expect(mapOwnerDepartment(indicator.ownerDepartment), indicator.ownerDepartment).not.toBeNull();
      expect(leadByCode.get(indicator.code)).toBe(mapOwnerDepartment(indicator.ownerDepartment));
    }
    const support = await db
      .selectFrom("assignments")
      .select("id")
      .where("round_id", "=", round.id)
      .where("role", "=", "support")
      .execute();
    expect(support.length).toBeGreaterThan(0);
  });

  it("stores only scores that scoreResponse gives for the stored answer, with the known gaps not implemented", async () => {
    const round = await demoRound();
    const edition = (await getEdition(db, round.edition_id))!;
    const rows = await db.selectFrom("responses").selectAll().where("round_id", "=", round.id).execute();
    expect(rows).toHaveLength(edition.indicators.length);
    const byCode = new Map(rows.map((r) => [r.indicator_code, r]));
    for (const indicator of edition.indicators) {
      const row = byCode.get(indicator.code)!;
      if (row.implemented === null) {
        expect(row).toMatchObject({ status: "not_started", self_tenths: null, answer: null });
        continue;
      }
      const result = scoreResponse(indicator, answerFromRow(row));
      expect(result, indicator.code).toMatchObject({ ok: true, tenths: row.self_tenths });
      if (row.status === "approved") expect(row.reviewed_tenths).toBe(row.self_tenths);
      if (indicator.tags.some((t) => KNOWN_GAP_TAGS.includes(t)))
        expect(row).toMatchObject({ implemented: 0, self_tenths: 0 });
    }
    for (const indicator of edition.indicators) {
      if (indicator.scoring.kind !== "quantitative") continue;
      const example = QUANTITATIVE_EXAMPLES[indicator.code];
      expect(Object.keys(example ?? {}).sort(), indicator.code).toEqual(
        indicator.scoring.inputs.map((i) => i.key).sort(),
      );
    }
    const gaps = edition.indicators.filter((i) => i.tags.some((t) => KNOWN_GAP_TAGS.includes(t)));
    expect(gaps.some((i) => i.tags.includes("bsc"))).toBe(true);
    expect(gaps.some((i) => i.tags.includes("mediation-committee"))).toBe(true);
  });

  it("gives the known gaps seed 002's action plan: BSC with 정책기획담당관, the 민원조정위원회 with 감사담당관, both in progress", async () => {
    const round = await demoRound();
    const edition = (await getEdition(db, round.edition_id))!;
    const actions = await db
      .selectFrom("action_items as a")
      .innerJoin("departments as d", "d.id", "a.department_id")
      .select(["a.indicator_code", "d.name", "a.status"])
      .where("a.round_id", "=", round.id)
      .execute();
    const byCode = new Map(actions.map((a) => [a.indicator_code, a]));
    const gapIndicators = edition.indicators.filter((i) => i.tags.some((t) => KNOWN_GAP_TAGS.includes(t)));
    expect(actions).toHaveLength(gapIndicators.length);
    for (const indicator of gapIndicators) {
      expect(byCode.get(indicator.code), indicator.code).toMatchObject({
        name: indicator.tags.includes("bsc") ? "정책기획담당관" : "감사담당관",
        status: "in_progress",
      });
    }
  });

  it("leaves the round partly filled, with a realistic mix of statuses and evidence", async () => {
    const summary = second.round!;
    const share = summary.answered / summary.indicators;
    expect(share).toBeGreaterThan(0.5);
    expect(share).toBeLessThan(0.7);
    expect(summary.byStatus.returned).toBe(1);
    const returned = await db
      .selectFrom("responses as r")
      .innerJoin("assignments as a", (j) =>
        j
          .onRef("a.round_id", "=", "r.round_id")
          .onRef("a.indicator_code", "=", "r.indicator_code")
          .on("a.role", "=", "lead"),
      )
      .innerJoin("departments as d", "d.id", "a.department_id")
      .select(["d.name", "r.submitted_at", "r.indicator_code", "r.reviewed_by"])
      .where("r.status", "=", "returned")
      .executeTakeFirstOrThrow();
    expect(returned.name).toBe(RETURNED_DEPARTMENT);
    expect(returned.submitted_at).not.toBeNull();
    // The department learns why: the demo auditor's return comment (seeded once, however often the seed runs).
    const auditor = await db
      .selectFrom("users")
      .select("id")
      .where("username", "=", "auditor")
      .executeTakeFirstOrThrow();
    expect(returned.reviewed_by).toBe(auditor.id);
    const reasons = await db
      .selectFrom("comments")
      .selectAll()
      .where("indicator_code", "=", returned.indicator_code)
      .execute();
    expect(reasons).toMatchObject([{ kind: "return", author_user_id: auditor.id, body: RETURN_REASON }]);
    for (const status of ["draft", "submitted", "approved", "not_started"] as const)
      expect(summary.byStatus[status]).toBeGreaterThan(0);
    expect(summary.selfTenths).toBeGreaterThan(3000);
    expect(summary.selfTenths).toBeLessThan(8000);
    const evidence = await db.selectFrom("evidence").select("kind").execute();
    expect(new Set(evidence.map((e) => e.kind))).toEqual(new Set(["link", "note"]));
    // One event per seeded change, written by the app's own functions: the round created and opened, each indicator
    // assigned, each answer saved or handed in (or created blank), each piece of evidence, each review, the return's
    // comment, each action item.
    const count = async (table: "responses" | "evidence" | "comments" | "action_items") => {
      const row =
        table === "evidence"
          ? await db
              .selectFrom("evidence as e")
              .innerJoin("responses as r", "r.id", "e.response_id")
              .where("r.round_id", "=", summary.id)
              .select((eb) => eb.fn.countAll<number>().as("n"))
              .executeTakeFirstOrThrow()
          : await db
              .selectFrom(table)
              .where("round_id", "=", summary.id)
              .select((eb) => eb.fn.countAll<number>().as("n"))
              .executeTakeFirstOrThrow();
      return Number(row.n);
    };
    const reviewed = summary.byStatus.approved + summary.byStatus.returned;
    const events = await db
      .selectFrom("audit_events")
      .select(["entity", "action"])
      .where("round_id", "=", summary.id)
      .execute();
    const of = (entity: string) => events.filter((e) => e.entity === entity).length;
    expect(events.filter((e) => e.entity === "round").map((e) => e.action)).toEqual(["create", "open"]);
    const supported = Number(
      (
        await db
          .selectFrom("assignments")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("round_id", "=", summary.id)
          .where("role", "=", "support")
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(of("assignment")).toBe(summary.indicators + supported); // each lead, then each support, assigned
    expect(of("response")).toBe((await count("responses")) + reviewed);
    expect(of("evidence")).toBe(await count("evidence"));
    expect(of("comment")).toBe(await count("comments"));
    expect(of("action_item")).toBe(await count("action_items"));
    expect(events).toHaveLength(
      2 +
        summary.indicators +
        supported +
        (await count("responses")) +
        reviewed +
        (await count("evidence")) +
        (await count("comments")) +
        (await count("action_items")),
    );
    // And the whole log verifies: chain, the checkpoint signed when the round opened, every row replayed.
    const verdict = await verifyAudit(db);
    expect(verdict.problems).toEqual([]);
    expect(verdict.checkpoints).toBeGreaterThan(0);
    expect(verdict.rowsCompared).toBe(await count("responses"));
  });

  it("never overwrites a response a user has changed since", async () => {
    const round = await demoRound();
    const changed = await db
      .selectFrom("responses")
      .selectAll()
      .where("round_id", "=", round.id)
      .where("status", "=", "not_started")
      .orderBy("id")
      .executeTakeFirstOrThrow();
    const edit = {
      status: "draft" as const,
      implemented: 0,
      self_tenths: 0,
      narrative: "사용자가 수정함",
      version: changed.version + 1,
    };
    await db.updateTable("responses").set(edit).where("id", "=", changed.id).execute();
    const lead = await db
      .selectFrom("assignments")
      .select(["id", "indicator_code"])
      .where("round_id", "=", round.id)
      .where("role", "=", "lead")
      .where("indicator_code", "=", changed.indicator_code)
      .executeTakeFirstOrThrow();
    const other = await db
      .selectFrom("departments")
      .select("id")
      .where("name", "=", "재무과")
      .executeTakeFirstOrThrow();
    await db.updateTable("assignments").set({ department_id: other.id }).where("id", "=", lead.id).execute();

    const before = await rowCounts(db);
    const report = await seedDemo(db);
    expect(report.addedTotal).toBe(0);
    expect(await rowCounts(db)).toEqual(before);
    const after = await db.selectFrom("responses").selectAll().where("id", "=", changed.id).executeTakeFirstOrThrow();
    expect(after).toMatchObject(edit);
    const leadAfter = await db
      .selectFrom("assignments")
      .select("department_id")
      .where("id", "=", lead.id)
      .executeTakeFirstOrThrow();
    expect(leadAfter.department_id).toBe(other.id);
  });
});
