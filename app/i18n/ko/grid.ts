// The department's day of work beyond one form: leaving with unsaved typing, the department grid, bulk submit,
// late hand-ins and the smaller findings of issue 15.
export const grid = {
  "leave.saving": "이동하기 전에 저장하는 중…",
  "leave.confirmInvalid":
    "입력한 내용에 오류가 있어 저장하지 못했습니다. 저장하지 않고 이 페이지를 떠나시겠습니까? (취소하면 머무릅니다)",
  "leave.failed": "저장하지 못해 페이지를 떠나지 않았습니다. 아래 내용을 확인하세요.",
} as const;
