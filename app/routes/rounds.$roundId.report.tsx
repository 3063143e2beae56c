import { ProvenanceBadge, ProvenanceCounts } from "~/components/provenance";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { formatTenths } from "~/components/points";
import { ActionStatusBadge, GapKindBadge, GapSummaryStats } from "~/components/rounds/gaps";
import { ThresholdPlanPanel } from "~/components/rounds/plan";
import { PdfLink } from "~/components/rounds/pdf-link";
import { SignoffForm } from "~/components/rounds/signoff-form";
import { useLocale, useT } from "~/components/use-t";
import { formatCalendarDate, formatDateTime } from "~/domain/datetime";
import { thresholdStanding } from "~/domain/totals";
import type { MessageKey } from "~/i18n";
import reportHref from "~/styles/report.css?url";
import roundsHref from "~/styles/rounds.css?url";
import { db } from "~/utils/db.server";
import { latestCheckpoint } from "~/utils/checkpoints.server";
import { roundGaps } from "~/utils/gaps.server";

import { pageTitle } from "~/utils/meta";
import { guardRound } from "~/utils/guards.server";
import { can } from "~/domain/permissions";
import { signoffSchema } from "~/schemas/report";
import { actionResponse, type ActionData, invalid } from "~/utils/actions.server";
import { formObject } from "~/utils/forms";
import { reportSignoff, saveReportSignoff } from "~/utils/report-signoff.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: roundsHref },
  { rel: "stylesheet", href: reportHref },
];
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, "title.report", data?.round.title);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, actor, round } = await guardRound(request, params.roundId, "read:round:institution");
  const [data, institution, checkpoint, signoff] = await Promise.all([
    roundGaps(db, round),
    db
      .selectFrom("institutions")
      .select(["name", "region"])
      .where("id", "=", round.institution_id)
      .executeTakeFirstOrThrow(),
    // The latest signed head of the audit log, printed so the paper copy anchors the log (docs/decisions/024).
    latestCheckpoint(db),
    reportSignoff(db, round.id),
  ]);
  return {
    signoff,
    mayEdit: can(actor, "manage:round:institution", { institutionId: round.institution_id }),
    checkpoint: checkpoint
      ? { seq: checkpoint.seq, hash: checkpoint.hash, signedAt: checkpoint.signedAt, keyId: checkpoint.keyId }
      : null,
    round: { id: round.id, title: round.title, year: round.year, state: round.state, deadlineAt: round.deadline_at },
    institution,
    preparedBy: user.displayName,
    preparedAt: new Date().toISOString(),
    data,
  };
}

/** The 결재 fields: the coordinator's, audited. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, round } = await guardRound(request, params.roundId, "manage:round:institution");
  const fields = formObject(await request.formData());
  const parsed = signoffSchema.safeParse(fields);
  if (!parsed.success) return actionResponse(fields, invalid(parsed.error));
  return actionResponse(fields, await saveReportSignoff(db, actor, round, parsed.data));
}

/** The self-assessment report for the approval document: totals, gaps and the action plan, ready to print or save as PDF. */
export default function RoundReport() {
  const { round, institution, preparedBy, preparedAt, data, checkpoint, signoff, mayEdit } =
    useLoaderData<typeof loader>();
  const result = useActionData() as ActionData | undefined;
  const t = useT();
  const locale = useLocale();
  const { totals, thresholds } = data;
  const standing = thresholdStanding(totals.selfTenths, thresholds);
  const actions = new Map(data.actions.map((a) => [a.code, a]));
  const planned = data.gaps.filter((g) => actions.has(g.code));
  return (
    <>
      <div className="report-tools no-print">
        <Link to={`/rounds/${round.id}`}>← {round.title}</Link>
        <span aria-hidden="true">·</span>
        <PdfLink href={`/rounds/${round.id}/report.pdf`} label={t("report.pdf")} />
        <button type="button" className="button button--secondary button--small" onClick={() => window.print()}>
          {t("report.print")}
        </button>
      </div>
      {mayEdit ? <SignoffForm signoff={signoff} result={result} /> : null}
      <article className="report" data-testid="report">
        <div className="report__head">
          <div>
            <h1>{t("report.title", { year: round.year })}</h1>
            <table className="report__meta">
              <tbody>
                <tr>
                  <th>{t("signoff.documentNumber")}</th>
                  <td data-testid="report-document-number">{signoff.documentNumber || "\u00a0"}</td>
                </tr>
                <tr>
                  <th>{t("signoff.effectiveDate")}</th>
                  <td data-testid="report-effective-date">
                    {signoff.effectiveDate ? formatCalendarDate(signoff.effectiveDate, locale) : "\u00a0"}
                  </td>
                </tr>
                <tr>
                  <th>{t("report.institution")}</th>
                  <td>
                    {institution.name} ({institution.region})
                  </td>
                </tr>
                <tr>
                  <th>{t("report.round")}</th>
                  <td>
                    {round.title} · {t(`round.state.${round.state}` as MessageKey)}
                  </td>
                </tr>
                <tr>
                  <th>{t("report.edition")}</th>
                  <td>
                    {data.edition.title}
                    {data.edition.reconstruction ? ` ${t("report.reconstruction")}` : ""}
                  </td>
                </tr>
                <tr>
                  <th>{t("provenance.label")}</th>
                  <td>
                    <ProvenanceCounts
                      indicators={Object.values(data.provenance).map((p) => ({ provenance: p ?? undefined }))}
                      editionId={data.edition.id}
                    />
                  </td>
                </tr>
                {round.deadlineAt ? (
                  <tr>
                    <th>{t("report.deadline")}</th>
                    <td>{formatDateTime(round.deadlineAt, locale)}</td>
                  </tr>
                ) : null}
                <tr>
                  <th>{t("report.prepared")}</th>
                  <td>
                    {formatDateTime(preparedAt, locale)} · {preparedBy}
                  </td>
                </tr>
              </tbody>
            </table>
          </div>
          <table className="approval" aria-label={t("report.approval")}>
            <tbody>
              <tr>
                <th rowSpan={2} className="approval__side">
                  {t("report.approval")}
                </th>
                <th>{t("report.approval.staff")}</th>
                <th>{t("report.approval.lead")}</th>
                <th>{t("report.approval.head")}</th>
              </tr>
              <tr data-testid="report-approval-names">
                <td>
                  <span className="approval__role">{t("signoff.role.drafter")}</span>
                  {signoff.drafter}
                </td>
                <td>
                  <span className="approval__role">{t("signoff.role.reviewer")}</span>
                  {signoff.reviewer}
                </td>
                <td>
                  <span className="approval__role">{t("signoff.role.approver")}</span>
                  {signoff.approver}
                </td>
              </tr>
            </tbody>
          </table>
        </div>

        <div className="keep-together">
          <h2>{t("report.section.total")}</h2>
          <p className="standing" data-testid="report-total">
            {t("report.total", { total: formatTenths(totals.selfTenths), max: formatTenths(totals.maxTenths) })}{" "}
            <strong>{t(`rounds.standing.${standing}` as MessageKey)}</strong>
          </p>
          <p className="small">
            {t("report.lines", {
              application: formatTenths(thresholds.applicationTenths),
              consulting: formatTenths(thresholds.consultingTenths),
            })}
            {totals.reviewed > 0
              ? ` · ${t("report.reviewed", { total: formatTenths(totals.reviewedTenths), count: totals.reviewed })}`
              : ""}
          </p>
        </div>

        <h2>{t("report.section.items")}</h2>
        <table className="data">
          <thead>
            <tr>
              <th>{t("rounds.dashboard.item")}</th>
              <th className="num">{t("report.col.self")}</th>
              <th className="num">{t("home.max")}</th>
              <th className="num">{t("report.col.rate")}</th>
              <th className="num">{t("rounds.dashboard.reviewed")}</th>
              <th className="num">{t("report.col.assessed")}</th>
            </tr>
          </thead>
          <tbody>
            {totals.areas.map((area) => [
              <tr key={area.code} className="group--area">
                <td>
                  {area.code}. {area.title}
                </td>
                <td className="num">{formatTenths(area.selfTenths)}</td>
                <td className="num">{formatTenths(area.maxTenths)}</td>
                <td className="num">{area.maxTenths ? Math.round((area.selfTenths / area.maxTenths) * 100) : 0}%</td>
                <td className="num">{area.reviewed ? formatTenths(area.reviewedTenths) : "–"}</td>
                <td className="num">
                  {area.assessed}/{area.indicators}
                </td>
              </tr>,
              ...totals.items
                .filter((i) => i.area === area.code)
                .map((item) => (
                  <tr key={item.code}>
                    <td className="item-chart__item">
                      {item.code} {item.title}
                    </td>
                    <td className="num">{formatTenths(item.selfTenths)}</td>
                    <td className="num">{formatTenths(item.maxTenths)}</td>
                    <td className="num">
                      {item.maxTenths ? Math.round((item.selfTenths / item.maxTenths) * 100) : 0}%
                    </td>
                    <td className="num">{item.reviewed ? formatTenths(item.reviewedTenths) : "–"}</td>
                    <td className="num">
                      {item.assessed}/{item.indicators}
                    </td>
                  </tr>
                )),
            ])}
            <tr className="group--area">
              <td>{t("report.col.total")}</td>
              <td className="num">{formatTenths(totals.selfTenths)}</td>
              <td className="num">{formatTenths(totals.maxTenths)}</td>
              <td className="num">{Math.round((totals.selfTenths / totals.maxTenths) * 100)}%</td>
              <td className="num">{totals.reviewed ? formatTenths(totals.reviewedTenths) : "–"}</td>
              <td className="num">
                {totals.assessed}/{totals.indicators}
              </td>
            </tr>
          </tbody>
        </table>

        <h2>{t("report.section.gaps", { line: formatTenths(thresholds.applicationTenths) })}</h2>
        <GapSummaryStats data={data} />
        <ThresholdPlanPanel data={data} roundId={round.id} />

        <h2>{t("report.section.actions")}</h2>
        {planned.length === 0 ? (
          <p className="muted">{t("report.noActions")}</p>
        ) : (
          <table className="data" data-testid="report-actions">
            <thead>
              <tr>
                <th>{t("home.code")}</th>
                <th>{t("home.indicator")}</th>
                <th>{t("gaps.col.kind")}</th>
                <th className="num">{t("gaps.col.atStake")}</th>
                <th>{t("gaps.col.owner")}</th>
                <th>{t("gaps.col.due")}</th>
                <th>{t("gaps.col.status")}</th>
                <th>{t("gaps.col.notes")}</th>
              </tr>
            </thead>
            <tbody>
              {planned.map((g) => {
                const a = actions.get(g.code)!;
                return (
                  <tr key={g.code}>
                    <td>{g.code}</td>
                    <td>{g.title}</td>
                    <td>
                      <GapKindBadge kind={g.kind} />
                    </td>
                    <td className="num">{formatTenths(g.atStakeTenths)}</td>
                    <td className="nowrap">{a.department}</td>
                    <td className="nowrap">{a.dueDate ? formatCalendarDate(a.dueDate, locale) : "–"}</td>
                    <td>
                      <ActionStatusBadge status={a.status} />
                    </td>
                    <td>{a.notes}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}

        <h2>{t("report.section.gapList")}</h2>
        <table className="data">
          <thead>
            <tr>
              <th>{t("home.code")}</th>
              <th>{t("home.indicator")}</th>
              <th>{t("provenance.label")}</th>
              <th>{t("gaps.col.kind")}</th>
              <th className="num">{t("gaps.col.score")}</th>
              <th className="num">{t("gaps.col.atStake")}</th>
              <th>{t("gaps.col.department")}</th>
            </tr>
          </thead>
          <tbody>
            {data.gaps.map((g) => (
              <tr key={g.code}>
                <td>{g.code}</td>
                <td>{g.title}</td>
                <td>
                  <ProvenanceBadge provenance={data.provenance[g.code] ?? undefined} editionId={data.edition.id} />
                </td>
                <td>
                  <GapKindBadge kind={g.kind} />
                </td>
                <td className="num">
                  {formatTenths(g.selfTenths)} / {formatTenths(g.maxTenths)}
                </td>
                <td className="num">{formatTenths(g.atStakeTenths)}</td>
                <td className="nowrap">{g.department?.name ?? t("gaps.unassigned")}</td>
              </tr>
            ))}
          </tbody>
        </table>

        <h2>{t("checkpoint.title")}</h2>
        <p className="small" data-testid="report-checkpoint">
          {checkpoint
            ? t("checkpoint.line", {
                seq: checkpoint.seq,
                hash: checkpoint.hash,
                signedAt: formatDateTime(checkpoint.signedAt, locale),
                keyId: checkpoint.keyId,
              })
            : t("checkpoint.none")}
        </p>
      </article>
    </>
  );
}
