// The planner's forms: the effort weights (per gap kind, and per indicator where the coordinator overrides the kind)
// and the what-if targets. Shared by the gaps page and the server. Browser-safe; messages are translation keys.
import { z } from "zod";
import { GAP_KINDS, type GapKind } from "~/domain/gaps";
import { EFFORT_MAX, EFFORT_MIN } from "~/domain/plan";

const effort = z
  .string("plan.error.effort")
  .trim()
  .regex(/^\d{1,3}$/, "plan.error.effort")
  .transform(Number)
  .refine((n) => n >= EFFORT_MIN && n <= EFFORT_MAX, "plan.error.effort");

/** Form field names: `kind.<gap kind>` (required) and `indicator.<code>` (blank: the kind's weight). */
export const effortField = {
  kind: (kind: GapKind) => `kind.${kind}`,
  indicator: (code: string) => `indicator.${code}`,
};

export const effortSchema = z
  .object({
    intent: z.literal("saveEffort"),
    ...Object.fromEntries(GAP_KINDS.map((k) => [effortField.kind(k), effort])),
  })
  .catchall(z.string())
  .transform((fields, ctx) => {
    const values = fields as unknown as Record<string, number | string>;
    const byKind = Object.fromEntries(GAP_KINDS.map((k) => [k, values[effortField.kind(k)]])) as Record<
      GapKind,
      number
    >;
    const byIndicator: Record<string, number> = {};
    for (const [key, raw] of Object.entries(fields)) {
      const m = /^indicator\.([0-9A-Za-z.\-_]{1,20})$/.exec(key);
      if (!m || typeof raw !== "string" || raw.trim() === "") continue;
      const parsed = effort.safeParse(raw);
      if (!parsed.success) ctx.addIssue({ code: "custom", path: [key], message: "plan.error.effort" });
      else byIndicator[m[1]!] = parsed.data;
    }
    return { byKind, byIndicator };
  });
export type EffortInput = z.infer<typeof effortSchema>;

/** What-if targets from the query string: `to.<code>=<points>` (one decimal); blank means no target. */
export function parseTargets(
  search: URLSearchParams,
  maxTenthsByCode: ReadonlyMap<string, number>,
): { targets: Map<string, number>; errors: string[] } {
  const targets = new Map<string, number>();
  const errors: string[] = [];
  for (const [key, raw] of search.entries()) {
    if (!key.startsWith("to.")) continue;
    const code = key.slice(3);
    const max = maxTenthsByCode.get(code);
    const value = raw.trim();
    if (max === undefined || value === "") continue;
    if (!/^\d{1,4}(?:\.\d)?$/.test(value) || Math.round(Number(value) * 10) > max) {
      errors.push(code);
      continue;
    }
    targets.set(code, Math.round(Number(value) * 10));
  }
  return { targets, errors };
}
