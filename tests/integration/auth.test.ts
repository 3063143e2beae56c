// Sign-in, sessions and the guard every loader calls, against a real SQLite database.
import { describe, expect, it } from "vitest";
import { action as loginAction } from "~/routes/login";
import { action as logoutAction } from "~/routes/logout";
import { loader as homeLoader } from "~/routes/_index";
import { signIn } from "~/utils/auth.server";
import { requirePermission } from "~/utils/guards.server";
import { sessionUserId } from "~/utils/session.server";
import { createInstitution, createDepartment, createUser, db, requestAs, routeArgs, statusOf } from "../utils";

const PASSWORD = "correct horse 1";

/** A sign-in form posted from `ip` (the address the server would put in the load context). */
function loginArgs(username: string, password: string, ip = "10.0.0.1") {
  const request = new Request("http://localhost/login", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ username, password, redirectTo: "/" }),
  });
  return routeArgs(request, {}, { clientAddress: ip });
}

describe("sign-in", () => {
  it("issues a fresh httpOnly, SameSite=Lax session cookie on success and none on failure", async () => {
    const user = await createUser();
    const ok = (await loginAction(loginArgs(user.username, PASSWORD))) as Response;
    expect(ok.status).toBe(302);
    const cookie = ok.headers.get("Set-Cookie") ?? "";
    expect(cookie).toMatch(/__session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const request = new Request("http://localhost/", { headers: { Cookie: cookie.split(";")[0] } });
    expect(await sessionUserId(request)).toBe(user.id);

    const bad = await loginAction(loginArgs(user.username, "wrong password"));
    expect(bad).not.toBeInstanceOf(Response);
    expect(bad).toMatchObject({ errors: { _form: "login.invalid" } });
  });

  it("treats a name with a NUL character as any unknown one (PostgreSQL cannot even compare it)", async () => {
    // Nothing but NUL is an empty name: asked for, as when the field is left blank.
    const bad = await loginAction(loginArgs("\u0000", "ㄘ", "10.0.0.9"));
    expect(bad).not.toBeInstanceOf(Response);
    expect((bad as { errors: Record<string, string> }).errors.username).toBeTruthy();
    const nulInside = await loginAction(loginArgs(`nobody\u0000`, "wrong password", "10.0.0.9"));
    expect(nulInside).toMatchObject({ errors: { _form: "login.invalid" } });
  });

  it("gives a new session id at every sign-in (no fixation) and stores only its hash", async () => {
    const user = await createUser();
    const a = (await loginAction(loginArgs(user.username, PASSWORD))) as Response;
    const b = (await loginAction(loginArgs(user.username, PASSWORD))) as Response;
    expect(a.headers.get("Set-Cookie")).not.toBe(b.headers.get("Set-Cookie"));
    const rows = await db.selectFrom("sessions").select("id").where("user_id", "=", user.id).execute();
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(a.headers.get("Set-Cookie")).not.toContain(row.id);
  });

  it("throttles a username from the address that failed, even with the right password, but not the person elsewhere", async () => {
    const user = await createUser();
    for (let i = 0; i < 5; i++)
      expect(await signIn(user.username, "nope nope", "10.1.1.1")).toEqual({ ok: false, reason: "invalid" });
    expect(await signIn(user.username, PASSWORD, "10.1.1.1")).toEqual({ ok: false, reason: "throttled" });
    // Five wrong guesses by someone else must not lock the person out of their own account at their own desk.
    expect((await signIn(user.username, PASSWORD, "10.9.9.9")).ok).toBe(true);
  });

  it("closes a username under attack from many addresses to every address that failed, never to a clean one", async () => {
    const user = await createUser();
    // Twenty failures from twenty addresses (recorded as sign-in records them, without twenty password hashes).
    const at = new Date().toISOString();
    await db
      .insertInto("login_attempts")
      .values(Array.from({ length: 20 }, (_, i) => ({ username: user.username, ip: `10.8.${i}.1`, succeeded: 0, at })))
      .execute();
    expect(await signIn(user.username, PASSWORD, "10.8.0.1")).toEqual({ ok: false, reason: "throttled" });
    expect((await signIn(user.username, PASSWORD, "10.8.99.1")).ok).toBe(true);
  });

  it("refuses a deactivated user and treats usernames case-insensitively", async () => {
    const user = await createUser();
    expect((await signIn(user.username.toUpperCase(), PASSWORD, "10.2.2.2")).ok).toBe(true);
    await db.updateTable("users").set({ active: 0 }).where("id", "=", user.id).execute();
    expect(await signIn(user.username, PASSWORD, "10.2.2.2")).toEqual({ ok: false, reason: "invalid" });
  });

  it("rejects an empty form with field messages and writes no attempt", async () => {
    const before = await db
      .selectFrom("login_attempts")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const result = await loginAction(loginArgs("", ""));
    expect(result).toMatchObject({
      errors: { username: "login.usernameRequired", password: "login.passwordRequired" },
    });
    const after = await db
      .selectFrom("login_attempts")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it("does not follow an open redirect after sign-in", async () => {
    const user = await createUser();
    const request = new Request("http://localhost/login", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ username: user.username, password: PASSWORD, redirectTo: "//evil.example/x" }),
    });
    const res = (await loginAction(routeArgs(request))) as Response;
    expect(res.headers.get("Location")).toBe("/");
  });
});

describe("sessions", () => {
  it("sign-out deletes the session so the old cookie no longer works", async () => {
    const user = await createUser();
    const request = await requestAs(user.id, "/logout", {});
    const cookie = request.headers.get("Cookie")!;
    const res = (await logoutAction(routeArgs(request))) as Response;
    expect(res.status).toBe(302);
    expect(await sessionUserId(new Request("http://localhost/", { headers: { Cookie: cookie } }))).toBeNull();
  });

  it("an expired session is treated as signed out", async () => {
    const user = await createUser();
    const request = await requestAs(user.id, "/");
    await db
      .updateTable("sessions")
      .set({ expires_at: "2000-01-01T00:00:00.000Z" })
      .where("user_id", "=", user.id)
      .execute();
    const status = await statusOf(() => homeLoader(routeArgs(request)));
    expect(status).toBe(302);
  });

  it("a forged cookie is ignored", async () => {
    const request = new Request("http://localhost/", {
      headers: { Cookie: "__session=forged-value-with-no-signature-at-all" },
    });
    expect(await sessionUserId(request)).toBeNull();
  });
});

describe("a password set by someone else", () => {
  it("sends its owner to /account/password from every guarded page until they choose their own", async () => {
    const user = await createUser();
    await db.updateTable("users").set({ must_change_password: 1 }).where("id", "=", user.id).execute();
    for (const path of ["/", "/_root.data", "/editions"]) {
      try {
        await homeLoader(routeArgs(await requestAs(user.id, path)));
        throw new Error(`${path} was not redirected`);
      } catch (res) {
        expect((res as Response).headers.get("Location")).toBe("/account/password");
      }
    }
    await db.updateTable("users").set({ must_change_password: 0 }).where("id", "=", user.id).execute();
    const fresh = await requestAs(user.id, "/");
    expect(await statusOf(() => homeLoader(routeArgs(fresh)))).toBe(200);
  });
});

describe("requirePermission", () => {
  it("answers 404 for another institution and 403 for a missing permission in one's own", async () => {
    const a = await createInstitution("가구");
    const b = await createInstitution("나구");
    const dept = await createDepartment(a.id);
    const member = await createUser({ role: "department_member", institutionId: a.id, departmentId: dept.id });
    const req = await requestAs(member.id, "/");
    expect(await statusOf(() => requirePermission(req, "manage:round:institution", { institutionId: a.id }))).toBe(403);
    expect(await statusOf(() => requirePermission(req, "manage:round:institution", { institutionId: b.id }))).toBe(404);
    expect(
      await statusOf(() =>
        requirePermission(req, "update:response:own-dept", { institutionId: a.id, departmentIds: [dept.id] }),
      ),
    ).toBe(200);
  });

  it("sends a stranger to sign-in and remembers where they were going", async () => {
    const status = await statusOf(() =>
      requirePermission(new Request("http://localhost/rounds/1?x=1"), "read:registry:any"),
    );
    expect(status).toBe(302);
    try {
      await requirePermission(new Request("http://localhost/rounds/1?x=1"), "read:registry:any");
    } catch (res) {
      expect((res as Response).headers.get("Location")).toBe("/login?redirectTo=%2Frounds%2F1%3Fx%3D1");
    }
  });
});
