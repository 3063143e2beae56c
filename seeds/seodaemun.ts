// 서울특별시 서대문구, the demo institution: its departments and how the rubric's owner departments map onto them.
// Seed 002: the 2014 self-assessment was run by 민원여권과 with 22 other departments. The department names are the
// usual 과/담당관 of a Seoul 구청; they are demo data, not the district's official organisation chart.

export const SEODAEMUN_CODE = "seoul-seodaemun";
export const LEAD_DEPARTMENT = "민원여권과";

/** In display order; the first is the lead department (is_lead = 1). */
export const SEODAEMUN_DEPARTMENTS: readonly string[] = [
  LEAD_DEPARTMENT,
  "정책기획담당관",
  "감사담당관",
  "홍보담당관",
  "총무과",
  "자치행정과",
  "재무과",
  "세무1과",
  "세무2과",
  "전산정보과",
  "문화체육과",
  "교육지원과",
  "복지정책과",
  "사회복지과",
  "가정복지과",
  "일자리경제과",
  "도시계획과",
  "주택과",
  "건축과",
  "부동산정보과",
  "토목과",
  "교통행정과",
  "주차관리과",
  "청소행정과",
  "환경과",
  "공원녹지과",
  "안전총괄과",
  "보건행정과",
];

/**
 * The one place where a rubric's `ownerDepartment` is translated into a 서대문구 department name. Names the
 * district uses as they are need no entry. Anything neither here nor in SEODAEMUN_DEPARTMENTS falls back to the
 * lead department (and the seed test fails, so a new owner name is noticed).
 */
export const OWNER_DEPARTMENT_ALIASES: Readonly<Record<string, string>> = {};

/** The 서대문구 department that owns an indicator, or null when the owner name is unknown here. */
export function mapOwnerDepartment(owner: string): string | null {
  const name = OWNER_DEPARTMENT_ALIASES[owner.trim()] ?? owner.trim();
  return SEODAEMUN_DEPARTMENTS.includes(name) ? name : null;
}
