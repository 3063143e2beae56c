// The demo data: the 2012–2014 certification registry, 서대문구 with its departments and people, and its open
// 2014 self-assessment round. Idempotent: every row is looked up by its natural key and inserted only when it is
// missing, so a second run adds nothing and never overwrites what a user has changed since.
import type { Kysely } from "kysely";
import { type Db, nowIso } from "#db/connection";
import type { Database, ResponseStatus } from "#db/schema";
import type { Edition } from "#indicators/schema";
import type { Actor } from "~/domain/permissions";
import { getEdition } from "~/utils/editions.server";
import { hashPassword } from "~/utils/password.server";
import { DEMO_LOGINS } from "./logins";
import { AWARD_YEARS, REGISTRY_CERTIFICATIONS, REGISTRY_INSTITUTIONS } from "./registry";
import { DEMO_ROUND, planRound, type RoundPlan } from "./round-2014";
import { ensureDemoRound, type SeedActors, writePlan } from "./round-writes";
import { LEAD_DEPARTMENT, SEODAEMUN_CODE, SEODAEMUN_DEPARTMENTS } from "./seodaemun";

export { DEMO_LOGINS, DEMO_PASSWORD, type DemoLogin } from "./logins";
export { DEMO_ROUND } from "./round-2014";

export const SEEDED_TABLES = [
  "institutions",
  "departments",
  "users",
  "memberships",
  "certifications",
  "rounds",
  "assignments",
  "responses",
  "evidence",
  "comments",
  "action_items",
  "audit_events",
] as const;
export type SeededTable = (typeof SEEDED_TABLES)[number];

export interface RoundSummary {
  id: number;
  title: string;
  editionId: string;
  state: string;
  deadlineAt: string | null;
  indicators: number;
  /** The edition's maximum (1,000 points = 10000). */
  maxTenths: number;
  leadAssigned: number;
  /** Responses with an answer (implemented or not implemented). */
  answered: number;
  selfTenths: number;
  byStatus: Record<ResponseStatus, number>;
}

export interface SeedReport {
  /** Rows this run inserted, per table; all zero on a re-run. */
  added: Record<SeededTable, number>;
  addedTotal: number;
  institutionId: number;
  round: RoundSummary | null;
  /** Things the seed left alone on purpose, e.g. a 2014 round on another edition. */
  warnings: string[];
}

const CHUNK = 50;
async function insertChunked<T extends keyof Database & string>(trx: Db, table: T, rows: Record<string, unknown>[]) {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + CHUNK) as never)
      .execute();
  }
}

async function seedInstitutions(trx: Db, added: SeedReport["added"], now: string): Promise<Map<string, number>> {
  const existing = await trx.selectFrom("institutions").select("code").execute();
  const have = new Set(existing.map((r) => r.code));
  const missing = REGISTRY_INSTITUTIONS.filter((i) => !have.has(i.code));
  await insertChunked(
    trx,
    "institutions",
    missing.map((i) => ({ ...i, created_at: now })),
  );
  added.institutions += missing.length;
  const rows = await trx.selectFrom("institutions").select(["id", "code"]).execute();
  return new Map(rows.map((r) => [r.code, r.id]));
}

async function seedCertifications(trx: Db, ids: Map<string, number>, added: SeedReport["added"], now: string) {
  const codeByName = new Map(REGISTRY_INSTITUTIONS.map((i) => [i.name, i.code]));
  const years = new Map(AWARD_YEARS.map((y) => [y.year, y]));
  const existing = await trx.selectFrom("certifications").select(["institution_id", "award_date"]).execute();
  const have = new Set(existing.map((r) => `${r.institution_id}|${r.award_date}`));
  const rows = [];
  for (const c of REGISTRY_CERTIFICATIONS) {
    const institutionId = ids.get(codeByName.get(c.name) ?? "");
    const year = years.get(c.year);
    if (!institutionId || !year) throw new Error(`registry entry ${c.year} ${c.name} has no institution or award date`);
    if (have.has(`${institutionId}|${year.awardDate}`)) continue;
    have.add(`${institutionId}|${year.awardDate}`);
    rows.push({
      institution_id: institutionId,
      award_date: year.awardDate,
      kind: c.kind,
      score_tenths: null,
      round_id: null,
      revoked_at: null,
      revoked_reason: null,
      note: year.note,
      created_at: now,
    });
  }
  await insertChunked(trx, "certifications", rows);
  added.certifications += rows.length;
}

async function seedDepartments(trx: Db, institutionId: number, added: SeedReport["added"], now: string) {
  const existing = await trx
    .selectFrom("departments")
    .select("name")
    .where("institution_id", "=", institutionId)
    .execute();
  const have = new Set(existing.map((r) => r.name));
  const rows = SEODAEMUN_DEPARTMENTS.map((name, index) => ({
    institution_id: institutionId,
    name,
    is_lead: name === LEAD_DEPARTMENT ? 1 : 0,
    sort_order: index,
    created_at: now,
  })).filter((d) => !have.has(d.name));
  await insertChunked(trx, "departments", rows);
  added.departments += rows.length;
  const all = await trx
    .selectFrom("departments")
    .select(["id", "name"])
    .where("institution_id", "=", institutionId)
    .execute();
  return new Map(all.map((d) => [d.name, d.id]));
}

/** Hashes for the demo users that do not exist yet, computed before the write transaction opens. */
async function hashesForMissingUsers(db: Db): Promise<Map<string, string>> {
  const existing = await db
    .selectFrom("users")
    .select("username")
    .where(
      "username",
      "in",
      DEMO_LOGINS.map((l) => l.username),
    )
    .execute();
  const have = new Set(existing.map((u) => u.username));
  const missing = DEMO_LOGINS.filter((l) => !have.has(l.username));
  return new Map(await Promise.all(missing.map(async (l) => [l.username, await hashPassword(l.password)] as const)));
}

async function seedUsers(
  trx: Db,
  institutionIds: Map<string, number>,
  departmentIds: Map<string, number>,
  hashes: Map<string, string>,
  added: SeedReport["added"],
  now: string,
): Promise<Map<string, number>> {
  const userIds = new Map<string, number>();
  for (const login of DEMO_LOGINS) {
    let user = await trx.selectFrom("users").select("id").where("username", "=", login.username).executeTakeFirst();
    if (!user) {
      user = await trx
        .insertInto("users")
        .values({
          username: login.username,
          display_name: login.displayName,
          email: null,
          password_hash: hashes.get(login.username) ?? (await hashPassword(login.password)),
          is_system_admin: login.role === "system_admin" ? 1 : 0,
          must_change_password: 0,
          created_at: now,
          updated_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      added.users += 1;
    }
    userIds.set(login.username, user.id);
    if (login.role === "system_admin" || !login.institution) continue;
    const institutionId = institutionIds.get(login.institution)!;
    const membership = await trx
      .selectFrom("memberships")
      .select("id")
      .where("user_id", "=", user.id)
      .where("institution_id", "=", institutionId)
      .executeTakeFirst();
    if (membership) continue;
    await trx
      .insertInto("memberships")
      .values({
        user_id: user.id,
        institution_id: institutionId,
        role: login.role,
        department_id: login.department ? (departmentIds.get(login.department) ?? null) : null,
        created_at: now,
      })
      .execute();
    added.memberships += 1;
  }
  return userIds;
}

/** An actor as the app builds one for a signed-in demo person. */
function demoActor(
  userIds: Map<string, number>,
  username: string,
  institutionId: number,
  departmentIds: Map<string, number>,
): Actor {
  const login = DEMO_LOGINS.find((l) => l.username === username)!;
  return {
    userId: userIds.get(username)!,
    isSystemAdmin: false,
    memberships:
      login.role === "system_admin"
        ? []
        : [
            {
              institutionId,
              role: login.role,
              departmentId: login.department ? (departmentIds.get(login.department) ?? null) : null,
            },
          ],
  };
}

export function seedActors(
  userIds: Map<string, number>,
  institutionId: number,
  departmentIds: Map<string, number>,
): SeedActors {
  const actor = (username: string) => demoActor(userIds, username, institutionId, departmentIds);
  return {
    coordinator: actor("coordinator"),
    auditor: actor("auditor"),
    // The demo person who writes a department's answers: its member if it has one, else the coordinator.
    authorFor(department: string) {
      const login = DEMO_LOGINS.find((l) => l.role === "department_member" && l.department === department);
      if (!login) return actor("coordinator");
      // A department member acts for their own department; the seed writes as them for every indicator it leads.
      return actor(login.username);
    },
  };
}

/**
 * The demo round through the app's own functions (seeds/round-writes.ts): one audit event per seeded change, so the
 * round's history is complete and replays. Only what is missing is written; a user's later changes always win.
 */
async function seedRound(
  trx: Db,
  plan: RoundPlan,
  edition: Edition,
  institutionId: number,
  departmentIds: Map<string, number>,
  userIds: Map<string, number>,
  added: SeedReport["added"],
  warnings: string[],
): Promise<number> {
  const counts = { rounds: 0, assignments: 0, responses: 0, evidence: 0, comments: 0, action_items: 0 };
  const round = await ensureDemoRound(trx, seedActors(userIds, institutionId, departmentIds), institutionId, counts);
  if (round.edition_id !== DEMO_ROUND.editionId) {
    warnings.push(
      `round ${round.id} (${DEMO_ROUND.year}) uses edition ${round.edition_id}, not ${DEMO_ROUND.editionId}: left as it is`,
    );
  } else if (round.state !== "draft" && round.state !== "open") {
    warnings.push(`round ${round.id} is ${round.state}: nothing added to it`);
  } else {
    await writePlan(
      trx,
      round,
      edition,
      plan,
      seedActors(userIds, institutionId, departmentIds),
      departmentIds,
      counts,
    );
  }
  for (const [table, n] of Object.entries(counts)) added[table as SeededTable] += n;
  return round.id;
}

/** The round as it stands now, for the report and the CLI summary. */
export async function summarizeRound(db: Db, roundId: number): Promise<RoundSummary> {
  const round = await db.selectFrom("rounds").selectAll().where("id", "=", roundId).executeTakeFirstOrThrow();
  const edition = await db
    .selectFrom("rubric_editions")
    .select(["indicator_count", "total_tenths"])
    .where("id", "=", round.edition_id)
    .executeTakeFirst();
  const responses = await db
    .selectFrom("responses")
    .select(["status", "implemented", "self_tenths"])
    .where("round_id", "=", roundId)
    .execute();
  const leads = await db
    .selectFrom("assignments")
    .select((eb) => eb.fn.count<number>("indicator_code").distinct().as("n"))
    .where("round_id", "=", roundId)
    .where("role", "=", "lead")
    .executeTakeFirstOrThrow();
  const byStatus: Record<ResponseStatus, number> = { not_started: 0, draft: 0, submitted: 0, returned: 0, approved: 0 };
  for (const r of responses) byStatus[r.status] += 1;
  return {
    id: round.id,
    title: round.title,
    editionId: round.edition_id,
    state: round.state,
    deadlineAt: round.deadline_at,
    indicators: edition?.indicator_count ?? 0,
    maxTenths: edition?.total_tenths ?? 0,
    leadAssigned: Number(leads.n),
    answered: responses.filter((r) => r.implemented !== null).length,
    selfTenths: responses.reduce((sum, r) => sum + (r.self_tenths ?? 0), 0),
    byStatus,
  };
}

/** Seeds the demo data; run it as often as you like. The edition 2014-sigungu-v2 must be registered first. */
export async function seedDemo(db: Kysely<Database>): Promise<SeedReport> {
  const edition = await getEdition(db, DEMO_ROUND.editionId);
  if (!edition)
    throw new Error(
      `edition ${DEMO_ROUND.editionId} is not registered: run syncShippedEditions (npm run migrate) first`,
    );
  const plan = planRound(edition);
  const hashes = await hashesForMissingUsers(db);
  return db.transaction().execute(async (trx) => {
    const now = nowIso();
    const added = Object.fromEntries(SEEDED_TABLES.map((t) => [t, 0])) as Record<SeededTable, number>;
    const warnings = plan.unmappedOwners.map(
      (o) => `owner department "${o}" is not a 서대문구 department: assigned to ${LEAD_DEPARTMENT}`,
    );
    const institutionIds = await seedInstitutions(trx, added, now);
    await seedCertifications(trx, institutionIds, added, now);
    const institutionId = institutionIds.get(SEODAEMUN_CODE)!;
    const departmentIds = await seedDepartments(trx, institutionId, added, now);
    const userIds = await seedUsers(trx, institutionIds, departmentIds, hashes, added, now);
    const events = async () =>
      Number(
        (
          await trx
            .selectFrom("audit_events")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const eventsBefore = await events();
    const roundId = await seedRound(trx, plan, edition, institutionId, departmentIds, userIds, added, warnings);
    added.audit_events += (await events()) - eventsBefore;
    return {
      added,
      addedTotal: Object.values(added).reduce((a, b) => a + b, 0),
      institutionId,
      round: await summarizeRound(trx, roundId),
      warnings,
    };
  });
}
