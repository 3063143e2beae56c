import { type Actor, can, type Permission, type Scope } from "~/domain/permissions";
import { type CurrentUser, requireUser, toActor } from "./auth.server";

// Every loader and action starts here: who is asking, and may they do this?

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

export interface Guarded {
  user: CurrentUser;
  actor: Actor;
}

/**
 * Signs-in check plus one permission. Data of another institution answers 404 (its existence is not revealed);
 * a permission the person's role lacks in their own institution answers 403.
 */
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
