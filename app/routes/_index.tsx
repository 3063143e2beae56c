import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { AdminHome } from "~/components/home/admin-home";
import { AuditorHome } from "~/components/home/auditor-home";
import { CoordinatorHome } from "~/components/home/coordinator-home";
import { MemberHome } from "~/components/home/member-home";
import { useT } from "~/components/use-t";
import { homeKind } from "~/domain/permissions";
import { adminHomeData, auditorHomeData, coordinatorHomeData, memberHomeData } from "~/utils/home.server";
import { assertCan, requireSignedIn } from "~/utils/guards.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, null);

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, actor } = await requireSignedIn(request);
  const kind = homeKind(actor);
  const m = actor.memberships[0];
  switch (kind) {
    case "coordinator":
      assertCan(actor, "read:round:institution", { institutionId: m.institutionId });
      return { kind, data: await coordinatorHomeData(m.institutionId) } as const;
    case "department_member":
      assertCan(actor, "read:response:own-dept", {
        institutionId: m.institutionId,
        departmentIds: m.departmentId ? [m.departmentId] : [],
      });
      return {
        kind,
        data: await memberHomeData(m.institutionId, m.departmentId!, user.memberships[0].departmentName ?? ""),
      } as const;
    case "auditor":
      assertCan(actor, "review:response:institution", { institutionId: m.institutionId });
      return { kind, data: { ...(await auditorHomeData(m.institutionId)), crossReviews: user.crossReviews } } as const;
    case "admin":
      assertCan(actor, "manage:institution:any");
      return { kind, data: await adminHomeData() } as const;
    default:
      return { kind: "none", data: null } as const;
  }
}

export default function Home() {
  const t = useT();
  const [params] = useSearchParams();
  return (
    <>
      {params.get("passwordChanged") ? (
        <p className="notice notice--ok" role="status">
          {t("password.changed")}
        </p>
      ) : null}
      <HomeFor />
    </>
  );
}

function HomeFor() {
  const page = useLoaderData<typeof loader>();
  const t = useT();
  switch (page.kind) {
    case "coordinator":
      return <CoordinatorHome data={page.data} />;
    case "department_member":
      return <MemberHome data={page.data} />;
    case "auditor":
      return <AuditorHome data={page.data} />;
    case "admin":
      return <AdminHome data={page.data} />;
    default:
      return <p className="notice">{t("home.noRole")}</p>;
  }
}
