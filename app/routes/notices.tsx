import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useT } from "~/components/use-t";
import { NoticeList } from "~/components/work/notices";
import { db } from "~/utils/db.server";
import { markNoticesRead, noticesFor } from "~/utils/notices.server";
import { requireSignedIn } from "~/utils/guards.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.notices");

/** The signed-in department member's unread notices (others have none). Also read by the worklist through a fetcher. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireSignedIn(request);
  const m = actor.memberships.find((x) => x.role === "department_member" && x.departmentId !== null);
  if (!m) return { notices: [] };
  return {
    notices: await noticesFor(db, {
      userId: actor.userId,
      institutionId: m.institutionId,
      departmentId: m.departmentId!,
    }),
  };
}

/** Marks notices read: only the person's own, by key. */
export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireSignedIn(request);
  const form = await request.formData();
  const keys = form.getAll("key").filter((k): k is string => typeof k === "string");
  return { ok: true, read: await markNoticesRead(db, actor.userId, keys) };
}

export default function NoticesPage() {
  const { notices } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t("notices.title")}</h1>
        </div>
      </div>
      <section className="panel">
        <NoticeList notices={notices} />
      </section>
    </>
  );
}
