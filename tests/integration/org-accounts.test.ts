// The system-wide user page and one's own password: filters, system administrators, the password change that ends
// the other sessions, and the guard that sends a person with a temporary password to change it.
import { beforeAll, describe, expect, it } from "vitest";
import { action as passwordAction, loader as passwordLoader } from "~/routes/account.password";
import { action as usersAction, loader as usersLoader } from "~/routes/admin.users";
import { signIn } from "~/utils/auth.server";
import { requirePasswordCurrent } from "~/utils/own-password.server";
import { sessionUserId } from "~/utils/session.server";
import {
  cookieFor,
  createDepartment,
  createInstitution,
  createUser,
  db,
  requestAs,
  routeArgs,
  outcome,
} from "../utils";

const usersLoad = (userId: number, search = "") =>
  outcome(async () => usersLoader(routeArgs(await requestAs(userId, `/admin/users${search}`))));
const usersPost = (userId: number, form: Record<string, string>) =>
  outcome(async () => usersAction(routeArgs(await requestAs(userId, "/admin/users", form))));
const lastEvent = () =>
  db.selectFrom("audit_events").selectAll().orderBy("seq", "desc").limit(1).executeTakeFirstOrThrow();
const eventCount = async () =>
  Number(
    (
      await db
        .selectFrom("audit_events")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

let ip = 0;
const nextIp = () => `10.88.0.${++ip}`;

let admin: { id: number }, inst: { id: number }, other: { id: number }, dept: { id: number }, otherDept: { id: number };
let coordinator: { id: number }, member: { id: number; username: string };

beforeAll(async () => {
  admin = await createUser({ admin: true });
  inst = await createInstitution("사아구");
  other = await createInstitution("자차구");
  dept = await createDepartment(inst.id, "민원토지과");
  otherDept = await createDepartment(other.id, "민원토지과");
  coordinator = await createUser({ role: "coordinator", institutionId: inst.id });
  member = await createUser({ role: "department_member", institutionId: inst.id, departmentId: dept.id });
  await db.updateTable("users").set({ display_name: "박민원" }).where("id", "=", member.id).execute();
});

describe("/admin/users", () => {
  it("is for the system administrator only", async () => {
    expect((await usersLoad(coordinator.id)).status).toBe(403);
    expect((await usersPost(coordinator.id, { intent: "resetPassword", userId: String(member.id) })).status).toBe(403);
  });

  it("lists people across institutions and filters by institution, role and name", async () => {
    const all = await usersLoad(admin.id);
    expect(all.status).toBe(200);
    const ids = all.body.people.map((p: { userId: number }) => p.userId);
    expect(ids).toEqual(expect.arrayContaining([admin.id, coordinator.id, member.id]));
    expect(JSON.stringify(all.body)).not.toMatch(/password_hash|scrypt/);

    const byRole = await usersLoad(admin.id, `?institution=${inst.id}&role=department_member`);
    expect(byRole.body.people.map((p: { userId: number }) => p.userId)).toEqual([member.id]);
    expect(byRole.body.departments.map((d: { id: number }) => d.id)).toEqual([dept.id]);
    const byName = await usersLoad(admin.id, `?q=${encodeURIComponent("박민")}`);
    expect(byName.body.people.map((p: { userId: number }) => p.userId)).toEqual([member.id]);
    const admins = await usersLoad(admin.id, "?role=system_admin");
    expect(admins.body.people.every((p: { isSystemAdmin: boolean }) => p.isSystemAdmin)).toBe(true);
    // Wildcards are searched for literally; junk filters are ignored.
    expect((await usersLoad(admin.id, "?q=%25")).body.people).toEqual([]);
    expect((await usersLoad(admin.id, "?institution=abc&role=boss")).status).toBe(200);
  });

  it("creates a system administrator (no membership) with a temporary password", async () => {
    const result = await usersPost(admin.id, {
      intent: "createUser",
      username: "ops.admin",
      displayName: "운영 관리자",
      email: "",
      role: "system_admin",
      institutionId: "",
      departmentId: "",
    });
    expect(result.body).toMatchObject({ ok: true, temporaryPassword: { username: "ops.admin" } });
    const user = await db.selectFrom("users").selectAll().where("username", "=", "ops.admin").executeTakeFirstOrThrow();
    expect(user).toMatchObject({ is_system_admin: 1, must_change_password: 1 });
    expect(await db.selectFrom("memberships").select("id").where("user_id", "=", user.id).execute()).toEqual([]);
    expect(await lastEvent()).toMatchObject({ entity: "user", action: "create", entity_id: String(user.id) });
    expect((await signIn("ops.admin", result.body.temporaryPassword.password, nextIp())).ok).toBe(true);
  });

  it("creates a member of any institution, checking that the department belongs to it", async () => {
    const events = await eventCount();
    const wrong = await usersPost(admin.id, {
      intent: "createUser",
      username: "cha.member",
      displayName: "차부서",
      email: "",
      role: "department_member",
      institutionId: String(inst.id),
      departmentId: String(otherDept.id),
    });
    expect(wrong.body).toMatchObject({ ok: false, errors: { departmentId: "org.error.departmentElsewhere" } });
    const none = await usersPost(admin.id, {
      intent: "createUser",
      username: "cha.member",
      displayName: "차부서",
      email: "",
      role: "auditor",
      institutionId: "",
      departmentId: "",
    });
    expect(none.body).toMatchObject({ ok: false, errors: { institutionId: "org.error.institutionRequired" } });
    expect(await eventCount()).toBe(events);

    const ok = await usersPost(admin.id, {
      intent: "createUser",
      username: "cha.member",
      displayName: "차부서",
      email: "",
      role: "department_member",
      institutionId: String(other.id),
      departmentId: String(otherDept.id),
    });
    expect(ok.body).toMatchObject({ ok: true });
    expect(await eventCount()).toBe(events + 2);
  });

  it("changes a membership's role and department, resets and deactivates anyone but themselves", async () => {
    const person = await createUser({ role: "auditor", institutionId: inst.id });
    const update = await usersPost(admin.id, {
      intent: "updateUser",
      userId: String(person.id),
      institutionId: String(inst.id),
      role: "department_member",
      departmentId: String(dept.id),
    });
    expect(update.body).toMatchObject({ ok: true });
    const wrongPlace = await usersPost(admin.id, {
      intent: "updateUser",
      userId: String(person.id),
      institutionId: String(other.id),
      role: "auditor",
      departmentId: "",
    });
    expect(wrongPlace.status).toBe(404);

    const reset = await usersPost(admin.id, { intent: "resetPassword", userId: String(person.id) });
    expect(reset.body.temporaryPassword.password).toBeTruthy();
    expect((await usersPost(admin.id, { intent: "deactivateUser", userId: String(person.id) })).body).toMatchObject({
      ok: true,
    });
    expect((await usersPost(admin.id, { intent: "deactivateUser", userId: String(admin.id) })).body).toMatchObject({
      errors: { _form: "org.error.selfDeactivate" },
    });
    expect((await usersPost(admin.id, { intent: "resetPassword", userId: String(admin.id) })).body).toMatchObject({
      errors: { _form: "org.error.selfReset" },
    });
    expect((await usersPost(admin.id, { intent: "resetPassword", userId: "999999" })).status).toBe(404);
  });
});

describe("/account/password", () => {
  const post = (userId: number, cookie: string, form: Record<string, string>) =>
    outcome(async () => {
      const request = new Request("http://localhost/account/password", {
        method: "POST",
        headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(form),
      });
      return passwordAction(routeArgs(request));
    });

  it("shows the must-change notice after a reset and changes the password, ending the other sessions", async () => {
    const person = await createUser({ role: "auditor", institutionId: inst.id });
    const reset = await usersPost(admin.id, { intent: "resetPassword", userId: String(person.id) });
    const temporary: string = reset.body.temporaryPassword.password;
    const here = await cookieFor(person.id);
    const elsewhere = await cookieFor(person.id);

    const page = await outcome(async () =>
      passwordLoader(routeArgs(new Request("http://localhost/account/password", { headers: { Cookie: here } }))),
    );
    expect(page.body).toMatchObject({ mustChange: true, mail: { optedOut: false } });
    // Until then, every other page sends them here (the guard lets this page itself through).
    const guarded = await outcome(() => requirePasswordCurrent(person.id));
    expect(guarded.status).toBe(302);
    expect(guarded.body.headers.get("Location")).toBe("/account/password");
    expect(
      (await outcome(() => requirePasswordCurrent(person.id, new Request("http://localhost/account/password")))).status,
    ).toBe(200);

    const wrong = await post(person.id, here, {
      current: "not it 123",
      next: "새로운 비밀번호 2024",
      confirm: "새로운 비밀번호 2024",
    });
    expect(wrong).toMatchObject({ status: 400, body: { ok: false, errors: { current: "password.wrongCurrent" } } });
    expect(JSON.stringify(wrong.body)).not.toContain("새로운 비밀번호");
    const weak = await post(person.id, here, { current: temporary, next: "abcdefghijk", confirm: "abcdefghijk" });
    expect(weak.body).toMatchObject({ errors: { next: "password.weak" } });
    const mismatch = await post(person.id, here, {
      current: temporary,
      next: "새로운 비밀번호 2024",
      confirm: "새로운 비밀번호 2025",
    });
    expect(mismatch.body).toMatchObject({ errors: { confirm: "password.mismatch" } });

    const events = await eventCount();
    const done = await post(person.id, here, {
      current: temporary,
      next: "새로운 비밀번호 2024",
      confirm: "새로운 비밀번호 2024",
    });
    expect(done.status).toBe(302);
    const response = done.body as Response;
    expect(response.headers.get("Location")).toBe("/?passwordChanged=1");
    const fresh = (response.headers.get("Set-Cookie") ?? "").split(";")[0];
    expect(fresh).toMatch(/^__session=/);

    expect(await sessionUserId(new Request("http://localhost/", { headers: { Cookie: elsewhere } }))).toBeNull();
    expect(await sessionUserId(new Request("http://localhost/", { headers: { Cookie: fresh } }))).toBe(person.id);
    const row = await db
      .selectFrom("users")
      .select(["must_change_password"])
      .where("id", "=", person.id)
      .executeTakeFirstOrThrow();
    expect(row.must_change_password).toBe(0);
    await expect(requirePasswordCurrent(person.id)).resolves.toBeUndefined();
    expect(
      await signIn(
        (await db.selectFrom("users").select("username").where("id", "=", person.id).executeTakeFirstOrThrow())
          .username,
        "새로운 비밀번호 2024",
        nextIp(),
      ),
    ).toMatchObject({ ok: true, mustChangePassword: false });

    expect(await eventCount()).toBe(events + 1);
    const event = await lastEvent();
    expect(event).toMatchObject({
      entity: "user",
      entity_id: String(person.id),
      action: "password.change",
      actor_user_id: person.id,
    });
    expect(JSON.parse(event.after_json!)).toEqual({ must_change_password: 0, sessions_ended: 2 });
  });

  it("sends a signed-out visitor to sign in", async () => {
    const result = await outcome(async () => passwordLoader(routeArgs(await requestAs(null, "/account/password"))));
    expect(result.status).toBe(302);
  });
});
