// A person's own mail setting: whether the reminders and digests reach them by mail (in-app notices always do).
import { type Db, inTransaction, nowIso } from "#db/connection";
import { recordEvent } from "./audit.server";
import { done, type Outcome } from "./actions.server";
import { mailSettings } from "./mail.server";

export async function mailPreference(db: Db, userId: number) {
  const user = await db
    .selectFrom("users")
    .select(["email", "mail_opt_out"])
    .where("id", "=", userId)
    .executeTakeFirstOrThrow();
  return { email: user.email, optedOut: user.mail_opt_out === 1, mailOn: mailSettings() !== null };
}

export async function setMailOptOut(db: Db, userId: number, optOut: boolean): Promise<Outcome> {
  return inTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom("users")
      .select("mail_opt_out")
      .where("id", "=", userId)
      .executeTakeFirstOrThrow();
    if ((before.mail_opt_out === 1) === optOut) return done("mail.pref.unchanged");
    await trx
      .updateTable("users")
      .set({ mail_opt_out: optOut ? 1 : 0, updated_at: nowIso() })
      .where("id", "=", userId)
      .execute();
    await recordEvent(trx, {
      actorUserId: userId,
      entity: "user",
      entityId: userId,
      action: "mail_preference",
      before: { mailOptOut: before.mail_opt_out === 1 },
      after: { mailOptOut: optOut },
    });
    return done(optOut ? "mail.pref.off" : "mail.pref.on");
  });
}
