// The 국민행복민원실 cycle page's forms: a stage's date, a 체험평가 visit, removing a visit, and the selection (with the
// award date). The same in the browser and on the server; every message is a key naming the field (ADR 037).
import { z } from "zod";
import { isCalendarDate } from "~/domain/validity";

const date = (key: "happy.error.date" | "happy.error.visitedOn" | "happy.error.awardDate") =>
  z.string(key).trim().refine(isCalendarDate, key);
const optionalText = (max: number, key: "happy.error.note" | "happy.error.finding" | "happy.error.followUp") =>
  z
    .string()
    .trim()
    .max(max, key)
    .optional()
    .transform((v) => (v ? v : null));

export const recordStageSchema = z.object({
  intent: z.literal("recordStage"),
  /** The selection has its own form: it may create a certificate. */
  stage: z.enum(["application", "document", "site", "mystery"], "happy.error.stage"),
  date: date("happy.error.date"),
  note: optionalText(1000, "happy.error.note"),
});

export const addVisitSchema = z.object({
  intent: z.literal("addVisit"),
  visitedOn: date("happy.error.visitedOn"),
  channel: z.enum(["visit", "phone", "online"], "happy.error.channel"),
  scenario: z.string("happy.error.scenario").trim().min(1, "happy.error.scenario").max(500, "happy.error.scenario"),
  /** What was observed, per criterion (obs_<item code> on the form). */
  observations: z.record(z.string(), z.string().trim().max(2000, "happy.error.observation")),
  score: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || (/^\d{1,3}$/.test(v) && Number(v) <= 100), "happy.error.score")
    .transform((v) => (v === null ? null : Number(v))),
  finding: optionalText(2000, "happy.error.finding"),
  followUp: optionalText(2000, "happy.error.followUp"),
});

export const removeVisitSchema = z.object({
  intent: z.literal("removeVisit"),
  visitId: z.string("happy.error.visit").regex(/^\d+$/, "happy.error.visit").transform(Number),
});

export const recordSelectionSchema = z
  .object({
    intent: z.literal("recordSelection"),
    outcome: z.enum(["selected", "not-selected"], "happy.error.outcome"),
    date: date("happy.error.date"),
    awardDate: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v : null))
      .refine((v) => v === null || isCalendarDate(v), "happy.error.awardDate"),
    note: optionalText(1000, "happy.error.note"),
  })
  .refine((v) => v.outcome !== "selected" || v.awardDate !== null, {
    path: ["awardDate"],
    message: "happy.error.awardDate",
  });

/** The page's forms by intent (the selection's schema refines across fields, so no discriminated union). */
export const CYCLE_SCHEMAS = {
  recordStage: recordStageSchema,
  addVisit: addVisitSchema,
  removeVisit: removeVisitSchema,
  recordSelection: recordSelectionSchema,
} as const;
export type CycleIntent =
  | z.infer<typeof recordStageSchema>
  | z.infer<typeof addVisitSchema>
  | z.infer<typeof removeVisitSchema>
  | z.infer<typeof recordSelectionSchema>;
