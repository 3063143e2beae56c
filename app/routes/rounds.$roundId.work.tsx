import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { MemberHome } from "~/components/home/member-home";
import { db } from "~/utils/db.server";
import { guardDepartmentWork } from "~/utils/guards.server";
import { submitAllFinished, submitPreview } from "~/utils/responses.server";

import { departmentWorklist } from "~/utils/rounds.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.work");

/** One round's worklist of the member's department (the home page shows the current round's). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { round, department } = await guardDepartmentWork(request, params.roundId);
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
    indicators: await departmentWorklist(db, round, department.id),
    submitReady: await submitPreview(db, round, department.id),
  };
}

/** Hands in the finished indicators the department leads that the person confirmed (all finished ones if none listed). */
export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, round, department } = await guardDepartmentWork(request, params.roundId);
  const form = await request.formData();
  if (form.get("intent") !== "submitAll") throw new Response("Bad Request", { status: 400 });
  // The codes the person was shown and confirmed: nothing beyond them is handed in.
  const listed = form.getAll("code").filter((c): c is string => typeof c === "string");
  const result = await submitAllFinished(db, actor, round, department.id, listed.length ? listed : undefined);
  return data(result, { status: result.lateRefused ? 409 : 200 });
}

export default function RoundWork() {
  const data = useLoaderData<typeof loader>();
  return <MemberHome data={data} />;
}
