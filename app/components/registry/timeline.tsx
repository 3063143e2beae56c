import { Form } from "@remix-run/react";
import { formatCalendarDate, formatDateTime } from "~/domain/datetime";
import { seoulDateOf } from "~/domain/validity";
import type { MessageKey } from "~/i18n";
import type { Errors } from "~/utils/registry-result.server";
import type { InstitutionTimeline } from "~/utils/registry-read.server";
import { formatTenths } from "../points";
import { useLocale, useT } from "../use-t";
import { monthText } from "./renewal-panel";
import { CertStatusBadge, kindKey } from "./status";

type Entry = InstitutionTimeline["entries"][number];

interface TimelineEvent {
  date: string;
  key: string;
  kind: "award" | "revoked" | "expiry" | "round" | "plan" | "today";
  render: () => React.ReactNode;
}

/** Everything that happened (and will happen) to one institution's certification, in date order. */
export function Timeline({
  data,
  today,
  graceMonths,
  canRevoke,
  revokeErrors,
}: {
  data: InstitutionTimeline;
  today: string;
  graceMonths: number;
  canRevoke: boolean;
  revokeErrors?: { certificationId: string; errors: Errors } | null;
}) {
  const t = useT();
  const locale = useLocale();
  const d = (date: string) => formatCalendarDate(date, locale);
  const events: TimelineEvent[] = [];

  for (const e of data.entries) {
    events.push({
      date: e.awardDate,
      key: `award-${e.id}`,
      kind: "award",
      render: () => (
        <AwardEvent
          entry={e}
          graceMonths={graceMonths}
          canRevoke={canRevoke}
          errors={revokeErrors?.certificationId === String(e.id) ? revokeErrors.errors : null}
        />
      ),
    });
    if (e.validity.revokedOn) {
      events.push({
        date: e.validity.revokedOn,
        key: `revoked-${e.id}`,
        kind: "revoked",
        render: () => (
          <>
            <h3>{t("registry.timeline.revoked", { year: e.awardDate.slice(0, 4) })}</h3>
            <p>
              {t("registry.timeline.reason")}: {e.revokedReason}
            </p>
          </>
        ),
      });
    } else if (!e.supersededOn) {
      const past = e.validity.validUntil < today;
      events.push({
        date: e.validity.validUntil,
        key: `expiry-${e.id}`,
        kind: "expiry",
        render: () => (
          <h3>
            {t(past ? "registry.timeline.expired" : "registry.timeline.expires", { year: e.awardDate.slice(0, 4) })}
          </h3>
        ),
      });
    }
  }
  for (const p of data.plans) {
    events.push({
      date: p.selfDiagnosisFrom,
      key: `plan-${p.id}`,
      kind: "plan",
      render: () => (
        <>
          <h3>{t("registry.timeline.plan", { year: p.year })}</h3>
          <dl className="facts">
            <dt>{t("registry.plan.selfDiagnosis")}</dt>
            <dd>
              {d(p.selfDiagnosisFrom)} – {formatDateTime(p.deadlineAt, locale)}
            </dd>
            <dt>{t("registry.plan.reviews")}</dt>
            <dd>
              {monthText(p.reviewFrom, locale)} – {monthText(p.reviewUntil, locale)}
            </dd>
            <dt>{t("registry.plan.award")}</dt>
            <dd>{monthText(p.awardMonth, locale)}</dd>
          </dl>
        </>
      ),
    });
  }
  const planned = new Set(data.plans.map((p) => p.roundId));
  for (const r of data.rounds.filter((x) => !planned.has(x.id))) {
    events.push({
      date: r.deadline_at ? seoulDateOf(r.deadline_at) : `${r.year}-01-01`,
      key: `round-${r.id}`,
      kind: "round",
      render: () => (
        <>
          <h3>
            {r.title} <span className="badge">{t(`round.state.${r.state}` as MessageKey)}</span>
          </h3>
          {r.deadline_at ? (
            <p className="muted">{t("registry.timeline.deadline", { at: formatDateTime(r.deadline_at, locale) })}</p>
          ) : null}
        </>
      ),
    });
  }
  events.push({
    date: today,
    key: "today",
    kind: "today",
    render: () => <h3>{t("registry.timeline.today", { date: d(today) })}</h3>,
  });
  const order: Record<TimelineEvent["kind"], number> = { expiry: 0, revoked: 1, today: 2, award: 3, plan: 4, round: 5 };
  events.sort((a, b) => a.date.localeCompare(b.date) || order[a.kind] - order[b.kind]);

  return (
    <ol className="timeline" aria-label={t("registry.timeline.title")}>
      {events.map((ev) => (
        <li
          key={ev.key}
          className={`timeline__item timeline__item--${ev.kind}${ev.date > today ? " timeline__item--future" : ""}`}
        >
          <time className="timeline__date" dateTime={ev.date}>
            {d(ev.date)}
          </time>
          <div className="timeline__body">{ev.render()}</div>
        </li>
      ))}
    </ol>
  );
}

function AwardEvent({
  entry: e,
  graceMonths,
  canRevoke,
  errors,
}: {
  entry: Entry;
  graceMonths: number;
  canRevoke: boolean;
  errors: Errors | null;
}) {
  const t = useT();
  const locale = useLocale();
  const v = e.validity;
  return (
    <>
      <h3>
        {t("registry.timeline.award", { year: e.awardDate.slice(0, 4), kind: t(kindKey(e.kind)) })}{" "}
        <CertStatusBadge status={v.status} />
      </h3>
      <dl className="facts">
        <dt>{t("registry.timeline.period")}</dt>
        <dd>
          {formatCalendarDate(v.validFrom, locale)} – {formatCalendarDate(v.validUntil, locale)} (
          {t("registry.termYears", { years: v.years })})
        </dd>
        {e.scoreTenths !== null ? (
          <>
            <dt>{t("registry.timeline.score")}</dt>
            <dd>{formatTenths(e.scoreTenths)}</dd>
          </>
        ) : null}
        {e.note ? (
          <>
            <dt>{t("registry.timeline.note")}</dt>
            <dd>{e.note}</dd>
          </>
        ) : null}
      </dl>
      {v.consecutive && v.gapDays > 0 ? (
        <p className="small muted">{t("registry.timeline.withinGrace", { days: v.gapDays, months: graceMonths })}</p>
      ) : null}
      {v.consecutive && v.gapDays === 0 ? <p className="small muted">{t("registry.timeline.consecutive")}</p> : null}
      {v.lapsedRenewal ? (
        <p className="notice notice--warn small">
          {t("registry.timeline.lapsed", { months: graceMonths, years: v.years })}
        </p>
      ) : null}
      {e.supersededOn ? (
        <p className="small muted">
          {t("registry.timeline.superseded", { date: formatCalendarDate(e.supersededOn, locale) })}
        </p>
      ) : null}
      {canRevoke && !v.revokedOn ? (
        <details className="revoke" open={errors ? true : undefined}>
          <summary>{t("registry.revoke")}</summary>
          <Form method="post" className="form">
            <input type="hidden" name="intent" value="revoke" />
            <input type="hidden" name="certificationId" value={e.id} />
            <div className="field">
              <label htmlFor={`reason-${e.id}`}>{t("registry.revoke.reason")}</label>
              <textarea
                id={`reason-${e.id}`}
                name="reason"
                rows={2}
                maxLength={500}
                required
                aria-invalid={errors?.reason ? true : undefined}
                aria-describedby={errors?.reason ? `reason-${e.id}-error` : undefined}
              />
              {errors?.reason ? (
                <span id={`reason-${e.id}-error`} className="field__error" role="alert">
                  {t(errors.reason.key, errors.reason.params)}
                </span>
              ) : null}
              {errors?.certificationId ? (
                <span className="field__error" role="alert">
                  {t(errors.certificationId.key)}
                </span>
              ) : null}
            </div>
            <div>
              <button type="submit" className="button button--danger">
                {t("registry.revoke.submit")}
              </button>
            </div>
          </Form>
        </details>
      ) : null}
    </>
  );
}
