// The auditor's side of an indicator: the self score next to the reviewed one, and the three review actions.
// Plain forms: they work without JavaScript.
import type { ReviewActionData } from "~/domain/review";
import { Form, useNavigation } from "@remix-run/react";
import type { MessageKey } from "~/i18n";
import { formatTenths } from "../points";
import { useLocale, useT } from "../use-t";
import { formatDateTime } from "~/domain/datetime";

interface ReviewPanelProps {
  version: number;
  maxTenths: number;
  selfTenths: number | null;
  reviewedTenths: number | null;
  review: { by: string | null; at: string | null; reason: string | null } | null;
  allowed: { approve: boolean; adjust: boolean; return: boolean };
  result?: ReviewActionData;
  /** The indicator's possible scores in tenths when its method is discrete (score-levels.ts), else null. */
  allowedTenths?: readonly number[] | null;
}

export function ReviewPanel({
  version,
  maxTenths,
  selfTenths,
  reviewedTenths,
  review,
  allowed,
  result,
  allowedTenths = null,
}: ReviewPanelProps) {
  const t = useT();
  const locale = useLocale();
  const busy = useNavigation().state !== "idle";
  const failed = result && !result.ok ? result : null;
  const err = (intent: string, field: string) =>
    failed && failed.intent === intent ? failed.errors[field] : undefined;
  const value = (intent: string, field: string, fallback = "") =>
    failed && failed.intent === intent ? (failed.values[field] ?? fallback) : fallback;
  const levels = allowedTenths ? allowedTenths.map((v) => formatTenths(v)).join(" / ") : null;
  const diff = reviewedTenths !== null && selfTenths !== null ? reviewedTenths - selfTenths : null;
  return (
    <section className="panel review-panel" aria-labelledby="review-title" data-testid="review-panel">
      <h2 id="review-title">{t("review.title")}</h2>
      <dl className="review-scores">
        <div>
          <dt>{t("review.self")}</dt>
          <dd className="num">
            {selfTenths === null ? "–" : formatTenths(selfTenths)} / {formatTenths(maxTenths)}
          </dd>
        </div>
        <div>
          <dt>{t("review.reviewed")}</dt>
          <dd className="num" data-testid="reviewed-score">
            {reviewedTenths === null ? "–" : formatTenths(reviewedTenths)}
          </dd>
        </div>
        {diff !== null && diff !== 0 ? (
          <div>
            <dt>{t("review.diff")}</dt>
            <dd className="num">
              {diff > 0 ? "+" : ""}
              {formatTenths(diff)}
            </dd>
          </div>
        ) : null}
      </dl>
      {review?.by ? (
        <p className="small muted">
          {t("review.by", { name: review.by, time: review.at ? formatDateTime(review.at, locale) : "" })}
          {review.reason ? (
            <>
              {" "}
              · {t("review.reason")}: <span data-testid="review-reason">{review.reason}</span>
            </>
          ) : null}
        </p>
      ) : null}
      {result?.ok && result.intent !== "comment" ? (
        <p className="notice notice--ok" role="status">
          {t(`review.done.${result.intent}` as MessageKey)}
        </p>
      ) : null}
      {failed?.errors._form && failed.intent !== "comment" ? (
        <p className="notice notice--error" role="alert">
          {t(failed.errors._form)}
        </p>
      ) : null}
      {!allowed.approve && !allowed.adjust && !allowed.return ? (
        <p className="muted small">{t("review.nothingToDo")}</p>
      ) : null}

      <div className="review-actions">
        {allowed.approve ? (
          <Form method="post" className="form form--compact">
            <input type="hidden" name="version" value={version} />
            <button type="submit" name="intent" value="approve" className="button" disabled={busy}>
              {t("review.approve")}
            </button>
            <p className="field__hint">{t("review.approveHint")}</p>
          </Form>
        ) : null}

        {allowed.adjust ? (
          <Form key={`adjust-${version}`} method="post" className="form form--compact" aria-labelledby="adjust-title">
            <h3 id="adjust-title" className="small">
              {t("review.adjustTitle")}
            </h3>
            <input type="hidden" name="version" value={version} />
            <div className="field">
              <label htmlFor="review-points">{t("review.points", { max: formatTenths(maxTenths) })}</label>
              <input
                id="review-points"
                name="reviewed"
                inputMode="decimal"
                defaultValue={value("adjust", "reviewed")}
                required
                aria-invalid={err("adjust", "reviewed") ? true : undefined}
                aria-describedby={err("adjust", "reviewed") ? "review-points-error" : undefined}
              />
              {err("adjust", "reviewed") ? (
                <span id="review-points-error" className="field__error" role="alert">
                  {t(err("adjust", "reviewed")!)}
                </span>
              ) : null}
            </div>
            <div className="field">
              <label htmlFor="review-reason">{t("review.reasonLabel")}</label>
              <textarea
                id="review-reason"
                name="reason"
                rows={2}
                maxLength={1000}
                defaultValue={value("adjust", "reason")}
                required
                aria-invalid={err("adjust", "reason") ? true : undefined}
                aria-describedby={err("adjust", "reason") ? "review-reason-error" : undefined}
              />
              {err("adjust", "reason") ? (
                <span id="review-reason-error" className="field__error" role="alert">
                  {t(err("adjust", "reason")!)}
                </span>
              ) : null}
            </div>
            {levels ? (
              <div className="field">
                <label htmlFor="review-override">{t("levels.override")}</label>
                <input
                  id="review-override"
                  name="override"
                  maxLength={1000}
                  defaultValue={value("adjust", "override")}
                  aria-invalid={err("adjust", "override") ? true : undefined}
                  aria-describedby="review-override-hint"
                />
                <span id="review-override-hint" className="field__hint">
                  {t("levels.overrideHint", { allowed: levels })}
                </span>
                {err("adjust", "override") ? (
                  <span className="field__error" role="alert" data-testid="off-level-error">
                    {t(err("adjust", "override")!, { allowed: levels })}
                  </span>
                ) : null}
              </div>
            ) : null}
            <button type="submit" name="intent" value="adjust" className="button button--secondary" disabled={busy}>
              {t("review.adjust")}
            </button>
          </Form>
        ) : null}

        {allowed.return ? (
          <Form key={`return-${version}`} method="post" className="form form--compact" aria-labelledby="return-title">
            <h3 id="return-title" className="small">
              {t("review.returnTitle")}
            </h3>
            <input type="hidden" name="version" value={version} />
            <div className="field">
              <label htmlFor="return-comment">{t("review.returnComment")}</label>
              <textarea
                id="return-comment"
                name="comment"
                rows={2}
                maxLength={2000}
                defaultValue={value("return", "comment")}
                required
                aria-invalid={err("return", "comment") ? true : undefined}
                aria-describedby={err("return", "comment") ? "return-comment-error" : undefined}
              />
              {err("return", "comment") ? (
                <span id="return-comment-error" className="field__error" role="alert">
                  {t(err("return", "comment")!)}
                </span>
              ) : null}
            </div>
            <button type="submit" name="intent" value="return" className="button button--danger" disabled={busy}>
              {t("review.return")}
            </button>
          </Form>
        ) : null}
      </div>
    </section>
  );
}
