// Every password check (sign-in, and the current password when changing it) goes through here: refused unchecked
// when too many recent checks failed (the rule: app/domain/sign-in-throttle.ts), recorded either way.
import { type Db, nowIso } from "#db/connection";
import { throttled } from "~/domain/sign-in-throttle";
import { env } from "./env.server";

/** True when a password check by `username` from `address` must be refused before the password is looked at. */
export async function passwordCheckThrottled(db: Db, username: string, address: string): Promise<boolean> {
  const since = new Date(Date.now() - env.LOGIN_WINDOW_MINUTES * 60_000).toISOString();
  const counts = await db
    .selectFrom("login_attempts")
    .select((eb) => [
      eb.fn
        .count<number>("id")
        .filterWhere((f) => f.and([f("username", "=", username), f("ip", "=", address)]))
        .as("pair"),
      eb.fn.count<number>("id").filterWhere("ip", "=", address).as("address"),
      eb.fn.count<number>("id").filterWhere("username", "=", username).as("username"),
    ])
    .where("succeeded", "=", 0)
    .where("at", ">", since)
    .where((eb) => eb.or([eb("username", "=", username), eb("ip", "=", address)]))
    .executeTakeFirstOrThrow();
  return throttled(
    { pair: Number(counts.pair), address: Number(counts.address), username: Number(counts.username) },
    env.LOGIN_MAX_FAILURES,
  );
}

export async function recordPasswordCheck(db: Db, username: string, address: string, ok: boolean): Promise<void> {
  await db
    .insertInto("login_attempts")
    .values({ username, ip: address, succeeded: ok ? 1 : 0, at: nowIso() })
    .execute();
}
