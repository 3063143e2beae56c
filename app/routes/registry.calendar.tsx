import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/components/use-t";
import { CALENDAR_SORTS, type CalendarEvent, type CalendarSort } from "~/domain/calendar";
import { formatCalendarDate } from "~/domain/datetime";
import { SCHEME_IDS } from "~/domain/schemes";
import { todayInSeoul } from "~/domain/validity";
import type { MessageKey } from "~/i18n";
import { type CalendarQuery, parseCalendarQuery } from "~/schemas/registry";
import registryHref from "~/styles/registry.css?url";
import { db } from "~/utils/db.server";
import { requirePermission } from "~/utils/guards.server";
import { pageTitle } from "~/utils/meta";
import { calendarRows } from "~/utils/registry-calendar.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: registryHref }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.registryCalendar");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "read:registry:any");
  const today = todayInSeoul();
  const query = parseCalendarQuery(new URL(request.url).searchParams);
  return { query, today, rows: await calendarRows(db, query, today) };
}

/** The query string for the page (or its CSV) with some fields changed; defaults are left out. */
function queryString(q: CalendarQuery, change: Partial<CalendarQuery> = {}): string {
  const merged = { ...q, ...change };
  const p = new URLSearchParams();
  if (merged.sort !== "date") p.set("sort", merged.sort);
  if (merged.dir !== "asc") p.set("dir", merged.dir);
  if (merged.scheme) p.set("scheme", merged.scheme);
  if (merged.from) p.set("from", merged.from);
  if (merged.to) p.set("to", merged.to);
  const s = p.toString();
  return s ? `?${s}` : "";
}

const COLUMN_KEYS: Record<CalendarSort, MessageKey> = {
  date: "calendar.col.date",
  institution: "calendar.col.institution",
  scheme: "calendar.col.scheme",
  what: "calendar.col.what",
};

export default function RegistryCalendar() {
  const { query, rows } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <p className="breadcrumb">
        <Link to="/registry">← {t("registry.title")}</Link>
      </p>
      <div className="page-head">
        <div>
          <h1>{t("calendar.title")}</h1>
          <p>{t("calendar.intro")}</p>
        </div>
        <a className="button button--secondary" href={`/registry/calendar.csv${queryString(query)}`} download>
          {t("calendar.csv")}
        </a>
      </div>

      <Form method="get" className="panel registry-filters" aria-label={t("calendar.filters")}>
        {query.sort !== "date" ? <input type="hidden" name="sort" value={query.sort} /> : null}
        {query.dir !== "asc" ? <input type="hidden" name="dir" value={query.dir} /> : null}
        <div className="form-row">
          <div className="field">
            <label htmlFor="c-scheme">{t("calendar.filter.scheme")}</label>
            <select id="c-scheme" name="scheme" defaultValue={query.scheme ?? ""}>
              <option value="">{t("registry.filter.all")}</option>
              {SCHEME_IDS.map((s) => (
                <option key={s} value={s}>
                  {t(`scheme.${s}` as MessageKey)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="c-from">{t("calendar.filter.from")}</label>
            <input id="c-from" name="from" type="date" defaultValue={query.from ?? ""} max="2999-12-31" />
          </div>
          <div className="field">
            <label htmlFor="c-to">{t("calendar.filter.to")}</label>
            <input id="c-to" name="to" type="date" defaultValue={query.to ?? ""} max="2999-12-31" />
          </div>
          <div className="registry-filters__actions">
            <button type="submit" className="button">
              {t("calendar.filter.apply")}
            </button>
            <Link to="/registry/calendar" className="button button--ghost">
              {t("calendar.filter.reset")}
            </Link>
          </div>
        </div>
      </Form>

      <section className="panel table-wrap" aria-labelledby="calendar-list">
        <h2 id="calendar-list">
          {t("calendar.title")} <span className="muted small">{t("calendar.count", { count: rows.length })}</span>
        </h2>
        {rows.length === 0 ? (
          <p className="muted">{t("calendar.empty")}</p>
        ) : (
          <table className="data calendar-table">
            <thead>
              <tr>
                {CALENDAR_SORTS.map((column) => (
                  <SortHeader key={column} column={column} query={query} label={t(COLUMN_KEYS[column])} />
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((e, i) => (
                <CalendarRow key={`${e.institutionId}-${e.what}-${e.date}-${e.detail ?? ""}-${i}`} event={e} />
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

/** A column header that sorts by its column (a link, so it works without JavaScript); again reverses it. */
function SortHeader({ column, query, label }: { column: CalendarSort; query: CalendarQuery; label: string }) {
  const t = useT();
  const active = query.sort === column;
  const nextDir = active && query.dir === "asc" ? "desc" : "asc";
  return (
    <th scope="col" aria-sort={active ? (query.dir === "asc" ? "ascending" : "descending") : undefined}>
      <Link
        to={queryString(query, { sort: column, dir: nextDir })}
        preventScrollReset
        aria-label={t("calendar.sortBy", { column: label })}
      >
        {label}
        {active ? <span aria-hidden="true"> {query.dir === "asc" ? "▲" : "▼"}</span> : null}
      </Link>
    </th>
  );
}

function CalendarRow({ event: e }: { event: CalendarEvent }) {
  const t = useT();
  const locale = useLocale();
  const [year, month] = e.date.split("-").map(Number);
  const stage = e.what === "cycle-stage" && e.detail ? t(`calendar.stage.${e.detail}` as MessageKey) : "";
  return (
    <tr data-what={e.what}>
      <td className="nowrap">
        {e.precision === "month" ? (
          <>
            {t("calendar.month", { year, month })} <span className="small muted">({t("calendar.monthHint")})</span>
          </>
        ) : (
          formatCalendarDate(e.date, locale)
        )}
        {e.assumed ? <div className="small muted">{t("calendar.assumed")}</div> : null}
      </td>
      <td>
        <Link to={`/registry/institutions/${e.institutionId}`}>{e.institution}</Link>
      </td>
      <td>{t(`scheme.${e.scheme}` as MessageKey)}</td>
      <td>
        {t(`calendar.what.${e.what}` as MessageKey, { stage })}
        {e.what !== "cycle-stage" && e.detail ? <div className="small muted">{e.detail}</div> : null}
      </td>
    </tr>
  );
}
