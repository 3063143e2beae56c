import { describe, expect, it } from "vitest";
import { translate } from "~/i18n";
import { fieldErrors } from "~/utils/forms";
import {
  adminCreateUserSchema,
  adminUserIntentSchema,
  changePasswordSchema,
  createInstitutionSchema,
  institutionIntentSchema,
  orgIntentSchema,
  passwordStrongEnough,
} from "./org";

const errorsOf = (result: { success: boolean; error?: Parameters<typeof fieldErrors>[0] }) =>
  result.success ? {} : fieldErrors(result.error!);

describe("institution schema", () => {
  const valid = {
    intent: "createInstitution",
    code: " Seoul-Mapo ",
    name: " 서울특별시 마포구 ",
    region: "서울특별시",
    type: "sigungu",
  };

  it("trims, lowercases the code and accepts the three institution types", () => {
    expect(createInstitutionSchema.parse(valid)).toEqual({ ...valid, code: "seoul-mapo", name: "서울특별시 마포구" });
    for (const type of ["sido", "sigungu", "central"])
      expect(createInstitutionSchema.safeParse({ ...valid, type }).success).toBe(true);
  });

  it("names each bad field with its own message key", () => {
    const result = createInstitutionSchema.safeParse({
      intent: "createInstitution",
      code: "서울",
      name: "",
      region: " ",
      type: "county",
    });
    expect(errorsOf(result)).toEqual({
      code: "org.error.code",
      name: "org.error.institutionName",
      region: "org.error.region",
      type: "org.error.type",
    });
    expect(translate("ko", "org.error.code")).toMatch(/^기관 코드:/);
    expect(errorsOf(createInstitutionSchema.safeParse({ intent: "createInstitution" }))).toMatchObject({
      code: "org.error.code",
      type: "org.error.type",
    });
    expect(createInstitutionSchema.safeParse({ ...valid, code: "-lead" }).success).toBe(false);
    expect(createInstitutionSchema.safeParse({ ...valid, code: "a".repeat(41) }).success).toBe(false);
  });

  it("turns row ids into numbers and refuses anything else", () => {
    expect(institutionIntentSchema.parse({ intent: "deactivateInstitution", institutionId: "12" })).toEqual({
      intent: "deactivateInstitution",
      institutionId: 12,
    });
    for (const id of ["0", "-1", "1.5", "abc", "", "1e3"]) {
      expect(
        errorsOf(institutionIntentSchema.safeParse({ intent: "reactivateInstitution", institutionId: id })),
      ).toEqual({ institutionId: "org.error.target" });
    }
  });
});

describe("institution page intents", () => {
  const person = {
    intent: "createUser",
    username: " Kim.Minwon_1 ",
    displayName: " 김민원 ",
    email: "",
    role: "auditor",
    departmentId: "",
  };

  it("normalises a new person: lowercase username, no email is null, no department is null", () => {
    expect(orgIntentSchema.parse(person)).toEqual({
      intent: "createUser",
      username: "kim.minwon_1",
      displayName: "김민원",
      email: null,
      role: "auditor",
      departmentId: null,
    });
    expect(orgIntentSchema.parse({ ...person, email: " Kim@Example.GO.KR ", departmentId: "7" })).toMatchObject({
      email: "kim@example.go.kr",
      departmentId: 7,
    });
  });

  it("enforces the username rule: 3–40 of a-z 0-9 . _ -", () => {
    for (const username of ["ab", "a".repeat(41), "kim minwon", "김민원", "kim@x", "kim/../x"]) {
      expect(errorsOf(orgIntentSchema.safeParse({ ...person, username }))).toEqual({ username: "org.error.username" });
    }
    for (const username of ["abc", "a".repeat(40), "k.m_w-1"])
      expect(orgIntentSchema.safeParse({ ...person, username }).success).toBe(true);
  });

  it("requires a department for department staff only", () => {
    expect(errorsOf(orgIntentSchema.safeParse({ ...person, role: "department_member" }))).toEqual({
      departmentId: "org.error.departmentRequired",
    });
    expect(orgIntentSchema.safeParse({ ...person, role: "department_member", departmentId: "3" }).success).toBe(true);
    expect(orgIntentSchema.safeParse({ ...person, role: "coordinator" }).success).toBe(true);
    expect(
      errorsOf(
        orgIntentSchema.safeParse({ intent: "updateUser", userId: "4", role: "department_member", departmentId: "" }),
      ),
    ).toEqual({
      departmentId: "org.error.departmentRequired",
    });
  });

  it("refuses roles outside an institution, bad emails and bad names", () => {
    expect(errorsOf(orgIntentSchema.safeParse({ ...person, role: "system_admin" }))).toEqual({
      role: "org.error.role",
    });
    expect(errorsOf(orgIntentSchema.safeParse({ ...person, email: "not-an-address" }))).toEqual({
      email: "org.error.email",
    });
    expect(errorsOf(orgIntentSchema.safeParse({ ...person, displayName: "   " }))).toEqual({
      displayName: "org.error.displayName",
    });
    expect(errorsOf(orgIntentSchema.safeParse({ ...person, departmentId: "x" }))).toEqual({
      departmentId: "org.error.department",
    });
  });

  it("checks department names and refuses an intent the page does not know", () => {
    expect(orgIntentSchema.parse({ intent: "createDepartment", name: "  민원여권과 " })).toEqual({
      intent: "createDepartment",
      name: "민원여권과",
    });
    expect(errorsOf(orgIntentSchema.safeParse({ intent: "renameDepartment", departmentId: "2", name: "" }))).toEqual({
      name: "org.error.departmentName",
    });
    expect(
      errorsOf(orgIntentSchema.safeParse({ intent: "renameDepartment", departmentId: "2", name: "가".repeat(51) })),
    ).toEqual({ name: "org.error.departmentName" });
    expect(orgIntentSchema.safeParse({ intent: "createInstitution" }).success).toBe(false);
    expect(orgIntentSchema.safeParse({ intent: "dropTable" }).success).toBe(false);
  });
});

describe("system-wide user intents", () => {
  const base = {
    intent: "createUser",
    username: "admin.two",
    displayName: "관리자",
    email: "",
    departmentId: "",
    institutionId: "",
  };

  it("creates a system administrator without an institution", () => {
    expect(adminCreateUserSchema.parse({ ...base, role: "system_admin" })).toMatchObject({
      role: "system_admin",
      institutionId: null,
      departmentId: null,
    });
    // A disabled or missing select is "none", not an error.
    const { institutionId: _i, departmentId: _d, ...bare } = base;
    expect(adminCreateUserSchema.safeParse({ ...bare, role: "system_admin" }).success).toBe(true);
    expect(errorsOf(adminCreateUserSchema.safeParse({ ...base, role: "system_admin", institutionId: "3" }))).toEqual({
      institutionId: "org.error.adminHasNoInstitution",
    });
  });

  it("requires an institution for every other role", () => {
    expect(errorsOf(adminCreateUserSchema.safeParse({ ...base, role: "coordinator" }))).toEqual({
      institutionId: "org.error.institutionRequired",
    });
    expect(adminCreateUserSchema.parse({ ...base, role: "coordinator", institutionId: "3" })).toMatchObject({
      institutionId: 3,
    });
    expect(
      errorsOf(adminCreateUserSchema.safeParse({ ...base, role: "department_member", institutionId: "3" })),
    ).toEqual({ departmentId: "org.error.departmentRequired" });
  });

  it("needs the membership's institution to change a role", () => {
    expect(
      errorsOf(
        adminUserIntentSchema.safeParse({ intent: "updateUser", userId: "5", role: "auditor", departmentId: "" }),
      ),
    ).toEqual({ institutionId: "org.error.target" });
    expect(adminUserIntentSchema.parse({ intent: "resetPassword", userId: "5" })).toEqual({
      intent: "resetPassword",
      userId: 5,
    });
  });
});

describe("password change", () => {
  const ok = { current: "old password 1", next: "새 비밀번호는길다 2", confirm: "새 비밀번호는길다 2" };

  it("accepts 10+ characters with letters plus digits or symbols", () => {
    expect(changePasswordSchema.safeParse(ok).success).toBe(true);
    expect(passwordStrongEnough("abcdefghi!")).toBe(true);
    expect(passwordStrongEnough("abcdefghij")).toBe(false);
    expect(passwordStrongEnough("1234567890")).toBe(false);
    expect(passwordStrongEnough("!!!!!!!!!!")).toBe(false);
  });

  it("uses the common password.* messages", () => {
    expect(errorsOf(changePasswordSchema.safeParse({ ...ok, next: "short1", confirm: "short1" }))).toEqual({
      next: "password.tooShort",
    });
    expect(errorsOf(changePasswordSchema.safeParse({ ...ok, next: "onlyletters", confirm: "onlyletters" }))).toEqual({
      next: "password.weak",
    });
    expect(
      errorsOf(
        changePasswordSchema.safeParse({ ...ok, next: `a1${"x".repeat(199)}`, confirm: `a1${"x".repeat(199)}` }),
      ),
    ).toEqual({ next: "password.tooLong" });
    expect(errorsOf(changePasswordSchema.safeParse({ ...ok, confirm: "something else 1" }))).toEqual({
      confirm: "password.mismatch",
    });
    expect(errorsOf(changePasswordSchema.safeParse({ ...ok, current: "" }))).toEqual({
      current: "org.error.currentRequired",
    });
    expect(errorsOf(changePasswordSchema.safeParse({ current: ok.next, next: ok.next, confirm: ok.next }))).toEqual({
      next: "org.error.sameAsCurrent",
    });
  });
});

describe("messages", () => {
  it("has every org message in Korean and English, and field errors name their field", () => {
    for (const key of [
      "org.error.username",
      "org.error.usernameTaken",
      "org.error.departmentTaken",
      "org.error.codeTaken",
    ] as const) {
      expect(translate("ko", key)).toMatch(/^[^:]+: /);
      expect(translate("en", key)).toMatch(/^[^:]+: /);
      expect(translate("en", key)).not.toBe(translate("ko", key));
    }
  });
});
