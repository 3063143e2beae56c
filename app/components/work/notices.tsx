import { Link, useFetcher } from "@remix-run/react";
import { useEffect } from "react";
import { formatCalendarDate, formatDateTime } from "~/domain/datetime";
import type { Notice } from "~/utils/notices.server";
import { useLocale, useT } from "../use-t";

const MAX_CODES = 6;

/** Notices with a link to the indicator concerned and a button that marks them read. */
export function NoticeList({ notices }: { notices: Notice[] }) {
  const t = useT();
  const locale = useLocale();
  const dismiss = useFetcher({ key: "notices-dismiss" });
  const hidden = new Set(dismiss.state !== "idle" ? (dismiss.formData?.getAll("key") as string[]) : []);
  const visible = notices.filter((n) => !n.keys.every((k) => hidden.has(k)));
  if (!visible.length) return <p className="muted">{t("notices.none")}</p>;
  const link = (roundId: number, code: string, title?: string) => (
    <Link to={`/rounds/${roundId}/indicators/${encodeURIComponent(code)}`}>
      {code}
      {title ? ` ${title}` : ""}
    </Link>
  );
  return (
    <ul className="notices" data-testid="notices">
      {visible.map((n) => (
        <li
          key={n.keys[0]}
          className={`notice-item notice-item--${n.kind}${n.kind === "action" && n.overdue ? " notice-item--overdue" : ""}`}
        >
          <span className="notice-item__text">
            {n.kind === "action" ? (
              <>
                {t(n.overdue ? "notices.action.overdue" : "notices.action.assigned")}{" "}
                {n.items.slice(0, MAX_CODES).map((i, k) => (
                  <span key={i.code}>
                    {k ? ", " : ""}
                    {i.assigned ? link(n.roundId, i.code) : i.code}
                    {i.dueDate ? ` (${t("gaps.dueBy", { date: formatCalendarDate(i.dueDate, locale) })})` : ""}
                  </span>
                ))}
                {n.items.length > MAX_CODES ? " …" : null} <Link to="/action-items">{t("nav.actionItems")}</Link>
              </>
            ) : n.kind === "deadline" ? (
              t(n.days === 0 ? "notices.deadline.today" : "notices.deadline", {
                days: n.days,
                deadline: formatDateTime(n.deadlineAt, locale),
                count: n.open,
              })
            ) : n.kind === "returned" ? (
              <>
                {t("notices.returned")} {link(n.roundId, n.indicators[0].code, n.indicators[0].title)}
              </>
            ) : n.indicators.length === 1 ? (
              <>
                {t("notices.assigned.one")} {link(n.roundId, n.indicators[0].code, n.indicators[0].title)}
              </>
            ) : (
              <>
                {t("notices.assigned", { count: n.indicators.length })}{" "}
                {n.indicators.slice(0, MAX_CODES).map((i, k) => (
                  <span key={i.code}>
                    {k ? ", " : ""}
                    {link(n.roundId, i.code)}
                  </span>
                ))}
                {n.indicators.length > MAX_CODES ? ` …` : null}
              </>
            )}
          </span>
          <dismiss.Form method="post" action="/notices" className="inline-form">
            {n.keys.map((k) => (
              <input key={k} type="hidden" name="key" value={k} />
            ))}
            <button type="submit" className="button button--ghost button--small">
              {t("notices.markRead")}
            </button>
          </dismiss.Form>
        </li>
      ))}
    </ul>
  );
}

/** The notices panel of the worklist: loaded after the page, so the worklist never waits for it. */
export function NoticesPanel() {
  const t = useT();
  const fetcher = useFetcher<{ notices: Notice[] }>({ key: "notices" });
  useEffect(() => {
    if (fetcher.state === "idle" && !fetcher.data) fetcher.load("/notices");
    // eslint-disable-next-line react-hooks/exhaustive-deps -- load once after the page; the fetcher changes with its state
  }, []);
  return (
    <section className="panel notices-panel" aria-labelledby="notices-title">
      <h2 id="notices-title">{t("notices.title")}</h2>
      {fetcher.data ? (
        <NoticeList notices={fetcher.data.notices} />
      ) : (
        <p className="muted small">
          <span aria-hidden={fetcher.state === "idle"}>{fetcher.state !== "idle" ? t("notices.loading") : null}</span>{" "}
          <Link to="/notices">{t("notices.all")}</Link>
        </p>
      )}
    </section>
  );
}
