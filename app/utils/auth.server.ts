import { redirect } from "@remix-run/node";
import { nowIso } from "#db/connection";
import type { Actor } from "~/domain/permissions";
import { db } from "./db.server";
import { passwordCheckThrottled, recordPasswordCheck } from "./login-throttle.server";
import { UNUSABLE_PASSWORD_HASH, verifyPassword } from "./password.server";
import { sessionKey } from "./session.server";

export type SignInResult =
  { ok: true; userId: number; mustChangePassword: boolean } | { ok: false; reason: "invalid" | "throttled" };

/** Checks a username and password, refusing when too many recent attempts failed. Every attempt is recorded. */
export async function signIn(username: string, password: string, address: string): Promise<SignInResult> {
  const name = username.trim().toLowerCase();
  if (await passwordCheckThrottled(db, name, address)) return { ok: false, reason: "throttled" };

  const user = await db
    .selectFrom("users")
    .select(["id", "password_hash", "active", "must_change_password"])
    .where("username", "=", name)
    .executeTakeFirst();
  // Verify against a dummy hash when the user is unknown, so timing does not reveal which usernames exist.
  const valid = await verifyPassword(password, user?.password_hash ?? UNUSABLE_PASSWORD_HASH);
  const ok = Boolean(user && valid && user.active === 1);
  await recordPasswordCheck(db, name, address, ok);
  if (!ok || !user) return { ok: false, reason: "invalid" };
  return { ok: true, userId: user.id, mustChangePassword: user.must_change_password === 1 };
}

export interface CurrentUser {
  id: number;
  username: string;
  displayName: string;
  isSystemAdmin: boolean;
  /** Set when someone else chose the password (new account, reset): the person must pick their own first. */
  mustChangePassword: boolean;
  memberships: {
    institutionId: number;
    institutionName: string;
    role: Actor["memberships"][number]["role"];
    departmentId: number | null;
    departmentName: string | null;
  }[];
  /** Other institutions' rounds under review that this person's institution was granted to cross-review. */
  crossReviews: { roundId: number; institutionId: number; institutionName: string; roundTitle: string }[];
}

// The root loader and the page's loader both ask who is signing the request: look it up once per request.
const perRequest = new WeakMap<Request, Promise<CurrentUser | null>>();

/** The signed-in, active user with their roles, or null. */
export function getCurrentUser(request: Request): Promise<CurrentUser | null> {
  let user = perRequest.get(request);
  if (!user) {
    user = loadCurrentUser(request);
    perRequest.set(request, user);
  }
  return user;
}

async function loadCurrentUser(request: Request): Promise<CurrentUser | null> {
  const key = await sessionKey(request);
  if (key === null) return null;
  // The session and its person in one query: every page asks this first.
  const user = await db
    .selectFrom("sessions as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .select(["u.id", "u.username", "u.display_name", "u.is_system_admin", "u.active", "u.must_change_password"])
    .where("s.id", "=", key)
    .where("s.expires_at", ">", nowIso())
    .executeTakeFirst();
  if (!user || user.active !== 1) return null;
  const userId = user.id;
  const memberships = await db
    .selectFrom("memberships as m")
    .innerJoin("institutions as i", "i.id", "m.institution_id")
    .leftJoin("departments as d", "d.id", "m.department_id")
    .select([
      "m.institution_id",
      "i.name as institution_name",
      "m.role",
      "m.department_id",
      "d.name as department_name",
    ])
    .where("m.user_id", "=", userId)
    .where("i.active", "=", 1)
    .orderBy("m.id")
    .execute();
  // Only auditors cross-review, and only rounds under review (submitted or being reviewed), while the grant stands.
  const auditorOf = memberships.filter((m) => m.role === "auditor").map((m) => m.institution_id);
  const crossReviews = auditorOf.length
    ? await db
        .selectFrom("cross_review_grants as g")
        .innerJoin("rounds as r", "r.id", "g.round_id")
        .innerJoin("institutions as i", "i.id", "r.institution_id")
        .select(["r.id as round_id", "r.institution_id", "i.name", "r.title"])
        .where("g.reviewer_institution_id", "in", auditorOf)
        .where("g.revoked_at", "is", null)
        .where("r.state", "in", ["submitted", "under_review"])
        .orderBy("g.id")
        .execute()
    : [];
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    isSystemAdmin: user.is_system_admin === 1,
    mustChangePassword: user.must_change_password === 1,
    memberships: memberships.map((m) => ({
      institutionId: m.institution_id,
      institutionName: m.institution_name,
      role: m.role,
      departmentId: m.department_id,
      departmentName: m.department_name,
    })),
    crossReviews: crossReviews.map((g) => ({
      roundId: g.round_id,
      institutionId: g.institution_id,
      institutionName: g.name,
      roundTitle: g.title,
    })),
  };
}

export function toActor(user: CurrentUser): Actor {
  return {
    userId: user.id,
    isSystemAdmin: user.isSystemAdmin,
    memberships: user.memberships.map(({ institutionId, role, departmentId }) => ({
      institutionId,
      role,
      departmentId,
    })),
    crossReviews: user.crossReviews.map(({ roundId, institutionId }) => ({ roundId, institutionId })),
  };
}

/** Pages a person whose password must change can still reach. */
export const PASSWORD_CHANGE_PATHS = ["/account/password", "/logout", "/login", "/locale"];

/**
 * The signed-in user, or a redirect to the sign-in page that comes back here afterwards. A person whose password was
 * set by someone else is sent to /account/password first, from every guarded loader and action.
 */
export async function requireUser(request: Request): Promise<CurrentUser> {
  const user = await getCurrentUser(request);
  const url = new URL(request.url);
  if (!user) {
    const back = url.pathname + url.search;
    throw redirect(back === "/" ? "/login" : `/login?redirectTo=${encodeURIComponent(back)}`);
  }
  const path = url.pathname.replace(/\.data$/, "").replace(/^\/_root$/, "/");
  if (user.mustChangePassword && !PASSWORD_CHANGE_PATHS.includes(path)) throw redirect("/account/password");
  return user;
}

/**
 * The address of the person asking, as the server found it (server/app.js puts it in the load context: the socket's
 * peer, or behind a proxy listed in TRUST_PROXY the right-most X-Forwarded-For hop that is not a trusted proxy).
 * Request headers are never read here: a client can write any of them. Without a server in front (tests, `npm run
 * dev`) every request is "unknown".
 */
export function clientAddress(context: unknown): string {
  const address = (context as { clientAddress?: unknown } | null | undefined)?.clientAddress;
  return typeof address === "string" && address ? address : "unknown";
}
