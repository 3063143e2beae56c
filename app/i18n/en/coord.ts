import type { coord as ko } from "../ko/coord";

export const coord: Record<keyof typeof ko, string> = {
  "plan.intro":
    "At {total} the round is {needed} short of {line}. The set with the least total effort is the {steps} indicators below (effort {effort}, easiest first).",
  "plan.col.effort": "Effort",
  "plan.col.target": "Target score",
  "plan.noAction": "No action item",
  "plan.tools.title": "Planning tools: effort and what-if targets",
  "plan.tools.intro":
    "Effort is a relative weight (1–100) for comparing how much work a step takes. The defaults (not assessed 1, partial 3, not implemented 8) are this system's guess with no source; adjust them to your institution. Leave an indicator's box empty to use its kind's weight. Pick target scores and press 'Project total' to preview the total without saving.",
  "plan.whatif.label": "What-if targets",
  "plan.whatif.targetFor": "Target score for {code}",
  "plan.whatif.asIs": "As is",
  "plan.whatif.submit": "Project total",
  "plan.whatif.reaches":
    "Reaching the {count} targets adds {gain}: projected total {total}, at or above {line} (effort {effort}).",
  "plan.whatif.short":
    "Reaching the {count} targets adds {gain}: projected total {total}, still below {line} (effort {effort}).",
  "plan.effort.label": "Effort weights",
  "plan.effort.byKind": "Effort by kind",
  "plan.effort.for": "Effort for {code}",
  "plan.effort.save": "Save effort",
  "plan.error.effort": "Effort: enter a whole number from 1 to 100.",
  "plan.error.effortForm": "The effort weights were not saved. Correct the marked boxes.",
  "plan.error.target": "Target score: enter 0 to {max}, with at most one decimal.",
  "plan.notice.effortSaved": "Effort saved; the plan has been recalculated.",
  "plan.notice.effortUnchanged": "No effort weight changed.",
};
