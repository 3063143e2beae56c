// The coordinator's round forms: one zod schema per intent, shared by the browser (react-hook-form) and the server.
// Browser-safe. Messages are translation keys of the rounds namespace; each names the field it is about.
import { z } from "zod";
import { isCalendarDate } from "~/domain/validity";
import { LATE_POLICIES } from "~/domain/hand-in";
import { ROUND_TRANSITIONS, type RoundTransition } from "~/domain/round-state";

export const CARRY_OVER_MODES = ["none", "assignments", "answers"] as const;
export const BULK_SCOPES = ["item", "tag", "owner", "unassigned", "codes"] as const;
export const ASSIGNMENT_ROLES = ["lead", "support"] as const;
export const TRANSITIONS = Object.keys(ROUND_TRANSITIONS) as [RoundTransition, ...RoundTransition[]];

const rowId = (key: string) =>
  z
    .string(key)
    .regex(/^[1-9]\d{0,11}$/, key)
    .transform(Number);
const optionalId = (key: string) =>
  z
    .string(key)
    .regex(/^(?:[1-9]\d{0,11})?$/, key)
    .optional()
    .transform((v) => (v ? Number(v) : null));
const code = z
  .string("rounds.error.indicator")
  .trim()
  .regex(/^[0-9A-Za-z.\-_]{1,20}$/, "rounds.error.indicator");

export const createRoundSchema = z.object({
  intent: z.literal("createRound"),
  year: z
    .string("rounds.error.year")
    .trim()
    .regex(/^(20[0-9]{2})$/, "rounds.error.year")
    .transform(Number),
  editionId: z.string("rounds.error.edition").trim().min(1, "rounds.error.edition").max(80, "rounds.error.edition"),
  title: z
    .string("rounds.error.title")
    .trim()
    .normalize("NFC")
    .min(2, "rounds.error.title")
    .max(100, "rounds.error.title"),
  deadline: z.string("rounds.error.deadline").regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "rounds.error.deadline"),
  carryOver: z.enum(CARRY_OVER_MODES, "rounds.error.carryOver"),
});
export type CreateRoundInput = z.infer<typeof createRoundSchema>;

export const transitionSchema = z.object({
  intent: z.literal("transition"),
  transition: z.enum(TRANSITIONS, "rounds.error.transition"),
  version: z
    .string("rounds.error.version")
    .regex(/^\d{1,9}$/, "rounds.error.version")
    .transform(Number),
  reason: z
    .string("rounds.error.reason")
    .trim()
    .normalize("NFC")
    .max(500, "rounds.error.reasonLong")
    .optional()
    .default(""),
  acknowledge: z
    .string()
    .optional()
    .transform((v) => v === "on" || v === "true"),
});

/** The deadline and what a hand-in after it does (issue 15): saved together, one event. */
export const deadlineSchema = z.object({
  intent: z.literal("setDeadline"),
  version: z
    .string("rounds.error.version")
    .regex(/^\d{1,9}$/, "rounds.error.version")
    .transform(Number),
  deadline: z.string("rounds.error.deadline").regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "rounds.error.deadline"),
  latePolicy: z.enum(LATE_POLICIES, "late.error.policy"),
});

export const assignOneSchema = z.object({
  intent: z.literal("assignOne"),
  code,
  leadDepartmentId: optionalId("rounds.error.department"),
  supportDepartmentIds: z
    .array(rowId("rounds.error.department"))
    .max(10, "rounds.error.tooManySupport")
    .optional()
    .default([]),
});

/**
 * A bulk assignment: which indicators (`target` is "item:1.1", "tag:bsc", "owner:정책기획담당관", "unassigned:" or
 * "codes:" with the ticked `codes`), to which department, as lead or support.
 */
export const bulkAssignSchema = z
  .object({
    intent: z.literal("bulkAssign"),
    target: z.string("rounds.error.scope").regex(/^(item|tag|owner|unassigned|codes):.{0,80}$/u, "rounds.error.scope"),
    codes: z.array(code).max(500).optional().default([]),
    departmentId: rowId("rounds.error.department"),
    role: z.enum(ASSIGNMENT_ROLES, "rounds.error.role"),
  })
  .transform((v) => {
    const at = v.target.indexOf(":");
    return { ...v, scope: v.target.slice(0, at) as (typeof BULK_SCOPES)[number], value: v.target.slice(at + 1).trim() };
  })
  .superRefine((v, ctx) => {
    if ((v.scope === "item" || v.scope === "tag" || v.scope === "owner") && !v.value) {
      ctx.addIssue({ code: "custom", path: ["target"], message: "rounds.error.scope" });
    }
    if (v.scope === "codes" && v.codes.length === 0)
      ctx.addIssue({ code: "custom", path: ["codes"], message: "rounds.error.noneSelected" });
  });

export const suggestedOwnersSchema = z.object({ intent: z.literal("assignSuggested") });

/** The assignment page's forms, picked by their intent. */
export function parseAssignmentIntent(fields: Record<string, unknown>) {
  switch (fields.intent) {
    case "assignOne":
      return assignOneSchema.safeParse(fields);
    case "bulkAssign":
      return bulkAssignSchema.safeParse(fields);
    default:
      return suggestedOwnersSchema.safeParse(fields);
  }
}
export type AssignmentIntent =
  z.output<typeof assignOneSchema> | z.output<typeof bulkAssignSchema> | z.output<typeof suggestedOwnersSchema>;

export const roundIntentSchema = z.discriminatedUnion("intent", [transitionSchema, deadlineSchema]);
export type RoundIntent = z.infer<typeof roundIntentSchema>;

export const ACTION_STATUSES = ["open", "in_progress", "done", "dropped"] as const;

/** An action item on a gap: who acts, by when, how far. `version` is 0 for a new one. */
export const actionItemSchema = z.object({
  intent: z.literal("saveAction"),
  code,
  departmentId: rowId("gaps.error.department"),
  dueDate: z
    .string("gaps.error.dueDate")
    .regex(/^(?:\d{4}-\d{2}-\d{2})?$/, "gaps.error.dueDate")
    .optional()
    .refine((v) => !v || isCalendarDate(v), "gaps.error.dueDate")
    .transform((v) => (v ? v : null)),
  status: z.enum(ACTION_STATUSES, "gaps.error.status"),
  notes: z.string("gaps.error.notes").trim().normalize("NFC").max(1000, "gaps.error.notes").optional().default(""),
  version: z
    .string("rounds.error.version")
    .regex(/^\d{1,9}$/, "rounds.error.version")
    .transform(Number),
});
export type ActionItemInput = z.output<typeof actionItemSchema>;

/** The home page's `?round=ID` (the round chosen among several open ones): absent or a positive whole number. */
export const homeRoundParam = z
  .string()
  .regex(/^[1-9]\d{0,11}$/)
  .transform(Number)
  .nullable();
