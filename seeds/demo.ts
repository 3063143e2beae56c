// The demo data: the 2012–2014 certification registry, 서대문구 with its departments and people, and its open
// 2014 self-assessment round. Idempotent: every row is looked up by its natural key and inserted only when it is
// missing, so a second run adds nothing and never overwrites what a user has changed since.
import type { Kysely } from "kysely";
import { type Db, nowIso } from "#db/connection";
import type { Database, ResponseStatus } from "#db/schema";
import { recordEvent } from "~/utils/audit.server";
import { getEdition } from "~/utils/editions.server";
import { hashPassword } from "~/utils/password.server";
import { DEMO_LOGINS } from "./logins";
import { AWARD_YEARS, REGISTRY_CERTIFICATIONS, REGISTRY_INSTITUTIONS } from "./registry";
import { DEMO_ROUND, planRound, type RoundPlan } from "./round-2014";
import { LEAD_DEPARTMENT, SEODAEMUN_CODE, SEODAEMUN_DEPARTMENTS } from "./seodaemun";

export { DEMO_LOGINS, DEMO_PASSWORD, type DemoLogin } from "./logins";
export { DEMO_ROUND } from "./round-2014";

export const SEEDED_TABLES = [
  "institutions", "departments", "users", "memberships", "certifications",
  "rounds", "assignments", "responses", "evidence", "comments", "action_items", "audit_events",
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
    await trx.insertInto(table).values(rows.slice(i, i + CHUNK) as never).execute();
  }
}

async function seedInstitutions(trx: Db, added: SeedReport["added"], now: string): Promise<Map<string, number>> {
  const existing = await trx.selectFrom("institutions").select("code").execute();
  const have = new Set(existing.map((r) => r.code));
  const missing = REGISTRY_INSTITUTIONS.filter((i) => !have.has(i.code));
  await insertChunked(trx, "institutions", missing.map((i) => ({ ...i, created_at: now })));
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
      institution_id: institutionId, award_date: year.awardDate, kind: c.kind, score_tenths: null, round_id: null,
      revoked_at: null, revoked_reason: null, note: year.note, created_at: now,
    });
  }
  await insertChunked(trx, "certifications", rows);
  added.certifications += rows.length;
}

async function seedDepartments(trx: Db, institutionId: number, added: SeedReport["added"], now: string) {
  const existing = await trx.selectFrom("departments").select("name").where("institution_id", "=", institutionId).execute();
  const have = new Set(existing.map((r) => r.name));
  const rows = SEODAEMUN_DEPARTMENTS.map((name, index) => ({
    institution_id: institutionId, name, is_lead: name === LEAD_DEPARTMENT ? 1 : 0, sort_order: index, created_at: now,
  })).filter((d) => !have.has(d.name));
  await insertChunked(trx, "departments", rows);
  added.departments += rows.length;
  const all = await trx.selectFrom("departments").select(["id", "name"]).where("institution_id", "=", institutionId).execute();
  return new Map(all.map((d) => [d.name, d.id]));
}

/** Hashes for the demo users that do not exist yet, computed before the write transaction opens. */
async function hashesForMissingUsers(db: Db): Promise<Map<string, string>> {
  const existing = await db.selectFrom("users").select("username").where("username", "in", DEMO_LOGINS.map((l) => l.username)).execute();
  const have = new Set(existing.map((u) => u.username));
  const missing = DEMO_LOGINS.filter((l) => !have.has(l.username));
  return new Map(await Promise.all(missing.map(async (l) => [l.username, await hashPassword(l.password)] as const)));
}

async function seedUsers(
  trx: Db, institutionIds: Map<string, number>, departmentIds: Map<string, number>, hashes: Map<string, string>,
  added: SeedReport["added"], now: string,
): Promise<Map<string, number>> {
  const userIds = new Map<string, number>();
  for (const login of DEMO_LOGINS) {
    let user = await trx.selectFrom("users").select("id").where("username", "=", login.username).executeTakeFirst();
    if (!user) {
      user = await trx.insertInto("users").values({
        username: login.username, display_name: login.displayName, email: null,
        password_hash: hashes.get(login.username) ?? (await hashPassword(login.password)),
        is_system_admin: login.role === "system_admin" ? 1 : 0, must_change_password: 0, created_at: now, updated_at: now,
      }).returning("id").executeTakeFirstOrThrow();
      added.users += 1;
    }
    userIds.set(login.username, user.id);
    if (login.role === "system_admin" || !login.institution) continue;
    const institutionId = institutionIds.get(login.institution)!;
    const membership = await trx.selectFrom("memberships").select("id")
      .where("user_id", "=", user.id).where("institution_id", "=", institutionId).executeTakeFirst();
    if (membership) continue;
    await trx.insertInto("memberships").values({
      user_id: user.id, institution_id: institutionId, role: login.role,
      department_id: login.department ? (departmentIds.get(login.department) ?? null) : null, created_at: now,
    }).execute();
    added.memberships += 1;
  }
  return userIds;
}

/** The demo person who would have written a department's answers: its member if it has one, else the coordinator. */
function authorFor(department: string, userIds: Map<string, number>): number {
  const login = DEMO_LOGINS.find((l) => l.role === "department_member" && l.department === department)
    ?? DEMO_LOGINS.find((l) => l.role === "coordinator")!;
  return userIds.get(login.username)!;
}

async function seedRound(
  trx: Db, plan: RoundPlan, institutionId: number, departmentIds: Map<string, number>, userIds: Map<string, number>,
  added: SeedReport["added"], warnings: string[], now: string,
): Promise<number> {
  let round = await trx.selectFrom("rounds").select(["id", "edition_id"])
    .where("institution_id", "=", institutionId).where("year", "=", DEMO_ROUND.year).executeTakeFirst();
  const createdRound = !round;
  if (!round) {
    round = await trx.insertInto("rounds").values({
      institution_id: institutionId, edition_id: DEMO_ROUND.editionId, year: DEMO_ROUND.year, title: DEMO_ROUND.title,
      state: DEMO_ROUND.state, deadline_at: DEMO_ROUND.deadlineAt, created_by: userIds.get("coordinator") ?? null,
      created_at: now, updated_at: now,
    }).returning(["id", "edition_id"]).executeTakeFirstOrThrow();
    added.rounds += 1;
  }
  const roundId = round.id;
  if (round.edition_id !== DEMO_ROUND.editionId) {
    warnings.push(`round ${roundId} (${DEMO_ROUND.year}) uses edition ${round.edition_id}, not ${DEMO_ROUND.editionId}: left as it is`);
    return roundId;
  }

  // Assignments only for indicators nobody has assigned yet, so a coordinator's reassignment is never undone.
  const assigned = new Set((await trx.selectFrom("assignments").select("indicator_code").where("round_id", "=", roundId).execute())
    .map((a) => a.indicator_code));
  const assignmentRows = plan.assignments.filter((a) => !assigned.has(a.code)).flatMap((a) => [
    { round_id: roundId, indicator_code: a.code, department_id: departmentIds.get(a.lead)!, role: "lead" as const, created_at: now },
    ...(a.support
      ? [{ round_id: roundId, indicator_code: a.code, department_id: departmentIds.get(a.support)!, role: "support" as const, created_at: now }]
      : []),
  ]);
  await insertChunked(trx, "assignments", assignmentRows);
  added.assignments += assignmentRows.length;

  // Responses only where the round has none for the indicator: a user's later answer always wins.
  const answeredCodes = new Set((await trx.selectFrom("responses").select("indicator_code").where("round_id", "=", roundId).execute())
    .map((r) => r.indicator_code));
  const leadByCode = new Map(plan.assignments.map((a) => [a.code, a.lead]));
  const missing = plan.responses.filter((r) => !answeredCodes.has(r.code));
  await insertChunked(trx, "responses", missing.map((r) => ({
    round_id: roundId, indicator_code: r.code, status: r.status, implemented: r.implemented, answer: r.answer,
    self_tenths: r.selfTenths, reviewed_tenths: r.reviewedTenths, narrative: r.narrative,
    updated_by: r.status === "not_started" ? null : authorFor(leadByCode.get(r.code)!, userIds),
    updated_at: now, submitted_at: r.submitted ? now : null,
    // Approved and returned answers were reviewed by the demo auditor.
    reviewed_by: r.status === "approved" || r.status === "returned" ? (userIds.get("auditor") ?? null) : null,
    reviewed_at: r.status === "approved" || r.status === "returned" ? now : null,
  })));
  added.responses += missing.length;

  // A returned answer carries its reason, as the auditor's return comment.
  const returns = missing.filter((r) => r.returnReason && userIds.get("auditor") !== undefined).map((r) => ({
    round_id: roundId, indicator_code: r.code, parent_id: null, author_user_id: userIds.get("auditor")!, kind: "return", body: r.returnReason!, created_at: now,
  }));
  await insertChunked(trx, "comments", returns);
  added.comments += returns.length;

  // Evidence goes with a response inserted now, never onto an existing one.
  const withEvidence = missing.filter((r) => r.evidence.length);
  if (withEvidence.length) {
    const ids = new Map((await trx.selectFrom("responses").select(["id", "indicator_code"])
      .where("round_id", "=", roundId).where("indicator_code", "in", withEvidence.map((r) => r.code)).execute())
      .map((r) => [r.indicator_code, r.id]));
    const evidenceRows = withEvidence.flatMap((r) => r.evidence.map((e) => ({
      response_id: ids.get(r.code)!, kind: e.kind, title: e.title, url: e.url, note: e.note,
      created_by: authorFor(leadByCode.get(r.code)!, userIds), created_at: now,
    })));
    await insertChunked(trx, "evidence", evidenceRows);
    added.evidence += evidenceRows.length;
  }

  // Action items only on gaps that have none yet: a coordinator's edits stay.
  const planned = new Set((await trx.selectFrom("action_items").select("indicator_code").where("round_id", "=", roundId).execute())
    .map((a) => a.indicator_code));
  const actionRows = plan.actions.filter((a) => !planned.has(a.code)).map((a) => ({
    round_id: roundId, indicator_code: a.code, department_id: departmentIds.get(a.department)!, due_date: a.dueDate,
    status: a.status, notes: a.notes, created_by: userIds.get("coordinator") ?? null, created_at: now,
    updated_by: userIds.get("coordinator") ?? null, updated_at: now,
  }));
  await insertChunked(trx, "action_items", actionRows);
  added.action_items += actionRows.length;

  if (createdRound || assignmentRows.length || missing.length || actionRows.length) {
    await recordEvent(trx, {
      actorUserId: null, institutionId, roundId, entity: "round", entityId: roundId, action: "seed",
      after: { title: DEMO_ROUND.title, edition: DEMO_ROUND.editionId, createdRound, assignments: assignmentRows.length, responses: missing.length, actionItems: actionRows.length },
    });
    added.audit_events += 1;
  }
  return roundId;
}

/** The round as it stands now, for the report and the CLI summary. */
export async function summarizeRound(db: Db, roundId: number): Promise<RoundSummary> {
  const round = await db.selectFrom("rounds").selectAll().where("id", "=", roundId).executeTakeFirstOrThrow();
  const edition = await db.selectFrom("rubric_editions").select(["indicator_count", "total_tenths"]).where("id", "=", round.edition_id).executeTakeFirst();
  const responses = await db.selectFrom("responses").select(["status", "implemented", "self_tenths"]).where("round_id", "=", roundId).execute();
  const leads = await db.selectFrom("assignments").select((eb) => eb.fn.count<number>("indicator_code").distinct().as("n"))
    .where("round_id", "=", roundId).where("role", "=", "lead").executeTakeFirstOrThrow();
  const byStatus: Record<ResponseStatus, number> = { not_started: 0, draft: 0, submitted: 0, returned: 0, approved: 0 };
  for (const r of responses) byStatus[r.status] += 1;
  return {
    id: round.id, title: round.title, editionId: round.edition_id, state: round.state, deadlineAt: round.deadline_at,
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
  if (!edition) throw new Error(`edition ${DEMO_ROUND.editionId} is not registered: run syncShippedEditions (npm run migrate) first`);
  const plan = planRound(edition);
  const hashes = await hashesForMissingUsers(db);
  return db.transaction().execute(async (trx) => {
    const now = nowIso();
    const added = Object.fromEntries(SEEDED_TABLES.map((t) => [t, 0])) as Record<SeededTable, number>;
    const warnings = plan.unmappedOwners.map((o) => `owner department "${o}" is not a 서대문구 department: assigned to ${LEAD_DEPARTMENT}`);
    const institutionIds = await seedInstitutions(trx, added, now);
    await seedCertifications(trx, institutionIds, added, now);
    const institutionId = institutionIds.get(SEODAEMUN_CODE)!;
    const departmentIds = await seedDepartments(trx, institutionId, added, now);
    const userIds = await seedUsers(trx, institutionIds, departmentIds, hashes, added, now);
    const roundId = await seedRound(trx, plan, institutionId, departmentIds, userIds, added, warnings, now);
    return {
      added,
      addedTotal: Object.values(added).reduce((a, b) => a + b, 0),
      institutionId,
      round: await summarizeRound(trx, roundId),
      warnings,
    };
  });
}
