// A list of audit events, newest first: who, when, what, and the fields that changed (before → after).
import { isMessageKey } from "~/i18n";
import type { HistoryEntry } from "~/utils/review.server";
import { formatDateTime } from "~/domain/datetime";
import { useLocale, useT } from "../use-t";

/** The fields whose values differ between before and after (every field of after when there is no before). */
export function changedFields(before: unknown, after: unknown): { field: string; before: string; after: string }[] {
  const b = before && typeof before === "object" ? (before as Record<string, unknown>) : {};
  const a = after && typeof after === "object" ? (after as Record<string, unknown>) : {};
  const show = (v: unknown) => (v === null || v === undefined ? "–" : typeof v === "object" ? JSON.stringify(v) : String(v));
  return [...new Set([...Object.keys(b), ...Object.keys(a)])]
    .filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]))
    .map((k) => ({ field: k, before: show(b[k]), after: show(a[k]) }));
}

/** The translated name of an action or entity, or the raw name for one without a translation. */
function label(t: ReturnType<typeof useT>, prefix: string, name: string): string {
  const key = `${prefix}.${name}`;
  return isMessageKey(key) ? t(key) : name;
}

export function HistoryList({ entries, showEntity = false }: { entries: HistoryEntry[]; showEntity?: boolean }) {
  const t = useT();
  const locale = useLocale();
  if (entries.length === 0) return <p className="muted">{t("history.none")}</p>;
  return (
    <table className="data history-table">
      <thead>
        <tr>
          <th className="num">#</th><th>{t("history.when")}</th><th>{t("history.who")}</th>
          {showEntity ? <th>{t("history.what")}</th> : null}
          <th>{t("history.action")}</th><th>{t("history.change")}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.seq} data-seq={e.seq}>
            <td className="num">{e.seq}</td>
            <td className="nowrap">{formatDateTime(e.at, locale)}</td>
            <td>{e.actor ?? t("history.system")}</td>
            {showEntity ? <td>{label(t, "history.entity", e.entity)} {e.entityId}</td> : null}
            <td>{label(t, "history.action", e.action)}</td>
            <td>
              <ul className="history-changes">
                {changedFields(e.before, e.after).slice(0, 8).map((c) => (
                  <li key={c.field}><code>{c.field}</code>: <span className="muted">{c.before}</span> → {c.after}</li>
                ))}
              </ul>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
