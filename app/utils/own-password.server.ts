// A person's own password: the change (throttled like sign-in) and the "must change" gate.
import { redirect } from "@remix-run/node";
import { type Db, inTransaction, nowIso } from "#db/connection";
import type { Outcome } from "./actions.server";
import { recordEvent } from "./audit.server";
import { db as appDb } from "./db.server";
import { passwordCheckThrottled, recordPasswordCheck } from "./login-throttle.server";
import { hashPassword, verifyPassword } from "./password.server";
import { PASSWORD_CHANGE_PATHS } from "./auth.server";
import { found } from "./guards.server";
import { done, refuse } from "./actions.server";

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
