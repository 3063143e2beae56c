import type { grid as ko } from "../ko/grid";

export const grid: Record<keyof typeof ko, string> = {
  "leave.saving": "Saving before leaving…",
  "leave.confirmInvalid":
    "What you typed has errors and could not be saved. Leave this page without saving? (Cancel to stay)",
  "leave.failed": "Not saved, so you stayed on this page. Please check below.",
  "grid.title": "All at once",
  "grid.link": "Fill all in one table (like Excel)",
  "grid.intro":
    "{department}'s indicators in one table. Copy a column or a block in Excel and paste it into a cell; arrows, Enter and Tab move between cells. Add evidence and long accounts on an indicator's own page (click its title).",
  "grid.caption":
    "Department answer table: implemented as ‘시행’ or ‘미시행’, met as ‘예’ or ‘아니오’, levels by their letter (A, B, C).",
  "grid.col.implemented": "Implemented",
  "grid.col.answer": "Met / level",
  "grid.col.input0": "Input 1",
  "grid.col.input1": "Input 2",
  "grid.col.narrative": "What was done",
  "grid.col.evidence": "Evidence",
  "grid.hint.implemented": "시행/미시행",
  "grid.hint.yesno": "예/아니오",
  "grid.na": "Not used by this indicator",
  "grid.save": "Save all changed rows",
  "grid.unsaved": "{count} rows not saved",
  "grid.saved": "{count} rows saved {time}",
  "grid.problems.title": "Nothing was saved. Fix these cells (one wrong cell and nothing is saved).",
  "grid.problem": "Row {code} · {message}",
  "grid.paste.tooManyRows": "The {rows} pasted rows are more than the {room} rows below. Nothing was changed.",
  "grid.paste.tooManyColumns":
    "The pasted columns are more than the {columns} columns to the right. Nothing was changed.",
  "grid.paste.locked": "Row {code} is submitted or locked, so nothing was pasted. Paste in the ‘editable only’ view.",
  "grid.conflict": "Someone else ({who}) saved first at {time}. Saved:",
  "grid.conflict.useTheirs": "Load the saved answer",
  "grid.conflict.keepMine": "Overwrite with mine",
  "grid.evidenceLink": "{code}: {count} evidence items (on the indicator's page)",
  "grid.scrollHint": "When the table is wider than the screen, swipe sideways to see the other columns.",
  "grid.noneEditable": "No indicator can be changed now.",
  "grid.filter.editable": "Editable only",
  "grid.filter.all": "All indicators",
  "grid.backToList": "← Our department's indicators",
  "grid.error.implemented": "{field}: write ‘시행’ (implemented) or ‘미시행’ (not implemented).",
  "grid.error.yesno": "{field}: write ‘예’ (yes) or ‘아니오’ (no).",
  "grid.error.unusedCell": "{field}: this indicator has no such cell. Check that the pasted columns did not shift.",
  "grid.error.notYours": "This indicator is not assigned to your department.",
  "grid.error.bad": "The table could not be read. Reload the page and try again.",
  "submitAll.willSubmit": "These {count} indicators will be handed in for review. Check their scores and answers.",
  "submitAll.zero": "0 points",
  "submitAll.zeroWarning":
    "Some indicators score 0 ({codes}): answered not implemented or at the lowest level. Make sure that is right before submitting.",
  "submitAll.notReady": "{count} indicators not submitted because they are unanswered or unfinished: {codes}",
  "submitAll.button": "Submit these {count} indicators",
  "submitAll.confirm":
    "Submit the {count} indicators listed above? Submitted indicators cannot be changed unless returned.",
  "submitAll.confirmZero":
    "Submit the {count} indicators listed above? {zero} of them score 0. Submitted indicators cannot be changed unless returned.",
  "excel.import.ignoredScores":
    "Values typed into the ‘현재 점수’ (current score) column were not read; the score is always computed from the answer: {rows}",
  "assign.notice.keptLead":
    "{count} indicators assigned. The department already leads {codes}; making it 협조 (support) would leave them without a lead, so they stay led by it. Assign another lead first to change that.",
  "deadline.kst": "{time} (KST)",
  "field.echo": "Entered: {value}",
  "late.badge": "Late",
  "late.badge.title": "Handed in after the deadline.",
  "late.policy.accept": "Late hand-ins: accepted (marked late)",
  "late.policy.refuse": "Late hand-ins: refused",
  "late.field": "Late hand-ins",
  "late.field.hint":
    "Whether departments may still hand in after the deadline. Accepted ones are marked late in review and history.",
  "late.option.accept": "Accept (marked late)",
  "late.option.refuse": "Refuse (saving drafts stays open)",
  "late.error.policy": "Late hand-ins: choose accept or refuse.",
  "late.refused":
    "The deadline ({deadline}) has passed and this round takes no late hand-ins. You can still save a draft; ask the coordinator to extend the deadline.",
  "late.closed":
    "The deadline ({deadline}) has passed and this round takes no late hand-ins. Drafts can still be saved; ask the coordinator to extend the deadline to hand in.",
};
