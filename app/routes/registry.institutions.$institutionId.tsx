import {
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { asOfQuery } from "~/components/registry/overview";
import { RenewalPanel } from "~/components/registry/renewal-panel";
import { GradesPanel, HappyOfficePanel } from "~/components/registry/scheme-panels";
import { CertMark, CertStatusBadge, DaysLeft, kindKey, levelKey } from "~/components/registry/status";
import { Timeline } from "~/components/registry/timeline";
import { useLocale, useT } from "~/components/use-t";
import { formatCalendarDate } from "~/domain/datetime";
import { can } from "~/domain/permissions";
import { todayInSeoul } from "~/domain/validity";
import { formObject } from "~/utils/forms";
import registryHref from "~/styles/registry.css?url";
import { db } from "~/utils/db.server";
import { assertCan, found, idParam, requirePermission } from "~/utils/guards.server";

import { createRenewalRound, revokeCertification } from "~/utils/registry-write.server";
import { type Errors } from "~/utils/registry-result.server";
import { getRegistrySettings } from "~/utils/registry-settings.server";
import { institutionTimeline, parseFilters } from "~/utils/registry-read.server";
import { institutionSchemes } from "~/utils/registry-schemes.server";
import { pageTitle } from "~/utils/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: registryHref }];
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, "title.registryTimeline", data?.timeline.institution.name);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requirePermission(request, "read:registry:any");
  const institutionId = idParam(params.institutionId);
  const today = todayInSeoul();
  const { asOf } = parseFilters(new URL(request.url));
  const settings = await getRegistrySettings(db);
  const timeline = found(await institutionTimeline(db, institutionId, asOf, settings));
  return {
    timeline,
    schemes: await institutionSchemes(db, institutionId, asOf, settings.rules),
    // The grade page is the institution's round work: its own coordinators and auditors (or the system admin).
    mayOpenRounds: can(actor, "read:round:institution", { institutionId }),
    asOf,
    today,
    graceMonths: settings.rules.graceMonths,
    canRevoke: can(actor, "manage:registry:any"),
    canRecord: can(actor, "manage:registry:any"),
    // Planning the renewal round is the institution's own round work: its coordinator (or the system admin).
    mayPlan: can(actor, "manage:round:institution", { institutionId }),
  };
}

type ActionData = { intent: "revoke"; certificationId: string; errors: Errors } | { intent: "renew"; errors: Errors };

export async function action({ request, params }: ActionFunctionArgs): Promise<ActionData | Response> {
  const { user, actor } = await requirePermission(request, "read:registry:any");
  const institutionId = idParam(params.institutionId);
  const form = formObject(await request.formData());
  const here = `/registry/institutions/${institutionId}`;
  if (form.intent === "revoke") {
    assertCan(actor, "manage:registry:any");
    const cert = found(
      await db
        .selectFrom("certifications")
        .select("id")
        .where("id", "=", Number(form.certificationId) || 0)
        .where("institution_id", "=", institutionId)
        .executeTakeFirst(),
    );
    const result = await revokeCertification(db, user.id, { ...form, certificationId: String(cert.id) });
    if (!result.ok) return { intent: "revoke", certificationId: String(cert.id), errors: result.errors };
    return redirect(`${here}?done=revoked`);
  }
  if (form.intent === "renew") {
    assertCan(actor, "manage:round:institution", { institutionId });
    found(await db.selectFrom("institutions").select("id").where("id", "=", institutionId).executeTakeFirst());
    const result = await createRenewalRound(db, user.id, institutionId, form);
    if (!result.ok) return { intent: "renew", errors: result.errors };
    return redirect(`${here}?done=renewal&carried=${result.carried}&dropped=${result.dropped}`);
  }
  throw new Response("Bad Request", { status: 400 });
}

export default function InstitutionRegistry() {
  const { timeline, schemes, mayOpenRounds, asOf, today, graceMonths, canRevoke, canRecord, mayPlan } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [search] = useSearchParams();
  const t = useT();
  const locale = useLocale();
  const { institution, current } = timeline;
  const done = search.get("done");
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/registry${asOfQuery(asOf !== today ? asOf : null)}`}>← {t("registry.title")}</Link>
      </p>
      <div className="page-head">
        <div>
          <h1>{institution.name}</h1>
          <p>
            {institution.region} · {t(levelKey(institution.type))}
          </p>
        </div>
        {canRecord ? (
          <Link to={`/registry/new?institution=${institution.id}`} className="button button--secondary">
            {t("registry.record")}
          </Link>
        ) : null}
      </div>
      {done === "recorded" ? (
        <p className="notice notice--ok" role="status">
          {t("registry.record.done")}
        </p>
      ) : null}
      {done === "revoked" ? (
        <p className="notice notice--ok" role="status">
          {t("registry.revoke.done")}
        </p>
      ) : null}
      {done === "renewal" ? (
        <p className="notice notice--ok" role="status">
          {t("registry.plan.done", { carried: search.get("carried") ?? "0", dropped: search.get("dropped") ?? "0" })}
        </p>
      ) : null}
      {asOf !== today ? (
        <p className="notice">{t("registry.asOfNotice", { date: formatCalendarDate(asOf, locale) })}</p>
      ) : null}

      <section className="panel standing" aria-labelledby="standing">
        <div>
          <h2 id="standing">{t("registry.standing")}</h2>
          <p className="small muted">{t("scheme.certification")}</p>
          {current ? (
            <>
              <p className="standing__status">
                <CertStatusBadge status={current.validity.status} />{" "}
                {current.validity.status === "revoked" || current.validity.status === "expired" ? null : (
                  <DaysLeft days={current.validity.daysLeft} />
                )}
              </p>
              <dl className="facts">
                <dt>{t("registry.standing.kind")}</dt>
                <dd>
                  {t(kindKey(current.kind))} ({t("registry.termYears", { years: current.validity.years })})
                </dd>
                <dt>{t("registry.standing.period")}</dt>
                <dd>
                  {formatCalendarDate(current.validity.validFrom, locale)} –{" "}
                  {formatCalendarDate(current.validity.validUntil, locale)}
                </dd>
                {current.validity.status === "valid" || current.validity.status === "expiring" ? (
                  <>
                    <dt>{t("registry.standing.expiringFrom")}</dt>
                    <dd>{formatCalendarDate(current.validity.expiringFrom, locale)}</dd>
                  </>
                ) : null}
              </dl>
            </>
          ) : (
            <p className="muted">{t("registry.mine.none")}</p>
          )}
        </div>
        {current?.validity.showMark ? (
          <CertMark validUntil={current.validity.validUntil} />
        ) : (
          <p className="standing__nomark muted small">{t("registry.mark.hidden")}</p>
        )}
      </section>

      {timeline.renewalClosed ? (
        <p className="notice notice--warn">{t("registry.plan.closed", { months: graceMonths })}</p>
      ) : null}
      {timeline.renewal ? (
        <RenewalPanel
          renewal={timeline.renewal}
          institutionType={institution.type}
          graceMonths={graceMonths}
          canPlan={mayPlan && asOf === today}
          readOnlyReason={!mayPlan ? "permission" : asOf !== today ? "as-of" : null}
          errors={actionData && actionData.intent === "renew" ? actionData.errors : null}
        />
      ) : null}

      <section className="panel" aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t("registry.timeline.title")}</h2>
        <Timeline
          data={timeline}
          today={asOf}
          graceMonths={graceMonths}
          canRevoke={canRevoke}
          revokeErrors={
            actionData && actionData.intent === "revoke"
              ? { certificationId: actionData.certificationId, errors: actionData.errors }
              : null
          }
        />
      </section>

      <HappyOfficePanel data={schemes} />
      <GradesPanel data={schemes} canOpen={mayOpenRounds} />
    </>
  );
}
