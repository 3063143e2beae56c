// The forms of institution, department and people management: one zod schema per intent, shared by the browser
// (react-hook-form) and the server (the action parses the same fields again). Browser-safe: no server imports.
// Messages are translation keys of the org and common namespaces; each one names the field it is about.
import { z } from "zod";

export const INSTITUTION_TYPES = ["sido", "sigungu", "central"] as const;
export const MEMBER_ROLES = ["coordinator", "department_member", "auditor"] as const;
/** Roles offered on the system-wide user page: an institution role, or a system administrator without one. */
export const ADMIN_ROLES = [...MEMBER_ROLES, "system_admin"] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];
export type AdminRole = (typeof ADMIN_ROLES)[number];

/** Suggestions for the 시·도 field (current names; older records may use earlier ones such as 강원도). */
export { REGIONS } from "./regions";

export const USERNAME_PATTERN = /^[a-z0-9._-]{3,40}$/;
export const INSTITUTION_CODE_PATTERN = /^[a-z0-9][a-z0-9-]{1,39}$/;
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

const text = (max: number, key: string) => z.string(key).trim().normalize("NFC").min(1, key).max(max, key);
/** A row id posted as text ("12"); anything else is not a row the form could have shown. */
const rowId = z
  .string("org.error.target")
  .regex(/^[1-9]\d{0,11}$/, "org.error.target")
  .transform(Number);
/** An optional select of ids: "" (or a field the form left out) is "none". */
const optionalId = (key: string) =>
  z
    .string(key)
    .regex(/^(?:[1-9]\d{0,11})?$/, key)
    .optional()
    .transform((v) => (v ? Number(v) : null));

const username = z.string("org.error.username").trim().toLowerCase().regex(USERNAME_PATTERN, "org.error.username");
const displayName = text(50, "org.error.displayName");
const email = z
  .string("org.error.email")
  .trim()
  .max(254, "org.error.email")
  .refine((v) => v === "" || z.email().safeParse(v).success, "org.error.email")
  .transform((v) => (v === "" ? null : v.toLowerCase()));
const memberRole = z.enum(MEMBER_ROLES, "org.error.role");

/** Adds "a department member needs a department" to a schema with `role` and `departmentId`. */
function departmentRule<T extends { role: string; departmentId: number | null }>(value: T, ctx: z.RefinementCtx) {
  if (value.role === "department_member" && value.departmentId === null) {
    ctx.addIssue({ code: "custom", path: ["departmentId"], message: "org.error.departmentRequired" });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Institutions (system administrator).

export const createInstitutionSchema = z.object({
  intent: z.literal("createInstitution"),
  code: z.string("org.error.code").trim().toLowerCase().regex(INSTITUTION_CODE_PATTERN, "org.error.code"),
  name: text(100, "org.error.institutionName"),
  region: text(30, "org.error.region"),
  type: z.enum(INSTITUTION_TYPES, "org.error.type"),
});

export const institutionIntentSchema = z.discriminatedUnion("intent", [
  createInstitutionSchema,
  z.object({ intent: z.literal("deactivateInstitution"), institutionId: rowId }),
  z.object({ intent: z.literal("reactivateInstitution"), institutionId: rowId }),
]);
export type InstitutionIntent = z.output<typeof institutionIntentSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Departments (an institution's coordinator, or the system administrator).

const departmentName = text(50, "org.error.departmentName");

export const createDepartmentSchema = z.object({ intent: z.literal("createDepartment"), name: departmentName });
export const renameDepartmentSchema = z.object({
  intent: z.literal("renameDepartment"),
  departmentId: rowId,
  name: departmentName,
});

const departmentIntents = [
  createDepartmentSchema,
  renameDepartmentSchema,
  z.object({ intent: z.literal("setLeadDepartment"), departmentId: rowId }),
  z.object({ intent: z.literal("deactivateDepartment"), departmentId: rowId }),
  z.object({ intent: z.literal("reactivateDepartment"), departmentId: rowId }),
] as const;

// ---------------------------------------------------------------------------------------------------------------
// People.

export const createUserSchema = z
  .object({
    intent: z.literal("createUser"),
    username,
    displayName,
    email,
    role: memberRole,
    departmentId: optionalId("org.error.department"),
  })
  .superRefine(departmentRule);

export const updateUserSchema = z
  .object({
    intent: z.literal("updateUser"),
    userId: rowId,
    role: memberRole,
    departmentId: optionalId("org.error.department"),
  })
  .superRefine(departmentRule);

const userTargetIntents = [
  z.object({ intent: z.literal("deactivateUser"), userId: rowId }),
  z.object({ intent: z.literal("reactivateUser"), userId: rowId }),
  z.object({ intent: z.literal("resetPassword"), userId: rowId }),
] as const;

/** Everything the institution page (/org/:institutionId) accepts. */
export const orgIntentSchema = z.discriminatedUnion("intent", [
  ...departmentIntents,
  createUserSchema,
  updateUserSchema,
  ...userTargetIntents,
]);
export type OrgIntent = z.output<typeof orgIntentSchema>;
export const DEPARTMENT_INTENTS = [
  "createDepartment",
  "renameDepartment",
  "setLeadDepartment",
  "deactivateDepartment",
  "reactivateDepartment",
] as const;

/** The system-wide user page: the institution is a field, and a system administrator has none. */
export const adminCreateUserSchema = z
  .object({
    intent: z.literal("createUser"),
    username,
    displayName,
    email,
    role: z.enum(ADMIN_ROLES, "org.error.role"),
    institutionId: optionalId("org.error.institution"),
    departmentId: optionalId("org.error.department"),
  })
  .superRefine((value, ctx) => {
    if (value.role === "system_admin") {
      if (value.institutionId !== null)
        ctx.addIssue({ code: "custom", path: ["institutionId"], message: "org.error.adminHasNoInstitution" });
      if (value.departmentId !== null)
        ctx.addIssue({ code: "custom", path: ["departmentId"], message: "org.error.adminHasNoInstitution" });
      return;
    }
    if (value.institutionId === null)
      ctx.addIssue({ code: "custom", path: ["institutionId"], message: "org.error.institutionRequired" });
    departmentRule(value, ctx);
  });

export const adminUpdateUserSchema = z
  .object({
    intent: z.literal("updateUser"),
    userId: rowId,
    institutionId: rowId,
    role: memberRole,
    departmentId: optionalId("org.error.department"),
  })
  .superRefine(departmentRule);

export const adminUserIntentSchema = z.discriminatedUnion("intent", [
  adminCreateUserSchema,
  adminUpdateUserSchema,
  ...userTargetIntents,
]);
export type AdminUserIntent = z.output<typeof adminUserIntentSchema>;

// ---------------------------------------------------------------------------------------------------------------
// One's own password.

/** At least one letter, and at least one digit or symbol. */
export function passwordStrongEnough(value: string): boolean {
  return /\p{L}/u.test(value) && /[\p{N}\p{P}\p{S}]/u.test(value);
}

export const newPassword = z
  .string("password.tooShort")
  .min(PASSWORD_MIN, "password.tooShort")
  .max(PASSWORD_MAX, "password.tooLong")
  .refine(passwordStrongEnough, "password.weak");

export const changePasswordSchema = z
  .object({
    current: z
      .string("password.wrongCurrent")
      .min(1, "org.error.currentRequired")
      .max(PASSWORD_MAX, "password.wrongCurrent"),
    next: newPassword,
    confirm: z.string("password.mismatch"),
  })
  .superRefine((value, ctx) => {
    if (value.next !== value.confirm) ctx.addIssue({ code: "custom", path: ["confirm"], message: "password.mismatch" });
    else if (value.next === value.current)
      ctx.addIssue({ code: "custom", path: ["next"], message: "org.error.sameAsCurrent" });
  });
export type ChangePassword = z.output<typeof changePasswordSchema>;
