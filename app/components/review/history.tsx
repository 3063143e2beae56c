// A list of audit events, newest first: who, when, what it is about (the indicator's code and title), what was done,
// and the fields that changed in words (before → after). The descriptions come from ~/text/audit-display.
import { handedInLate } from "~/domain/hand-in";
import {
  actionLabel,
  type ChangeView,
  describeChanges,
  describeTarget,
  type DisplayLookups,
  EMPTY,
  entityLabel,
  shorten,
} from "~/text/audit-display";
import { formatDateTime } from "~/domain/datetime";
import type { HistoryEntry } from "~/utils/review.server";
import { useLocale, useT } from "../use-t";

/** How many changed fields a row lists before "and n more" (the CSV has them all). */
const SHOWN_CHANGES = 8;

function Value({ text }: { text: string | null }) {
  if (text === null) return <>{EMPTY}</>;
  const short = shorten(text);
  return short === text ? <>{text}</> : <span title={text}>{short}</span>;
}

function Change({ change, kind }: { change: ChangeView; kind: "change" | "created" | "removed" }) {
  return (
    <li data-field={change.field}>
      <span className="muted">{change.label}:</span>{" "}
      {kind === "created" ? (
        <Value text={change.after} />
      ) : kind === "removed" ? (
        <del>
          <Value text={change.before} />
        </del>
      ) : (
        <>
          <span className="muted">
            <Value text={change.before} />
          </span>{" "}
          → <Value text={change.after} />
        </>
      )}
    </li>
  );
}

/**
 * `showEntity` adds the column naming what each event is about (the round's history mixes indicators); without it
 * (an indicator's own tab) the action says what kind of thing changed ("증빙 추가"). `lookups` supplies indicator
 * titles, answer input names and department names; without them codes, input keys and "#id" stand in.
 */
export function HistoryList({
  entries,
  showEntity = false,
  lookups = {},
  broken = [],
  deadlineAt = null,
}: {
  entries: HistoryEntry[];
  /** The round's deadline: a hand-in after it is marked 기한 후 제출. */
  deadlineAt?: string | null;
  showEntity?: boolean;
  lookups?: DisplayLookups;
  /** Events the integrity check found a problem with: marked, with the reason as their title. */
  broken?: readonly { seq: number; message: string }[];
}) {
  const t = useT();
  const locale = useLocale();
  if (entries.length === 0) return <p className="muted">{t("history.none")}</p>;
  return (
    <table className="data history-table">
      <thead>
        <tr>
          <th className="num">#</th>
          <th>{t("history.when")}</th>
          <th>{t("history.who")}</th>
          {showEntity ? <th>{t("history.what")}</th> : null}
          <th>{t("history.action")}</th>
          <th>{t("history.change")}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => {
          const target = describeTarget(locale, e, lookups);
          const { kind, changes } = describeChanges(locale, e, lookups);
          const problem = broken
            .filter((b) => b.seq === e.seq)
            .map((b) => b.message)
            .join(" ");
          return (
            <tr
              key={e.seq}
              data-seq={e.seq}
              data-indicator={target.code ?? undefined}
              className={problem ? "history-row--broken" : undefined}
              data-broken={problem ? "true" : undefined}
            >
              <td className="num">
                {e.seq}
                {problem ? (
                  <>
                    <br />
                    <span className="badge badge--danger" title={problem}>
                      {t("verify.broken")}
                    </span>
                  </>
                ) : null}
              </td>
              <td className="nowrap">{formatDateTime(e.at, locale)}</td>
              <td className="nowrap">{e.actor ?? t("history.system")}</td>
              {showEntity ? (
                <td data-testid="history-target">
                  <span className="muted small">{target.entity}</span>{" "}
                  {target.code ? <strong className="nowrap">{target.code}</strong> : target.ref}
                  {target.title ? (
                    <>
                      {" "}
                      <span className="small">{shorten(target.title, 40)}</span>
                    </>
                  ) : null}
                </td>
              ) : null}
              <td>
                {showEntity
                  ? actionLabel(locale, e.action)
                  : `${entityLabel(locale, e.entity)} ${actionLabel(locale, e.action)}`}
                {e.entity === "response" && e.action === "submit" && handedInLate(e.at, deadlineAt) ? (
                  <>
                    {" "}
                    <span className="badge badge--returned" title={t("late.badge.title")} data-testid="late-badge">
                      {t("late.badge")}
                    </span>
                  </>
                ) : null}
              </td>
              <td>
                <ul className="history-changes">
                  {changes.slice(0, SHOWN_CHANGES).map((c) => (
                    <Change key={c.field} change={c} kind={kind} />
                  ))}
                  {changes.length > SHOWN_CHANGES ? (
                    <li className="muted">{t("history.moreChanges", { count: changes.length - SHOWN_CHANGES })}</li>
                  ) : null}
                </ul>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
