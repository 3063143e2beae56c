import {
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import roundsHref from "~/styles/rounds.css?url";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { toTenths } from "#indicators/points";
import { formatTenths } from "~/components/points";
import { StatusBadge } from "~/components/round-header";
import { useLocale, useT } from "~/components/use-t";
import { EvidencePanel } from "~/components/work/evidence-panel";
import { ResponseForm } from "~/components/work/response-form";
import { RubricPanel } from "~/components/work/rubric-panel";
import { indicatorLabels } from "~/text/audit-display";
import { handInTiming } from "~/domain/hand-in";
import { formatDateTime } from "~/domain/datetime";
import { draftFromRow, maySubmit, statusAfterSave } from "~/domain/response-rules";
import type { MessageKey } from "~/i18n";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { listEvidence } from "~/utils/evidence.server";
import { guardIndicator, mayComment } from "~/utils/guards.server";
import { INDICATOR_HISTORY_LIMIT, indicatorHistory, listComments, reviewOf } from "~/utils/review.server";
import { can } from "~/domain/permissions";
import { allowedReviewedTenths } from "~/domain/score-levels";
import { commentsOpen, reviewLock } from "~/domain/review";
import { CommentThreads } from "~/components/review/comments";
import { HistoryList } from "~/components/review/history";
import { ReviewPanel } from "~/components/review/review-panel";
import type { ReviewActionData } from "~/domain/review";
import { type EvidenceActionData } from "~/utils/responses.server";
import { libraryChoices, uploadDepartment } from "~/utils/library-read.server";
import libraryHref from "~/styles/library.css?url";
import { PreviousAnswerPanel } from "~/components/work/previous-answer";
import { previousAnswer } from "~/utils/previous-answer.server";
import { pageTitle } from "~/utils/meta";
import { indicatorAction, type UnknownIntentData } from "~/utils/indicator-actions.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: roundsHref },
  { rel: "stylesheet", href: libraryHref },
];
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, null, data ? `${data.indicator.code} ${data.indicator.title}` : null);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, ctx } = await guardIndicator(request, params.roundId, params.code);
  const { round, edition, indicator, response } = ctx;
  const updatedBy = response?.updated_by
    ? ((await db.selectFrom("users").select("display_name").where("id", "=", response.updated_by).executeTakeFirst())
        ?.display_name ?? null)
    : null;
  const status = response?.status ?? "not_started";
  const mayReview = can(actor, "review:response:institution", {
    institutionId: round.institution_id,
    roundId: round.id,
  });
  const [review, comments, history, previous] = await Promise.all([
    reviewOf(db, response),
    listComments(db, round.id, indicator.code),
    indicatorHistory(db, round, indicator.code, response?.id ?? null),
    previousAnswer(db, round, edition, indicator.code),
  ]);
  // "Use last year's answer" (?previous=1) fills the form with it; nothing is saved until the person saves.
  const prefill =
    new URL(request.url).searchParams.get("previous") === "1" && previous?.usable && !ctx.lock ? previous.draft : null;
  return {
    round: {
      id: round.id,
      title: round.title,
      state: round.state,
      deadlineAt: round.deadline_at,
      latePolicy: round.late_policy,
    },
    indicator,
    editionId: edition.id,
    // Editions stored before provenance existed have no sources list.
    sources: (edition.sources ?? [])
      .filter((s) => indicator.provenance?.sources.includes(s.id))
      .map((s) => ({ id: s.id, title: s.title })),
    areaTitle: edition.areas.find((a) => a.code === indicator.area)?.title ?? indicator.area,
    itemTitle: edition.items.find((i) => i.code === indicator.item)?.title ?? indicator.item,
    assignments: ctx.assignments,
    response: {
      status,
      version: response?.version ?? 0,
      selfTenths: response?.self_tenths ?? null,
      reviewedTenths: response?.reviewed_tenths ?? null,
      carriedOver: response?.carried_over === 1,
      updatedBy: response && response.updated_by ? updatedBy : null,
      updatedAt: response?.updated_at ?? null,
    },
    draft: draftFromRow(response ?? null),
    previous,
    prefill,
    lock: ctx.lock,
    role: ctx.role,
    maySubmit: maySubmit({ lock: ctx.lock, role: ctx.role, status: statusAfterSave(status) }),
    handInClosedAt:
      handInTiming({ deadlineAt: round.deadline_at, latePolicy: round.late_policy }, new Date().toISOString()) ===
      "refused"
        ? round.deadline_at
        : null,
    evidence: await listEvidence(db, response?.id ?? null),
    library: {
      choices: ctx.lock
        ? []
        : await libraryChoices(
            db,
            actor,
            round,
            indicator.code,
            ctx.assignments.map((a) => a.departmentId),
          ),
      department: uploadDepartment(actor, round.institution_id, ctx.assignments),
    },
    uploadMaxMb: env.UPLOAD_MAX_MB,
    mayReview,
    reviewAllowed: {
      approve: mayReview && reviewLock("approve", round.state, status) === null,
      adjust: mayReview && reviewLock("adjust", round.state, status) === null,
      return: mayReview && reviewLock("return", round.state, status) === null,
    },
    review,
    comments,
    comment: { allowed: mayComment(actor, ctx), open: commentsOpen(round.state) },
    history,
    historyLimit: INDICATOR_HISTORY_LIMIT,
    backTo: mayReview
      ? `/rounds/${round.id}/review`
      : can(actor, "read:round:institution", { institutionId: round.institution_id, roundId: round.id })
        ? `/rounds/${round.id}`
        : "/",
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, ctx } = await guardIndicator(request, params.roundId, params.code);
  return indicatorAction(request, actor, ctx);
}

export default function IndicatorPage() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const { indicator, response } = d;
  const lockKey = d.lock && !d.mayReview ? (`work.lock.${d.lock}` as MessageKey) : null;
  const result = useActionData() as ReviewActionData | EvidenceActionData | UnknownIntentData | undefined;
  const reviewResult =
    result && ["approve", "adjust", "return", "comment"].includes(result.intent)
      ? (result as ReviewActionData)
      : undefined;
  return (
    <>
      <p className="no-print breadcrumb">
        <Link to={d.backTo}>
          {d.mayReview
            ? `← ${t("review.queue.title")}`
            : d.backTo === "/"
              ? t("work.backToList")
              : `← ${d.round.title}`}
        </Link>
      </p>
      <div className="page-head">
        <div>
          <p className="muted small">
            {d.round.title} · {d.areaTitle} › {d.itemTitle}
          </p>
          <h1>
            <span className="num">{indicator.code}</span> {indicator.title}
          </h1>
          <p>
            <StatusBadge status={response.status} />{" "}
            <span className="muted">
              {t("home.selfScore")}:{" "}
              <strong className="num" data-testid="saved-score">
                {response.selfTenths === null ? "–" : formatTenths(response.selfTenths)}
              </strong>{" "}
              / {formatTenths(toTenths(indicator.maxPoints))}
            </span>
            {response.updatedAt && response.updatedBy ? (
              <span className="muted small">
                {" "}
                · {t("work.lastSaved", { name: response.updatedBy, time: formatDateTime(response.updatedAt, locale) })}
              </span>
            ) : null}
          </p>
        </div>
      </div>
      {response.status === "returned" ? <ReturnedNotice comments={d.comments} /> : null}
      {response.carriedOver ? (
        <p className="notice notice--warn" data-testid="carried-over">
          {t("work.carriedOverNotice")}
        </p>
      ) : null}
      {lockKey ? (
        <p className="notice notice--warn" data-testid="lock-notice">
          {t(lockKey, { state: t(`round.state.${d.round.state}` as MessageKey) })}
        </p>
      ) : null}
      <RefusedNotice
        result={
          result && "errors" in result && !("values" in result)
            ? (result as EvidenceActionData | UnknownIntentData)
            : undefined
        }
        evidenceFormsShown={d.lock === null}
      />
      {!d.lock && d.role === "support" ? <p className="notice">{t("work.supportOnly")}</p> : null}
      {!d.lock && d.role === null ? (
        <p className="notice" data-testid="coordinator-writes">
          {t("work.coordinatorWrites")}
        </p>
      ) : null}
      <div className="work-layout">
        <RubricPanel
          indicator={indicator}
          areaTitle={d.areaTitle}
          itemTitle={d.itemTitle}
          departments={d.assignments}
          editionId={d.editionId}
          sources={d.sources}
        />
        <div className="work-layout__main">
          {d.previous ? (
            <PreviousAnswerPanel
              indicator={indicator}
              previous={d.previous}
              mayUse={d.lock === null}
              prefilled={d.prefill !== null}
            />
          ) : null}
          <ResponseForm
            key={`${indicator.code}:${d.lock ?? "open"}:${d.prefill ? "previous" : "saved"}`}
            roundId={d.round.id}
            indicator={indicator}
            draft={d.draft}
            version={response.version}
            lock={d.lock}
            maySubmit={d.maySubmit}
            handInClosedAt={d.handInClosedAt}
            prefill={d.prefill}
          />
          {d.mayReview ? (
            <ReviewPanel
              version={response.version}
              maxTenths={toTenths(indicator.maxPoints)}
              selfTenths={response.selfTenths}
              reviewedTenths={response.reviewedTenths}
              review={d.review}
              allowed={d.reviewAllowed}
              result={reviewResult}
              allowedTenths={allowedReviewedTenths(indicator)}
            />
          ) : null}
          <EvidencePanel
            indicator={indicator}
            evidence={d.evidence}
            editable={d.lock === null}
            maxMb={d.uploadMaxMb}
            library={{ ...d.library, roundId: d.round.id }}
          />
          {!d.mayReview && d.review?.reason ? (
            <p className="notice">
              {t("review.reason")}: {d.review.reason}
            </p>
          ) : null}
          <CommentThreads
            comments={d.comments}
            result={reviewResult}
            allowed={d.comment.allowed}
            open={d.comment.open}
          />
          <details className="panel" id="history">
            <summary>
              <h2 className="inline-heading">
                {t("history.tab")}{" "}
                <span className="muted small">
                  ({d.history.length >= d.historyLimit ? `${d.historyLimit}+` : d.history.length})
                </span>
              </h2>
            </summary>
            <HistoryList
              entries={d.history}
              lookups={{ indicators: { [indicator.code]: indicatorLabels(indicator) } }}
              deadlineAt={d.round.deadlineAt}
            />
            {d.history.length >= d.historyLimit ? (
              <p className="small">
                <Link to={`/rounds/${d.round.id}/history?indicator=${encodeURIComponent(indicator.code)}`}>
                  {t("history.more")}
                </Link>
              </p>
            ) : null}
          </details>
        </div>
      </div>
    </>
  );
}

const EVIDENCE_INTENTS = ["upload", "addLink", "addNote", "deleteEvidence", "linkLibrary"];

/**
 * A refusal posted without JavaScript that no form on the page shows: an unknown request, or evidence sent to a
 * response that can no longer change (the evidence forms are gone then). The other refusals sit by their form.
 */
function RefusedNotice({
  result,
  evidenceFormsShown,
}: {
  result: EvidenceActionData | UnknownIntentData | undefined;
  evidenceFormsShown: boolean;
}) {
  const t = useT();
  if (!result || result.ok) return null;
  const unowned = result.intent === "unknown" || (EVIDENCE_INTENTS.includes(result.intent) && !evidenceFormsShown);
  if (!unowned) return null;
  return (
    <div className="notice notice--error" role="alert" data-testid="refused-notice">
      {Object.entries(result.errors).map(([field, e]) => (
        <p key={field}>{t(e.key as MessageKey, e.params)}</p>
      ))}
    </div>
  );
}

/** Why the department has the indicator back: the auditor's latest return comment, by whom and when. */
function ReturnedNotice({
  comments,
}: {
  comments: { kind: string; body: string; author: string; createdAt: string }[];
}) {
  const t = useT();
  const locale = useLocale();
  const last = [...comments].reverse().find((c) => c.kind === "return");
  return (
    <div className="notice notice--error" data-testid="returned-notice">
      <p>{t("work.returnedNotice")}</p>
      {last ? (
        <p>
          <strong>{t("work.returnedReason")}</strong> {last.body}{" "}
          <span className="small">
            — {last.author}, {formatDateTime(last.createdAt, locale)}
          </span>
        </p>
      ) : null}
    </div>
  );
}
