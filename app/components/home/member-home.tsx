import { ProvenanceBadge } from "~/components/provenance";
import { Link, useActionData, useFetcher } from "@remix-run/react";
import { Fragment } from "react";
import type { MessageKey } from "~/i18n";
import { formatDateTime } from "~/domain/datetime";
import { handInTiming } from "~/domain/hand-in";
import type { memberHomeData } from "~/utils/home.server";
import type { SubmitAllResult } from "~/utils/responses.server";
import { formatTenths } from "../points";
import { RoundHeader, StatusBadge } from "../round-header";
import { ScoreBar } from "../score-bar";
import { useLocale, useT } from "../use-t";
import { NoticesPanel } from "../work/notices";

type Data = Awaited<ReturnType<typeof memberHomeData>>;
type HandInRound = Parameters<typeof handInTiming>[0];
type Row = Data["indicators"][number];

interface Group {
  area: string;
  areaTitle: string;
  items: { item: string; itemTitle: string; rows: Row[] }[];
}

/** Rubric order kept; consecutive rows of one area and item form a group. */
function groupRows(rows: Row[]): Group[] {
  const groups: Group[] = [];
  for (const row of rows) {
    let area = groups.at(-1);
    if (area?.area !== row.area) {
      area = { area: row.area, areaTitle: row.areaTitle, items: [] };
      groups.push(area);
    }
    let item = area.items.at(-1);
    if (item?.item !== row.item) {
      item = { item: row.item, itemTitle: row.itemTitle, rows: [] };
      area.items.push(item);
    }
    item.rows.push(row);
  }
  return groups;
}

const DONE = new Set(["submitted", "approved"]);

/** The department member's worklist: notices, progress, points at stake, the deadline, indicators by area and item. */
export function MemberHome({ data }: { data: Data }) {
  const t = useT();
  const locale = useLocale();
  const submitAll = useFetcher<SubmitAllResult>({ key: "submit-all" });
  const page = useActionData() as SubmitAllResult | undefined;
  const result = submitAll.data ?? (page && "submitted" in page ? page : undefined);
  if (!data.round) return <p className="notice">{t("home.noRound")}</p>;
  const round = data.round;
  const rows = data.indicators;
  // Progress counts what the department hands in: a 협조 (support) indicator is the lead department's to submit.
  const leads = rows.filter((r) => r.role === "lead");
  const done = leads.filter((r) => DONE.has(r.status)).length;
  const readySet = new Set(data.submitReady);
  const ready = rows.filter((r) => readySet.has(r.code));
  const zero = ready.filter((r) => r.selfTenths === 0);
  const notReady = leads.filter((r) => !readySet.has(r.code) && !DONE.has(r.status));
  const titleOf = new Map(rows.map((r) => [r.code, r.title]));
  const maxTenths = rows.reduce((sum, r) => sum + r.maxTenths, 0);
  const selfTenths = rows.reduce((sum, r) => sum + (r.selfTenths ?? 0), 0);
  const toDo = rows.filter((r) => !DONE.has(r.status)).length;
  const canSubmitAll =
    round.state === "open" && rows.some((r) => r.role === "lead" && (r.status === "draft" || r.status === "returned"));
  const submitting = submitAll.state !== "idle";
  // Past the deadline of a round that takes no late hand-ins: the department may still save, not hand in.
  const closedAt =
    round.latePolicy && handInTiming(round as HandInRound, new Date().toISOString()) === "refused"
      ? round.deadlineAt
      : null;
  const deadlineText = (iso: string) => t("deadline.kst", { time: formatDateTime(iso, locale) });
  return (
    <>
      <RoundHeader round={round} title={t("home.member.title")} />
      <p className="muted">{t("home.member.intro", { department: data.departmentName })}</p>
      <p className="no-print">
        <Link to={`/rounds/${round.id}/library`} data-testid="library-link">
          {t("library.nav")} →
        </Link>
      </p>
      <NoticesPanel />
      {rows.length === 0 ? (
        <p className="notice">{t("home.member.none")}</p>
      ) : (
        <>
          <div className="grid grid--stats member-stats">
            <div className="stat">
              <div className="stat__label">{t("list.progress")}</div>
              <div className="stat__value" data-testid="progress">
                {t("list.progressValue", { done, total: leads.length })}
              </div>
              <ScoreBar valueTenths={done} maxTenths={leads.length} compact />
            </div>
            <div className="stat">
              <div className="stat__label">{t("list.points")}</div>
              <div className="stat__value">{t("list.pointsValue", { points: formatTenths(maxTenths) })}</div>
            </div>
            <div className="stat">
              <div className="stat__label">{t("list.selfTotal")}</div>
              <div className="stat__value">{t("list.pointsValue", { points: formatTenths(selfTenths) })}</div>
            </div>
            <div className="stat">
              <div className="stat__label">{t("list.toDo")}</div>
              <div className="stat__value">{t("list.toDoValue", { count: toDo })}</div>
            </div>
          </div>

          {result ? (
            <div
              className={`notice ${result.submitted.length ? "notice--ok" : "notice--warn"}`}
              role="status"
              data-testid="submit-all-result"
            >
              <p>
                {result.lateRefused
                  ? t("late.refused", { deadline: deadlineText(result.lateRefused) })
                  : result.submitted.length
                    ? t("list.submitAll.done", { count: result.submitted.length })
                    : t("list.submitAll.nothing")}
              </p>
              {result.submitted.length ? (
                <ul className="small" data-testid="submit-all-submitted">
                  {result.submitted.map((code) => (
                    <li key={code}>
                      {code} {titleOf.get(code) ?? ""}
                    </li>
                  ))}
                </ul>
              ) : null}
              {result.unfinished.length ? (
                <p className="small">
                  {t("list.submitAll.skipped", {
                    count: result.unfinished.length,
                    codes: result.unfinished.join(", "),
                  })}
                </p>
              ) : null}
            </div>
          ) : null}

          <p className="grid-link">
            <Link to={`/rounds/${round.id}/work/grid`} className="button button--secondary">
              {t("grid.link")}
            </Link>
          </p>
          <div className="panel table-wrap">
            <table className="data worklist">
              <thead>
                <tr>
                  <th>{t("home.code")}</th>
                  <th>{t("home.indicator")}</th>
                  <th className="narrow-hide">{t("list.scoring")}</th>
                  <th className="narrow-hide">{t("home.role")}</th>
                  <th className="num">{t("home.max")}</th>
                  <th className="num">{t("home.selfScore")}</th>
                  <th>{t("common.status")}</th>
                </tr>
              </thead>
              <tbody>
                {groupRows(rows).map((area) => (
                  <Fragment key={area.area}>
                    <tr className="group group--area">
                      <td colSpan={7}>{area.areaTitle}</td>
                    </tr>
                    {area.items.map((item) => (
                      <Fragment key={item.item}>
                        <tr className="group group--item">
                          <td colSpan={7}>{item.itemTitle}</td>
                        </tr>
                        {item.rows.map((r) => (
                          <tr
                            key={r.code}
                            className={r.status === "returned" ? "row--returned" : undefined}
                            data-code={r.code}
                            data-kind={r.scoringKind}
                            data-status={r.status}
                            data-role={r.role}
                          >
                            <td className="num">{r.code}</td>
                            <td className="worklist__title">
                              <Link
                                to={`/rounds/${round.id}/indicators/${encodeURIComponent(r.code)}`}
                                prefetch="intent"
                              >
                                {r.title}
                              </Link>{" "}
                              <ProvenanceBadge provenance={r.provenance ?? undefined} editionId={r.editionId} />
                            </td>
                            <td className="small narrow-hide">{t(`scoring.${r.scoringKind}` as MessageKey)}</td>
                            <td className="narrow-hide">
                              {t(r.role === "lead" ? "home.role.lead" : "home.role.support")}
                            </td>
                            <td className="num">{formatTenths(r.maxTenths)}</td>
                            <td className="num">{r.selfTenths === null ? "–" : formatTenths(r.selfTenths)}</td>
                            <td>
                              <StatusBadge status={r.status} />
                              {r.late && r.status !== "not_started" ? (
                                <>
                                  {" "}
                                  <span className="badge badge--returned" data-testid="late-badge">
                                    {t("late.badge")}
                                  </span>
                                </>
                              ) : null}
                              {r.carriedOver ? (
                                <>
                                  {" "}
                                  <span className="badge badge--warn">{t("work.carriedOverBadge")}</span>
                                </>
                              ) : null}
                            </td>
                          </tr>
                        ))}
                      </Fragment>
                    ))}
                  </Fragment>
                ))}
              </tbody>
            </table>
          </div>

          {canSubmitAll ? (
            <section className="panel submit-all" aria-labelledby="submit-all-title" data-testid="submit-all">
              <h2 id="submit-all-title">{t("list.submitAll")}</h2>
              {ready.length ? (
                <>
                  <p>{t("submitAll.willSubmit", { count: ready.length })}</p>
                  <div className="table-wrap">
                    <table className="data" data-testid="submit-all-preview">
                      <thead>
                        <tr>
                          <th scope="col">{t("home.code")}</th>
                          <th scope="col">{t("home.indicator")}</th>
                          <th scope="col" className="num">
                            {t("home.selfScore")}
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        {ready.map((r) => (
                          <tr key={r.code} data-submit-code={r.code}>
                            <td className="num">{r.code}</td>
                            <td>{r.title}</td>
                            <td className="num">
                              {r.selfTenths === null ? "–" : formatTenths(r.selfTenths)}
                              {r.selfTenths === 0 ? (
                                <>
                                  {" "}
                                  <span className="badge badge--returned">{t("submitAll.zero")}</span>
                                </>
                              ) : null}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                  {zero.length ? (
                    <p className="notice notice--warn" data-testid="submit-all-zero">
                      {t("submitAll.zeroWarning", { codes: zero.map((r) => r.code).join(", ") })}
                    </p>
                  ) : null}
                </>
              ) : (
                <p>{t("list.submitAll.nothing")}</p>
              )}
              {notReady.length ? (
                <p className="small" data-testid="submit-all-not-ready">
                  {t("submitAll.notReady", { count: notReady.length, codes: notReady.map((r) => r.code).join(", ") })}
                </p>
              ) : null}
              {closedAt ? (
                <p className="notice notice--warn" role="status" data-testid="late-closed">
                  {t("late.closed", { deadline: deadlineText(closedAt) })}
                </p>
              ) : ready.length ? (
                <submitAll.Form
                  method="post"
                  action={`/rounds/${round.id}/work`}
                  onSubmit={(e) => {
                    const question = zero.length
                      ? t("submitAll.confirmZero", { count: ready.length, zero: zero.length })
                      : t("submitAll.confirm", { count: ready.length });
                    if (!window.confirm(question)) e.preventDefault();
                  }}
                >
                  {ready.map((r) => (
                    <input key={r.code} type="hidden" name="code" value={r.code} />
                  ))}
                  <button type="submit" name="intent" value="submitAll" className="button" disabled={submitting}>
                    {t("submitAll.button", { count: ready.length })}
                  </button>
                  <span className="small muted"> {t("list.submitAll.hint")}</span>
                </submitAll.Form>
              ) : null}
            </section>
          ) : null}
        </>
      )}
    </>
  );
}
