// What an indicator page's action does for each of its forms (docs/decisions/036 for the library): the route guards
// the request and hands it here. Server-only.
import { data } from "@remix-run/node";
import type { ZodError } from "zod";
import { type Actor } from "~/domain/permissions";
import { commentsOpen, REVIEW_INTENTS, type ReviewActionData } from "~/domain/review";
import { LinkEvidenceSchema, NoteEvidenceSchema } from "~/domain/response-rules";
import type { MessageKey } from "~/i18n";
import { commentSchema, reviewSchema } from "~/schemas/review";
import { db } from "./db.server";
import { env } from "./env.server";
import { addEvidence, deleteEvidence, discardBody, receiveUpload, type UploadProblem } from "./evidence.server";
import { fieldErrors, formObject } from "./forms";
import { assertCan, assertMayComment, assertMayUpdate, type IndicatorContext } from "./guards.server";
import { libraryFile, uploadDepartment } from "./library-read.server";
import { linkFile, refusal, uploadToLibrary } from "./library-write.server";
import { type EvidenceActionData, type FieldErrorMap, type ResponseActionData, saveResponse } from "./responses.server";
import { addComment, reviewResponse } from "./review.server";
import { localFileStore } from "./storage.server";

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

/**
 * An indicator page's forms (the answer, evidence, the library, review and comments), after the page's guard: each
 * intent checks who may do it before it reads the body or writes, and answers what the page shows beside its form.
 */
export async function indicatorAction(request: Request, actor: Actor, ctx: IndicatorContext) {
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
export type UnknownIntentData = { intent: "unknown"; ok: false; errors: FieldErrorMap };

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
