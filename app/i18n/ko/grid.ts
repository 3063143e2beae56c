// The department's day of work beyond one form: leaving with unsaved typing, the department grid, bulk submit,
// late hand-ins and the smaller findings of issue 15.
export const grid = {
  "leave.saving": "이동하기 전에 저장하는 중…",
  "leave.confirmInvalid":
    "입력한 내용에 오류가 있어 저장하지 못했습니다. 저장하지 않고 이 페이지를 떠나시겠습니까? (취소하면 머무릅니다)",
  "leave.failed": "저장하지 못해 페이지를 떠나지 않았습니다. 아래 내용을 확인하세요.",
  "grid.title": "한눈에 입력",
  "grid.link": "한 표에서 모두 입력하기(엑셀처럼)",
  "grid.intro":
    "{department}의 지표를 한 표에서 입력합니다. 엑셀에서 열이나 여러 칸을 복사해 칸에 붙여 넣을 수 있고, 화살표·Enter·Tab으로 칸을 옮겨 다닙니다. 증빙자료와 긴 설명은 지표 이름을 눌러 지표 화면에서 입력하세요.",
  "grid.caption":
    "부서 지표 입력표: 시행 여부는 ‘시행’ 또는 ‘미시행’, 충족 여부는 ‘예’ 또는 ‘아니오’, 등급은 A·B·C처럼 등급 기호로 적습니다.",
  "grid.col.implemented": "시행 여부",
  "grid.col.answer": "충족 여부·등급",
  "grid.col.input0": "입력값 1",
  "grid.col.input1": "입력값 2",
  "grid.col.narrative": "추진 실적 설명",
  "grid.col.evidence": "증빙",
  "grid.hint.implemented": "시행/미시행",
  "grid.hint.yesno": "예/아니오",
  "grid.na": "이 지표에는 해당 없음",
  "grid.save": "변경한 행 모두 저장",
  "grid.unsaved": "저장하지 않은 행 {count}개",
  "grid.saved": "{count}개 행 저장됨 {time}",
  "grid.problems.title": "저장하지 않았습니다. 다음 칸을 고치세요(한 칸이라도 틀리면 아무것도 저장하지 않습니다).",
  "grid.problem": "{code} 행 · {message}",
  "grid.paste.tooManyRows": "붙여 넣은 {rows}행이 아래에 남은 {room}행보다 많습니다. 아무것도 바꾸지 않았습니다.",
  "grid.paste.tooManyColumns": "붙여 넣은 열이 오른쪽에 남은 {columns}열보다 많습니다. 아무것도 바꾸지 않았습니다.",
  "grid.paste.locked":
    "{code} 행은 제출되었거나 수정할 수 없어 붙여 넣을 수 없습니다. ‘수정할 수 있는 지표만’ 보기에서 붙여 넣으세요.",
  "grid.conflict": "다른 사람({who})이 {time}에 먼저 저장했습니다. 저장된 내용:",
  "grid.conflict.useTheirs": "저장된 내용 불러오기",
  "grid.conflict.keepMine": "내 입력으로 덮어쓰기",
  "grid.evidenceLink": "{code} 증빙자료 {count}건 (지표 화면에서 보기)",
  "grid.scrollHint": "표가 화면보다 넓으면 옆으로 밀어 나머지 열을 보세요.",
  "grid.noneEditable": "지금 수정할 수 있는 지표가 없습니다.",
  "grid.filter.editable": "수정할 수 있는 지표만",
  "grid.filter.all": "모든 지표",
  "grid.backToList": "← 우리 부서 지표 목록",
  "grid.error.implemented": "{field}: ‘시행’ 또는 ‘미시행’으로 적으세요.",
  "grid.error.yesno": "{field}: ‘예’ 또는 ‘아니오’로 적으세요.",
  "grid.error.unusedCell": "{field}: 이 지표에는 이 칸이 없습니다. 붙여 넣은 열이 밀리지 않았는지 확인하세요.",
  "grid.error.notYours": "우리 부서에 배정되지 않은 지표입니다.",
  "grid.error.bad": "입력표를 읽을 수 없습니다. 화면을 새로 고친 뒤 다시 시도하세요.",
  "submitAll.willSubmit": "다음 {count}개 지표를 검토 요청(제출)합니다. 점수와 내용을 확인하세요.",
  "submitAll.zero": "0점",
  "submitAll.zeroWarning":
    "0점인 지표가 있습니다({codes}). 미시행으로 답했거나 가장 낮은 등급입니다. 맞는지 확인한 뒤 제출하세요.",
  "submitAll.notReady": "입력하지 않았거나 끝나지 않아 제출하지 않는 지표 {count}개: {codes}",
  "submitAll.button": "이 {count}개 지표 제출",
  "submitAll.confirm": "위에 적힌 {count}개 지표를 제출할까요? 제출한 지표는 반려되기 전까지 수정할 수 없습니다.",
  "submitAll.confirmZero":
    "위에 적힌 {count}개 지표를 제출할까요? 그중 {zero}개는 0점입니다. 제출한 지표는 반려되기 전까지 수정할 수 없습니다.",
  "excel.import.ignoredScores":
    "‘현재 점수’ 열에 입력한 값은 읽지 않았습니다. 점수는 답을 바탕으로 늘 새로 계산됩니다: {rows}",
  "assign.notice.keptLead":
    "{count}개 지표를 배정했습니다. 이미 주관 부서인 지표({codes})는 협조로 바꾸면 주관 부서가 없어지므로 바꾸지 않고 주관으로 두었습니다. 협조로 돌리려면 먼저 다른 주관 부서를 지정하세요.",
} as const;
