import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatTenths } from "~/components/points";
import { useLocale, useT } from "~/components/use-t";
import { formatDateTime } from "~/domain/datetime";
import { can } from "~/domain/permissions";
import type { MessageKey } from "~/i18n";
import roundsHref from "~/styles/rounds.css?url";
import { db } from "~/utils/db.server";
import { listRounds } from "~/utils/round-admin.server";
import { pageTitle } from "~/utils/meta";
import { guardInstitution } from "~/utils/guards.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: roundsHref }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.rounds");

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, institutionId } = await guardInstitution(request, "read:round:institution");
  const institution = await db
    .selectFrom("institutions")
    .select(["id", "name"])
    .where("id", "=", institutionId)
    .executeTakeFirstOrThrow();
  return {
    institution,
    rounds: await listRounds(db, institutionId),
    mayManage: can(actor, "manage:round:institution", { institutionId }),
  };
}

export default function RoundsPage() {
  const { institution, rounds, mayManage } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t("rounds.list.title")}</h1>
          <p>{t("rounds.list.intro", { institution: institution.name })}</p>
        </div>
        {mayManage ? (
          <Link className="button" to={`/rounds/new?institution=${institution.id}`}>
            {t("rounds.new.title")}
          </Link>
        ) : null}
      </div>
      <section className="panel">
        {rounds.length === 0 ? (
          <p className="muted">{t("rounds.list.empty")}</p>
        ) : (
          <div className="table-wrap">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{t("rounds.field.year")}</th>
                  <th scope="col">{t("rounds.field.title")}</th>
                  <th scope="col">{t("rounds.field.edition")}</th>
                  <th scope="col">{t("common.status")}</th>
                  <th scope="col">{t("rounds.field.deadline")}</th>
                  <th scope="col" className="num">
                    {t("home.selfTotal")}
                  </th>
                  <th scope="col" className="num">
                    {t("home.assessed")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rounds.map((r) => (
                  <tr key={r.id}>
                    <td>{r.year}</td>
                    <th scope="row">
                      <Link to={`/rounds/${r.id}`}>{r.title}</Link>
                    </th>
                    <td>
                      {r.edition_title}
                      {r.reconstruction ? (
                        <>
                          {" "}
                          <span className="badge badge--muted">{t("common.reconstruction")}</span>
                        </>
                      ) : null}
                    </td>
                    <td>
                      <span className={`badge badge--round-${r.state}`}>
                        {t(`round.state.${r.state}` as MessageKey)}
                      </span>
                    </td>
                    <td>{r.deadline_at ? formatDateTime(r.deadline_at, locale) : "–"}</td>
                    <td className="num">{formatTenths(r.selfTenths)}</td>
                    <td className="num">{t("home.assessedValue", { done: r.assessed, total: r.indicator_count })}</td>
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
