import {
  type ActionFunctionArgs,
  data,
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
import {
  draftFromRow,
  LinkEvidenceSchema,
  maySubmit,
  NoteEvidenceSchema,
  statusAfterSave,
} from "~/domain/response-rules";
import type { MessageKey } from "~/i18n";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import {
  addEvidence,
  deleteEvidence,
  discardBody,
  listEvidence,
  receiveUpload,
  type UploadProblem,
} from "~/utils/evidence.server";
import { formObject } from "~/utils/forms";
import {
  assertCan,
  assertMayComment,
  assertMayUpdate,
  guardIndicator,
  type IndicatorContext,
  mayComment,
} from "~/utils/guards.server";
import {
  addComment,
  INDICATOR_HISTORY_LIMIT,
  indicatorHistory,
  listComments,
  reviewOf,
  reviewResponse,
} from "~/utils/review.server";
import { type Actor, can } from "~/domain/permissions";
import { allowedReviewedTenths } from "~/domain/score-levels";
import { commentsOpen, REVIEW_INTENTS, reviewLock } from "~/domain/review";
import { commentSchema, reviewSchema } from "~/schemas/review";
import { fieldErrors } from "~/utils/forms";
import { CommentThreads } from "~/components/review/comments";
import { HistoryList } from "~/components/review/history";
import { ReviewPanel, type ReviewActionData } from "~/components/review/review-panel";
import type { ZodError } from "zod";
import {
  type EvidenceActionData,
  type FieldErrorMap,
  type ResponseActionData,
  saveResponse,
} from "~/utils/responses.server";
import { localFileStore } from "~/utils/storage.server";
import { libraryChoices, libraryFile, uploadDepartment } from "~/utils/library-read.server";
import { linkFile, refusal, uploadToLibrary } from "~/utils/library-write.server";
import libraryHref from "~/styles/library.css?url";
import { PreviousAnswerPanel } from "~/components/work/previous-answer";
import { previousAnswer } from "~/utils/previous-answer.server";
import { pageTitle } from "~/utils/meta";

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

const reviewErrors = (error: ZodError) => fieldErrors(error) as Record<string, MessageKey>;
const stringValues = (fields: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(fields).filter((e): e is [string, string] => typeof e[1] === "string"));

const stringParams = (params: Record<string, string | number> | undefined) =>
  params ? Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])) : undefined;

const isMultipart = (request: Request) =>
  (request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data");

function uploadError(problem: UploadProblem): FieldErrorMap {
  const params: Record<string, string> = {};
  if ("name" in problem) params.name = problem.name;
  if ("ext" in problem) params.ext = problem.ext;
  if ("maxMb" in problem) params.max = String(problem.maxMb);
  return { file: { key: problem.key, params } };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, ctx } = await guardIndicator(request, params.roundId, params.code);

  if (!isMultipart(request)) {
    const form = await request.formData();
    const fields = formObject(form);
    const intent = String(fields.intent ?? "save");
    // Reviewing and commenting are not the department's changes: their own rules, before the update check.
    if ((REVIEW_INTENTS as readonly string[]).includes(intent)) return reviewAction(actor, ctx, fields);
    if (intent === "comment") return commentAction(actor, ctx, fields);
    assertMayUpdate(actor, ctx);
    return departmentAction(actor, ctx, intent, fields);
  }
  // Guards first, then the body: nobody without the right to change this response gets to stream a file in.
  assertMayUpdate(actor, ctx);
  if (ctx.lock) {
    await discardBody(request);
    return data<EvidenceActionData>(
      { intent: "upload", ok: false, errors: { file: { key: "work.error.locked" } } },
      { status: 409 },
    );
  }
  const store = localFileStore(env.uploadDir);
  const received = await receiveUpload(request, store, env.uploadMaxBytes);
  if (received.problem || !received.file) {
    const status = received.problem?.key === "work.evidence.tooLarge" ? 413 : 400;
    return data<EvidenceActionData>(
      { intent: "upload", ok: false, errors: uploadError(received.problem ?? { key: "work.evidence.noFile" }) },
      { status },
    );
  }
  const title = (received.fields.title ?? "").trim().slice(0, 200) || received.file.name;
  // The file goes to the department's library too (docs/decisions/036), so other indicators and later rounds can
  // link it without uploading it again. Without an assigned department it stays this response's alone.
  const departmentId = uploadDepartment(actor, ctx.round.institution_id, ctx.assignments);
  if (departmentId === null) {
    await addEvidence(db, actor.userId, ctx.round, ctx.indicator.code, { kind: "file", title, file: received.file });
  } else {
    const outcome = await uploadToLibrary(db, actor.userId, ctx.round, departmentId, received.file, title, [
      ctx.indicator.code,
    ]);
    if (!outcome.ok) {
      const r = refusal(outcome);
      return data<EvidenceActionData>(
        { intent: "upload", ok: false, errors: { file: { key: r.error.key, params: stringParams(r.error.params) } } },
        { status: r.status },
      );
    }
  }
  return data<EvidenceActionData>({ intent: "upload", ok: true });
}

async function reviewAction(actor: Actor, ctx: IndicatorContext, fields: Record<string, unknown>) {
  assertCan(actor, "review:response:institution", { institutionId: ctx.round.institution_id, roundId: ctx.round.id });
  const parsed = reviewSchema.safeParse(fields);
  if (!parsed.success)
    return data<ReviewActionData>(
      { ok: false, intent: String(fields.intent), errors: reviewErrors(parsed.error), values: stringValues(fields) },
      { status: 400 },
    );
  const result = await reviewResponse(db, actor, ctx, parsed.data);
  if (result.ok) return data<ReviewActionData>(result);
  return data<ReviewActionData>({ ...result, values: stringValues(fields) }, { status: result.status });
}

async function commentAction(actor: Actor, ctx: IndicatorContext, fields: Record<string, unknown>) {
  assertMayComment(actor, ctx);
  if (!commentsOpen(ctx.round.state)) {
    return data<ReviewActionData>(
      { ok: false, intent: "comment", errors: { body: "review.error.commentsClosed" }, values: stringValues(fields) },
      { status: 409 },
    );
  }
  const parsed = commentSchema.safeParse(fields);
  if (!parsed.success)
    return data<ReviewActionData>(
      { ok: false, intent: "comment", errors: reviewErrors(parsed.error), values: stringValues(fields) },
      { status: 400 },
    );
  const result = await addComment(db, actor, ctx, parsed.data.body, parsed.data.parentId);
  if (result.ok)
    return data<ReviewActionData>({
      ok: true,
      intent: "comment",
      status: ctx.response?.status ?? "not_started",
      reviewedTenths: ctx.response?.reviewed_tenths ?? null,
    });
  return data<ReviewActionData>({ ...result, values: stringValues(fields) }, { status: result.status });
}

/** A form this page does not have: said at the top of the page, as no form of it owns the answer. */
type UnknownIntentData = { intent: "unknown"; ok: false; errors: FieldErrorMap };

async function departmentAction(actor: Actor, ctx: IndicatorContext, intent: string, fields: Record<string, unknown>) {
  switch (intent) {
    case "save":
    case "submit": {
      const result = await saveResponse(db, actor, ctx, fields, intent);
      const values = fields;
      if (result.ok) return data<ResponseActionData>({ intent, ...result });
      const status =
        result.reason === "conflict" || result.reason === "late" ? 409 : result.reason === "locked" ? 403 : 400;
      return data<ResponseActionData>({ intent, ...result, values } as ResponseActionData, { status });
    }
    case "addLink":
    case "addNote": {
      if (ctx.lock)
        return data<EvidenceActionData>(
          { intent, ok: false, errors: { _form: { key: "work.error.locked" } } },
          { status: 409 },
        );
      const parsed = intent === "addLink" ? LinkEvidenceSchema.safeParse(fields) : NoteEvidenceSchema.safeParse(fields);
      if (!parsed.success) {
        const errors: FieldErrorMap = {};
        for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "_form")] ??= { key: issue.message };
        return data<EvidenceActionData>({ intent, ok: false, errors }, { status: 400 });
      }
      await addEvidence(
        db,
        actor.userId,
        ctx.round,
        ctx.indicator.code,
        intent === "addLink"
          ? { kind: "link", title: parsed.data.title, url: (parsed.data as { url: string }).url }
          : { kind: "note", title: parsed.data.title, note: (parsed.data as { note: string }).note },
      );
      return data<EvidenceActionData>({ intent, ok: true });
    }
    case "linkLibrary": {
      if (ctx.lock)
        return data<EvidenceActionData>(
          { intent, ok: false, errors: { _form: { key: "work.error.locked" } } },
          { status: 409 },
        );
      const fileId = Number(fields.fileId);
      const file = Number.isInteger(fileId) && fileId > 0 && fileId < 2 ** 31 ? await libraryFile(db, fileId) : null;
      // Only a library of a department assigned to this indicator, and one the actor may use.
      if (!file || !ctx.assignments.some((a) => a.departmentId === file.department_id))
        throw new Response("Not Found", { status: 404 });
      assertCan(actor, "update:response:own-dept", {
        institutionId: ctx.round.institution_id,
        departmentIds: [file.department_id],
      });
      const outcome = await linkFile(db, actor.userId, ctx.round, file.id, [ctx.indicator.code]);
      if (!outcome.ok) {
        const r = refusal(outcome);
        return data<EvidenceActionData>(
          { intent, ok: false, errors: { _form: { key: r.error.key, params: stringParams(r.error.params) } } },
          { status: r.status },
        );
      }
      return data<EvidenceActionData>({ intent, ok: true });
    }
    case "deleteEvidence": {
      if (ctx.lock)
        return data<EvidenceActionData>(
          { intent, ok: false, errors: { _form: { key: "work.error.locked" } } },
          { status: 409 },
        );
      const id = Number(fields.evidenceId);
      const deleted =
        Number.isInteger(id) && id > 0 && (await deleteEvidence(db, actor.userId, ctx.round, ctx.indicator.code, id));
      if (!deleted) throw new Response("Not Found", { status: 404 });
      return data<EvidenceActionData>({ intent, ok: true });
    }
    default:
      return data<UnknownIntentData>(
        { intent: "unknown", ok: false, errors: { _form: { key: "work.error.unknownIntent" } } },
        { status: 400 },
      );
  }
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
