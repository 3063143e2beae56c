// The gaps page's parts, shared with the print report: gap counts by kind, the gap table
// with each gap's action item (editable in place for the coordinator).
import { Form, Link } from "@remix-run/react";
import { formatCalendarDate } from "~/domain/datetime";
import type { MessageKey } from "~/i18n";
import type { roundGaps } from "~/utils/gaps.server";
import type { ActionData } from "~/utils/actions.server";
import { formatTenths } from "../points";
import { useLocale, useT } from "../use-t";
import { ACTION_STATUSES } from "~/schemas/rounds";
import { RowEditLink, useRowEditor } from "./row-editor";

export type RoundGaps = Awaited<ReturnType<typeof roundGaps>>;
type Gap = RoundGaps["gaps"][number];
type ActionItem = RoundGaps["actions"][number];

export function GapKindBadge({ kind }: { kind: Gap["kind"] }) {
  const t = useT();
  return <span className={`badge badge--gap-${kind}`}>{t(`gaps.kind.${kind}` as MessageKey)}</span>;
}

export function ActionStatusBadge({ status }: { status: ActionItem["status"] }) {
  const t = useT();
  return <span className={`badge badge--action-${status}`}>{t(`gaps.status.${status}` as MessageKey)}</span>;
}

/** Count and points at stake for 미시행, 미평가 and partial. */
export function GapSummaryStats({ data }: { data: RoundGaps }) {
  const t = useT();
  return (
    <div className="grid grid--stats">
      {data.summary.map((s) => (
        <div key={s.kind} className="stat" data-testid={`gap-summary-${s.kind}`}>
          <div className="stat__label">{t(`gaps.kind.${s.kind}` as MessageKey)}</div>
          <div className="stat__value">{t("gaps.count", { count: s.count })}</div>
          <div className="stat__hint">{t("gaps.atStake", { points: formatTenths(s.atStakeTenths) })}</div>
        </div>
      ))}
    </div>
  );
}

interface GapTableProps {
  data: RoundGaps;
  roundId: number;
  gaps: Gap[];
  departments?: { id: number; name: string }[];
  /** The coordinator edits action items in place; everyone else reads them. */
  editable: boolean;
  result?: ActionData;
}

export function GapTable({ data, roundId, gaps, departments = [], editable, result }: GapTableProps) {
  const t = useT();
  const actions = new Map(data.actions.map((a) => [a.code, a]));
  if (gaps.length === 0) return <p className="muted">{t("gaps.none")}</p>;
  return (
    <table className="data gap-table">
      <thead>
        <tr>
          <th>{t("home.code")}</th>
          <th>{t("home.indicator")}</th>
          <th>{t("gaps.col.kind")}</th>
          <th className="num">{t("gaps.col.score")}</th>
          <th className="num">{t("gaps.col.atStake")}</th>
          <th>{t("gaps.col.department")}</th>
          <th>{t("gaps.col.action")}</th>
        </tr>
      </thead>
      <tbody>
        {gaps.map((g) => {
          const action = actions.get(g.code);
          const mine = result && !result.ok && result.values.code === g.code ? result : undefined;
          return (
            <tr key={g.code} data-gap={g.code}>
              <td>
                <Link to={`/rounds/${roundId}/indicators/${g.code}`}>{g.code}</Link>
              </td>
              <td>{g.title}</td>
              <td>
                <GapKindBadge kind={g.kind} />
              </td>
              <td className="num">
                {formatTenths(g.selfTenths)} / {formatTenths(g.maxTenths)}
              </td>
              <td className="num">{formatTenths(g.atStakeTenths)}</td>
              <td className="nowrap">
                {g.department?.name ?? <span className="badge badge--warn">{t("gaps.unassigned")}</span>}
              </td>
              <td>
                {result?.ok && result.intent === "saveAction" && result.notice.params?.code === g.code ? (
                  <p className="notice notice--ok notice--inline" role="status" data-testid={`saved-${g.code}`}>
                    ✓ {t("actions.savedHere")}
                  </p>
                ) : null}
                {action ? <ActionSummary action={action} /> : null}
                {editable ? (
                  <ActionForm
                    gap={g}
                    action={action}
                    departments={departments}
                    result={mine}
                    saved={Boolean(result?.ok && result.intent === "saveAction")}
                  />
                ) : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function ActionSummary({ action }: { action: ActionItem }) {
  const t = useT();
  const locale = useLocale();
  return (
    <div className="action-summary" data-testid={`action-${action.code}`}>
      <ActionStatusBadge status={action.status} /> {action.department}
      {action.dueDate ? (
        <span className="muted">
          {" "}
          · <span className="nowrap">{t("gaps.dueBy", { date: formatCalendarDate(action.dueDate, locale) })}</span>
        </span>
      ) : null}
      {action.notes ? <p className="small">{action.notes}</p> : null}
    </div>
  );
}

function ActionForm({
  gap,
  action,
  departments,
  result,
  saved,
}: {
  gap: Gap;
  action?: ActionItem;
  departments: { id: number; name: string }[];
  result?: Extract<ActionData, { ok: false }>;
  saved: boolean;
}) {
  const t = useT();
  const editor = useRowEditor();
  const label = t(action ? "gaps.action.edit" : "gaps.action.add");
  // Only the row named in the URL (or the one whose save was refused) carries its form: once saved, it closes.
  if (!result && (editor.editing !== gap.code || saved))
    return <RowEditLink href={editor.openHref(gap.code)}>{label}</RowEditLink>;
  const id = `action-form-${gap.code}`;
  const err = (field: string) => result?.errors[field];
  const value = (field: string, fallback: string) => result?.values[field] ?? fallback;
  return (
    <Form
      method="post"
      preventScrollReset
      className="form form--compact"
      id={id}
      aria-label={t("gaps.action.formLabel", { code: gap.code })}
    >
      <input type="hidden" name="intent" value="saveAction" />
      <input type="hidden" name="code" value={gap.code} />
      <input type="hidden" name="version" value={action?.version ?? 0} />
      {result?.errors._form ? (
        <p className="field__error" role="alert">
          {t(result.errors._form)}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-dept`}>{t("gaps.col.owner")}</label>
        <select
          id={`${id}-dept`}
          name="departmentId"
          defaultValue={value("departmentId", String(action?.departmentId ?? gap.department?.id ?? ""))}
          aria-invalid={err("departmentId") ? true : undefined}
          aria-describedby={err("departmentId") ? `${id}-dept-error` : undefined}
        >
          <option value="">{t("gaps.action.pickDepartment")}</option>
          {departments.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
        {err("departmentId") ? (
          <span id={`${id}-dept-error`} className="field__error" role="alert">
            {t(err("departmentId")!)}
          </span>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor={`${id}-due`}>{t("gaps.col.due")}</label>
        <input
          id={`${id}-due`}
          type="date"
          name="dueDate"
          defaultValue={value("dueDate", action?.dueDate ?? "")}
          aria-invalid={err("dueDate") ? true : undefined}
          aria-describedby={err("dueDate") ? `${id}-due-error` : undefined}
        />
        {err("dueDate") ? (
          <span id={`${id}-due-error`} className="field__error" role="alert">
            {t(err("dueDate")!)}
          </span>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor={`${id}-status`}>{t("gaps.col.status")}</label>
        <select id={`${id}-status`} name="status" defaultValue={value("status", action?.status ?? "open")}>
          {ACTION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`gaps.status.${s}` as MessageKey)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-notes`}>{t("gaps.col.notes")}</label>
        <textarea
          id={`${id}-notes`}
          name="notes"
          rows={2}
          maxLength={1000}
          defaultValue={value("notes", action?.notes ?? "")}
          aria-invalid={err("notes") ? true : undefined}
        />
        {err("notes") ? (
          <span className="field__error" role="alert">
            {t(err("notes")!)}
          </span>
        ) : null}
      </div>
      <div className="form-actions">
        <button type="submit" className="button button--small">
          {t("gaps.action.save")}
        </button>
        <Link to={editor.closeHref} preventScrollReset className="button button--small button--secondary">
          {t("form.cancel")}
        </Link>
      </div>
    </Form>
  );
}
