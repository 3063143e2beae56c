// Managing institutions, departments and people against a real SQLite database: who may do what where, that refusals
// change nothing, that temporary passwords work once issued, and that every change leaves an audit event.
import { beforeAll, describe, expect, it } from "vitest";
import { action as institutionsAction, loader as institutionsLoader } from "~/routes/admin.institutions";
import { action as orgAction, loader as orgLoader } from "~/routes/org.$institutionId";
import { signIn } from "~/utils/auth.server";
import { sessionUserId } from "~/utils/session.server";
import {
  cookieFor,
  createDepartment,
  createInstitution,
  createUser,
  db,
  requestAs,
  routeArgs,
  statusOf,
  outcome,
} from "../utils";

const orgPost = (userId: number, institutionId: number, form: Record<string, string>) =>
  outcome(async () =>
    orgAction(
      routeArgs(await requestAs(userId, `/org/${institutionId}`, form), { institutionId: String(institutionId) }),
    ),
  );
const orgLoad = (userId: number, institutionId: number) =>
  outcome(async () =>
    orgLoader(routeArgs(await requestAs(userId, `/org/${institutionId}`), { institutionId: String(institutionId) })),
  );
const institutionsPost = (userId: number, form: Record<string, string>) =>
  outcome(async () => institutionsAction(routeArgs(await requestAs(userId, "/admin/institutions", form))));

const count = async (table: "users" | "departments" | "memberships" | "institutions" | "audit_events" | "sessions") =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
const lastEvents = (n: number) => db.selectFrom("audit_events").selectAll().orderBy("seq", "desc").limit(n).execute();
const userRow = (id: number) => db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const deptRow = (id: number) => db.selectFrom("departments").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const membershipOf = (userId: number) =>
  db.selectFrom("memberships").selectAll().where("user_id", "=", userId).executeTakeFirstOrThrow();

let ip = 0;
const nextIp = () => `10.77.0.${++ip}`;

let admin: { id: number };
let instA: { id: number }, instB: { id: number };
let deptA: { id: number }, deptB: { id: number };
let coordA: { id: number; username: string },
  coordB: { id: number },
  memberA: { id: number },
  auditorA: { id: number },
  memberB: { id: number; username: string };

beforeAll(async () => {
  admin = await createUser({ admin: true });
  instA = await createInstitution("가나구");
  instB = await createInstitution("다라구");
  deptA = await createDepartment(instA.id, "민원여권과");
  deptB = await createDepartment(instB.id, "민원봉사과");
  coordA = await createUser({ role: "coordinator", institutionId: instA.id, departmentId: deptA.id });
  coordB = await createUser({ role: "coordinator", institutionId: instB.id });
  memberA = await createUser({ role: "department_member", institutionId: instA.id, departmentId: deptA.id });
  auditorA = await createUser({ role: "auditor", institutionId: instA.id });
  memberB = await createUser({ role: "department_member", institutionId: instB.id, departmentId: deptB.id });
});

describe("institutions (system administrator)", () => {
  it("lists every institution with counts and creates one, with an audit event", async () => {
    const list = await outcome(async () =>
      institutionsLoader(routeArgs(await requestAs(admin.id, "/admin/institutions"))),
    );
    expect(list.status).toBe(200);
    const a = list.body.institutions.find((i: { id: number }) => i.id === instA.id);
    expect(a).toMatchObject({ name: "가나구", departments: 1, users: 3, active: true });

    const created = await institutionsPost(admin.id, {
      intent: "createInstitution",
      code: "Test-Mapo",
      name: "서울특별시 마포구",
      region: "서울특별시",
      type: "sigungu",
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      ok: true,
      intent: "createInstitution",
      notice: { key: "org.institutions.created" },
    });
    const row = await db
      .selectFrom("institutions")
      .selectAll()
      .where("code", "=", "test-mapo")
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: "서울특별시 마포구", region: "서울특별시", type: "sigungu", active: 1 });
    const [event] = await lastEvents(1);
    expect(event).toMatchObject({
      entity: "institution",
      entity_id: String(row.id),
      action: "create",
      actor_user_id: admin.id,
      before_json: "null",
    });
    expect(JSON.parse(event.after_json!)).toMatchObject({ code: "test-mapo", name: "서울특별시 마포구" });
  });

  it("refuses a taken code or bad fields with Korean field messages, writing nothing", async () => {
    await institutionsPost(admin.id, {
      intent: "createInstitution",
      code: "dup-code",
      name: "하나",
      region: "부산광역시",
      type: "sido",
    });
    const before = [await count("institutions"), await count("audit_events")];
    const dup = await institutionsPost(admin.id, {
      intent: "createInstitution",
      code: "DUP-CODE",
      name: "둘",
      region: "부산광역시",
      type: "sido",
    });
    expect(dup.status).toBe(400);
    expect(dup.body).toMatchObject({ ok: false, errors: { code: "org.error.codeTaken" }, values: { name: "둘" } });
    const bad = await institutionsPost(admin.id, {
      intent: "createInstitution",
      code: "",
      name: "",
      region: "",
      type: "x",
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.errors).sort()).toEqual(["code", "name", "region", "type"]);
    expect([await count("institutions"), await count("audit_events")]).toEqual(before);
  });

  it("deactivates and reactivates an institution, each with an event; unknown ids answer 404", async () => {
    const inst = await createInstitution("중지구");
    expect(
      (await institutionsPost(admin.id, { intent: "deactivateInstitution", institutionId: String(inst.id) })).status,
    ).toBe(200);
    expect(
      (await db.selectFrom("institutions").select("active").where("id", "=", inst.id).executeTakeFirstOrThrow()).active,
    ).toBe(0);
    expect((await lastEvents(1))[0]).toMatchObject({
      entity: "institution",
      action: "deactivate",
      before_json: '{"active":1}',
      after_json: '{"active":0}',
    });
    expect(
      (await institutionsPost(admin.id, { intent: "reactivateInstitution", institutionId: String(inst.id) })).status,
    ).toBe(200);
    expect((await lastEvents(1))[0]).toMatchObject({ entity: "institution", action: "reactivate" });
    expect(
      (await institutionsPost(admin.id, { intent: "deactivateInstitution", institutionId: "999999" })).status,
    ).toBe(404);
  });

  it("is the system administrator's alone", async () => {
    for (const user of [coordA, memberA, auditorA]) {
      expect(
        await statusOf(async () => institutionsLoader(routeArgs(await requestAs(user.id, "/admin/institutions")))),
      ).toBe(403);
      const before = await count("institutions");
      expect(
        (
          await institutionsPost(user.id, {
            intent: "createInstitution",
            code: `x-${user.id}`,
            name: "몰래",
            region: "서울특별시",
            type: "sigungu",
          })
        ).status,
      ).toBe(403);
      expect(await count("institutions")).toBe(before);
    }
  });
});

describe("an institution's coordinator", () => {
  it("sees their institution's departments and people", async () => {
    const page = await orgLoad(coordA.id, instA.id);
    expect(page.status).toBe(200);
    expect(page.body.institution).toMatchObject({ id: instA.id, name: "가나구" });
    expect(page.body.departments.map((d: { name: string }) => d.name)).toEqual(["민원여권과"]);
    expect(page.body.people.map((p: { userId: number }) => p.userId).sort()).toEqual(
      [coordA.id, memberA.id, auditorA.id].sort(),
    );
    expect(JSON.stringify(page.body)).not.toMatch(/password_hash|scrypt/);
  });

  it("creates a department and a member whose temporary password works once shown", async () => {
    const made = await orgPost(coordA.id, instA.id, { intent: "createDepartment", name: " 정책기획담당관 " });
    expect(made.body).toMatchObject({ ok: true, notice: { key: "org.departments.created" } });
    const dept = await db
      .selectFrom("departments")
      .selectAll()
      .where("institution_id", "=", instA.id)
      .where("name", "=", "정책기획담당관")
      .executeTakeFirstOrThrow();
    expect((await lastEvents(1))[0]).toMatchObject({
      entity: "department",
      entity_id: String(dept.id),
      action: "create",
      institution_id: instA.id,
    });

    const events = await count("audit_events");
    const created = await orgPost(coordA.id, instA.id, {
      intent: "createUser",
      username: "Kim.Planner",
      displayName: "김기획",
      email: "kim@example.go.kr",
      role: "department_member",
      departmentId: String(dept.id),
    });
    expect(created.status).toBe(200);
    const temp = created.body.temporaryPassword;
    expect(temp).toMatchObject({ username: "kim.planner", displayName: "김기획" });
    expect(temp.password).toMatch(/^\S{4}-\S{4}-\S{4}$/);
    const user = await db
      .selectFrom("users")
      .selectAll()
      .where("username", "=", "kim.planner")
      .executeTakeFirstOrThrow();
    expect(user).toMatchObject({ must_change_password: 1, active: 1, is_system_admin: 0, email: "kim@example.go.kr" });
    expect(user.password_hash).not.toContain(temp.password);
    expect(await membershipOf(user.id)).toMatchObject({
      institution_id: instA.id,
      role: "department_member",
      department_id: dept.id,
    });

    // One event for the account, one for the membership; neither holds the hash or the password.
    expect(await count("audit_events")).toBe(events + 2);
    const [membershipEvent, userEvent] = await lastEvents(2);
    expect(userEvent).toMatchObject({ entity: "user", entity_id: String(user.id), action: "create" });
    expect(membershipEvent).toMatchObject({ entity: "membership", action: "create", institution_id: instA.id });
    for (const e of [userEvent, membershipEvent]) {
      expect(`${e.before_json}${e.after_json}`).not.toMatch(/password_hash|scrypt/);
      expect(`${e.after_json}`).not.toContain(temp.password);
    }

    const first = await signIn("kim.planner", temp.password, nextIp());
    expect(first).toEqual({ ok: true, userId: user.id, mustChangePassword: true });
  });

  it("renames, marks the lead department (unmarking the previous one) and deactivates an empty department", async () => {
    const d1 = await createDepartment(instA.id, "총무과");
    const d2 = await createDepartment(instA.id, "세무과");
    expect(
      (
        await orgPost(coordA.id, instA.id, {
          intent: "renameDepartment",
          departmentId: String(d1.id),
          name: "행정지원과",
        })
      ).status,
    ).toBe(200);
    expect((await deptRow(d1.id)).name).toBe("행정지원과");
    expect((await lastEvents(1))[0]).toMatchObject({
      entity: "department",
      action: "rename",
      before_json: '{"name":"총무과"}',
      after_json: '{"name":"행정지원과"}',
    });

    await orgPost(coordA.id, instA.id, { intent: "setLeadDepartment", departmentId: String(d1.id) });
    await orgPost(coordA.id, instA.id, { intent: "setLeadDepartment", departmentId: String(d2.id) });
    expect([(await deptRow(d1.id)).is_lead, (await deptRow(d2.id)).is_lead]).toEqual([0, 1]);
    const [set, unset] = await lastEvents(2);
    expect(unset).toMatchObject({ entity: "department", entity_id: String(d1.id), action: "lead.unset" });
    expect(set).toMatchObject({ entity: "department", entity_id: String(d2.id), action: "lead.set" });

    expect(
      (await orgPost(coordA.id, instA.id, { intent: "deactivateDepartment", departmentId: String(d1.id) })).status,
    ).toBe(200);
    expect((await deptRow(d1.id)).active).toBe(0);
    expect((await lastEvents(1))[0]).toMatchObject({ entity: "department", action: "deactivate" });
    // A department with active members stays in use.
    const busy = await orgPost(coordA.id, instA.id, { intent: "deactivateDepartment", departmentId: String(deptA.id) });
    expect(busy.body).toMatchObject({ ok: false, errors: { _form: "org.error.departmentHasMembers" } });
    expect((await deptRow(deptA.id)).active).toBe(1);
  });

  it("changes a person's role and department, with a membership event", async () => {
    const person = await createUser({ role: "auditor", institutionId: instA.id });
    const result = await orgPost(coordA.id, instA.id, {
      intent: "updateUser",
      userId: String(person.id),
      role: "department_member",
      departmentId: String(deptA.id),
    });
    expect(result.body).toMatchObject({ ok: true, notice: { key: "org.people.updated" } });
    expect(await membershipOf(person.id)).toMatchObject({ role: "department_member", department_id: deptA.id });
    expect((await lastEvents(1))[0]).toMatchObject({ entity: "membership", action: "update" });
    const missing = await orgPost(coordA.id, instA.id, {
      intent: "updateUser",
      userId: String(person.id),
      role: "department_member",
      departmentId: "",
    });
    expect(missing.body).toMatchObject({ ok: false, errors: { departmentId: "org.error.departmentRequired" } });
  });

  it("gets field errors for a taken username or department name, and nothing is written", async () => {
    const before = await Promise.all([
      count("users"),
      count("memberships"),
      count("departments"),
      count("audit_events"),
    ]);
    const user = await orgPost(coordA.id, instA.id, {
      intent: "createUser",
      username: memberB.username.toUpperCase(),
      displayName: "중복",
      email: "",
      role: "auditor",
      departmentId: "",
    });
    expect(user.status).toBe(400);
    expect(user.body).toMatchObject({
      ok: false,
      intent: "createUser",
      errors: { username: "org.error.usernameTaken" },
      values: { displayName: "중복" },
    });
    const dept = await orgPost(coordA.id, instA.id, { intent: "createDepartment", name: "민원여권과" });
    expect(dept.body).toMatchObject({ ok: false, errors: { name: "org.error.departmentTaken" } });
    const rename = await orgPost(coordA.id, instA.id, {
      intent: "renameDepartment",
      departmentId: String((await createDepartment(instA.id, "임시과")).id),
      name: "민원여권과",
    });
    expect(rename.body).toMatchObject({
      ok: false,
      targetId: expect.any(Number),
      errors: { name: "org.error.departmentTaken" },
    });
    const bad = await orgPost(coordA.id, instA.id, {
      intent: "createUser",
      username: "x",
      displayName: "",
      email: "nope",
      role: "chief",
      departmentId: "",
    });
    expect(Object.keys(bad.body.errors).sort()).toEqual(["displayName", "email", "role", "username"]);
    // The same department name is fine in another institution.
    expect((await orgPost(coordB.id, instB.id, { intent: "createDepartment", name: "정책기획담당관" })).status).toBe(
      200,
    );
    const after = await Promise.all([
      count("users"),
      count("memberships"),
      count("departments"),
      count("audit_events"),
    ]);
    expect(after).toEqual([before[0], before[1], before[2] + 2, before[3] + 1]); // only 임시과 (a fixture) and B's new department
  });

  it("gets 404 and changes nothing when aiming at another institution's rows", async () => {
    const snapshot = async () => ({
      memberB: await userRow(memberB.id),
      membership: await membershipOf(memberB.id),
      deptB: await deptRow(deptB.id),
      sessionsOfB: (await db.selectFrom("sessions").select("id").where("user_id", "=", memberB.id).execute()).length,
      events: await count("audit_events"),
      users: await count("users"),
    });
    await cookieFor(memberB.id); // a live session of B's member that must survive
    const before = await snapshot();
    const attempts: Record<string, string>[] = [
      { intent: "renameDepartment", departmentId: String(deptB.id), name: "탈취과" },
      { intent: "setLeadDepartment", departmentId: String(deptB.id) },
      { intent: "deactivateDepartment", departmentId: String(deptB.id) },
      { intent: "deactivateUser", userId: String(memberB.id) },
      { intent: "resetPassword", userId: String(memberB.id) },
      { intent: "updateUser", userId: String(memberB.id), role: "coordinator", departmentId: "" },
      {
        intent: "createUser",
        username: "sneaky",
        displayName: "몰래",
        email: "",
        role: "department_member",
        departmentId: String(deptB.id),
      },
      { intent: "updateUser", userId: String(memberA.id), role: "department_member", departmentId: String(deptB.id) },
    ];
    for (const form of attempts) {
      const result = await orgPost(coordA.id, instA.id, form);
      expect(result.status, form.intent).toBe(404);
    }
    // Posting to B's page directly is no better, and neither is reading it.
    expect((await orgPost(coordA.id, instB.id, { intent: "deactivateUser", userId: String(memberB.id) })).status).toBe(
      404,
    );
    expect((await orgLoad(coordA.id, instB.id)).status).toBe(404);
    expect(before.sessionsOfB).toBe(1);
    expect(await snapshot()).toEqual(before);
    expect((await membershipOf(memberA.id)).department_id).toBe(deptA.id);
  });

  it("cannot reach an administrator's account even when the administrator belongs to the institution", async () => {
    const adminMember = await createUser({ admin: true, role: "auditor", institutionId: instA.id });
    const before = await userRow(adminMember.id);
    expect(
      (await orgPost(coordA.id, instA.id, { intent: "resetPassword", userId: String(adminMember.id) })).status,
    ).toBe(404);
    expect(
      (await orgPost(coordA.id, instA.id, { intent: "deactivateUser", userId: String(adminMember.id) })).status,
    ).toBe(404);
    expect(await userRow(adminMember.id)).toEqual(before);
  });
});

describe("who else may open an institution's page", () => {
  it("answers 403 to a department member and an auditor of the same institution", async () => {
    for (const user of [memberA, auditorA]) {
      expect((await orgLoad(user.id, instA.id)).status).toBe(403);
      const events = await count("audit_events");
      expect((await orgPost(user.id, instA.id, { intent: "createDepartment", name: "권한없는과" })).status).toBe(403);
      expect((await orgPost(user.id, instA.id, { intent: "resetPassword", userId: String(coordA.id) })).status).toBe(
        403,
      );
      expect(await count("audit_events")).toBe(events);
    }
    expect(
      await db.selectFrom("departments").select("id").where("name", "=", "권한없는과").executeTakeFirst(),
    ).toBeUndefined();
  });

  it("lets the system administrator in, and sends a signed-out visitor to sign in", async () => {
    expect((await orgLoad(admin.id, instB.id)).status).toBe(200);
    const anonymous = await outcome(async () =>
      orgLoader(routeArgs(await requestAs(null, `/org/${instA.id}`), { institutionId: String(instA.id) })),
    );
    expect(anonymous.status).toBe(302);
    expect((await orgLoad(admin.id, 999999)).status).toBe(404);
    expect(
      await statusOf(async () => orgLoader(routeArgs(await requestAs(admin.id, "/org/abc"), { institutionId: "abc" }))),
    ).toBe(404);
  });
});

describe("passwords and deactivation", () => {
  it("reset gives a working temporary password and ends every session of the person", async () => {
    const person = await createUser({ role: "department_member", institutionId: instA.id, departmentId: deptA.id });
    const oldCookie = await cookieFor(person.id);
    const oldRequest = () => new Request("http://localhost/", { headers: { Cookie: oldCookie } });
    expect(await sessionUserId(oldRequest())).toBe(person.id);

    const result = await orgPost(coordA.id, instA.id, { intent: "resetPassword", userId: String(person.id) });
    expect(result.body).toMatchObject({
      ok: true,
      notice: { key: "org.people.passwordReset" },
      temporaryPassword: { username: person.username },
    });
    expect(await sessionUserId(oldRequest())).toBeNull();
    expect(await db.selectFrom("sessions").select("id").where("user_id", "=", person.id).execute()).toEqual([]);
    expect((await userRow(person.id)).must_change_password).toBe(1);
    expect(await signIn(person.username, "correct horse 1", nextIp())).toEqual({ ok: false, reason: "invalid" });
    expect(await signIn(person.username, result.body.temporaryPassword.password, nextIp())).toMatchObject({
      ok: true,
      mustChangePassword: true,
    });

    const [event] = await lastEvents(1);
    expect(event).toMatchObject({ entity: "user", entity_id: String(person.id), action: "password.reset" });
    expect(JSON.parse(event.after_json!)).toEqual({ must_change_password: 1, sessions_ended: 1 });
  });

  it("a deactivated person is signed out and cannot sign in; reactivation lets them back", async () => {
    const person = await createUser({ role: "auditor", institutionId: instA.id });
    const cookie = await cookieFor(person.id);
    expect(
      (await orgPost(coordA.id, instA.id, { intent: "deactivateUser", userId: String(person.id) })).body,
    ).toMatchObject({ ok: true });
    expect((await userRow(person.id)).active).toBe(0);
    expect(await sessionUserId(new Request("http://localhost/", { headers: { Cookie: cookie } }))).toBeNull();
    expect(await signIn(person.username, "correct horse 1", nextIp())).toEqual({ ok: false, reason: "invalid" });
    expect((await lastEvents(1))[0]).toMatchObject({
      entity: "user",
      action: "deactivate",
      before_json: '{"active":1}',
    });

    expect(
      (await orgPost(coordA.id, instA.id, { intent: "reactivateUser", userId: String(person.id) })).body,
    ).toMatchObject({ ok: true });
    expect((await signIn(person.username, "correct horse 1", nextIp())).ok).toBe(true);
    expect((await lastEvents(1))[0]).toMatchObject({ entity: "user", action: "reactivate" });
  });

  it("keeps the last active coordinator, and nobody deactivates or resets themselves", async () => {
    const inst = await createInstitution("마바구");
    const only = await createUser({ role: "coordinator", institutionId: inst.id });
    const events = await count("audit_events");
    const self = await orgPost(only.id, inst.id, { intent: "deactivateUser", userId: String(only.id) });
    expect(self.body).toMatchObject({ ok: false, errors: { _form: "org.error.selfDeactivate" } });
    const selfReset = await orgPost(only.id, inst.id, { intent: "resetPassword", userId: String(only.id) });
    expect(selfReset.body).toMatchObject({ ok: false, errors: { _form: "org.error.selfReset" } });
    const byAdmin = await orgPost(admin.id, inst.id, { intent: "deactivateUser", userId: String(only.id) });
    expect(byAdmin.body).toMatchObject({ ok: false, errors: { _form: "org.error.lastCoordinator" } });
    const demote = await orgPost(admin.id, inst.id, {
      intent: "updateUser",
      userId: String(only.id),
      role: "auditor",
      departmentId: "",
    });
    expect(demote.body).toMatchObject({ ok: false, errors: { role: "org.error.lastCoordinator" } });
    const ownRole = await orgPost(only.id, inst.id, {
      intent: "updateUser",
      userId: String(only.id),
      role: "auditor",
      departmentId: "",
    });
    expect(ownRole.body).toMatchObject({ ok: false, errors: { role: "org.error.ownRole" } });
    expect(await userRow(only.id)).toMatchObject({ active: 1 });
    expect((await membershipOf(only.id)).role).toBe("coordinator");
    expect(await count("audit_events")).toBe(events);

    // With a second coordinator, either can step the other down.
    const second = await createUser({ role: "coordinator", institutionId: inst.id });
    expect(
      (await orgPost(only.id, inst.id, { intent: "deactivateUser", userId: String(second.id) })).body,
    ).toMatchObject({ ok: true });
    const again = await orgPost(admin.id, inst.id, { intent: "deactivateUser", userId: String(only.id) });
    expect(again.body).toMatchObject({ ok: false, errors: { _form: "org.error.lastCoordinator" } });
  });

  it("refuses an unknown intent without touching anything", async () => {
    const events = await count("audit_events");
    const result = await orgPost(coordA.id, instA.id, { intent: "dropEverything", userId: String(memberA.id) });
    expect(result).toMatchObject({ status: 400, body: { ok: false, errors: { _form: "org.error.unknownIntent" } } });
    expect(await count("audit_events")).toBe(events);
  });
});
