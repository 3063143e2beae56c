// The auditor's review of one indicator, pure and browser-safe: which review actions the round and the response
// allow, the forms' schemas (the same in the browser and on the server), and the review queue's filters.
import { z } from "zod";
import { isCalendarDate } from "./validity";
import type { ResponseStatus, RoundState } from "./response-rules";

export type ReviewIntent = "approve" | "adjust" | "return";

/**
 * Why a review action is not possible now, or null when it is. Approving and adjusting take a handed-in (or already
 * reviewed) score while the round is open or under review; returning sends the indicator back to a department that
 * can still change it, so only while the round is open.
 */
export function reviewLock(intent: ReviewIntent, roundState: RoundState, status: ResponseStatus): "round" | "status" | null {
  const roundOk = intent === "return" ? roundState === "open" : roundState === "open" || roundState === "submitted" || roundState === "under_review";
  if (!roundOk) return "round";
  if (status !== "submitted" && status !== "approved") return "status";
  return null;
}

const version = z.string("review.error.version").regex(/^\d{1,9}$/, "review.error.version").transform(Number);
const text = (key: string, min: number, max: number) => z.string(key).trim().normalize("NFC").min(min, key).max(max, key);

/** "12.5" → 125 tenths; at most one decimal, as the Ministry scores. */
export const pointsText = z.string("review.error.points").trim().regex(/^\d{1,4}(\.\d)?$/, "review.error.points")
  .transform((v) => Math.round(Number(v) * 10));

export const approveSchema = z.object({ intent: z.literal("approve"), version });
export const adjustSchema = z.object({
  intent: z.literal("adjust"),
  version,
  reviewed: pointsText,
  reason: text("review.error.reason", 2, 1000),
  /** Why a score off the indicator's levels is given (required only then; see score-levels.ts). */
  override: z.string().trim().normalize("NFC").max(1000, "review.error.reason").optional().transform((v) => (v ? v : null)),
});
export const returnSchema = z.object({ intent: z.literal("return"), version, comment: text("review.error.returnComment", 2, 2000) });
export const commentSchema = z.object({
  intent: z.literal("comment"),
  body: text("review.error.comment", 1, 2000),
  parentId: z.string().regex(/^(?:[1-9]\d{0,11})?$/, "review.error.comment").optional().transform((v) => (v ? Number(v) : null)),
});
export const reviewSchema = z.discriminatedUnion("intent", [approveSchema, adjustSchema, returnSchema]);
export type ReviewInput = z.output<typeof reviewSchema>;

export const REVIEW_INTENTS = ["approve", "adjust", "return"] as const;

// ---------------------------------------------------------------------------------------------------------------
// The review queue.

export interface QueueRow {
  code: string;
  area: string;
  item: string;
  departmentId: number | null;
  status: ResponseStatus;
  selfTenths: number | null;
  reviewedTenths: number | null;
}

export const QUEUE_VIEWS = ["waiting", "reviewed", "returned", "all"] as const;
export type QueueView = (typeof QUEUE_VIEWS)[number];

export interface QueueFilter {
  view: QueueView;
  area: string | null;
  item: string | null;
  departmentId: number | null;
  /** Only reviewed indicators whose reviewed score differs from the self score by at least this many tenths. */
  minDiffTenths: number | null;
}

/** |reviewed − self| in tenths, or null while not reviewed. */
export const reviewDiff = (r: Pick<QueueRow, "selfTenths" | "reviewedTenths">) =>
  r.reviewedTenths === null || r.selfTenths === null ? null : r.reviewedTenths - r.selfTenths;

export function filterQueue<T extends QueueRow>(rows: readonly T[], f: QueueFilter): T[] {
  return rows.filter((r) => {
    if (f.view === "waiting" && r.status !== "submitted") return false;
    if (f.view === "reviewed" && r.status !== "approved") return false;
    if (f.view === "returned" && r.status !== "returned") return false;
    if (f.view === "all" && r.status !== "submitted" && r.status !== "approved" && r.status !== "returned") return false;
    if (f.area && r.area !== f.area) return false;
    if (f.item && r.item !== f.item) return false;
    if (f.departmentId !== null && r.departmentId !== f.departmentId) return false;
    if (f.minDiffTenths !== null) {
      const diff = reviewDiff(r);
      if (diff === null || Math.abs(diff) < f.minDiffTenths) return false;
    }
    return true;
  });
}

/** The queue's filter from a URL's search parameters; anything unreadable falls back to "no filter". */
export function queueFilterFrom(params: URLSearchParams): QueueFilter {
  const view = params.get("view");
  const dept = params.get("department");
  const diff = params.get("diff");
  return {
    view: (QUEUE_VIEWS as readonly string[]).includes(view ?? "") ? (view as QueueView) : "waiting",
    area: params.get("area") || null,
    item: params.get("item") || null,
    departmentId: dept && /^\d{1,9}$/.test(dept) ? Number(dept) : null,
    minDiffTenths: diff && /^\d{1,4}(\.\d)?$/.test(diff) ? Math.round(Number(diff) * 10) : null,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The Ministry's review stages and cross-review grants.

export const REVIEW_STAGES = ["document", "cross", "site", "committee"] as const;
export const COMMITTEE_DECISIONS = ["certified", "not_certified"] as const;

/** Stages are recorded once the round is handed in: while it is submitted, under review, or after it concluded. */
export const stageRecordable = (state: RoundState) => state === "submitted" || state === "under_review" || state === "concluded";
/** Another institution may cross-review a round only while it is submitted or under review. */
export const crossReviewable = (state: RoundState) => state === "submitted" || state === "under_review";


export const stageSchema = z.object({
  intent: z.literal("recordStage"),
  stage: z.enum(REVIEW_STAGES, "stages.error.stage"),
  heldOn: z.string("stages.error.heldOn").regex(/^\d{4}-\d{2}-\d{2}$/, "stages.error.heldOn").refine(isCalendarDate, "stages.error.heldOn"),
  notes: text("stages.error.notes", 2, 4000),
  decision: z.enum(["", ...COMMITTEE_DECISIONS], "stages.error.decision").optional().transform((v) => (v ? v : null)),
}).superRefine((v, ctx) => {
  if (v.decision !== null && v.stage !== "committee") ctx.addIssue({ code: "custom", path: ["decision"], message: "stages.error.decision" });
});

const rowId = (key: string) => z.string(key).regex(/^[1-9]\d{0,11}$/, key).transform(Number);
export const grantSchema = z.object({ intent: z.literal("grantCross"), institutionId: rowId("stages.error.institution") });
export const revokeSchema = z.object({ intent: z.literal("revokeCross"), grantId: rowId("stages.error.grant") });
export const stageIntentSchema = z.discriminatedUnion("intent", [stageSchema, grantSchema, revokeSchema]);
export type StageIntent = z.output<typeof stageIntentSchema>;
