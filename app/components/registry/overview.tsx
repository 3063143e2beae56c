import { Form, Link, useSubmit } from "@remix-run/react";
import { formatCalendarDate } from "~/domain/datetime";
import type { CertificationStatus } from "~/domain/validity";
import type { MessageKey } from "~/i18n";
import type { RegistryFilters, RegistryOverview } from "~/utils/registry-read.server";
import { useLocale, useT } from "../use-t";
import { CertMark, CertStatusBadge, DaysLeft, kindKey, levelKey, statusKey } from "./status";

const STATUS_ORDER: CertificationStatus[] = ["valid", "expiring", "expired", "revoked"];

/** The filters as a GET form: it works without JavaScript and, with it, applies each change at once. */
export function RegistryFilterForm({
  filters,
  years,
  regions,
  today,
}: {
  filters: RegistryFilters;
  years: number[];
  regions: string[];
  today: string;
}) {
  const t = useT();
  const submit = useSubmit();
  return (
    <Form
      method="get"
      className="panel registry-filters"
      aria-label={t("registry.filters")}
      onChange={(e) => submit(e.currentTarget, { preventScrollReset: true, replace: true })}
    >
      <div className="form-row">
        <FilterSelect
          name="scheme"
          label={t("registry.filter.scheme")}
          value={filters.scheme ?? null}
          options={(["certification", "happy-office"] as const).map((s) => [s, t(`scheme.${s}`)])}
        />
        <FilterSelect
          name="year"
          label={t("registry.filter.year")}
          value={filters.year}
          options={years.map((y) => [String(y), t("registry.yearLabel", { year: y })])}
        />
        <FilterSelect
          name="region"
          label={t("registry.filter.region")}
          value={filters.region}
          options={regions.map((r) => [r, r])}
        />
        <FilterSelect
          name="level"
          label={t("registry.filter.level")}
          value={filters.level}
          options={(["sido", "sigungu", "central"] as const).map((l) => [l, t(levelKey(l))])}
        />
        <FilterSelect
          name="status"
          label={t("registry.filter.status")}
          value={filters.status}
          options={STATUS_ORDER.map((st) => [st, t(statusKey(st))])}
        />
        <div className="field">
          <label htmlFor="f-asof">{t("registry.filter.asOf")}</label>
          <input id="f-asof" name="asOf" type="date" defaultValue={filters.asOf} max="2999-12-31" />
        </div>
        <div className="registry-filters__actions">
          <button type="submit" className="button">
            {t("registry.filter.apply")}
          </button>
          <Link to="/registry" reloadDocument className="button button--ghost">
            {t("registry.filter.reset")}
          </Link>
        </div>
      </div>
      {filters.asOf !== today ? (
        <p className="field__hint">{t("registry.asOfNotice", { date: formatCalendarDate(filters.asOf) })}</p>
      ) : null}
    </Form>
  );
}

/** One filter: "전체" (all) first, then the options as [value, label]. */
function FilterSelect({
  name,
  label,
  value,
  options,
}: {
  name: string;
  label: string;
  value: string | number | null;
  options: [string, string][];
}) {
  const t = useT();
  return (
    <div className="field">
      <label htmlFor={`f-${name}`}>{label}</label>
      <select id={`f-${name}`} name={name} defaultValue={value ?? ""}>
        <option value="">{t("registry.filter.all")}</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Institutions certified each year (by award date), split by kind and level, with a bar for the total. */
export function YearCounts({ counts, selected }: { counts: RegistryOverview["yearCounts"]; selected: number | null }) {
  const t = useT();
  const max = Math.max(1, ...counts.map((c) => c.total));
  return (
    <section className="panel" aria-labelledby="year-counts">
      <h2 id="year-counts">{t("registry.counts.title")}</h2>
      <p className="small muted">{t("registry.counts.namedOnly")}</p>
      {counts.length === 0 ? (
        <p className="muted">{t("registry.counts.none")}</p>
      ) : (
        <table className="data year-counts">
          <thead>
            <tr>
              <th>{t("registry.counts.year")}</th>
              <th className="num">{t("registry.counts.total")}</th>
              <th className="num">{t("registry.kind.initial")}</th>
              <th className="num">{t("registry.kind.renewal")}</th>
              <th className="num">{t("registry.level.sido")}</th>
              <th className="num">{t("registry.level.sigungu")}</th>
              <th className="year-counts__bar-col">
                <span className="visually-hidden">{t("registry.counts.total")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {counts.map((c) => (
              <tr
                key={c.year}
                data-testid={`year-${c.year}`}
                className={c.year === selected ? "is-selected" : undefined}
                aria-current={c.year === selected ? "true" : undefined}
              >
                <th scope="row">{t("registry.yearLabel", { year: c.year })}</th>
                <td className="num">
                  <strong>{c.total}</strong>
                </td>
                <td className="num">{c.initial}</td>
                <td className="num">{c.renewal}</td>
                <td className="num">{c.sido}</td>
                <td className="num">{c.sigungu}</td>
                <td className="year-counts__bar-col" aria-hidden="true">
                  <span className="year-bar">
                    <span className="year-bar__initial" style={{ width: `${(c.initial / max) * 100}%` }} />
                    <span className="year-bar__renewal" style={{ width: `${(c.renewal / max) * 100}%` }} />
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function StatusSummary({ counts, asOf }: { counts: RegistryOverview["statusCounts"]; asOf: string }) {
  const t = useT();
  const locale = useLocale();
  return (
    <div
      className="grid grid--stats registry-stats"
      aria-label={t("registry.statusSummary", { date: formatCalendarDate(asOf, locale) })}
    >
      {STATUS_ORDER.map((s) => (
        <div key={s} className={`stat cert-stat cert-stat--${s}`}>
          <div className="stat__label">{t(statusKey(s))}</div>
          <div className="stat__value" data-testid={`status-count-${s}`}>
            {counts[s]}
          </div>
          <div className="stat__hint">{t(`registry.statusHint.${s}` as MessageKey)}</div>
        </div>
      ))}
    </div>
  );
}

export function RegistryTable({
  rows,
  asOf,
  linkAsOf,
}: {
  rows: RegistryOverview["rows"];
  asOf: string;
  linkAsOf: string | null;
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <section className="panel table-wrap" aria-labelledby="registry-list">
      <h2 id="registry-list">
        {t("registry.list.title")}{" "}
        <span className="muted small">
          {t("registry.list.count", { count: rows.length, date: formatCalendarDate(asOf, locale) })}
        </span>
      </h2>
      {rows.length === 0 ? (
        <p className="muted">{t("registry.list.empty")}</p>
      ) : (
        <table className="data registry-table">
          <thead>
            <tr>
              <th>{t("registry.col.institution")}</th>
              <th>{t("registry.col.region")}</th>
              <th>{t("registry.col.level")}</th>
              <th>{t("registry.col.scheme")}</th>
              <th>{t("registry.col.history")}</th>
              <th>{t("registry.col.validUntil")}</th>
              <th>{t("registry.col.status")}</th>
              <th className="num">{t("registry.col.daysLeft")}</th>
              <th>{t("registry.col.mark")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.institutionId}-${r.scheme}`} data-scheme={r.scheme}>
                <td>
                  <Link to={`/registry/institutions/${r.institutionId}${asOfQuery(linkAsOf)}`}>{r.name}</Link>
                </td>
                <td>{r.region}</td>
                <td>{t(levelKey(r.type))}</td>
                <td>
                  {t(`scheme.${r.scheme}`)}
                  {r.current.plaque ? (
                    <div className="small muted">{t(`registry.plaque.${r.current.plaque}`)}</div>
                  ) : null}
                </td>
                <td>
                  <ul className="cert-history" aria-label={t("registry.col.history")}>
                    {r.history.map((h) => (
                      <li
                        key={h.id}
                        className={`cert-chip cert-chip--${h.kind}${h.revoked ? " cert-chip--revoked" : ""}`}
                      >
                        {h.year} {t(kindKey(h.kind))}
                      </li>
                    ))}
                  </ul>
                </td>
                <td className="nowrap">
                  {formatCalendarDate(r.current.validUntil, locale)}
                  <div className="small muted">
                    {t("registry.termYears", { years: r.current.years })}
                    {r.current.lapsedRenewal ? ` · ${t("registry.lapsedShort")}` : ""}
                  </div>
                </td>
                <td>
                  <CertStatusBadge status={r.current.status} />
                </td>
                <td className="num">
                  <DaysLeft days={r.current.status === "expired" ? null : r.current.daysLeft} />
                </td>
                <td>
                  {r.current.showMark ? (
                    <CertMark validUntil={r.current.validUntil} compact />
                  ) : (
                    <span className="muted">–</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Keeps a chosen as-of date when following a link, so the timeline shows the same day. */
export function asOfQuery(asOf: string | null | undefined): string {
  return asOf ? `?asOf=${asOf}` : "";
}
