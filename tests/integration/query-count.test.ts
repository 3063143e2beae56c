// No page's number of database queries grows with the data. Every key page is loaded on the demo data, then again
// after the database has grown many times over (more institutions, rounds, responses, evidence, comments, action
// items, departments, people and audit events, inside the demo round too): each page must make exactly as many
// queries as before. A query per row (the N+1 pattern) fails here long before it shows in a benchmark.
import { beforeAll, describe, expect, it } from "vitest";
import { nowIso, queryCounter } from "#db/connection";
import { seedDemo } from "../../seeds/demo";
import { generateNational } from "../../scripts/generate-national";
import { loader as homeLoader } from "~/routes/_index";
import { loader as dashboardLoader } from "~/routes/rounds.$roundId._index";
import { loader as indicatorLoader } from "~/routes/rounds.$roundId.indicators.$code";
import { loader as registryLoader } from "~/routes/registry._index";
import { loader as gapsLoader } from "~/routes/rounds.$roundId.gaps";
import { loader as queueLoader } from "~/routes/rounds.$roundId.review";
import { loader as historyLoader } from "~/routes/rounds.$roundId.history";
import { loader as assignmentsLoader } from "~/routes/rounds.$roundId.assignments";
import { loader as reportLoader } from "~/routes/rounds.$roundId.report";
import { loader as roundsLoader } from "~/routes/rounds._index";
import { recordEvent } from "~/utils/audit.server";
import { cookieFor, db, routeArgs } from "../utils";

let roundId: number;
let institutionId: number;
let code: string;
let ids: Record<"coordinator" | "member" | "auditor", number>;
const userId = async (username: string) =>
  (await db.selectFrom("users").select("id").where("username", "=", username).executeTakeFirstOrThrow()).id;

type Loader = (args: ReturnType<typeof routeArgs>) => Promise<unknown>;
const PAGES: [string, () => [Loader, keyof typeof ids, string, Record<string, string>]][] = [
  ["member's worklist", () => [homeLoader as Loader, "member", "/", {}]],
  ["coordinator's home", () => [homeLoader as Loader, "coordinator", "/", {}]],
  ["auditor's home", () => [homeLoader as Loader, "auditor", "/", {}]],
  [
    "coordinator dashboard",
    () => [dashboardLoader as Loader, "coordinator", `/rounds/${roundId}`, { roundId: String(roundId) }],
  ],
  [
    "indicator page",
    () => [
      indicatorLoader as Loader,
      "member",
      `/rounds/${roundId}/indicators/${code}`,
      { roundId: String(roundId), code },
    ],
  ],
  [
    "indicator page (auditor)",
    () => [
      indicatorLoader as Loader,
      "auditor",
      `/rounds/${roundId}/indicators/${code}`,
      { roundId: String(roundId), code },
    ],
  ],
  ["registry", () => [registryLoader as Loader, "coordinator", "/registry", {}]],
  ["gaps", () => [gapsLoader as Loader, "coordinator", `/rounds/${roundId}/gaps`, { roundId: String(roundId) }]],
  [
    "review queue",
    () => [queueLoader as Loader, "auditor", `/rounds/${roundId}/review?view=all`, { roundId: String(roundId) }],
  ],
  [
    "round history",
    () => [historyLoader as Loader, "auditor", `/rounds/${roundId}/history`, { roundId: String(roundId) }],
  ],
  [
    "assignments",
    () => [assignmentsLoader as Loader, "coordinator", `/rounds/${roundId}/assignments`, { roundId: String(roundId) }],
  ],
  ["report", () => [reportLoader as Loader, "coordinator", `/rounds/${roundId}/report`, { roundId: String(roundId) }]],
  ["rounds list", () => [roundsLoader as Loader, "coordinator", "/rounds", {}]],
];

async function countQueries(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [name, page] of PAGES) {
    const [loader, who, url, params] = page();
    const request = new Request(`http://localhost${url}`, { headers: { Cookie: await cookieFor(ids[who]) } });
    queryCounter.count = 0;
    queryCounter.enabled = true;
    try {
      await loader(routeArgs(request, params));
    } finally {
      queryCounter.enabled = false;
    }
    out[name] = queryCounter.count;
  }
  return out;
}

/** Grows the database around and inside the demo round. */
async function grow() {
  await generateNational(db, { institutions: 6, years: 2, events: 3000 });
  const now = nowIso();
  const responses = await db
    .selectFrom("responses")
    .select(["id", "indicator_code"])
    .where("round_id", "=", roundId)
    .execute();
  const departments = await db
    .selectFrom("departments")
    .select("id")
    .where("institution_id", "=", institutionId)
    .execute();
  for (const r of responses) {
    await db
      .insertInto("evidence")
      .values(
        [1, 2, 3].map((n) => ({
          response_id: r.id,
          kind: "note" as const,
          title: `추가 증빙 ${n}`,
          note: "메모",
          created_by: ids.member,
          created_at: now,
        })),
      )
      .execute();
    await db
      .insertInto("comments")
      .values(
        [1, 2].map((n) => ({
          round_id: roundId,
          indicator_code: r.indicator_code,
          parent_id: null,
          author_user_id: ids.auditor,
          kind: "comment" as const,
          body: `의견 ${n}`,
          created_at: now,
        })),
      )
      .execute();
  }
  const existing = new Set(
    (await db.selectFrom("action_items").select("indicator_code").where("round_id", "=", roundId).execute()).map(
      (a) => a.indicator_code,
    ),
  );
  await db
    .insertInto("action_items")
    .values(
      responses
        .filter((r) => !existing.has(r.indicator_code))
        .slice(0, 40)
        .map((r) => ({
          round_id: roundId,
          indicator_code: r.indicator_code,
          department_id: departments[0].id,
          due_date: "2015-06-30",
          status: "open" as const,
          notes: "",
          created_by: ids.coordinator,
          created_at: now,
          updated_by: ids.coordinator,
          updated_at: now,
        })),
    )
    .execute();
  for (let n = 0; n < 10; n++) {
    const dept = await db
      .insertInto("departments")
      .values({ institution_id: institutionId, name: `추가부서 ${n}`, created_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    const user = await db
      .insertInto("users")
      .values({
        username: `grow-${n}`,
        display_name: `추가 ${n}`,
        password_hash: "x",
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("memberships")
      .values({
        user_id: user.id,
        institution_id: institutionId,
        role: "department_member",
        department_id: dept.id,
        created_at: now,
      })
      .execute();
    await db
      .insertInto("assignments")
      .values(
        responses.slice(n * 5, n * 5 + 5).map((r) => ({
          round_id: roundId,
          indicator_code: r.indicator_code,
          department_id: dept.id,
          role: "support" as const,
          created_at: now,
        })),
      )
      .execute();
  }
  const target = responses.find((r) => r.indicator_code === code)!;
  for (let n = 0; n < 120; n++) {
    await db.transaction().execute((trx) =>
      recordEvent(trx, {
        actorUserId: ids.member,
        institutionId,
        roundId,
        entity: "response",
        entityId: target.id,
        action: "save",
        after: { indicator: code, n },
      }),
    );
  }
}

beforeAll(async () => {
  const report = await seedDemo(db);
  roundId = report.round!.id;
  institutionId = report.institutionId;
  ids = { coordinator: await userId("coordinator"), member: await userId("member"), auditor: await userId("auditor") };
  // An indicator the demo member leads.
  const memberDept = (
    await db
      .selectFrom("memberships")
      .select("department_id")
      .where("user_id", "=", ids.member)
      .executeTakeFirstOrThrow()
  ).department_id!;
  code = (
    await db
      .selectFrom("assignments")
      .select("indicator_code")
      .where("round_id", "=", roundId)
      .where("department_id", "=", memberDept)
      .where("role", "=", "lead")
      .executeTakeFirstOrThrow()
  ).indicator_code;
}, 60_000);

describe("queries per page", () => {
  it("stay the same when the data grows many times over", async () => {
    const before = await countQueries();
    for (const [name, n] of Object.entries(before)) expect(n, name).toBeGreaterThan(0);
    await grow();
    const after = await countQueries();
    if (process.env.SHOW_QUERY_COUNTS) console.log(JSON.stringify(after));
    expect(after).toEqual(before);
  }, 120_000);
});
