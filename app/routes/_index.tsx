import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { AdminHome } from "~/components/home/admin-home";
import { AuditorHome } from "~/components/home/auditor-home";
import { CoordinatorHome } from "~/components/home/coordinator-home";
import { MemberHome } from "~/components/home/member-home";
import { useT } from "~/components/use-t";
import { homeKind } from "~/domain/permissions";
import { RoundChooser } from "~/components/home/round-chooser";
import { translate } from "~/i18n";
import { homeRoundParam } from "~/schemas/rounds";
import {
  adminHomeData,
  auditorHomeData,
  coordinatorHomeData,
  homeRounds,
  memberHomeData,
  type RoundChoice,
} from "~/utils/home.server";
import { getLocale } from "~/utils/locale.server";
import { assertCan, requireSignedIn } from "~/utils/guards.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, null);

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, actor } = await requireSignedIn(request);
  const kind = homeKind(actor);
  const m = actor.memberships[0];
  // `?round=ID`: the round chosen when the institution has several open (ADR 038); kept in the URL, not a cookie.
  const param = homeRoundParam.safeParse(new URL(request.url).searchParams.get("round") || null);
  if (!param.success) throw new Response(translate(await getLocale(request), "home.rounds.invalid"), { status: 400 });
  switch (kind) {
    case "coordinator": {
      assertCan(actor, "read:round:institution", { institutionId: m.institutionId });
      const { round, choices } = await homeRounds(m.institutionId, param.data);
      return { kind, choices, data: await coordinatorHomeData(round) } as const;
    }
    case "department_member": {
      assertCan(actor, "read:response:own-dept", {
        institutionId: m.institutionId,
        departmentIds: m.departmentId ? [m.departmentId] : [],
      });
      const { round, choices } = await homeRounds(m.institutionId, param.data, m.departmentId ?? null);
      return {
        kind,
        choices,
        data: await memberHomeData(round, m.departmentId!, user.memberships[0].departmentName ?? ""),
      } as const;
    }
    case "auditor": {
      assertCan(actor, "review:response:institution", { institutionId: m.institutionId });
      const { round, choices } = await homeRounds(m.institutionId, param.data);
      return { kind, choices, data: { ...(await auditorHomeData(round)), crossReviews: user.crossReviews } } as const;
    }
    case "admin":
      assertCan(actor, "manage:institution:any");
      return { kind, choices: [] as RoundChoice[], data: await adminHomeData() } as const;
    default:
      return { kind: "none", choices: [] as RoundChoice[], data: null } as const;
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
      <ChooserFor />
      <HomeFor />
    </>
  );
}

function ChooserFor() {
  const page = useLoaderData<typeof loader>();
  if (page.choices.length < 2 || !page.data || !("round" in page.data) || !page.data.round) return null;
  return <RoundChooser choices={page.choices} chosenId={page.data.round.id} />;
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
