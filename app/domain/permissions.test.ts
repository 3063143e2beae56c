import { describe, expect, it } from "vitest";
import { type Actor, can, homeKind } from "./permissions";

const coordinator: Actor = {
  userId: 1,
  isSystemAdmin: false,
  memberships: [{ institutionId: 10, role: "coordinator", departmentId: 100 }],
};
const member: Actor = {
  userId: 2,
  isSystemAdmin: false,
  memberships: [{ institutionId: 10, role: "department_member", departmentId: 101 }],
};
const auditor: Actor = {
  userId: 3,
  isSystemAdmin: false,
  memberships: [{ institutionId: 10, role: "auditor", departmentId: 102 }],
};
const admin: Actor = { userId: 4, isSystemAdmin: true, memberships: [] };
const strangerCoordinator: Actor = {
  userId: 5,
  isSystemAdmin: false,
  memberships: [{ institutionId: 20, role: "coordinator", departmentId: 200 }],
};

describe("can", () => {
  it("denies everything to nobody", () => {
    expect(can(null, "read:registry:any")).toBe(false);
  });

  it("lets a department member update only their own department's responses", () => {
    expect(can(member, "update:response:own-dept", { institutionId: 10, departmentIds: [101] })).toBe(true);
    expect(can(member, "update:response:own-dept", { institutionId: 10, departmentIds: [103, 101] })).toBe(true);
    expect(can(member, "update:response:own-dept", { institutionId: 10, departmentIds: [103] })).toBe(false);
    expect(can(member, "update:response:own-dept", { institutionId: 10, departmentIds: [] })).toBe(false);
    expect(can(member, "update:response:own-dept", { institutionId: 20, departmentIds: [101] })).toBe(false);
    expect(can(member, "read:round:institution", { institutionId: 10 })).toBe(false);
    expect(can(member, "review:response:institution", { institutionId: 10 })).toBe(false);
  });

  it("lets a coordinator run their own institution only", () => {
    expect(can(coordinator, "manage:round:institution", { institutionId: 10 })).toBe(true);
    expect(can(coordinator, "manage:user:institution", { institutionId: 10 })).toBe(true);
    expect(can(coordinator, "read:response:own-dept", { institutionId: 10, departmentIds: [105] })).toBe(true);
    expect(can(coordinator, "manage:round:institution", { institutionId: 20 })).toBe(false);
    expect(can(coordinator, "manage:round:institution", {})).toBe(false);
    // They record answers for every department (as the Excel import does), in their own institution only.
    expect(can(coordinator, "update:response:own-dept", { institutionId: 10, departmentIds: [100] })).toBe(true);
    expect(can(coordinator, "update:response:own-dept", { institutionId: 20, departmentIds: [100] })).toBe(false);
    expect(can(coordinator, "manage:institution:any")).toBe(false);
    expect(can(strangerCoordinator, "read:round:institution", { institutionId: 10 })).toBe(false);
  });

  it("lets an auditor review but never edit answers or manage people", () => {
    expect(can(auditor, "review:response:institution", { institutionId: 10 })).toBe(true);
    expect(can(auditor, "read:audit:institution", { institutionId: 10 })).toBe(true);
    expect(can(auditor, "update:response:own-dept", { institutionId: 10, departmentIds: [102] })).toBe(false);
    expect(can(auditor, "manage:user:institution", { institutionId: 10 })).toBe(false);
    expect(can(auditor, "review:response:institution", { institutionId: 20 })).toBe(false);
  });

  it("gives the system admin the platform but not the institutions' own answers and reviews", () => {
    expect(can(admin, "manage:institution:any")).toBe(true);
    expect(can(admin, "manage:user:institution", { institutionId: 20 })).toBe(true);
    expect(can(admin, "manage:edition:any")).toBe(true);
    expect(can(admin, "update:response:own-dept", { institutionId: 10, departmentIds: [101] })).toBe(false);
    expect(can(admin, "review:response:institution", { institutionId: 10 })).toBe(false);
  });
});

describe("homeKind", () => {
  it("sends each role to its own home", () => {
    expect(homeKind(coordinator)).toBe("coordinator");
    expect(homeKind(member)).toBe("department_member");
    expect(homeKind(auditor)).toBe("auditor");
    expect(homeKind(admin)).toBe("admin");
    expect(homeKind({ userId: 9, isSystemAdmin: false, memberships: [] })).toBe("none");
  });
});

describe("cross review (교차심사)", () => {
  // An auditor of institution 20 granted round 7 of institution 10.
  const crossReviewer: Actor = {
    userId: 6,
    isSystemAdmin: false,
    memberships: [{ institutionId: 20, role: "auditor", departmentId: null }],
    crossReviews: [{ roundId: 7, institutionId: 10 }],
  };

  it("reads and reviews the granted round of the other institution", () => {
    for (const p of [
      "read:round:institution",
      "review:response:institution",
      "read:audit:institution",
      "record:stage:institution",
    ] as const) {
      expect(can(crossReviewer, p, { institutionId: 10, roundId: 7 }), p).toBe(true);
    }
  });

  it("and nothing else: not another round, not the institution at large, not its people or its management", () => {
    expect(can(crossReviewer, "read:round:institution", { institutionId: 10, roundId: 8 })).toBe(false);
    expect(can(crossReviewer, "read:round:institution", { institutionId: 10 })).toBe(false);
    expect(can(crossReviewer, "review:response:institution", { institutionId: 11, roundId: 7 })).toBe(false);
    expect(can(crossReviewer, "manage:round:institution", { institutionId: 10, roundId: 7 })).toBe(false);
    expect(
      can(crossReviewer, "update:response:own-dept", { institutionId: 10, roundId: 7, departmentIds: [101] }),
    ).toBe(false);
    expect(can(crossReviewer, "manage:user:institution", { institutionId: 10, roundId: 7 })).toBe(false);
  });

  it("keeps department members out of reviewing, in their own institution too", () => {
    expect(can(member, "review:response:institution", { institutionId: 10, roundId: 7 })).toBe(false);
  });
});
