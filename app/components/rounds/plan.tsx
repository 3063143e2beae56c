// The plan to the application line (shared with the print report) and the planner's tools on the gaps page: effort
// weights the coordinator adjusts, and what-if target scores with the projected total.
import { Form, Link } from "@remix-run/react";
import { formatCalendarDate } from "~/domain/datetime";
import { GAP_KINDS } from "~/domain/gaps";
import { EFFORT_MAX, EFFORT_MIN, type WhatIf } from "~/domain/plan";
import type { MessageKey } from "~/i18n";
import { effortField } from "~/schemas/plan";
import type { ActionData } from "~/utils/actions.server";
import { formatTenths } from "../points";
import { useLocale, useT } from "../use-t";
import { ActionStatusBadge, GapKindBadge, type RoundGaps } from "./gaps";

type ActionItem = RoundGaps["actions"][number];

function ActionCell({ action }: { action: ActionItem | undefined }) {
  const t = useT();
  const locale = useLocale();
  if (!action)
    return (
      <span className="muted">
        <span aria-hidden="true">–</span>
        <span className="visually-hidden">{t("plan.noAction")}</span>
      </span>
    );
  return (
    <span className="nowrap">
      <ActionStatusBadge status={action.status} />
      {action.dueDate ? ` ${t("gaps.dueBy", { date: formatCalendarDate(action.dueDate, locale) })}` : null}
    </span>
  );
}

/** The gaps that reach the application line for the least effort, easiest first, with who acts and their action item. */
export function ThresholdPlanPanel({
  data,
  roundId,
  linkIndicators = true,
}: {
  data: RoundGaps;
  roundId: number;
  linkIndicators?: boolean;
}) {
  const t = useT();
  const { plan, thresholds } = data;
  const line = formatTenths(thresholds.applicationTenths);
  const actions = new Map(data.actions.map((a) => [a.code, a]));
  return (
    <section className="panel" aria-labelledby="plan-title" data-testid="threshold-plan">
      <h2 id="plan-title">{t("gaps.plan.title", { line })}</h2>
      {plan.neededTenths === 0 ? (
        <p className="notice notice--ok">{t("gaps.plan.reached", { total: formatTenths(plan.currentTenths), line })}</p>
      ) : (
        <>
          <p>
            {t("plan.intro", {
              total: formatTenths(plan.currentTenths),
              line,
              needed: formatTenths(plan.neededTenths),
              steps: plan.steps.length,
              effort: plan.effort,
            })}
          </p>
          {!plan.reachable ? (
            <p className="notice notice--error">
              {t("gaps.plan.unreachable", { reached: formatTenths(plan.reachedTenths), line })}
            </p>
          ) : null}
          <table className="data plan-table">
            <caption className="visually-hidden">{t("gaps.plan.title", { line })}</caption>
            <thead>
              <tr>
                <th className="num">#</th>
                <th>{t("home.code")}</th>
                <th>{t("home.indicator")}</th>
                <th>{t("gaps.col.kind")}</th>
                <th className="num">{t("plan.col.effort")}</th>
                <th className="num">{t("gaps.col.recoverable")}</th>
                <th className="num">{t("gaps.col.running")}</th>
                <th>{t("gaps.col.department")}</th>
                <th>{t("gaps.col.action")}</th>
              </tr>
            </thead>
            <tbody>
              {plan.steps.map((s, n) => (
                <tr key={s.code} data-step={s.code}>
                  <td className="num">{n + 1}</td>
                  <td>
                    {linkIndicators ? <Link to={`/rounds/${roundId}/indicators/${s.code}`}>{s.code}</Link> : s.code}
                  </td>
                  <td>{s.title}</td>
                  <td>
                    <GapKindBadge kind={s.kind} />
                  </td>
                  <td className="num">{s.effort}</td>
                  <td className="num">+{formatTenths(s.atStakeTenths)}</td>
                  <td className="num">{formatTenths(s.runningTenths)}</td>
                  <td className="nowrap">{s.department?.name ?? t("gaps.unassigned")}</td>
                  <td>
                    <ActionCell action={actions.get(s.code)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {data.planByDepartment.length ? (
            <p className="small">
              {t("gaps.plan.byDepartment")}{" "}
              {data.planByDepartment
                .map(
                  (d) =>
                    `${d.department ?? t("gaps.unassigned")} ${t("gaps.count", { count: d.steps })} (+${formatTenths(d.atStakeTenths)})`,
                )
                .join(" · ")}
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}

interface PlanToolsProps {
  data: RoundGaps;
  whatIf: WhatIf;
  /** The what-if targets as typed (points, by code), and the codes whose target was refused. */
  targets: Record<string, string>;
  targetErrors: string[];
  mayManage: boolean;
  result?: ActionData;
}

/** What-if targets per gap with the projected total; for the coordinator also the effort weights, saved per round. */
export function PlanTools({ data, whatIf, targets, targetErrors, mayManage, result }: PlanToolsProps) {
  const t = useT();
  const line = formatTenths(data.thresholds.applicationTenths);
  const actions = new Map(data.actions.map((a) => [a.code, a]));
  const effortResult = result && result.intent === "saveEffort" ? result : undefined;
  const effortError = (field: string) => (effortResult && !effortResult.ok ? effortResult.errors[field] : undefined);
  const effortValue = (field: string, fallback: string) =>
    effortResult && !effortResult.ok ? (effortResult.values[field] ?? fallback) : fallback;
  if (data.gaps.length === 0) return null;
  return (
    <section className="panel no-print" aria-labelledby="plan-tools" data-testid="plan-tools">
      <h2 id="plan-tools">{t("plan.tools.title")}</h2>
      <p className="small muted">{t("plan.tools.intro")}</p>
      <Form method="get" id="whatif" preventScrollReset aria-label={t("plan.whatif.label")} />
      {mayManage ? (
        <Form method="post" id="effort" preventScrollReset aria-label={t("plan.effort.label")}>
          <input type="hidden" name="intent" value="saveEffort" />
          <fieldset className="form-row">
            <legend>{t("plan.effort.byKind")}</legend>
            {GAP_KINDS.map((k) => {
              const field = effortField.kind(k);
              return (
                <div className="field" key={k}>
                  <label htmlFor={`effort-${k}`}>{t(`gaps.kind.${k}` as MessageKey)}</label>
                  <input
                    id={`effort-${k}`}
                    name={field}
                    type="number"
                    inputMode="numeric"
                    min={EFFORT_MIN}
                    max={EFFORT_MAX}
                    required
                    defaultValue={effortValue(field, String(data.effort.byKind[k]))}
                    aria-invalid={effortError(field) ? true : undefined}
                  />
                  {effortError(field) ? (
                    <span className="field__error" role="alert">
                      {t(effortError(field)!)}
                    </span>
                  ) : null}
                </div>
              );
            })}
          </fieldset>
        </Form>
      ) : null}
      {effortResult?.ok ? (
        <p className="notice notice--ok" role="status">
          {t(effortResult.notice.key, effortResult.notice.params)}
        </p>
      ) : null}
      {effortResult && !effortResult.ok ? (
        <p className="notice notice--error" role="alert">
          {t(effortResult.errors._form ?? "plan.error.effortForm")}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" form="whatif" className="button">
          {t("plan.whatif.submit")}
        </button>
        {mayManage ? (
          <button type="submit" form="effort" className="button button--secondary">
            {t("plan.effort.save")}
          </button>
        ) : null}
      </div>
      {whatIf.rows.length ? (
        <p
          className={`notice ${whatIf.reaches ? "notice--ok" : "notice--warn"}`}
          role="status"
          data-testid="whatif-total"
        >
          {t(whatIf.reaches ? "plan.whatif.reaches" : "plan.whatif.short", {
            count: whatIf.rows.length,
            gain: formatTenths(whatIf.gainTenths),
            total: formatTenths(whatIf.projectedTenths),
            effort: whatIf.effort,
            line,
          })}
        </p>
      ) : null}
      <div className="table-wrap">
        <table className="data plan-tools-table">
          <thead>
            <tr>
              <th>{t("home.code")}</th>
              <th>{t("home.indicator")}</th>
              <th>{t("gaps.col.kind")}</th>
              <th className="num">{t("gaps.col.score")}</th>
              <th>{t("plan.col.target")}</th>
              <th>{t("plan.col.effort")}</th>
              <th>{t("gaps.col.action")}</th>
            </tr>
          </thead>
          <tbody>
            {data.gaps.map((g) => {
              const levels = (data.levels[g.code] ?? null)?.filter((l) => l > g.selfTenths) ?? null;
              const targetId = `to-${g.code}`;
              const field = effortField.indicator(g.code);
              const refused = targetErrors.includes(g.code);
              return (
                <tr key={g.code} data-whatif={g.code}>
                  <td>{g.code}</td>
                  <td>{g.title}</td>
                  <td>
                    <GapKindBadge kind={g.kind} />
                  </td>
                  <td className="num nowrap">
                    {formatTenths(g.selfTenths)} / {formatTenths(g.maxTenths)}
                  </td>
                  <td>
                    <label htmlFor={targetId} className="visually-hidden">
                      {t("plan.whatif.targetFor", { code: g.code })}
                    </label>
                    {levels ? (
                      <select id={targetId} name={`to.${g.code}`} form="whatif" defaultValue={targets[g.code] ?? ""}>
                        <option value="">{t("plan.whatif.asIs")}</option>
                        {levels.map((l) => (
                          <option key={l} value={formatTenths(l)}>
                            {formatTenths(l)}
                          </option>
                        ))}
                      </select>
                    ) : (
                      <input
                        id={targetId}
                        name={`to.${g.code}`}
                        form="whatif"
                        inputMode="decimal"
                        size={6}
                        placeholder={formatTenths(g.maxTenths)}
                        defaultValue={targets[g.code] ?? ""}
                        aria-invalid={refused ? true : undefined}
                      />
                    )}
                    {refused ? (
                      <span className="field__error" role="alert">
                        {t("plan.error.target", { max: formatTenths(g.maxTenths) })}
                      </span>
                    ) : null}
                  </td>
                  <td>
                    {mayManage ? (
                      <>
                        <label htmlFor={`effort-ind-${g.code}`} className="visually-hidden">
                          {t("plan.effort.for", { code: g.code })}
                        </label>
                        <input
                          id={`effort-ind-${g.code}`}
                          name={field}
                          form="effort"
                          type="number"
                          inputMode="numeric"
                          min={EFFORT_MIN}
                          max={EFFORT_MAX}
                          size={4}
                          placeholder={String(data.effort.byKind[g.kind])}
                          defaultValue={effortValue(field, String(data.effort.byIndicator[g.code] ?? ""))}
                          aria-invalid={effortError(field) ? true : undefined}
                        />
                        {effortError(field) ? (
                          <span className="field__error" role="alert">
                            {t(effortError(field)!)}
                          </span>
                        ) : null}
                      </>
                    ) : (
                      (data.effort.byIndicator[g.code] ?? data.effort.byKind[g.kind])
                    )}
                  </td>
                  <td>
                    <ActionCell action={actions.get(g.code)} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
