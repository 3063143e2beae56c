import { createHash, randomBytes } from "node:crypto";
import { createCookie } from "@remix-run/node";
import { nowIso } from "#db/connection";
import { db } from "./db.server";
import { env } from "./env.server";

// A session is a random token in an httpOnly cookie; the database keeps only its SHA-256, its owner and its expiry.
// Any app server can check it (no in-process state), sign-out deletes it, and sign-in always issues a new one
// (no session fixation).
const sessionCookie = createCookie("__session", {
  httpOnly: true,
  sameSite: "lax",
  secure: env.secureCookies,
  path: "/",
  secrets: env.sessionSecrets,
  maxAge: env.SESSION_TTL_HOURS * 3600,
});

const tokenId = (token: string) => createHash("sha256").update(token).digest("hex");

export async function createSession(userId: number, userAgent: string | null): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const now = Date.now();
  await db
    .insertInto("sessions")
    .values({
      id: tokenId(token),
      user_id: userId,
      created_at: new Date(now).toISOString(),
      expires_at: new Date(now + env.SESSION_TTL_HOURS * 3600_000).toISOString(),
      user_agent: userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return sessionCookie.serialize(token);
}

/** The session row's key for the request's cookie, or null without a (validly signed) cookie. */
export async function sessionKey(request: Request): Promise<string | null> {
  const token = await readToken(request);
  return token ? tokenId(token) : null;
}

async function readToken(request: Request): Promise<string | null> {
  const value = await sessionCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 20 ? value : null;
}

/** The user id of a live session, or null. Expired sessions are treated as absent. */
export async function sessionUserId(request: Request): Promise<number | null> {
  const token = await readToken(request);
  if (!token) return null;
  const row = await db
    .selectFrom("sessions")
    .select(["user_id", "expires_at"])
    .where("id", "=", tokenId(token))
    .executeTakeFirst();
  if (!row || row.expires_at <= nowIso()) return null;
  return row.user_id;
}

/** Deletes the session behind the request and returns a Set-Cookie header that clears the cookie. */
export async function destroySession(request: Request): Promise<string> {
  const token = await readToken(request);
  if (token) await db.deleteFrom("sessions").where("id", "=", tokenId(token)).execute();
  return sessionCookie.serialize("", { maxAge: 0 });
}

/** Ends every session of a user (deactivation, password reset). */
export async function destroyUserSessions(userId: number): Promise<void> {
  await db.deleteFrom("sessions").where("user_id", "=", userId).execute();
}
