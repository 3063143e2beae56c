import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { NationalPicture } from "~/components/registry/national";
import { ProposalList } from "~/components/registry/proposals";
import {
  asOfQuery,
  RegistryFilterForm,
  RegistryTable,
  StatusSummary,
  YearCounts,
} from "~/components/registry/overview";
import { CertMark, CertStatusBadge, DaysLeft } from "~/components/registry/status";
import { useLocale, useT } from "~/components/use-t";
import { formatCalendarDate } from "~/domain/datetime";
import { can } from "~/domain/permissions";
import { todayInSeoul } from "~/domain/validity";
import registryHref from "~/styles/registry.css?url";
import { db } from "~/utils/db.server";
import { assertCan, requirePermission } from "~/utils/guards.server";
import { confirmProposal, openProposals, withdrawProposal } from "~/utils/certification-proposals.server";
import { formObject } from "~/utils/forms";
import { getRegistrySettings } from "~/utils/registry-settings.server";
import { institutionStanding, parseFilters, registryOverview } from "~/utils/registry-read.server";
import { nationalPictures } from "~/utils/registry-schemes.server";
import { pageTitle } from "~/utils/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: registryHref }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.registry");

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, user } = await requirePermission(request, "read:registry:any");
  const today = todayInSeoul();
  const filters = parseFilters(new URL(request.url));
  const settings = await getRegistrySettings(db);
  const overview = await registryOverview(db, filters, settings.rules);
  // A person's own institution first, so its expiry is never a surprise.
  const own = user.memberships[0];
  const mine = own
    ? {
        institutionId: own.institutionId,
        name: own.institutionName,
        current: await institutionStanding(db, own.institutionId, filters.asOf, settings.rules),
      }
    : null;
  return {
    filters,
    today,
    overview,
    mine,
    expiringMonths: settings.rules.expiringMonths,
    canManage: can(actor, "manage:registry:any"),
    proposals: await openProposals(db),
    national: await nationalPictures(db),
  };
}

/** The Ministry (admin) confirms a committee's proposed certification into the registry, or withdraws it. */
export async function action({ request }: ActionFunctionArgs) {
  const { actor, user } = await requirePermission(request, "read:registry:any");
  assertCan(actor, "manage:registry:any");
  const form = formObject(await request.formData());
  const id = /^[1-9]\d{0,11}$/.test(String(form.proposalId ?? "")) ? Number(form.proposalId) : 0;
  if (form.intent === "confirmProposal") {
    const result = await confirmProposal(db, user.id, id);
    return result.ok
      ? { ok: true as const, key: "proposal.confirmed" as const, institution: result.institution }
      : { ok: false as const, key: "proposal.error" as const, institution: "" };
  }
  if (form.intent === "withdrawProposal" && (await withdrawProposal(db, user.id, id)))
    return { ok: true as const, key: "proposal.withdrawn" as const, institution: "" };
  return { ok: false as const, key: "proposal.error" as const, institution: "" };
}

export default function Registry() {
  const { filters, today, overview, mine, canManage, expiringMonths, proposals, national } =
    useLoaderData<typeof loader>();
  const handled = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const linkAsOf = filters.asOf !== today ? filters.asOf : null;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t("registry.title")}</h1>
          <p>{t("registry.intro", { months: expiringMonths })}</p>
        </div>
        <div className="registry-actions">
          <Link to="/registry/calendar" className="button button--secondary">
            {t("registry.calendarLink")}
          </Link>
        </div>
        {canManage ? (
          <div className="registry-actions">
            <Link to="/registry/new" className="button">
              {t("registry.record")}
            </Link>
            <Link to="/registry/import" className="button button--secondary">
              {t("registry.import")}
            </Link>
            <Link to="/registry/settings" className="button button--ghost">
              {t("registry.settings")}
            </Link>
          </div>
        ) : null}
      </div>

      {mine ? (
        <section className="panel my-cert" aria-labelledby="my-cert">
          <div>
            <h2 id="my-cert">{t("registry.mine.title", { name: mine.name })}</h2>
            {mine.current ? (
              <p>
                <CertStatusBadge status={mine.current.status} />{" "}
                {t("registry.mine.until", { date: formatCalendarDate(mine.current.validUntil, locale) })}{" "}
                {mine.current.status !== "expired" ? <DaysLeft days={mine.current.daysLeft} /> : null}
              </p>
            ) : (
              <p className="muted">{t("registry.mine.none")}</p>
            )}
            <Link to={`/registry/institutions/${mine.institutionId}${asOfQuery(linkAsOf)}`}>
              {t("registry.mine.timeline")}
            </Link>
          </div>
          {mine.current?.showMark ? <CertMark validUntil={mine.current.validUntil} /> : null}
        </section>
      ) : null}

      {handled ? (
        <p className={`notice ${handled.ok ? "notice--ok" : "notice--error"}`} role="status">
          {t(handled.key, { institution: handled.institution })}
        </p>
      ) : null}
      {proposals.length || canManage ? <ProposalList proposals={proposals} canManage={canManage} /> : null}

      <RegistryFilterForm filters={filters} years={overview.years} regions={overview.regions} today={today} />
      <StatusSummary counts={overview.statusCounts} asOf={filters.asOf} />
      <YearCounts counts={overview.yearCounts} selected={filters.year} />
      <NationalPicture pictures={national} />
      <RegistryTable rows={overview.rows} asOf={filters.asOf} linkAsOf={linkAsOf} />
    </>
  );
}
