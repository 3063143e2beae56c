// The review forms' schemas, the same in the browser and on the server: an auditor's approve / adjust / return and
// comment on one indicator, approving many at once from the queue, and the Ministry's review stages (recording and
// voiding an entry) and cross-review grants of a round.
import { z } from "zod";
import { COMMITTEE_DECISIONS, REVIEW_STAGES } from "~/domain/review";
import { isCalendarDate } from "~/domain/validity";

const version = z
  .string("review.error.version")
  .regex(/^\d{1,9}$/, "review.error.version")
  .transform(Number);
const text = (key: string, min: number, max: number) =>
  z.string(key).trim().normalize("NFC").min(min, key).max(max, key);

/** "12.5" → 125 tenths; at most one decimal, as the Ministry scores. */
export const pointsText = z
  .string("review.error.points")
  .trim()
  .regex(/^\d{1,4}(\.\d)?$/, "review.error.points")
  .transform((v) => Math.round(Number(v) * 10));

export const approveSchema = z.object({ intent: z.literal("approve"), version });
export const adjustSchema = z.object({
  intent: z.literal("adjust"),
  version,
  reviewed: pointsText,
  reason: text("review.error.reason", 2, 1000),
  /** Why a score off the indicator's levels is given (required only then; see score-levels.ts). */
  override: z
    .string()
    .trim()
    .normalize("NFC")
    .max(1000, "review.error.reason")
    .optional()
    .transform((v) => (v ? v : null)),
});
export const returnSchema = z.object({
  intent: z.literal("return"),
  version,
  comment: text("review.error.returnComment", 2, 2000),
});
export const commentSchema = z.object({
  intent: z.literal("comment"),
  body: text("review.error.comment", 1, 2000),
  parentId: z
    .string()
    .regex(/^(?:[1-9]\d{0,11})?$/, "review.error.comment")
    .optional()
    .transform((v) => (v ? Number(v) : null)),
});
export const reviewSchema = z.discriminatedUnion("intent", [approveSchema, adjustSchema, returnSchema]);
export type ReviewInput = z.output<typeof reviewSchema>;

export const stageSchema = z
  .object({
    intent: z.literal("recordStage"),
    stage: z.enum(REVIEW_STAGES, "stages.error.stage"),
    heldOn: z
      .string("stages.error.heldOn")
      .regex(/^\d{4}-\d{2}-\d{2}$/, "stages.error.heldOn")
      .refine(isCalendarDate, "stages.error.heldOn"),
    notes: text("stages.error.notes", 2, 4000),
    decision: z
      .enum(["", ...COMMITTEE_DECISIONS], "stages.error.decision")
      .optional()
      .transform((v) => (v ? v : null)),
  })
  .superRefine((v, ctx) => {
    if (v.decision !== null && v.stage !== "committee")
      ctx.addIssue({ code: "custom", path: ["decision"], message: "stages.error.decision" });
  });

const rowId = (key: string) =>
  z
    .string(key)
    .regex(/^[1-9]\d{0,11}$/, key)
    .transform(Number);
export const grantSchema = z.object({
  intent: z.literal("grantCross"),
  institutionId: rowId("stages.error.institution"),
});
export const revokeSchema = z.object({ intent: z.literal("revokeCross"), grantId: rowId("stages.error.grant") });
/** Voiding a mistaken entry: which one, and why (the reason stays on the timeline, struck through). */
export const voidStageSchema = z.object({
  intent: z.literal("voidStage"),
  stageId: z
    .string("stageVoid.error.stage")
    .regex(/^[1-9]\d{0,11}$/, "stageVoid.error.stage")
    .transform(Number),
  reason: z
    .string("stageVoid.error.reason")
    .trim()
    .normalize("NFC")
    .min(2, "stageVoid.error.reason")
    .max(1000, "stageVoid.error.reason"),
});
export type VoidStageInput = z.output<typeof voidStageSchema>;
export const stageIntentSchema = z.discriminatedUnion("intent", [
  stageSchema,
  grantSchema,
  revokeSchema,
  voidStageSchema,
]);
export type StageIntent = z.output<typeof stageIntentSchema>;

/** Approving many handed-in indicators at once from the review queue (app/utils/bulk-review.server.ts). */
export const bulkApproveSchema = z.object({
  intent: z.literal("bulkApprove"),
  /** "code:version" of each selected row, as the queue showed it. */
  pick: z
    .array(z.string().regex(/^[0-9A-Za-z.-]{1,20}:\d{1,9}$/, "bulk.error.none"))
    .min(1, "bulk.error.none")
    .max(500, "bulk.error.none")
    .transform((picks) =>
      picks.map((p) => {
        const [code, version] = p.split(":");
        return { code, version: Number(version) };
      }),
    ),
});
