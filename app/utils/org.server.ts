// Institutions, departments and people: the reads the management pages show and every change they make.
// Each function takes the database first (a transaction works too), checks that its target lies in the scope it
// was given (404 otherwise, so another institution's rows look absent), writes in one transaction and records an
// audit event for each changed row. Password hashes never reach a page or the audit log.
import { redirect } from "@remix-run/node";
import { sql } from "kysely";
import { type Db, inTransaction, nowIso } from "#db/connection";
import type { InstitutionType, Role } from "#db/schema";
import { type AdminRole, type AdminUserIntent, type InstitutionIntent, type OrgIntent } from "~/schemas/org";
import type { Actor } from "~/domain/permissions";
import type { MessageKey, Params } from "~/i18n";
import type { Outcome } from "./actions.server";
import { recordEvent } from "./audit.server";
import { db as appDb } from "./db.server";
import { type FieldErrors } from "./forms";
import { passwordCheckThrottled, recordPasswordCheck } from "./login-throttle.server";
import { generateTemporaryPassword, hashPassword, verifyPassword } from "./password.server";
import { PASSWORD_CHANGE_PATHS } from "./auth.server";
import { found, notFound } from "./guards.server";

export { generateTemporaryPassword };

/** Where a person acts: one institution's page, or the administrator's system-wide pages. */
export type OrgScope = { institutionId: number } | "any";

const done = (key: MessageKey, params?: Params): Outcome => ({ ok: true, notice: { key, params } });
const refuse = (errors: FieldErrors): Outcome => ({ ok: false, errors });
const flag = (on: boolean) => (on ? 1 : 0);

// ---------------------------------------------------------------------------------------------------------------
// Institutions.

export async function listInstitutions(db: Db) {
  const rows = await db
    .selectFrom("institutions as i")
    .select((eb) => [
      "i.id",
      "i.code",
      "i.name",
      "i.region",
      "i.type",
      "i.active",
      eb
        .selectFrom("departments as d")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("d.institution_id", "=", "i.id")
        .where("d.active", "=", 1)
        .as("departments"),
      eb
        .selectFrom("memberships as m")
        .innerJoin("users as u", "u.id", "m.user_id")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("m.institution_id", "=", "i.id")
        .where("u.active", "=", 1)
        .as("users"),
    ])
    .orderBy("i.active", "desc")
    .orderBy("i.region")
    .orderBy("i.name")
    .execute();
  return rows.map((r) => ({
    ...r,
    active: r.active === 1,
    departments: Number(r.departments ?? 0),
    users: Number(r.users ?? 0),
  }));
}

export async function getInstitution(db: Db, institutionId: number) {
  const row = found(
    await db
      .selectFrom("institutions")
      .select(["id", "code", "name", "region", "type", "active"])
      .where("id", "=", institutionId)
      .executeTakeFirst(),
  );
  return { ...row, active: row.active === 1 };
}

export async function createInstitution(
  db: Db,
  actor: Actor,
  input: { code: string; name: string; region: string; type: InstitutionType },
): Promise<Outcome> {
  return inTransaction(db, async (trx) => {
    const taken = await trx.selectFrom("institutions").select("id").where("code", "=", input.code).executeTakeFirst();
    if (taken) return refuse({ code: "org.error.codeTaken" });
    const row = await trx
      .insertInto("institutions")
      .values({ ...input, created_at: nowIso() })
      .returning(["id", "code", "name", "region", "type", "active"])
      .executeTakeFirstOrThrow();
    await recordEvent(trx, {
      actorUserId: actor.userId,
      institutionId: row.id,
      entity: "institution",
      entityId: row.id,
      action: "create",
      before: null,
      after: row,
    });
    return done("org.institutions.created", { name: row.name });
  });
}

export async function setInstitutionActive(
  db: Db,
  actor: Actor,
  institutionId: number,
  active: boolean,
): Promise<Outcome> {
  return inTransaction(db, async (trx) => {
    const row = found(
      await trx
        .selectFrom("institutions")
        .select(["id", "name", "active"])
        .where("id", "=", institutionId)
        .executeTakeFirst(),
    );
    const notice = active ? "org.institutions.reactivated" : "org.institutions.deactivated";
    if (row.active === flag(active)) return done(notice, { name: row.name });
    await trx
      .updateTable("institutions")
      .set({ active: flag(active) })
      .where("id", "=", row.id)
      .execute();
    await recordEvent(trx, {
      actorUserId: actor.userId,
      institutionId: row.id,
      entity: "institution",
      entityId: row.id,
      action: active ? "reactivate" : "deactivate",
      before: { active: row.active },
      after: { active: flag(active) },
    });
    return done(notice, { name: row.name });
  });
}

export async function runInstitutionIntent(db: Db, actor: Actor, intent: InstitutionIntent): Promise<Outcome> {
  switch (intent.intent) {
    case "createInstitution":
      return createInstitution(db, actor, {
        code: intent.code,
        name: intent.name,
        region: intent.region,
        type: intent.type,
      });
    case "deactivateInstitution":
    case "reactivateInstitution":
      return setInstitutionActive(db, actor, intent.institutionId, intent.intent === "reactivateInstitution");
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Departments.

export async function listDepartments(db: Db, institutionIds: number[]) {
  if (institutionIds.length === 0) return [];
  const rows = await db
    .selectFrom("departments as d")
    .select((eb) => [
      "d.id",
      "d.institution_id as institutionId",
      "d.name",
      "d.is_lead",
      "d.active",
      eb
        .selectFrom("memberships as m")
        .innerJoin("users as u", "u.id", "m.user_id")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("m.department_id", "=", "d.id")
        .where("u.active", "=", 1)
        .as("members"),
    ])
    .where("d.institution_id", "in", institutionIds)
    .orderBy("d.active", "desc")
    .orderBy("d.is_lead", "desc")
    .orderBy("d.sort_order")
    .orderBy("d.name")
    .execute();
  return rows.map(({ is_lead, ...r }) => ({
    ...r,
    isLead: is_lead === 1,
    active: r.active === 1,
    members: Number(r.members ?? 0),
  }));
}

async function departmentIn(trx: Db, institutionId: number, departmentId: number) {
  return found(
    await trx
      .selectFrom("departments")
      .select(["id", "name", "is_lead", "active"])
      .where("id", "=", departmentId)
      .where("institution_id", "=", institutionId)
      .executeTakeFirst(),
  );
}

async function nameTaken(trx: Db, institutionId: number, name: string, exceptId = 0) {
  const row = await trx
    .selectFrom("departments")
    .select("id")
    .where("institution_id", "=", institutionId)
    .where("name", "=", name)
    .where("id", "!=", exceptId)
    .executeTakeFirst();
  return Boolean(row);
}

export async function createDepartment(db: Db, actor: Actor, institutionId: number, name: string): Promise<Outcome> {
  return inTransaction(db, async (trx) => {
    if (await nameTaken(trx, institutionId, name)) return refuse({ name: "org.error.departmentTaken" });
    const last = await trx
      .selectFrom("departments")
      .select((eb) => eb.fn.max("sort_order").as("n"))
      .where("institution_id", "=", institutionId)
      .executeTakeFirst();
    const row = await trx
      .insertInto("departments")
      .values({ institution_id: institutionId, name, sort_order: Number(last?.n ?? 0) + 1, created_at: nowIso() })
      .returning(["id", "institution_id", "name", "is_lead", "active", "sort_order"])
      .executeTakeFirstOrThrow();
    await recordEvent(trx, {
      actorUserId: actor.userId,
      institutionId,
      entity: "department",
      entityId: row.id,
      action: "create",
      before: null,
      after: row,
    });
    return done("org.departments.created", { name });
  });
}

export async function renameDepartment(
  db: Db,
  actor: Actor,
  institutionId: number,
  departmentId: number,
  name: string,
): Promise<Outcome> {
  return inTransaction(db, async (trx) => {
    const row = await departmentIn(trx, institutionId, departmentId);
    if (row.name === name) return done("org.departments.renamed", { name });
    if (await nameTaken(trx, institutionId, name, row.id)) return refuse({ name: "org.error.departmentTaken" });
    await trx.updateTable("departments").set({ name }).where("id", "=", row.id).execute();
    await recordEvent(trx, {
      actorUserId: actor.userId,
      institutionId,
      entity: "department",
      entityId: row.id,
      action: "rename",
      before: { name: row.name },
      after: { name },
    });
    return done("org.departments.renamed", { name });
  });
}

/** One lead department per institution: marking one unmarks the others, each with its own event. */
export async function setLeadDepartment(
  db: Db,
  actor: Actor,
  institutionId: number,
  departmentId: number,
): Promise<Outcome> {
  return inTransaction(db, async (trx) => {
    const row = await departmentIn(trx, institutionId, departmentId);
    if (row.active !== 1) return refuse({ _form: "org.error.departmentInactive" });
    if (row.is_lead === 1) return done("org.departments.leadSet", { name: row.name });
    const previous = await trx
      .selectFrom("departments")
      .select("id")
      .where("institution_id", "=", institutionId)
      .where("is_lead", "=", 1)
      .execute();
    for (const p of previous) {
      await trx.updateTable("departments").set({ is_lead: 0 }).where("id", "=", p.id).execute();
      await recordEvent(trx, {
        actorUserId: actor.userId,
        institutionId,
        entity: "department",
        entityId: p.id,
        action: "lead.unset",
        before: { is_lead: 1 },
        after: { is_lead: 0 },
      });
    }
    await trx.updateTable("departments").set({ is_lead: 1 }).where("id", "=", row.id).execute();
    await recordEvent(trx, {
      actorUserId: actor.userId,
      institutionId,
      entity: "department",
      entityId: row.id,
      action: "lead.set",
      before: { is_lead: 0 },
      after: { is_lead: 1 },
    });
    return done("org.departments.leadSet", { name: row.name });
  });
}

export async function setDepartmentActive(
  db: Db,
  actor: Actor,
  institutionId: number,
  departmentId: number,
  active: boolean,
): Promise<Outcome> {
  return inTransaction(db, async (trx) => {
    const row = await departmentIn(trx, institutionId, departmentId);
    const notice = active ? "org.departments.reactivated" : "org.departments.deactivated";
    if (row.active === flag(active)) return done(notice, { name: row.name });
    if (!active) {
      const members = await trx
        .selectFrom("memberships as m")
        .innerJoin("users as u", "u.id", "m.user_id")
        .select("m.id")
        .where("m.department_id", "=", row.id)
        .where("u.active", "=", 1)
        .executeTakeFirst();
      if (members) return refuse({ _form: "org.error.departmentHasMembers" });
    }
    await trx
      .updateTable("departments")
      .set({ active: flag(active) })
      .where("id", "=", row.id)
      .execute();
    await recordEvent(trx, {
      actorUserId: actor.userId,
      institutionId,
      entity: "department",
      entityId: row.id,
      action: active ? "reactivate" : "deactivate",
      before: { active: row.active },
      after: { active: flag(active) },
    });
    return done(notice, { name: row.name });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// People.

export interface PeopleFilter {
  institutionId?: number;
  role?: AdminRole;
  q?: string;
  limit?: number;
}

/** One row per membership (a system administrator without one gets a row of their own), newest filters first. */
export async function listPeople(db: Db, filter: PeopleFilter = {}) {
  const limit = filter.limit ?? 500;
  let query = db
    .selectFrom("users as u")
    .leftJoin("memberships as m", "m.user_id", "u.id")
    .leftJoin("institutions as i", "i.id", "m.institution_id")
    .leftJoin("departments as d", "d.id", "m.department_id")
    .select([
      "u.id as userId",
      "u.username",
      "u.display_name as displayName",
      "u.email",
      "u.active",
      "u.must_change_password",
      "u.is_system_admin",
      "m.id as membershipId",
      "m.institution_id as institutionId",
      "i.name as institutionName",
      "m.role",
      "m.department_id as departmentId",
      "d.name as departmentName",
    ]);
  if (filter.institutionId !== undefined) query = query.where("m.institution_id", "=", filter.institutionId);
  if (filter.role === "system_admin") query = query.where("u.is_system_admin", "=", 1);
  else if (filter.role) query = query.where("m.role", "=", filter.role);
  const q = filter.q?.trim();
  if (q) {
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where(
      sql<boolean>`(${sql.ref("u.display_name")} like ${pattern} escape '\\' or ${sql.ref("u.username")} like ${pattern.toLowerCase()} escape '\\')`,
    );
  }
  const rows = await query
    .orderBy("u.active", "desc")
    .orderBy("i.name")
    .orderBy(sql`case m.role when 'coordinator' then 0 when 'auditor' then 1 else 2 end`)
    .orderBy("u.display_name")
    .orderBy("u.id")
    .limit(limit + 1)
    .execute();
  const people = rows.slice(0, limit).map(({ active, must_change_password, is_system_admin, ...r }) => ({
    ...r,
    active: active === 1,
    mustChangePassword: must_change_password === 1,
    isSystemAdmin: is_system_admin === 1,
  }));
  return { people, more: rows.length > limit };
}
export type Person = Awaited<ReturnType<typeof listPeople>>["people"][number];

/**
 * The user an action is aimed at, when it lies in the scope. On an institution's page that means a member of it; and
 * whoever is not a system administrator never reaches an administrator's account or one that also belongs elsewhere.
 */
async function targetUser(trx: Db, actor: Actor, scope: OrgScope, userId: number) {
  const user = found(
    await trx
      .selectFrom("users")
      .select(["id", "username", "display_name", "active", "is_system_admin", "must_change_password"])
      .where("id", "=", userId)
      .executeTakeFirst(),
  );
  const memberships = await trx
    .selectFrom("memberships")
    .select(["id", "institution_id", "role", "department_id"])
    .where("user_id", "=", userId)
    .orderBy("id")
    .execute();
  if (scope === "any") return { user, memberships };
  if (!memberships.some((m) => m.institution_id === scope.institutionId)) notFound();
  if (
    !actor.isSystemAdmin &&
    (user.is_system_admin === 1 || memberships.some((m) => m.institution_id !== scope.institutionId))
  )
    notFound();
  return { user, memberships: memberships.filter((m) => m.institution_id === scope.institutionId) };
}

/** The department chosen for a member: inside the institution (404 on an institution page, a field error system-wide) and in use. */
async function checkDepartment(
  trx: Db,
  scope: OrgScope,
  institutionId: number,
  departmentId: number | null,
): Promise<FieldErrors | null> {
  if (departmentId === null) return null;
  const row = await trx
    .selectFrom("departments")
    .select(["institution_id", "active"])
    .where("id", "=", departmentId)
    .executeTakeFirst();
  if (!row || row.institution_id !== institutionId) {
    if (scope !== "any") notFound();
    return { departmentId: "org.error.departmentElsewhere" };
  }
  return row.active === 1 ? null : { departmentId: "org.error.departmentInactive" };
}

async function otherActiveCoordinators(trx: Db, institutionId: number, userId: number): Promise<number> {
  const row = await trx
    .selectFrom("memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("m.institution_id", "=", institutionId)
    .where("m.role", "=", "coordinator")
    .where("u.active", "=", 1)
    .where("u.id", "!=", userId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface NewPerson {
  username: string;
  displayName: string;
  email: string | null;
  role: AdminRole;
  institutionId: number | null;
  departmentId: number | null;
}

/** Creates an account with a temporary password (shown once) that must be changed at the first sign-in. */
export async function createPerson(db: Db, actor: Actor, scope: OrgScope, input: NewPerson): Promise<Outcome> {
  const institutionId = scope === "any" ? input.institutionId : scope.institutionId;
  const role = input.role;
  if (role === "system_admin" && (scope !== "any" || !actor.isSystemAdmin)) return refuse({ role: "org.error.role" });
  const password = generateTemporaryPassword();
  const passwordHash = await hashPassword(password);
  return inTransaction(db, async (trx) => {
    if (role !== "system_admin") {
      const institution =
        institutionId === null
          ? undefined
          : await trx.selectFrom("institutions").select("active").where("id", "=", institutionId).executeTakeFirst();
      if (!institution) return scope === "any" ? refuse({ institutionId: "org.error.institution" }) : notFound();
      if (institution.active !== 1)
        return refuse(
          scope === "any"
            ? { institutionId: "org.error.institutionInactive" }
            : { _form: "org.error.institutionInactive" },
        );
      const problem = await checkDepartment(trx, scope, institutionId!, input.departmentId);
      if (problem) return refuse(problem);
    }
    const taken = await trx.selectFrom("users").select("id").where("username", "=", input.username).executeTakeFirst();
    if (taken) return refuse({ username: "org.error.usernameTaken" });
    const now = nowIso();
    const user = await trx
      .insertInto("users")
      .values({
        username: input.username,
        display_name: input.displayName,
        email: input.email,
        password_hash: passwordHash,
        is_system_admin: flag(role === "system_admin"),
        must_change_password: 1,
        created_at: now,
        updated_at: now,
      })
      .returning(["id", "username", "display_name", "email", "is_system_admin", "active", "must_change_password"])
      .executeTakeFirstOrThrow();
    await recordEvent(trx, {
      actorUserId: actor.userId,
      institutionId,
      entity: "user",
      entityId: user.id,
      action: "create",
      before: null,
      after: user,
    });
    if (role !== "system_admin") {
      const membership = await trx
        .insertInto("memberships")
        .values({
          user_id: user.id,
          institution_id: institutionId!,
          role,
          department_id: input.departmentId,
          created_at: now,
        })
        .returning(["id", "user_id", "institution_id", "role", "department_id"])
        .executeTakeFirstOrThrow();
      await recordEvent(trx, {
        actorUserId: actor.userId,
        institutionId,
        entity: "membership",
        entityId: membership.id,
        action: "create",
        before: null,
        after: membership,
      });
    }
    return {
      ok: true as const,
      notice: { key: "org.people.created" as const, params: { name: user.display_name } },
      temporaryPassword: { username: user.username, displayName: user.display_name, password },
    };
  });
}

/** Changes a person's role and department in one institution. Nobody changes their own role; the last coordinator stays. */
export async function updateMembership(
  db: Db,
  actor: Actor,
  scope: OrgScope,
  input: { userId: number; institutionId: number; role: Role; departmentId: number | null },
): Promise<Outcome> {
  const institutionId = scope === "any" ? input.institutionId : scope.institutionId;
  return inTransaction(db, async (trx) => {
    const { user, memberships } = await targetUser(trx, actor, scope, input.userId);
    const membership = found(memberships.find((m) => m.institution_id === institutionId));
    if (membership.role !== input.role) {
      if (user.id === actor.userId) return refuse({ role: "org.error.ownRole" });
      if (
        membership.role === "coordinator" &&
        user.active === 1 &&
        (await otherActiveCoordinators(trx, institutionId, user.id)) === 0
      ) {
        return refuse({ role: "org.error.lastCoordinator" });
      }
    }
    if (input.departmentId !== membership.department_id) {
      const problem = await checkDepartment(trx, scope, institutionId, input.departmentId);
      if (problem) return refuse(problem);
    }
    if (membership.role === input.role && membership.department_id === input.departmentId)
      return done("org.people.updated", { name: user.display_name });
    await trx
      .updateTable("memberships")
      .set({ role: input.role, department_id: input.departmentId })
      .where("id", "=", membership.id)
      .execute();
    await recordEvent(trx, {
      actorUserId: actor.userId,
      institutionId,
      entity: "membership",
      entityId: membership.id,
      action: "update",
      before: { user_id: user.id, role: membership.role, department_id: membership.department_id },
      after: { user_id: user.id, role: input.role, department_id: input.departmentId },
    });
    return done("org.people.updated", { name: user.display_name });
  });
}

/** Deactivation ends every session of the person at once; nobody deactivates themselves or an institution's last coordinator. */
export async function setUserActive(
  db: Db,
  actor: Actor,
  scope: OrgScope,
  userId: number,
  active: boolean,
): Promise<Outcome> {
  return inTransaction(db, async (trx) => {
    const { user, memberships } = await targetUser(trx, actor, scope, userId);
    const notice = active ? "org.people.reactivated" : "org.people.deactivated";
    if (user.active === flag(active)) return done(notice, { name: user.display_name });
    if (!active) {
      if (user.id === actor.userId) return refuse({ _form: "org.error.selfDeactivate" });
      for (const m of memberships.filter((x) => x.role === "coordinator")) {
        if ((await otherActiveCoordinators(trx, m.institution_id, user.id)) === 0)
          return refuse({ _form: "org.error.lastCoordinator" });
      }
    }
    await trx
      .updateTable("users")
      .set({ active: flag(active), updated_at: nowIso() })
      .where("id", "=", user.id)
      .execute();
    const ended = active
      ? 0
      : Number((await trx.deleteFrom("sessions").where("user_id", "=", user.id).executeTakeFirst()).numDeletedRows);
    await recordEvent(trx, {
      actorUserId: actor.userId,
      institutionId: memberships[0]?.institution_id ?? null,
      entity: "user",
      entityId: user.id,
      action: active ? "reactivate" : "deactivate",
      before: { active: user.active },
      after: { active: flag(active), sessions_ended: ended },
    });
    return done(notice, { name: user.display_name });
  });
}

/** A new temporary password (shown once), to be changed at the next sign-in; every session of the person ends. */
export async function resetPassword(db: Db, actor: Actor, scope: OrgScope, userId: number): Promise<Outcome> {
  const password = generateTemporaryPassword();
  const passwordHash = await hashPassword(password);
  return inTransaction(db, async (trx) => {
    const { user, memberships } = await targetUser(trx, actor, scope, userId);
    if (user.id === actor.userId) return refuse({ _form: "org.error.selfReset" });
    await trx
      .updateTable("users")
      .set({ password_hash: passwordHash, must_change_password: 1, updated_at: nowIso() })
      .where("id", "=", user.id)
      .execute();
    const ended = Number(
      (await trx.deleteFrom("sessions").where("user_id", "=", user.id).executeTakeFirst()).numDeletedRows,
    );
    await recordEvent(trx, {
      actorUserId: actor.userId,
      institutionId: memberships[0]?.institution_id ?? null,
      entity: "user",
      entityId: user.id,
      action: "password.reset",
      before: { must_change_password: user.must_change_password },
      after: { must_change_password: 1, sessions_ended: ended },
    });
    return {
      ok: true as const,
      notice: { key: "org.people.passwordReset" as const, params: { name: user.display_name } },
      temporaryPassword: { username: user.username, displayName: user.display_name, password },
    };
  });
}

/** Every change the institution page can make, inside that institution. */
export async function runOrgIntent(db: Db, actor: Actor, institutionId: number, intent: OrgIntent): Promise<Outcome> {
  const scope = { institutionId };
  switch (intent.intent) {
    case "createDepartment":
      return createDepartment(db, actor, institutionId, intent.name);
    case "renameDepartment":
      return renameDepartment(db, actor, institutionId, intent.departmentId, intent.name);
    case "setLeadDepartment":
      return setLeadDepartment(db, actor, institutionId, intent.departmentId);
    case "deactivateDepartment":
    case "reactivateDepartment":
      return setDepartmentActive(
        db,
        actor,
        institutionId,
        intent.departmentId,
        intent.intent === "reactivateDepartment",
      );
    case "createUser":
      return createPerson(db, actor, scope, { ...intent, institutionId });
    case "updateUser":
      return updateMembership(db, actor, scope, { ...intent, institutionId });
    default:
      return runUserTargetIntent(db, actor, scope, intent);
  }
}

/** Every change the system-wide user page can make. */
export async function runAdminUserIntent(db: Db, actor: Actor, intent: AdminUserIntent): Promise<Outcome> {
  switch (intent.intent) {
    case "createUser":
      return createPerson(db, actor, "any", intent);
    case "updateUser":
      return updateMembership(db, actor, "any", intent);
    default:
      return runUserTargetIntent(db, actor, "any", intent);
  }
}

function runUserTargetIntent(
  db: Db,
  actor: Actor,
  scope: OrgScope,
  intent: { intent: "deactivateUser" | "reactivateUser" | "resetPassword"; userId: number },
) {
  if (intent.intent === "resetPassword") return resetPassword(db, actor, scope, intent.userId);
  return setUserActive(db, actor, scope, intent.userId, intent.intent === "reactivateUser");
}

// ---------------------------------------------------------------------------------------------------------------
// Passwords.

/**
 * Changes one's own password after checking the current one; clears "must change" and ends every session of the
 * person (the caller then starts a fresh one for this browser, so only the other sessions are really lost).
 */
/**
 * The person's own password change. The current password is a password check like sign-in: throttled and recorded
 * with the sign-in attempts of the same username and address, so a session left open cannot be used to guess it.
 */
export async function changeOwnPassword(
  db: Db,
  userId: number,
  input: { current: string; next: string },
  address: string,
): Promise<Outcome> {
  const user = found(
    await db
      .selectFrom("users")
      .select(["id", "username", "password_hash", "must_change_password", "active"])
      .where("id", "=", userId)
      .executeTakeFirst(),
  );
  if (await passwordCheckThrottled(db, user.username, address)) return refuse({ current: "password.throttled" });
  const valid = user.active === 1 && (await verifyPassword(input.current, user.password_hash));
  await recordPasswordCheck(db, user.username, address, valid);
  if (!valid) return refuse({ current: "password.wrongCurrent" });
  const passwordHash = await hashPassword(input.next);
  return inTransaction(db, async (trx) => {
    // Compare-and-set on the old hash: a reset that happened in between wins, and this change is refused.
    const updated = await trx
      .updateTable("users")
      .set({ password_hash: passwordHash, must_change_password: 0, updated_at: nowIso() })
      .where("id", "=", user.id)
      .where("password_hash", "=", user.password_hash)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return refuse({ current: "password.wrongCurrent" });
    const ended = Number(
      (await trx.deleteFrom("sessions").where("user_id", "=", user.id).executeTakeFirst()).numDeletedRows,
    );
    await recordEvent(trx, {
      actorUserId: user.id,
      entity: "user",
      entityId: user.id,
      action: "password.change",
      before: { must_change_password: user.must_change_password },
      after: { must_change_password: 0, sessions_ended: ended },
    });
    return done("password.changed");
  });
}

export async function mustChangePassword(db: Db, userId: number): Promise<boolean> {
  const row = await db.selectFrom("users").select("must_change_password").where("id", "=", userId).executeTakeFirst();
  return row?.must_change_password === 1;
}

/** Pages a person who must change their password may still open. */

/**
 * Sends a person whose password was set by someone else (new account, reset) to /account/password until they choose
 * their own. Pass the request to let the password page, sign-out and the language switch through.
 */
export async function requirePasswordCurrent(userId: number, request?: Request): Promise<void> {
  if (request && PASSWORD_CHANGE_PATHS.includes(new URL(request.url).pathname)) return;
  if (await mustChangePassword(appDb, userId)) throw redirect("/account/password");
}
