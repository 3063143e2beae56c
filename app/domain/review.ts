// The auditor's review of one indicator, pure and browser-safe: which review actions the round and the response
// allow, the review queue's filters and the Ministry's stages. The forms' schemas are in app/schemas/review.ts.
import type { ResponseStatus, RoundState } from "./response-rules";
import type { MessageKey } from "~/i18n";

export type ReviewIntent = "approve" | "adjust" | "return";

/**
 * Why a review action is not possible now, or null when it is. Approving and adjusting take a handed-in (or already
 * reviewed) score while the round is open or under review; returning sends the indicator back to a department that
 * can still change it, so only while the round is open.
 */
export function reviewLock(
  intent: ReviewIntent,
  roundState: RoundState,
  status: ResponseStatus,
): "round" | "status" | null {
  const roundOk =
    intent === "return"
      ? roundState === "open"
      : roundState === "open" || roundState === "submitted" || roundState === "under_review";
  if (!roundOk) return "round";
  if (status !== "submitted" && status !== "approved") return "status";
  return null;
}

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
    if (f.view === "all" && r.status !== "submitted" && r.status !== "approved" && r.status !== "returned")
      return false;
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
export const stageRecordable = (state: RoundState) =>
  state === "submitted" || state === "under_review" || state === "concluded";
/** Another institution may cross-review a round only while it is submitted or under review. */
export const crossReviewable = (state: RoundState) => state === "submitted" || state === "under_review";

/**
 * Whether a round takes new comments: while its indicators are being answered and reviewed (open, submitted, under
 * review). A round in preparation has nobody to talk to yet; a concluded round is the record of what was decided,
 * so its threads are read-only.
 */
export const commentsOpen = (state: RoundState) =>
  state === "open" || state === "submitted" || state === "under_review";

/** What an indicator page's review or comment form gets back: the new state, or the refusal with the fields. */
export type ReviewActionData =
  | { ok: true; intent: string; status: string; reviewedTenths: number | null }
  | { ok: false; intent: string; errors: Record<string, MessageKey>; values: Record<string, string> };
