// Who may do what. One table of rules, pure and browser-safe: the server enforces it (guards.server.ts)
// and the UI uses it only to hide what a person cannot use.
// A permission names an action, an entity and a scope: "update:response:own-dept".

export type Role = "coordinator" | "department_member" | "auditor";

export interface ActorMembership {
  institutionId: number;
  role: Role;
  departmentId: number | null;
}

/** A cross review (교차심사): the actor's institution reviews another institution's submitted round. */
export interface CrossReview {
  roundId: number;
  institutionId: number;
}

export interface Actor {
  userId: number;
  isSystemAdmin: boolean;
  memberships: ActorMembership[];
  /** Rounds of other institutions the actor may read and review as a cross reviewer (only while under review). */
  crossReviews?: CrossReview[];
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
  "update:response:own-dept", // record answers and evidence for one's department (a coordinator: every department)
  "review:response:institution", // review scores against evidence
  "comment:response:own-dept", // comment on the indicators assigned to one's department (a coordinator: every one)
  "comment:response:institution", // comment on any indicator of the institution's round (auditors, cross reviewers)
  "read:audit:institution", // read the audit history
  "record:stage:institution", // record the Ministry's review stages on a round's timeline
  "manage:cross-review:any", // let one institution's auditors review another's submitted round
  "read:registry:any", // the national certification registry
  "manage:registry:any", // record certifications for any institution
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** The scope a check is made against: the institution (and department) the data belongs to. */
export interface Scope {
  institutionId?: number;
  departmentIds?: number[];
  /** The round the data belongs to: a cross review grants access to one round and nothing else. */
  roundId?: number;
}

/** What a cross reviewer may do on the one round they were granted. */
const CROSS_REVIEW_PERMISSIONS: readonly Permission[] = [
  "read:round:institution",
  "review:response:institution",
  "comment:response:institution",
  "read:audit:institution",
  "record:stage:institution",
];

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  coordinator: [
    "manage:department:institution",
    "manage:user:institution",
    "read:round:institution",
    "manage:round:institution",
    "read:response:own-dept",
    "update:response:own-dept",
    "comment:response:own-dept",
    "read:audit:institution",
    "read:registry:any",
  ],
  department_member: [
    "read:response:own-dept",
    "update:response:own-dept",
    "comment:response:own-dept",
    "read:registry:any",
  ],
  auditor: [
    "read:round:institution",
    "review:response:institution",
    "comment:response:institution",
    "read:audit:institution",
    "record:stage:institution",
    "read:registry:any",
  ],
};

const ADMIN_PERMISSIONS: readonly Permission[] = PERMISSIONS;
/** What only an institution's own people (and cross reviewers) do, never the system administrator. */
const INSTITUTION_WORK: readonly Permission[] = [
  "update:response:own-dept",
  "review:response:institution",
  "comment:response:own-dept",
  "comment:response:institution",
];

function membershipGrants(m: ActorMembership, permission: Permission, scope: Scope): boolean {
  if (!ROLE_PERMISSIONS[m.role].includes(permission)) return false;
  const [, , access] = permission.split(":");
  if (access === "any") return true;
  if (scope.institutionId === undefined || scope.institutionId !== m.institutionId) return false;
  if (access === "own-dept") {
    // A coordinator reads and records every department's responses (they gather the departments' sheets and import
    // them, and answer for their own department); a member only their own department's.
    if (m.role === "coordinator") return true;
    return m.departmentId !== null && (scope.departmentIds ?? []).includes(m.departmentId);
  }
  return true;
}

/** Whether the actor holds the permission for data in the given scope. */
export function can(actor: Actor | null, permission: Permission, scope: Scope = {}): boolean {
  if (!actor) return false;
  if (actor.isSystemAdmin && ADMIN_PERMISSIONS.includes(permission)) {
    // The system admin runs the platform; institutions' own work (answers, reviews, the conversation about them)
    // stays with their people.
    if (!INSTITUTION_WORK.includes(permission)) return true;
  }
  if (actor.memberships.some((m) => membershipGrants(m, permission, scope))) return true;
  return CROSS_REVIEW_PERMISSIONS.includes(permission) && crossReviews(actor, scope);
}

/** Whether a cross review covers exactly this round of this institution. */
export function crossReviews(actor: Actor, scope: Pick<Scope, "institutionId" | "roundId">): boolean {
  if (scope.roundId === undefined || scope.institutionId === undefined) return false;
  return (actor.crossReviews ?? []).some((g) => g.roundId === scope.roundId && g.institutionId === scope.institutionId);
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
