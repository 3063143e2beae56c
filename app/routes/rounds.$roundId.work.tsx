import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { MemberHome } from "~/components/home/member-home";
import type { Actor } from "~/domain/permissions";
import { db } from "~/utils/db.server";
import { assertCan, found, notFound, requireSignedIn } from "~/utils/permissions.server";
import { parseId, submitAllFinished } from "~/utils/responses.server";
import { departmentWorklist } from "~/utils/rounds.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.work");

/** The round and the actor's department in its institution; 404 outside the institution, 403 without a department. */
async function roundAndDepartment(actor: Actor, roundIdParam: string | undefined) {
  const round = found(await db.selectFrom("rounds").selectAll().where("id", "=", parseId(roundIdParam)).executeTakeFirst());
  const m = actor.memberships.find((x) => x.institutionId === round.institution_id);
  if (!m) notFound();
  const departmentIds = m.departmentId === null ? [] : [m.departmentId];
  assertCan(actor, "update:response:own-dept", { institutionId: round.institution_id, departmentIds });
  const department = found(await db.selectFrom("departments").select(["id", "name"]).where("id", "=", m.departmentId!).executeTakeFirst());
  return { round, department };
}

/** One round's worklist of the member's department (the home page shows the current round's). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requireSignedIn(request);
  const { round, department } = await roundAndDepartment(actor, params.roundId);
  return {
    round: { id: round.id, title: round.title, year: round.year, state: round.state, deadlineAt: round.deadline_at },
    departmentName: department.name,
    indicators: await departmentWorklist(db, round, department.id),
  };
}

/** Hands in every finished indicator the department leads. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { actor } = await requireSignedIn(request);
  const { round, department } = await roundAndDepartment(actor, params.roundId);
  const form = await request.formData();
  if (form.get("intent") !== "submitAll") throw new Response("Bad Request", { status: 400 });
  return submitAllFinished(db, actor, round, department.id);
}

export default function RoundWork() {
  const data = useLoaderData<typeof loader>();
  return <MemberHome data={data} />;
}
