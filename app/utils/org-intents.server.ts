// The management pages' intents → the change each one names (institution page, system-wide users page).
import { createDepartment, renameDepartment, setDepartmentActive, setLeadDepartment } from "./departments.server";
import { createPerson, type OrgScope, resetPassword, setUserActive, updateMembership } from "./people.server";
import { type Db } from "#db/connection";
import { type AdminUserIntent, type OrgIntent } from "~/schemas/org";
import type { Actor } from "~/domain/permissions";
import type { Outcome } from "./actions.server";

/** Every change the institution page can make, inside that institution. */
export async function runOrgIntent(db: Db, actor: Actor, institutionId: number, intent: OrgIntent): Promise<Outcome> {
  const scope = { institutionId };
  switch (intent.intent) {
    case "createDepartment":
      return createDepartment(db, actor, institutionId, intent.name);
    case "renameDepartment":
      return renameDepartment(db, actor, institutionId, intent.departmentId, intent.name);
    case "setLeadDepartment":
      return setLeadDepartment(db, actor, institutionId, intent.departmentId);
    case "deactivateDepartment":
    case "reactivateDepartment":
      return setDepartmentActive(
        db,
        actor,
        institutionId,
        intent.departmentId,
        intent.intent === "reactivateDepartment",
      );
    case "createUser":
      return createPerson(db, actor, scope, { ...intent, institutionId });
    case "updateUser":
      return updateMembership(db, actor, scope, { ...intent, institutionId });
    default:
      return runUserTargetIntent(db, actor, scope, intent);
  }
}

/** Every change the system-wide user page can make. */
export async function runAdminUserIntent(db: Db, actor: Actor, intent: AdminUserIntent): Promise<Outcome> {
  switch (intent.intent) {
    case "createUser":
      return createPerson(db, actor, "any", intent);
    case "updateUser":
      return updateMembership(db, actor, "any", intent);
    default:
      return runUserTargetIntent(db, actor, "any", intent);
  }
}

function runUserTargetIntent(
  db: Db,
  actor: Actor,
  scope: OrgScope,
  intent: { intent: "deactivateUser" | "reactivateUser" | "resetPassword"; userId: number },
) {
  if (intent.intent === "resetPassword") return resetPassword(db, actor, scope, intent.userId);
  return setUserActive(db, actor, scope, intent.userId, intent.intent === "reactivateUser");
}
