// An indicator's comment threads: questions between auditors and departments, and the reasons of returns and
// adjustments, in order. Who may add to them is the comment permission's answer (app/domain/permissions.ts), and only
// while the round takes comments (commentsOpen in app/domain/review.ts); otherwise the threads are read-only.
import { Form, useNavigation } from "@remix-run/react";
import type { MessageKey } from "~/i18n";
import type { CommentView } from "~/utils/review.server";
import { formatDateTime } from "~/domain/datetime";
import { useLocale, useT } from "../use-t";
import type { ReviewActionData } from "~/domain/review";

function CommentBody({ c }: { c: Omit<CommentView, "replies"> }) {
  const t = useT();
  const locale = useLocale();
  return (
    <div className={`comment comment--${c.kind}`}>
      <div className="comment__meta small">
        <strong>{c.author}</strong>
        {c.authorInstitution ? <span className="muted"> · {c.authorInstitution}</span> : null}
        <span className="muted"> · {formatDateTime(c.createdAt, locale)}</span>
        {c.kind !== "comment" ? (
          <>
            {" "}
            <span className={`badge ${c.kind === "return" ? "badge--returned" : "badge--warn"}`}>
              {t(`review.comment.kind.${c.kind}` as MessageKey)}
            </span>
          </>
        ) : null}
      </div>
      <p className="comment__body">{c.body}</p>
    </div>
  );
}

export function CommentThreads({
  comments,
  result,
  allowed,
  open,
}: {
  comments: CommentView[];
  result?: ReviewActionData;
  allowed: boolean;
  open: boolean;
}) {
  const t = useT();
  const busy = useNavigation().state !== "idle";
  const failed = result && !result.ok && result.intent === "comment" ? result : null;
  // A posted comment changes the count: the forms start afresh (empty) then, and keep what was typed otherwise.
  const count = comments.reduce((n, c) => n + 1 + c.replies.length, 0);
  const writable = allowed && open;
  return (
    <section className="panel" aria-labelledby="comments-title" data-testid="comments">
      <h2 id="comments-title">
        {t("review.comments")} <span className="muted small">({count})</span>
      </h2>
      {comments.length === 0 ? (
        <p className="muted">{t("review.comments.none")}</p>
      ) : (
        <ol className="comment-threads">
          {comments.map((c) => (
            <li key={c.id}>
              <CommentBody c={c} />
              {c.replies.length ? (
                <ol className="comment-replies">
                  {c.replies.map((r) => (
                    <li key={r.id}>
                      <CommentBody c={r} />
                    </li>
                  ))}
                </ol>
              ) : null}
              {writable ? (
                <details className="comment-reply" key={`reply-${count}`}>
                  <summary className="small">{t("review.comments.reply")}</summary>
                  <Form method="post" className="form form--compact">
                    <input type="hidden" name="intent" value="comment" />
                    <input type="hidden" name="parentId" value={c.id} />
                    <label className="visually-hidden" htmlFor={`reply-${c.id}`}>
                      {t("review.comments.reply")}
                    </label>
                    <textarea id={`reply-${c.id}`} name="body" rows={2} maxLength={2000} required />
                    <button type="submit" className="button button--small" disabled={busy}>
                      {t("review.comments.send")}
                    </button>
                  </Form>
                </details>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {allowed && !open ? (
        <p className="muted small" data-testid="comments-closed">
          {t("review.comments.closed")}
        </p>
      ) : null}
      {writable || failed ? (
        <Form method="post" className="form form--compact" key={`new-${count}`}>
          <input type="hidden" name="intent" value="comment" />
          <div className="field">
            <label htmlFor="comment-body">{t("review.comments.new")}</label>
            <textarea
              id="comment-body"
              name="body"
              rows={2}
              maxLength={2000}
              required
              defaultValue={failed?.values.body ?? ""}
              aria-invalid={failed?.errors.body ? true : undefined}
              aria-describedby={failed?.errors.body ? "comment-body-error" : undefined}
            />
            {failed?.errors.body ? (
              <span id="comment-body-error" className="field__error" role="alert">
                {t(failed.errors.body)}
              </span>
            ) : null}
          </div>
          <button type="submit" className="button button--secondary button--small" disabled={busy}>
            {t("review.comments.send")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
