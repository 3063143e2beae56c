// The coordinator's tools of issue 15: the effort-weighted planner, mail, the action-item list, the report's 결재 fields.
export const coord = {
  "plan.intro":
    "현재 {total}점으로 {line}점까지 {needed}점이 부족합니다. 노력도 합계가 가장 작은 조합은 아래 {steps}개 지표입니다 (노력도 합계 {effort}, 쉬운 것부터).",
  "plan.col.effort": "노력도",
  "plan.col.target": "목표 점수",
  "plan.noAction": "실행계획 없음",
  "plan.tools.title": "계획 도구: 노력도와 목표 점수 시뮬레이션",
  "plan.tools.intro":
    "노력도는 조치에 드는 품을 비교하는 상대값(1–100)입니다. 기본값(미평가 1, 부분 득점 3, 미시행 8)은 근거 자료가 없는 이 시스템의 추정치이므로 기관 사정에 맞게 고치세요. 지표별 칸을 비우면 구분의 값을 씁니다. 목표 점수를 고르고 '예상 총점 계산'을 누르면 저장하지 않고 총점을 미리 봅니다.",
  "plan.whatif.label": "목표 점수 시뮬레이션",
  "plan.whatif.targetFor": "{code} 목표 점수",
  "plan.whatif.asIs": "현재대로",
  "plan.whatif.submit": "예상 총점 계산",
  "plan.whatif.reaches":
    "목표 {count}개 지표를 이루면 +{gain}점, 예상 총점 {total}점으로 {line}점 이상입니다 (노력도 합계 {effort}).",
  "plan.whatif.short":
    "목표 {count}개 지표를 이루면 +{gain}점, 예상 총점 {total}점으로 아직 {line}점에 못 미칩니다 (노력도 합계 {effort}).",
  "plan.effort.label": "노력도 설정",
  "plan.effort.byKind": "구분별 노력도",
  "plan.effort.for": "{code} 노력도",
  "plan.effort.save": "노력도 저장",
  "plan.error.effort": "노력도: 1부터 100까지의 정수로 입력하세요.",
  "plan.error.effortForm": "노력도를 저장하지 않았습니다. 표시된 칸을 고치세요.",
  "plan.error.target": "목표 점수: 0부터 {max}까지, 소수 첫째 자리까지 입력하세요.",
  "plan.notice.effortSaved": "노력도를 저장했습니다. 계획을 다시 계산했습니다.",
  "plan.notice.effortUnchanged": "바뀐 노력도가 없습니다.",
} as const;
