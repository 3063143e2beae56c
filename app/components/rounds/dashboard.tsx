import { Form, Link } from "@remix-run/react";
import { lineStanding } from "~/domain/schemes";
import type { RoundTransition } from "~/domain/round-state";
import type { MessageKey } from "~/i18n";
import type { roundDashboard } from "~/utils/round-admin.server";
import { Field } from "../field";
import { useSchemaForm } from "../org/use-schema-form";
import { formatTenths } from "../points";
import { useT } from "../use-t";
import { applicationLineLabel, standingLabel } from "./line-marks";
import { deadlineSchema, transitionSchema } from "~/schemas/rounds";
import { isoToSeoulLocal } from "~/domain/datetime";
import { LATE_POLICIES } from "~/domain/hand-in";
import type { LatePolicy } from "#db/schema";
import { SelectField } from "../org/select-field";

type Dashboard = Awaited<ReturnType<typeof roundDashboard>>;
interface RoundInfo {
  id: number;
  state: string;
  version: number;
  deadlineAt: string | null;
  latePolicy: LatePolicy;
}

/** The figures a coordinator reads first: totals against both lines, what is assessed, what is unassigned. */
export function RoundStats({ round, dashboard }: { round: Pick<RoundInfo, "id">; dashboard: Dashboard }) {
  const t = useT();
  const { totals, thresholds } = dashboard;
  // The total the application line reads (the self score; in 2015 the score after review).
  const lineTotal = thresholds?.applicationTotal === "reviewed" ? totals.reviewedTenths : totals.selfTenths;
  const short = thresholds ? thresholds.applicationTenths - lineTotal : 0;
  return (
    <div className="grid grid--stats">
      <div className="stat">
        <div className="stat__label">{t("home.selfTotal")}</div>
        <div className="stat__value" data-testid="self-total">
          {formatTenths(totals.selfTenths)}
        </div>
        <div className="stat__hint">
          {thresholds
            ? standingLabel(t, thresholds, lineStanding(totals, thresholds))
            : t("home.outOf", { max: formatTenths(totals.maxTenths) })}
        </div>
      </div>
      {thresholds ? (
        <div className="stat">
          <div className="stat__label">{applicationLineLabel(t, thresholds)}</div>
          <div className="stat__value">{short > 0 ? `−${formatTenths(short)}` : "✓"}</div>
          <div className="stat__hint">
            {short > 0 ? t("home.gapToApply", { points: formatTenths(short) }) : t("home.eligible")}
          </div>
        </div>
      ) : dashboard.scheme.id === "happy-office" ? (
        <div className="stat">
          <div className="stat__label">{t("happy.dashboard.title")}</div>
          <div className="stat__value">
            <Link to={`/rounds/${round.id}/cycle`}>{t("happy.dashboard.link")}</Link>
          </div>
          <div className="stat__hint">{t("happy.dashboard.hint")}</div>
        </div>
      ) : dashboard.scheme.graded ? (
        <div className="stat">
          <div className="stat__label">{t("schemes.relative.title")}</div>
          <div className="stat__value">
            <Link to={`/rounds/${round.id}/grade`}>{t("schemes.relative.estimate")}</Link>
          </div>
          <div className="stat__hint">{t("schemes.relative.hint")}</div>
        </div>
      ) : null}
      <div className="stat">
        <div className="stat__label">{t("home.assessed")}</div>
        <div className="stat__value">
          {t("home.assessedValue", { done: totals.assessed, total: totals.indicators })}
        </div>
        <div className="stat__hint">{t("rounds.dashboard.reviewedCount", { count: totals.reviewed })}</div>
      </div>
      <div className="stat">
        <div className="stat__label">{t("home.unassigned")}</div>
        <div className="stat__value">
          {dashboard.unassigned > 0 ? (
            <Link to={`/rounds/${round.id}/assignments?show=unassigned`}>
              {t("list.toDoValue", { count: dashboard.unassigned })}
            </Link>
          ) : (
            t("list.toDoValue", { count: 0 })
          )}
        </div>
        {dashboard.carriedOver > 0 ? (
          <div className="stat__hint">{t("rounds.dashboard.carriedOver", { count: dashboard.carriedOver })}</div>
        ) : null}
      </div>
    </div>
  );
}

/** Areas and their items against their maxima: self-assessed, reviewed, and the difference, drawn as bars. */
export function ItemChart({ totals }: { totals: Dashboard["totals"] }) {
  const t = useT();
  const pct = (v: number, max: number) => (max > 0 ? Math.max(0, Math.min(100, (v / max) * 100)) : 0);
  return (
    <section className="panel" aria-labelledby="by-item">
      <h2 id="by-item">{t("rounds.dashboard.byItem")}</h2>
      <table className="data item-chart">
        <thead>
          <tr>
            <th scope="col">{t("rounds.dashboard.item")}</th>
            <th scope="col" className="item-chart__bar-col">
              {t("home.progress")}
            </th>
            <th scope="col" className="num">
              {t("home.selfScore")}
            </th>
            <th scope="col" className="num">
              {t("rounds.dashboard.reviewed")}
            </th>
            <th scope="col" className="num">
              {t("rounds.dashboard.difference")}
            </th>
            <th scope="col" className="num">
              {t("home.max")}
            </th>
          </tr>
        </thead>
        {totals.areas.map((area) => (
          <tbody key={area.code}>
            <tr className="item-chart__area">
              <th scope="rowgroup">
                {area.code}. {area.title}
              </th>
              <td>
                <Bar
                  self={pct(area.selfTenths, area.maxTenths)}
                  reviewed={area.reviewed ? pct(area.reviewedTenths, area.maxTenths) : null}
                />
              </td>
              <td className="num">{formatTenths(area.selfTenths)}</td>
              <td className="num">{area.reviewed ? formatTenths(area.reviewedTenths) : "–"}</td>
              <td className="num">{area.reviewed ? signed(area.reviewedTenths - area.selfTenths) : "–"}</td>
              <td className="num">{formatTenths(area.maxTenths)}</td>
            </tr>
            {totals.items
              .filter((i) => i.area === area.code)
              .map((item) => (
                <tr key={item.code} data-item={item.code}>
                  <th scope="row" className="item-chart__item">
                    {item.code} {item.title}
                  </th>
                  <td>
                    <Bar
                      self={pct(item.selfTenths, item.maxTenths)}
                      reviewed={item.reviewed ? pct(item.reviewedTenths, item.maxTenths) : null}
                    />
                  </td>
                  <td className="num">{formatTenths(item.selfTenths)}</td>
                  <td className="num">{item.reviewed ? formatTenths(item.reviewedTenths) : "–"}</td>
                  <td className="num">{item.reviewed ? signed(item.reviewedTenths - item.selfTenths) : "–"}</td>
                  <td className="num">{formatTenths(item.maxTenths)}</td>
                </tr>
              ))}
          </tbody>
        ))}
      </table>
    </section>
  );
}

const signed = (tenths: number) => (tenths > 0 ? `+${formatTenths(tenths)}` : formatTenths(tenths));

function Bar({ self, reviewed }: { self: number; reviewed: number | null }) {
  return (
    <div className="bar" role="img" aria-label={`${Math.round(self)}%`}>
      <div className="bar__fill" style={{ width: `${self}%` }} />
      {reviewed !== null ? <div className="bar__reviewed" style={{ left: `${reviewed}%` }} /> : null}
    </div>
  );
}

const STATUSES = ["not_started", "draft", "submitted", "returned", "approved"] as const;

/** Each department's lead indicators by status, with what is overdue. */
export function DepartmentProgress({ departments }: { departments: Dashboard["departments"]; roundId: number }) {
  const t = useT();
  return (
    <section className="panel" aria-labelledby="by-dept">
      <h2 id="by-dept">{t("home.byDepartment")}</h2>
      {departments.length === 0 ? (
        <p className="muted">{t("rounds.dashboard.noAssignments")}</p>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t("home.department")}</th>
                <th scope="col" className="num">
                  {t("home.indicators")}
                </th>
                {STATUSES.map((s) => (
                  <th key={s} scope="col" className="num">
                    {t(`status.${s}` as MessageKey)}
                  </th>
                ))}
                <th scope="col" className="num">
                  {t("rounds.dashboard.overdue")}
                </th>
                <th scope="col">{t("home.progress")}</th>
              </tr>
            </thead>
            <tbody>
              {departments.map((d) => {
                const done = d.counts.submitted + d.counts.approved;
                return (
                  <tr key={d.id}>
                    <th scope="row">{d.name}</th>
                    <td className="num">{d.total}</td>
                    {STATUSES.map((s) => (
                      <td key={s} className="num">
                        {d.counts[s] || ""}
                      </td>
                    ))}
                    <td className="num">
                      {d.overdue ? <span className="badge badge--returned">{d.overdue}</span> : ""}
                    </td>
                    <td style={{ minWidth: 120 }}>
                      <div className="bar" role="img" aria-label={`${done}/${d.total}`}>
                        <div className="bar__fill" style={{ width: `${d.total ? (done / d.total) * 100 : 0}%` }} />
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** What can happen to the round next: open it, start or conclude the review, reopen it with a reason, move the deadline. */
export function RoundActions({
  round,
  transitions,
  mayManage,
}: {
  round: RoundInfo;
  transitions: RoundTransition[];
  mayManage: boolean;
}) {
  const t = useT();
  return (
    <section className="panel" aria-labelledby="round-actions">
      <h2 id="round-actions">{t("rounds.actions.title")}</h2>
      <div className="round-actions">
        {transitions
          .filter((tr) => tr !== "submit" && tr !== "reopen")
          .map((tr) => (
            <Form key={tr} method="post" className="inline-form">
              <input type="hidden" name="intent" value="transition" />
              <input type="hidden" name="transition" value={tr} />
              <input type="hidden" name="version" value={round.version} />
              <button type="submit" className="button">
                {t(`rounds.transition.${tr}` as MessageKey)}
              </button>
            </Form>
          ))}
        {transitions.includes("submit") ? (
          <Link className="button" to={`/rounds/${round.id}/submit`}>
            {t("rounds.tools.submit")}
          </Link>
        ) : null}
      </div>
      {transitions.includes("reopen") ? <ReopenForm round={round} /> : null}
      {mayManage && (round.state === "draft" || round.state === "open") ? <DeadlineForm round={round} /> : null}
    </section>
  );
}

function ReopenForm({ round }: { round: RoundInfo }) {
  const t = useT();
  const initial = { intent: "transition", transition: "reopen", version: String(round.version), reason: "" };
  const { id, field, onSubmit, busy } = useSchemaForm(transitionSchema, "transition", initial);
  return (
    <Form id={id} method="post" className="form" noValidate onSubmit={onSubmit}>
      <input type="hidden" name="intent" value="transition" />
      <input type="hidden" name="transition" value="reopen" />
      <input type="hidden" name="version" value={round.version} />
      <Field
        label={t("rounds.field.reopenReason")}
        hint={t("rounds.field.reopenHint")}
        maxLength={500}
        {...field("reason")}
      />
      <div className="form-actions">
        <button type="submit" className="button button--danger" disabled={busy}>
          {t("rounds.transition.reopen")}
        </button>
      </div>
    </Form>
  );
}

function DeadlineForm({ round }: { round: RoundInfo }) {
  const t = useT();
  const initial = {
    intent: "setDeadline",
    version: String(round.version),
    deadline: round.deadlineAt ? isoToSeoulLocal(round.deadlineAt) : "",
    latePolicy: round.latePolicy,
  };
  const { id, field, onSubmit, busy } = useSchemaForm(deadlineSchema, "setDeadline", initial);
  return (
    <Form id={id} method="post" className="form form-row" noValidate onSubmit={onSubmit}>
      <input type="hidden" name="intent" value="setDeadline" />
      <input type="hidden" name="version" value={round.version} />
      <Field
        label={t("rounds.field.deadline")}
        type="datetime-local"
        hint={t("rounds.field.deadlineHint")}
        {...field("deadline")}
      />
      <SelectField label={t("late.field")} hint={t("late.field.hint")} {...field("latePolicy")}>
        {LATE_POLICIES.map((p) => (
          <option key={p} value={p}>
            {t(`late.option.${p}`)}
          </option>
        ))}
      </SelectField>
      <div className="form-actions">
        <button type="submit" className="button button--secondary" disabled={busy}>
          {t("rounds.actions.setDeadline")}
        </button>
      </div>
    </Form>
  );
}
