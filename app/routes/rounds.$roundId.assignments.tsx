import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { ActionNotice } from "~/components/org/action-notice";
import { AssignmentRow, BulkAssignForm } from "~/components/rounds/assignments";
import { parseAssignmentIntent } from "~/schemas/rounds";
import { useT } from "~/components/use-t";
import roundsHref from "~/styles/rounds.css?url";
import { db } from "~/utils/db.server";
import { formObject } from "~/utils/forms";
import { actionResponse, invalid } from "~/utils/actions.server";
import { assignmentBoard, runAssignmentIntent } from "~/utils/round-admin.server";
import { pageTitle } from "~/utils/meta";
import { guardRound } from "~/utils/guards.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: roundsHref }];
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, "title.assignments", data?.round.title);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { round } = await guardRound(request, params.roundId, "manage:round:institution");
  const board = await assignmentBoard(db, round);
  return {
    round: { id: round.id, title: round.title, state: round.state },
    board,
    editable: round.state === "draft" || round.state === "open",
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, round } = await guardRound(request, params.roundId, "manage:round:institution");
  const fields = formObject(await request.formData(), ["supportDepartmentIds", "codes"]);
  const parsed = parseAssignmentIntent(fields);
  if (!parsed.success) return actionResponse(fields, invalid(parsed.error));
  return actionResponse(fields, await runAssignmentIntent(db, actor, round, parsed.data));
}

const BULK_FORM_ID = "form-bulkAssign";

export default function AssignmentsPage() {
  const { round, board, editable } = useLoaderData<typeof loader>();
  const t = useT();
  const [search] = useSearchParams();
  const show = search.get("show") ?? "all";
  const item = search.get("item") ?? "";
  const department = search.get("department") ?? "";
  const rows = board.indicators.filter(
    (i) =>
      (show !== "unassigned" || i.lead === null) &&
      (!item || i.item === item) &&
      (!department || String(i.lead) === department || i.support.some((s) => String(s.id) === department)),
  );
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/rounds/${round.id}`}>← {round.title}</Link>
      </p>
      <div className="page-head">
        <div>
          <h1>{t("rounds.assign.title")}</h1>
          <p>{t("rounds.assign.intro", { total: board.indicators.length, unassigned: board.unassigned })}</p>
        </div>
        {editable && board.unassigned > 0 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="assignSuggested" />
            <button type="submit" className="button">
              {t("rounds.assign.suggested")}
            </button>
          </Form>
        ) : null}
      </div>
      {editable ? null : <p className="notice notice--warn">{t("rounds.assign.locked")}</p>}
      <ActionNotice />
      {editable ? <BulkAssignForm board={board} /> : null}

      <section className="panel" aria-labelledby="assign-list">
        <h2 id="assign-list">{t("rounds.assign.list")}</h2>
        <Form method="get" className="form-row filters">
          <label className="field">
            <span>{t("rounds.assign.filter.show")}</span>
            <select name="show" defaultValue={show}>
              <option value="all">{t("common.all")}</option>
              <option value="unassigned">{t("rounds.assign.filter.unassigned", { count: board.unassigned })}</option>
            </select>
          </label>
          <label className="field">
            <span>{t("rounds.dashboard.item")}</span>
            <select name="item" defaultValue={item}>
              <option value="">{t("common.all")}</option>
              {board.items.map((i) => (
                <option key={i.code} value={i.code}>
                  {i.code} {i.title}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t("home.department")}</span>
            <select name="department" defaultValue={department}>
              <option value="">{t("common.all")}</option>
              {board.departments.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </label>
          <div className="form-actions">
            <button type="submit" className="button button--secondary">
              {t("rounds.assign.filter.apply")}
            </button>
          </div>
        </Form>
        <p className="muted small">{t("rounds.assign.showing", { count: rows.length })}</p>
        <div className="table-wrap">
          <table className="data assign-table">
            <thead>
              <tr>
                {editable ? (
                  <th scope="col">
                    <span className="visually-hidden">{t("rounds.assign.select")}</span>
                  </th>
                ) : null}
                <th scope="col">{t("home.code")}</th>
                <th scope="col">{t("home.indicator")}</th>
                <th scope="col" className="num">
                  {t("home.max")}
                </th>
                <th scope="col">{t("rounds.assign.suggestedOwner")}</th>
                <th scope="col">{t("home.role.lead")}</th>
                <th scope="col">{t("home.role.support")}</th>
                {editable ? <th scope="col">{t("common.actions")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <AssignmentRow
                  key={row.code}
                  row={row}
                  departments={board.departments}
                  editable={editable}
                  bulkFormId={BULK_FORM_ID}
                />
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
