import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ActionStatusBadge } from "~/components/rounds/gaps";
import { useLocale, useT } from "~/components/use-t";
import { formatCalendarDate } from "~/domain/datetime";
import { can, primaryMembership } from "~/domain/permissions";
import roundsHref from "~/styles/rounds.css?url";
import { actionItemChoices, listActionItems } from "~/utils/action-items.server";
import { db } from "~/utils/db.server";
import { forbidden, notFound, requireSignedIn } from "~/utils/guards.server";
import { pageTitle } from "~/utils/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: roundsHref }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.actionItems");

const optionalId = (value: string | null) => (value && /^[1-9]\d{0,11}$/.test(value) ? Number(value) : null);

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireSignedIn(request);
  const membership = primaryMembership(actor);
  if (!membership) notFound();
  const institutionId = membership.institutionId;
  // Coordinators and auditors see every department's items; department staff only their own department's.
  const wholeInstitution = can(actor, "read:round:institution", { institutionId });
  const onlyDepartment = wholeInstitution ? null : membership.departmentId;
  if (!wholeInstitution && onlyDepartment === null) forbidden();
  if (!wholeInstitution && !can(actor, "read:response:own-dept", { institutionId, departmentIds: [onlyDepartment!] }))
    forbidden();
  const search = new URL(request.url).searchParams;
  const filter = {
    overdue: search.get("overdue") === "1",
    departmentId: optionalId(search.get("department")),
    roundId: optionalId(search.get("round")),
  };
  const [items, choices] = await Promise.all([
    listActionItems(db, institutionId, filter, onlyDepartment),
    actionItemChoices(db, institutionId, onlyDepartment),
  ]);
  return {
    items,
    choices,
    filter,
    own: onlyDepartment !== null,
    mayManage: can(actor, "manage:round:institution", { institutionId }),
  };
}

export default function ActionItemsPage() {
  const { items, choices, filter, own, mayManage } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const overdueCount = items.filter((i) => i.overdue).length;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t("actions.title")}</h1>
          <p>{t(own ? "actions.intro.own" : "actions.intro.all")}</p>
        </div>
      </div>
      <section className="panel" aria-labelledby="actions-list">
        <h2 id="actions-list" className="visually-hidden">
          {t("actions.title")}
        </h2>
        <Form method="get" className="form-row filters" role="search" aria-label={t("actions.filter.label")}>
          <div className="field">
            <label htmlFor="filter-round">{t("actions.col.round")}</label>
            <select id="filter-round" name="round" defaultValue={filter.roundId ?? ""}>
              <option value="">{t("gaps.filter.all")}</option>
              {choices.rounds.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.title}
                </option>
              ))}
            </select>
          </div>
          {own ? null : (
            <div className="field">
              <label htmlFor="filter-department">{t("gaps.col.owner")}</label>
              <select id="filter-department" name="department" defaultValue={filter.departmentId ?? ""}>
                <option value="">{t("gaps.filter.all")}</option>
                {choices.departments.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div className="field field--check">
            <label>
              <input type="checkbox" name="overdue" value="1" defaultChecked={filter.overdue} />{" "}
              {t("actions.filter.overdue")}
            </label>
          </div>
          <button type="submit" className="button button--secondary">
            {t("gaps.filter.apply")}
          </button>
        </Form>
        <p className="small muted" aria-live="polite">
          {t("actions.count", { count: items.length, overdue: overdueCount })}
        </p>
        {items.length === 0 ? (
          <p className="muted">{t("actions.none")}</p>
        ) : (
          <div className="table-wrap">
            <table className="data action-list">
              <thead>
                <tr>
                  <th>{t("actions.col.round")}</th>
                  <th>{t("home.code")}</th>
                  <th>{t("home.indicator")}</th>
                  <th>{t("gaps.col.owner")}</th>
                  <th>{t("gaps.col.due")}</th>
                  <th>{t("gaps.col.status")}</th>
                  <th>{t("gaps.col.notes")}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((i) => (
                  <tr key={i.id} data-action-item={i.id} className={i.overdue ? "action-row--overdue" : undefined}>
                    <td className="nowrap">{i.roundTitle}</td>
                    <td>
                      {mayManage ? (
                        <Link to={`/rounds/${i.roundId}/gaps?edit=${encodeURIComponent(i.code)}#gap-list`}>
                          {i.code}
                        </Link>
                      ) : i.assigned ? (
                        <Link to={`/rounds/${i.roundId}/indicators/${encodeURIComponent(i.code)}`}>{i.code}</Link>
                      ) : (
                        // An item on an indicator another department answers: its page is not theirs to open (403).
                        i.code
                      )}
                    </td>
                    <td>{i.title}</td>
                    <td className="nowrap">{i.department}</td>
                    <td className="nowrap">
                      {i.dueDate ? formatCalendarDate(i.dueDate, locale) : "–"}
                      {i.overdue ? (
                        <>
                          {" "}
                          <span className="badge badge--warn">{t("actions.overdue")}</span>
                        </>
                      ) : null}
                    </td>
                    <td>
                      <ActionStatusBadge status={i.status} />
                    </td>
                    <td className="small">{i.notes}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
