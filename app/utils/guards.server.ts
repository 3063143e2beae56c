// Every loader and action starts here: who is asking, and may they do this? One module holds the guards: the
// permission check itself (requirePermission / assertCan over app/domain/permissions.ts), the route parameter that
// must be a row id, and the guards of the pages that are about one thing (a round, an institution, a department's
// worklist, an indicator). Data of another institution answers 404 (its existence is not revealed); a permission the
// person's role lacks inside their own institution answers 403.
import type { Db } from "#db/connection";
import type { ResponseRow, Round } from "#db/schema";
import type { Edition, Indicator } from "#indicators/schema";
import { type Actor, can, crossReviews, type Permission, primaryMembership, type Scope } from "~/domain/permissions";
import { type AssignmentRole, type EditLock, editLock } from "~/domain/response-rules";
import { type CurrentUser, requireUser, toActor } from "./auth.server";
import { db as appDb } from "./db.server";
import { getEdition } from "./editions.server";

export function forbidden(): never {
  throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
}

export function notFound(): never {
  throw new Response("Not Found", { status: 404, statusText: "Not Found" });
}

/** Throws a 404 when a row is missing, so "absent" and "not yours" look the same from outside. */
export function found<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) notFound();
  return value;
}

/** A route parameter that must be a row id; anything else is a page that does not exist. */
export function idParam(value: string | undefined): number {
  if (!value || !/^[1-9]\d{0,11}$/.test(value)) notFound();
  return Number(value);
}

export interface Guarded {
  user: CurrentUser;
  actor: Actor;
}

/** Signs-in check plus one permission. */
export async function requirePermission(request: Request, permission: Permission, scope: Scope = {}): Promise<Guarded> {
  const user = await requireUser(request);
  const actor = toActor(user);
  assertCan(actor, permission, scope);
  return { user, actor };
}

export function assertCan(actor: Actor, permission: Permission, scope: Scope = {}): void {
  if (can(actor, permission, scope)) return;
  const insideOwnInstitution =
    scope.institutionId === undefined || actor.memberships.some((m) => m.institutionId === scope.institutionId);
  if (insideOwnInstitution) forbidden();
  notFound();
}

export async function requireSignedIn(request: Request): Promise<Guarded> {
  const user = await requireUser(request);
  return { user, actor: toActor(user) };
}

async function roundById(db: Db, roundId: number): Promise<Round> {
  return found(await db.selectFrom("rounds").selectAll().where("id", "=", roundId).executeTakeFirst());
}

// ---------------------------------------------------------------------------------------------------------------
// Pages about one round, one institution, one department's worklist.

/** Signs in, loads the round and checks the permission against its institution (404 for another institution's). */
export async function guardRound(request: Request, roundIdParam: string | undefined, permission: Permission) {
  const { user, actor } = await requireSignedIn(request);
  const round = await roundById(appDb, idParam(roundIdParam));
  assertCan(actor, permission, { institutionId: round.institution_id, roundId: round.id });
  return { user, actor, round };
}

/** The institution a rounds page is about: the admin's ?institution=, otherwise the person's own. */
export async function guardInstitution(request: Request, permission: Permission) {
  const { user, actor } = await requireSignedIn(request);
  const asked = new URL(request.url).searchParams.get("institution");
  const institutionId = asked ? idParam(asked) : (primaryMembership(actor)?.institutionId ?? null);
  if (institutionId === null) notFound();
  assertCan(actor, permission, { institutionId });
  return { user, actor, institutionId };
}

/** The system administrator, or the institution's own coordinator: both manage its departments and its people. */
export async function guardOrgManager(request: Request, institutionIdParam: string | undefined) {
  const institutionId = idParam(institutionIdParam);
  const guard = await requirePermission(request, "manage:user:institution", { institutionId });
  assertCan(guard.actor, "manage:department:institution", { institutionId });
  return { ...guard, institutionId };
}

/** A round and the actor's department in its institution; 404 outside the institution, 403 without a department. */
export async function guardDepartmentWork(request: Request, roundIdParam: string | undefined) {
  const { user, actor } = await requireSignedIn(request);
  const round = await roundById(appDb, idParam(roundIdParam));
  const m = actor.memberships.find((x) => x.institutionId === round.institution_id);
  if (!m) notFound();
  const departmentIds = m.departmentId === null ? [] : [m.departmentId];
  assertCan(actor, "update:response:own-dept", { institutionId: round.institution_id, departmentIds });
  const department = found(
    await appDb.selectFrom("departments").select(["id", "name"]).where("id", "=", m.departmentId!).executeTakeFirst(),
  );
  return { user, actor, round, department };
}

// ---------------------------------------------------------------------------------------------------------------
// One indicator of a round: who may read it, change it, comment on it.

/** Signs in and loads the round's indicator for the actor (see indicatorContext). */
export async function guardIndicator(request: Request, roundIdParam: string | undefined, code: string | undefined) {
  const { user, actor } = await requireSignedIn(request);
  return { user, actor, ctx: await indicatorContext(appDb, actor, roundIdParam, code) };
}

export interface AssignedDepartment {
  departmentId: number;
  departmentName: string;
  role: AssignmentRole;
}

export interface IndicatorContext {
  round: Round;
  edition: Edition;
  indicator: Indicator;
  assignments: AssignedDepartment[];
  response: ResponseRow | null;
  /** The actor may change this indicator's response (their department is assigned and they are a member). */
  mayUpdate: boolean;
  /** The role of the actor's department for this indicator, if assigned. */
  role: AssignmentRole | null;
  lock: EditLock;
}

/**
 * Loads a round's indicator for the actor, or throws: 404 for a missing round or indicator and for another
 * institution's data; 403 inside one's own institution when the indicator is not the department's.
 */
export async function indicatorContext(
  db: Db,
  actor: Actor,
  roundIdParam: string | undefined,
  code: string | undefined,
): Promise<IndicatorContext> {
  const round = await roundById(db, idParam(roundIdParam));
  const institutionId = round.institution_id;
  if (
    !actor.isSystemAdmin &&
    !actor.memberships.some((m) => m.institutionId === institutionId) &&
    !crossReviews(actor, { institutionId, roundId: round.id })
  )
    notFound();
  const edition = found(await getEdition(db, round.edition_id));
  const indicator = found(edition.indicators.find((i) => i.code === code));
  const assignments = await db
    .selectFrom("assignments as a")
    .innerJoin("departments as d", "d.id", "a.department_id")
    .select(["a.department_id", "d.name", "a.role"])
    .where("a.round_id", "=", round.id)
    .where("a.indicator_code", "=", indicator.code)
    .orderBy("a.role")
    .orderBy("d.sort_order")
    .execute();
  const scope = { institutionId, departmentIds: assignments.map((a) => a.department_id) };
  if (
    !can(actor, "read:response:own-dept", scope) &&
    !can(actor, "read:round:institution", { institutionId, roundId: round.id })
  ) {
    assertCan(actor, "read:response:own-dept", scope);
  }
  const response =
    (await db
      .selectFrom("responses")
      .selectAll()
      .where("round_id", "=", round.id)
      .where("indicator_code", "=", indicator.code)
      .executeTakeFirst()) ?? null;
  const mayUpdate = can(actor, "update:response:own-dept", scope);
  const ownDepartments = actor.memberships
    .filter((m) => m.institutionId === institutionId && m.departmentId !== null)
    .map((m) => m.departmentId);
  const own = assignments.filter((a) => ownDepartments.includes(a.department_id));
  const role: AssignmentRole | null = own.some((a) => a.role === "lead") ? "lead" : own.length ? "support" : null;
  return {
    round,
    edition,
    indicator,
    assignments: assignments.map((a) => ({ departmentId: a.department_id, departmentName: a.name, role: a.role })),
    response,
    mayUpdate,
    role,
    lock: editLock({ roundState: round.state, status: response?.status ?? "not_started", mayUpdate }),
  };
}

/** Throws 403 unless the actor may change the response now; used first by every writing action. */
export function assertMayUpdate(actor: Actor, ctx: IndicatorContext): void {
  assertCan(actor, "update:response:own-dept", {
    institutionId: ctx.round.institution_id,
    departmentIds: ctx.assignments.map((a) => a.departmentId),
  });
}

/**
 * Throws 403 unless the actor may comment on this indicator: a department's people on the indicators their
 * department is assigned (a coordinator on every one), auditors and cross reviewers on the round. Whether the round
 * still takes comments (commentsOpen) is the caller's answer to give: a refusal the page explains, not a 403.
 */
export function assertMayComment(actor: Actor, ctx: Pick<IndicatorContext, "round" | "assignments">): void {
  if (mayComment(actor, ctx)) return;
  assertCan(actor, "comment:response:own-dept", {
    institutionId: ctx.round.institution_id,
    departmentIds: ctx.assignments.map((a) => a.departmentId),
  });
}

/** The check of assertMayComment as a yes or no, for the page to offer the comment forms or not. */
export function mayComment(actor: Actor, ctx: Pick<IndicatorContext, "round" | "assignments">): boolean {
  const institutionId = ctx.round.institution_id;
  return (
    can(actor, "comment:response:institution", { institutionId, roundId: ctx.round.id }) ||
    can(actor, "comment:response:own-dept", {
      institutionId,
      departmentIds: ctx.assignments.map((a) => a.departmentId),
    })
  );
}

// ---------------------------------------------------------------------------------------------------------------
// A department's evidence library (docs/decisions/036).

/**
 * The round and the department library the actor asks for (?department=): coordinators, auditors and the
 * administrator see every department's, department staff only their own (403 for another's). 404 outside the
 * institution. `mayChange` says whether the actor may upload and link there (staff of the department, coordinators).
 */
export async function guardLibrary(request: Request, roundIdParam: string | undefined) {
  const { user, actor } = await requireSignedIn(request);
  const round = await roundById(appDb, idParam(roundIdParam));
  const institutionId = round.institution_id;
  if (!actor.isSystemAdmin && !actor.memberships.some((m) => m.institutionId === institutionId)) notFound();
  const seeAll = can(actor, "read:round:institution", { institutionId, roundId: round.id });
  const own = actor.memberships
    .filter((m) => m.institutionId === institutionId && m.departmentId !== null)
    .map((m) => m.departmentId!);
  if (!seeAll && own.length === 0) forbidden();
  let query = appDb
    .selectFrom("departments")
    .select(["id", "name"])
    .where("institution_id", "=", institutionId)
    .where("active", "=", 1);
  if (!seeAll) query = query.where("id", "in", own);
  const departments = await query.orderBy("sort_order").orderBy("id").execute();
  const asked = new URL(request.url).searchParams.get("department");
  const askedId = asked ? idParam(asked) : null;
  const department =
    askedId === null
      ? (departments.find((d) => own.includes(d.id)) ?? departments[0] ?? null)
      : (departments.find((d) => d.id === askedId) ?? null);
  if (!department) {
    if (askedId !== null && !seeAll) forbidden();
    notFound();
  }
  const mayChange = can(actor, "update:response:own-dept", { institutionId, departmentIds: [department.id] });
  return { user, actor, round, departments, department, mayChange };
}
