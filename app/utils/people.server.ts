// People and their memberships: list, create, change role or department, deactivate, reset a password. Each write
// checks its target lies in the scope it was given (404 otherwise, so another institution's people look absent),
// runs in one transaction and records an audit event per changed row. Password hashes never reach a page or the log.

/** Where a person acts: one institution's page, or the administrator's system-wide pages. */
export type OrgScope = { institutionId: number } | "any";
import { sql } from "kysely";
import { type Db, inTransaction, nowIso } from "#db/connection";
import type { Role } from "#db/schema";
import { type AdminRole } from "~/schemas/org";
import type { Actor } from "~/domain/permissions";
import type { Outcome } from "./actions.server";
import { recordEvent } from "./audit.server";
import { type FieldErrors } from "./forms";
import { generateTemporaryPassword, hashPassword } from "./password.server";
import { found, notFound } from "./guards.server";
import { done, refuse } from "./actions.server";
import { asFlag as flag } from "#db/connection";

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
