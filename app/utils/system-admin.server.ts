// The first system administrator of a new installation (and a way back in when every administrator is locked out):
// created from the command line (`bin/create-admin` in a release, `npm run create-admin` from source) by whoever can
// already reach the database, with a temporary password shown once and changed at the first sign-in.
import type { Kysely } from "kysely";
import { z } from "zod";
import { type Db, nowIso } from "#db/connection";
import type { Database } from "#db/schema";
import { USERNAME_PATTERN } from "~/schemas/org";
import { recordEvent } from "./audit.server";
import { generateTemporaryPassword, hashPassword } from "./password.server";

export const NewSystemAdminSchema = z.object({
  username: z.string().trim().toLowerCase().regex(USERNAME_PATTERN, "username: 3–40 characters of a–z, 0–9, . _ -"),
  displayName: z.string().trim().normalize("NFC").min(1, "name: required").max(50, "name: at most 50 characters"),
  email: z.email("email: not an e-mail address").max(254).nullable().default(null),
});
export type NewSystemAdmin = z.input<typeof NewSystemAdminSchema>;

export type CreateSystemAdminResult =
  { ok: true; userId: number; username: string; temporaryPassword: string } | { ok: false; errors: string[] };

/** Creates a system administrator who must change the temporary password at the first sign-in. Audited (no actor). */
export async function createSystemAdmin(db: Kysely<Database>, input: NewSystemAdmin): Promise<CreateSystemAdminResult> {
  const parsed = NewSystemAdminSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((i) => i.message) };
  const { username, displayName, email } = parsed.data;
  const temporaryPassword = generateTemporaryPassword();
  const passwordHash = await hashPassword(temporaryPassword);
  const write = async (trx: Db): Promise<CreateSystemAdminResult> => {
    const taken = await trx.selectFrom("users").select("id").where("username", "=", username).executeTakeFirst();
    if (taken) return { ok: false, errors: [`username: "${username}" is already taken`] };
    const now = nowIso();
    const user = await trx
      .insertInto("users")
      .values({
        username,
        display_name: displayName,
        email,
        password_hash: passwordHash,
        is_system_admin: 1,
        must_change_password: 1,
        created_at: now,
        updated_at: now,
      })
      .returning(["id", "username", "display_name", "email", "is_system_admin", "active", "must_change_password"])
      .executeTakeFirstOrThrow();
    await recordEvent(trx, {
      actorUserId: null,
      institutionId: null,
      entity: "user",
      entityId: user.id,
      action: "create",
      before: null,
      after: user,
    });
    return { ok: true, userId: user.id, username, temporaryPassword };
  };
  return db.transaction().execute(write);
}
