import { describe, expect, it } from "vitest";
import type { ChainedEvent } from "~/domain/audit-chain";
import { verifyChain } from "~/utils/audit-chain.server";
import { db } from "./db.server";
import { verifyPassword } from "./password.server";
import { createSystemAdmin } from "./system-admin.server";

describe("createSystemAdmin (the first administrator of a new installation)", () => {
  it("creates an administrator who must change the temporary password, and audits it", async () => {
    const result = await createSystemAdmin(db, { username: " Root.Admin ", displayName: "시스템 관리자" });
    if (!result.ok) throw new Error(result.errors.join(", "));
    expect(result.username).toBe("root.admin");
    const user = await db.selectFrom("users").selectAll().where("id", "=", result.userId).executeTakeFirstOrThrow();
    expect(user).toMatchObject({
      username: "root.admin",
      display_name: "시스템 관리자",
      is_system_admin: 1,
      must_change_password: 1,
      active: 1,
    });
    expect(await verifyPassword(result.temporaryPassword, user.password_hash)).toBe(true);
    const events = (await db
      .selectFrom("audit_events")
      .selectAll()
      .orderBy("seq")
      .execute()) as unknown as ChainedEvent[];
    expect(
      events.filter((e) => e.entity === "user" && String(e.entity_id) === String(result.userId)).map((e) => e.action),
    ).toEqual(["create"]);
    expect(verifyChain(events).problems).toEqual([]);
  });

  it("refuses a taken username or a bad one, naming the field, and changes nothing", async () => {
    const before = await db
      .selectFrom("users")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const taken = await createSystemAdmin(db, { username: "root.admin", displayName: "다른 사람" });
    expect(taken).toEqual({ ok: false, errors: ['username: "root.admin" is already taken'] });
    const bad = await createSystemAdmin(db, { username: "a b", displayName: "", email: "nope" });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.map((e) => e.split(":")[0]).sort()).toEqual(["email", "name", "username"]);
    const after = await db
      .selectFrom("users")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
