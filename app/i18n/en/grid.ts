import type { grid as ko } from "../ko/grid";

export const grid: Record<keyof typeof ko, string> = {
  "leave.saving": "Saving before leaving…",
  "leave.confirmInvalid":
    "What you typed has errors and could not be saved. Leave this page without saving? (Cancel to stay)",
  "leave.failed": "Not saved, so you stayed on this page. Please check below.",
};
