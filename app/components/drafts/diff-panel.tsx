import { Link } from "@remix-run/react";
import type { MessageKey } from "~/i18n";
import { formatTenths } from "../points";
import { useT } from "../use-t";

interface DiffSummary {
  added: { code: string; title: string }[];
  removed: { code: string; title: string }[];
  changed: { code: string; title: string; fields: string[]; beforeTenths: number; afterTenths: number }[];
  unchanged: number;
}

/** What the draft changes against the edition it was copied from, indicator by indicator. */
export function DiffPanel({ baseId, diff, draftId }: { baseId: string; diff: DiffSummary; draftId: number }) {
  const t = useT();
  const rows = [
    ...diff.added.map((i) => ({ ...i, what: t("rounds.compare.added"), points: "" })),
    ...diff.removed.map((i) => ({ ...i, what: t("rounds.compare.removed"), points: "" })),
    ...diff.changed.map((c) => ({
      code: c.code,
      title: c.title,
      what: c.fields.map((f) => t(`rounds.compare.field.${f}` as MessageKey)).join(", "),
      points:
        c.beforeTenths !== c.afterTenths ? `${formatTenths(c.beforeTenths)} → ${formatTenths(c.afterTenths)}` : "",
    })),
  ];
  return (
    <section className="panel" aria-labelledby="diff-title">
      <h2 id="diff-title">{t("draft.diff.title", { base: baseId })}</h2>
      <p>
        {t("draft.diff.counts", {
          added: diff.added.length,
          removed: diff.removed.length,
          changed: diff.changed.length,
          unchanged: diff.unchanged,
        })}
      </p>
      {rows.length === 0 ? (
        <p className="muted">{t("draft.diff.none")}</p>
      ) : (
        <div className="table-wrap">
          <table className="data" data-testid="draft-diff">
            <thead>
              <tr>
                <th>{t("editions.code")}</th>
                <th>{t("editions.indicator")}</th>
                <th>{t("rounds.compare.what")}</th>
                <th className="num">{t("editions.points")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.what}-${r.code}`}>
                  <td>
                    <Link to={`/editions/drafts/${draftId}/indicators/${encodeURIComponent(r.code)}`}>{r.code}</Link>
                  </td>
                  <td>{r.title}</td>
                  <td className="small">{r.what}</td>
                  <td className="num">{r.points}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
