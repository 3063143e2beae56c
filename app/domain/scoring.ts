// Scoring of one indicator from a department's answer. Pure and browser-safe: the form shows the score live with
// this code, and the server recomputes it with the same code (it never trusts a score sent by the browser).
import { evaluateFormula, parseFormula } from "#indicators/formula";
import { toTenths } from "#indicators/points";
import type { Indicator } from "#indicators/schema";

export interface Answer {
  /** false = 미시행 (not implemented): the indicator scores 0. */
  implemented: boolean;
  yes?: boolean;
  level?: string;
  inputs?: Record<string, number>;
}

export type ScoreResult =
  | { ok: true; tenths: number; result?: number; band?: { min: number; fraction: number; label?: string } }
  | { ok: false; field: string; message: string };

/** Largest absolute value accepted for a quantitative input (days, counts, percentages). */
export const MAX_INPUT = 1e9;

export function scoreResponse(indicator: Indicator, answer: Answer): ScoreResult {
  const max = toTenths(indicator.maxPoints);
  if (!answer.implemented) return { ok: true, tenths: 0 };
  const s = indicator.scoring;
  switch (s.kind) {
    case "yesno":
      if (typeof answer.yes !== "boolean") return { ok: false, field: "yes", message: "시행 여부: 예 또는 아니오를 고르세요." };
      return { ok: true, tenths: answer.yes ? max : 0 };
    case "levels": {
      const level = s.levels.find((l) => l.code === answer.level);
      if (!level) return { ok: false, field: "level", message: "등급: 목록에 있는 등급을 고르세요." };
      return { ok: true, tenths: Math.round(level.fraction * max) };
    }
    case "quantitative": {
      const inputs = answer.inputs ?? {};
      for (const key of Object.keys(inputs)) {
        if (!s.inputs.some((i) => i.key === key)) return { ok: false, field: `inputs.${key}`, message: `알 수 없는 입력값(${key})입니다.` };
      }
      for (const input of s.inputs) {
        const v = inputs[input.key];
        const field = `inputs.${input.key}`;
        if (typeof v !== "number" || Number.isNaN(v)) return { ok: false, field, message: `${input.label}: 숫자를 입력하세요.` };
        if (!Number.isFinite(v) || v > MAX_INPUT) return { ok: false, field, message: `${input.label}: 값이 너무 큽니다.` };
        if (v < 0) return { ok: false, field, message: `${input.label}: 0 이상이어야 합니다.` };
      }
      const parsed = parseFormula(s.formula, s.inputs.map((i) => i.key));
      if (!parsed.ok) return { ok: false, field: "formula", message: `산식 오류: ${parsed.message}` };
      const evaluated = evaluateFormula(parsed.ast, inputs);
      if (!evaluated.ok) {
        const field = `inputs.${s.inputs[0].key}`;
        const message = evaluated.message === "division by zero" ? `${s.inputs[0].label}: 0으로 나눌 수 없습니다. 0보다 큰 값을 입력하세요.` : `산식 오류: ${evaluated.message}`;
        return { ok: false, field, message };
      }
      // Round the result to 1e-9 so 47.99999999 from floating point does not drop a band boundary of 48.
      const result = Math.round(evaluated.value * 1e9) / 1e9;
      const band = [...s.bands].sort((a, b) => b.min - a.min).find((b) => result >= b.min);
      return { ok: true, tenths: band ? Math.round(band.fraction * max) : 0, result, band };
    }
  }
}
