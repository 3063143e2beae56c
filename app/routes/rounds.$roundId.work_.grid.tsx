import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { DepartmentGrid } from "~/components/grid/department-grid";
import { RoundHeader } from "~/components/round-header";
import { useT } from "~/components/use-t";
import { parseGridPost } from "~/schemas/grid";
import roundsHref from "~/styles/rounds.css?url";
import { db } from "~/utils/db.server";
import { formObject } from "~/utils/forms";
import { departmentGrid, type GridSaveResult, saveGrid } from "~/utils/grid.server";
import { guardDepartmentWork } from "~/utils/guards.server";
import { pageTitle } from "~/utils/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: roundsHref }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "grid.title");

/** The department's indicators of a round as one table; `?editable=1` shows only those it may still change. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { round, department } = await guardDepartmentWork(request, params.roundId);
  const editableOnly = new URL(request.url).searchParams.get("editable") === "1";
  const grid = await departmentGrid(db, round, department.id);
  const rows = editableOnly ? grid.rows.filter((r) => r.lock === null) : grid.rows;
  const codes = new Set(rows.map((r) => r.code));
  return {
    round: {
      id: round.id,
      title: round.title,
      year: round.year,
      state: round.state,
      deadlineAt: round.deadline_at,
      latePolicy: round.late_policy,
    },
    departmentName: department.name,
    rows,
    indicators: grid.indicators.filter((i) => codes.has(i.code)),
  };
}

/** Saves the posted rows all or nothing (see saveGrid): 422 with the problems, 409 with the conflicts. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, round, department } = await guardDepartmentWork(request, params.roundId);
  const fields = formObject(await request.formData());
  if (fields.intent !== "saveGrid") throw new Response("Bad Request", { status: 400 });
  const assigned = await db
    .selectFrom("assignments")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("round_id", "=", round.id)
    .where("department_id", "=", department.id)
    .executeTakeFirstOrThrow();
  const posted = parseGridPost(fields, Number(assigned.n));
  if (!posted.ok)
    return data<GridSaveResult>(
      { ok: false, reason: "invalid", problems: [{ code: "", field: "_row", key: "grid.error.bad" }] },
      { status: 400 },
    );
  const result = await saveGrid(db, actor, round, department.id, posted.rows);
  return data<GridSaveResult>(result, { status: result.ok ? 200 : result.reason === "conflict" ? 409 : 422 });
}

export default function DepartmentGridPage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const [search] = useSearchParams();
  const editableOnly = search.get("editable") === "1";
  return (
    <>
      <p>
        <Link to={`/rounds/${d.round.id}/work`}>{t("grid.backToList")}</Link>
      </p>
      <RoundHeader round={d.round} title={t("grid.title")} />
      <p className="muted">{t("grid.intro", { department: d.departmentName })}</p>
      <p className="small">
        {editableOnly ? (
          <Link to="?">{t("grid.filter.all")}</Link>
        ) : (
          <Link to="?editable=1">{t("grid.filter.editable")}</Link>
        )}
      </p>
      <DepartmentGrid
        key={`${editableOnly}`}
        roundId={d.round.id}
        rows={d.rows}
        indicators={d.indicators}
        pageResult={result}
      />
    </>
  );
}
