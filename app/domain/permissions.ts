// Who may do what. One table of rules, pure and browser-safe: the server enforces it (permissions.server.ts)
// and the UI uses it only to hide what a person cannot use.
// A permission names an action, an entity and a scope: "update:response:own-dept".

export type Role = "coordinator" | "department_member" | "auditor";

export interface ActorMembership {
  institutionId: number;
  role: Role;
  departmentId: number | null;
}

export interface Actor {
  userId: number;
  isSystemAdmin: boolean;
  memberships: ActorMembership[];
}

export const PERMISSIONS = [
  "manage:institution:any", // create, rename, deactivate institutions
  "manage:edition:any", // import rubric editions
  "manage:user:any", // every user in every institution
  "manage:department:institution", // departments of one institution
  "manage:user:institution", // people of one institution
  "read:round:institution", // see a round's overview and every response of the institution
  "manage:round:institution", // create, open, lock, reopen rounds; assign indicators
  "read:response:own-dept", // see responses assigned to one's department
  "update:response:own-dept", // record answers and evidence for one's department
  "review:response:institution", // review scores against evidence
  "read:audit:institution", // read the audit history
  "read:registry:any", // the national certification registry
  "manage:registry:any", // record certifications for any institution
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** The scope a check is made against: the institution (and department) the data belongs to. */
export interface Scope {
  institutionId?: number;
  departmentIds?: number[];
}

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  coordinator: [
    "manage:department:institution",
    "manage:user:institution",
    "read:round:institution",
    "manage:round:institution",
    "read:response:own-dept",
    "read:audit:institution",
    "read:registry:any",
  ],
  department_member: ["read:response:own-dept", "update:response:own-dept", "read:registry:any"],
  auditor: ["read:round:institution", "review:response:institution", "read:audit:institution", "read:registry:any"],
};

const ADMIN_PERMISSIONS: readonly Permission[] = PERMISSIONS;

function membershipGrants(m: ActorMembership, permission: Permission, scope: Scope): boolean {
  if (!ROLE_PERMISSIONS[m.role].includes(permission)) return false;
  const [, , access] = permission.split(":");
  if (access === "any") return true;
  if (scope.institutionId === undefined || scope.institutionId !== m.institutionId) return false;
  if (access === "own-dept") {
    // A coordinator reads every department's responses; a member only their own department's.
    if (m.role === "coordinator") return true;
    return m.departmentId !== null && (scope.departmentIds ?? []).includes(m.departmentId);
  }
  return true;
}

/** Whether the actor holds the permission for data in the given scope. */
export function can(actor: Actor | null, permission: Permission, scope: Scope = {}): boolean {
  if (!actor) return false;
  if (actor.isSystemAdmin && ADMIN_PERMISSIONS.includes(permission)) {
    // The system admin runs the platform; institutions' own work (answers, reviews) stays with their people.
    if (permission !== "update:response:own-dept" && permission !== "review:response:institution") return true;
  }
  return actor.memberships.some((m) => membershipGrants(m, permission, scope));
}

/** The membership a page acts under: the first one (a person normally works for one institution). */
export function primaryMembership(actor: Actor): ActorMembership | null {
  return actor.memberships[0] ?? null;
}

export type HomeKind = "admin" | "coordinator" | "department_member" | "auditor" | "none";

/** Which home page fits the person. */
export function homeKind(actor: Actor): HomeKind {
  const m = primaryMembership(actor);
  if (m) return m.role;
  return actor.isSystemAdmin ? "admin" : "none";
}
