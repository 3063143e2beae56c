// The demo accounts, one per role. Browser-safe plain data: the README, the e2e tests and the seed share it.
// The people are fictional; the real officials named in the source documents are deliberately not used.

export type DemoRole = "system_admin" | "coordinator" | "department_member" | "auditor";

export interface DemoLogin {
  username: string;
  password: string;
  displayName: string;
  role: DemoRole;
  /** The role's name as the UI shows it (app/i18n role.*). */
  roleKo: string;
  roleEn: string;
  /** Institution code; null for the system administrator. */
  institution: string | null;
  /** Department name within the institution; null when the person belongs to none. */
  department: string | null;
}

export const DEMO_PASSWORD = "demo1234!";
export const DEMO_INSTITUTION_CODE = "seoul-seodaemun";

export const DEMO_LOGINS: readonly DemoLogin[] = [
  {
    username: "admin",
    password: DEMO_PASSWORD,
    displayName: "정운영 사무관",
    role: "system_admin",
    roleKo: "시스템 관리자",
    roleEn: "System administrator",
    institution: null,
    department: null,
  },
  {
    username: "coordinator",
    password: DEMO_PASSWORD,
    displayName: "김민원 주무관",
    role: "coordinator",
    roleKo: "총괄 담당",
    roleEn: "Coordinator",
    institution: DEMO_INSTITUTION_CODE,
    department: "민원여권과",
  },
  {
    username: "member",
    password: DEMO_PASSWORD,
    displayName: "이기획 주무관",
    role: "department_member",
    roleKo: "부서 담당",
    roleEn: "Department staff",
    institution: DEMO_INSTITUTION_CODE,
    department: "정책기획담당관",
  },
  {
    username: "member2",
    password: DEMO_PASSWORD,
    displayName: "박자치 주무관",
    role: "department_member",
    roleKo: "부서 담당",
    roleEn: "Department staff",
    institution: DEMO_INSTITUTION_CODE,
    department: "자치행정과",
  },
  {
    username: "auditor",
    password: DEMO_PASSWORD,
    displayName: "최감사 주무관",
    role: "auditor",
    roleKo: "검토관",
    roleEn: "Auditor",
    institution: DEMO_INSTITUTION_CODE,
    department: "감사담당관",
  },
];

export function demoLogin(username: string): DemoLogin {
  const login = DEMO_LOGINS.find((l) => l.username === username);
  if (!login) throw new Error(`no demo login "${username}"`);
  return login;
}
