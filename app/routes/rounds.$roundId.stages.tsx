import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/components/use-t";
import { formatCalendarDate, formatDateTime } from "~/domain/datetime";
import { can } from "~/domain/permissions";
import { COMMITTEE_DECISIONS, crossReviewable, REVIEW_STAGES, stageRecordable } from "~/domain/review";
import { stageIntentSchema } from "~/schemas/review";
import { isMessageKey, type MessageKey } from "~/i18n";
import roundsHref from "~/styles/rounds.css?url";
import { db } from "~/utils/db.server";
import { formObject } from "~/utils/forms";
import { actionResponse, invalid, type ActionData } from "~/utils/actions.server";
import { listInstitutions } from "~/utils/institutions.server";
import { assertCan, guardRound } from "~/utils/guards.server";
import { roundTimeline, runStageIntent } from "~/utils/stages.server";
import { reviewWindow } from "~/domain/stage-rules";
import { todayInSeoul } from "~/domain/validity";
import { pageTitle } from "~/utils/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: roundsHref }];
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, "title.stages", data?.round.title);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, round } = await guardRound(request, params.roundId, "read:round:institution");
  const scope = { institutionId: round.institution_id, roundId: round.id };
  const recorder = can(actor, "record:stage:institution", scope);
  const mayRecord = recorder && stageRecordable(round.state);
  const mayGrant = can(actor, "manage:cross-review:any");
  const [timeline, institutions] = await Promise.all([
    roundTimeline(db, round),
    mayGrant ? listInstitutions(db) : Promise.resolve([]),
  ]);
  return {
    round: { id: round.id, title: round.title, state: round.state, deadlineAt: round.deadline_at },
    timeline,
    mayRecord,
    window: reviewWindow(round.year, todayInSeoul()),
    /** An auditor on a round not yet handed in: told when recording opens. */
    recordLater: recorder && !mayRecord,
    mayGrant,
    grantable: mayGrant && crossReviewable(round.state),
    institutions: institutions
      .filter((i) => i.active && i.id !== round.institution_id)
      .map((i) => ({ id: i.id, name: i.name })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, round } = await guardRound(request, params.roundId, "read:round:institution");
  const fields = formObject(await request.formData());
  const parsed = stageIntentSchema.safeParse(fields);
  if (!parsed.success) return actionResponse(fields, invalid(parsed.error));
  if (parsed.data.intent === "recordStage" || parsed.data.intent === "voidStage")
    assertCan(actor, "record:stage:institution", { institutionId: round.institution_id, roundId: round.id });
  else assertCan(actor, "manage:cross-review:any");
  return actionResponse(fields, await runStageIntent(db, actor, round, parsed.data));
}

export default function StagesPage() {
  const { round, timeline, mayRecord, window, recordLater, mayGrant, grantable, institutions } =
    useLoaderData<typeof loader>();
  const result = useActionData() as ActionData | undefined;
  const t = useT();
  const locale = useLocale();
  const err = (field: string) => (result && !result.ok ? result.errors[field] : undefined);
  // One line per milestone and stage, by date.
  const entries = [
    ...timeline.milestones.map((m) => ({ key: `m${m.seq}`, sort: m.at, kind: "milestone" as const, m })),
    ...timeline.stages.map((s) => ({ key: `s${s.id}`, sort: `${s.heldOn}T12:00:00.000Z`, kind: "stage" as const, s })),
    ...(round.deadlineAt
      ? [{ key: "deadline", sort: round.deadlineAt, kind: "deadline" as const, at: round.deadlineAt }]
      : []),
  ].sort((a, b) => a.sort.localeCompare(b.sort));
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/rounds/${round.id}`}>← {round.title}</Link>
      </p>
      <div className="page-head">
        <div>
          <h1>{t("stages.title")}</h1>
          <p>{t("stages.intro")}</p>
        </div>
      </div>
      {result?.ok ? (
        <p className="notice notice--ok" role="status">
          {t(result.notice.key, result.notice.params)}
        </p>
      ) : null}
      {result && !result.ok ? (
        <p className="notice notice--error" role="alert">
          {t(result.errors._form ?? Object.values(result.errors)[0] ?? "form.hasErrors")}
        </p>
      ) : null}

      <section className="panel" aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t("stages.timeline")}</h2>
        {entries.length === 0 ? (
          <p className="muted">{t("stages.none")}</p>
        ) : (
          <ol className="timeline" data-testid="timeline">
            {entries.map((e) =>
              e.kind === "deadline" ? (
                <li key={e.key} className="timeline--deadline">
                  <strong>{formatDateTime(e.at, locale)}</strong> · {t("stages.deadline")}
                </li>
              ) : e.kind === "milestone" ? (
                <li key={e.key}>
                  <strong>{formatDateTime(e.m.at, locale)}</strong> ·{" "}
                  {t("stages.event.round", {
                    action: isMessageKey(`history.action.${e.m.action}`)
                      ? t(`history.action.${e.m.action}` as MessageKey)
                      : e.m.action,
                  })}
                  {e.m.by ? <span className="muted"> · {e.m.by}</span> : null}
                </li>
              ) : (
                <li
                  key={e.key}
                  className="timeline--stage"
                  data-stage={e.s.stage}
                  data-voided={e.s.voidedAt ? "true" : undefined}
                >
                  {e.s.voidedAt ? (
                    <del className="stage--void" data-testid="voided-stage">
                      <StageLine s={e.s} />
                    </del>
                  ) : (
                    <StageLine s={e.s} />
                  )}
                  <p className="small muted">
                    {t("stages.by", { name: e.s.by, institution: e.s.institution ?? "–" })} ·{" "}
                    {formatDateTime(e.s.recordedAt, locale)}
                  </p>
                  {e.s.voidedAt ? (
                    <p className="small">
                      <strong>{t("stageVoid.voided", { reason: e.s.voidReason ?? "" })}</strong> ·{" "}
                      {formatDateTime(e.s.voidedAt, locale)}
                    </p>
                  ) : mayRecord ? (
                    <Form method="post" className="form-row inline-form">
                      <input type="hidden" name="intent" value="voidStage" />
                      <input type="hidden" name="stageId" value={e.s.id} />
                      <label className="field">
                        <span>{t("stageVoid.reason")}</span>
                        <input name="reason" required minLength={2} maxLength={1000} />
                      </label>
                      <button type="submit" className="button button--ghost button--small">
                        {t("stageVoid.action")}
                      </button>
                    </Form>
                  ) : null}
                </li>
              ),
            )}
          </ol>
        )}
      </section>

      {recordLater ? <p className="notice">{t("stages.recordLater")}</p> : null}
      {mayRecord ? (
        <section className="panel" aria-labelledby="record-title">
          <h2 id="record-title">{t("stages.record")}</h2>
          <Form method="post" className="form">
            <input type="hidden" name="intent" value="recordStage" />
            <div className="form-row">
              <label className="field">
                <span>{t("stages.field.stage")}</span>
                <select name="stage" defaultValue="document">
                  {REVIEW_STAGES.map((s) => (
                    <option key={s} value={s}>
                      {t(`stages.stage.${s}` as MessageKey)}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field">
                <span>{t("stages.field.heldOn")}</span>
                <input
                  type="date"
                  name="heldOn"
                  required
                  min={window.from}
                  max={window.until}
                  aria-invalid={err("heldOn") ? true : undefined}
                  aria-describedby="heldOn-hint"
                />
                <span id="heldOn-hint" className="small muted">
                  {t("stageRules.windowHint", window)}
                </span>
                {err("heldOn") ? (
                  <span className="field__error" role="alert">
                    {t(err("heldOn")!)}
                  </span>
                ) : null}
              </label>
              <label className="field">
                <span>{t("stages.field.decision")}</span>
                <select name="decision" defaultValue="">
                  <option value="">{t("stages.field.decisionNone")}</option>
                  {COMMITTEE_DECISIONS.map((d) => (
                    <option key={d} value={d}>
                      {t(`stages.decision.${d}` as MessageKey)}
                    </option>
                  ))}
                </select>
                {err("decision") ? (
                  <span className="field__error" role="alert">
                    {t(err("decision")!)}
                  </span>
                ) : null}
              </label>
            </div>
            <label className="field">
              <span>{t("stages.field.notes")}</span>
              <textarea
                name="notes"
                rows={3}
                maxLength={4000}
                required
                aria-invalid={err("notes") ? true : undefined}
              />
              {err("notes") ? (
                <span className="field__error" role="alert">
                  {t(err("notes")!)}
                </span>
              ) : null}
            </label>
            <button type="submit" className="button">
              {t("stages.save")}
            </button>
          </Form>
        </section>
      ) : null}

      {mayGrant ? (
        <section className="panel" aria-labelledby="cross-title">
          <h2 id="cross-title">{t("stages.cross.title")}</h2>
          <p className="small">{t("stages.cross.intro")}</p>
          {timeline.grants.filter((g) => !g.revokedAt).length === 0 ? (
            <p className="muted">{t("stages.cross.none")}</p>
          ) : (
            <ul>
              {timeline.grants
                .filter((g) => !g.revokedAt)
                .map((g) => (
                  <li key={g.id}>
                    {g.institution} <span className="muted small">· {formatDateTime(g.grantedAt, locale)}</span>{" "}
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="revokeCross" />
                      <input type="hidden" name="grantId" value={g.id} />
                      <button type="submit" className="button button--ghost button--small">
                        {t("stages.cross.revoke")}
                      </button>
                    </Form>
                  </li>
                ))}
            </ul>
          )}
          {grantable ? (
            <Form method="post" className="form-row">
              <input type="hidden" name="intent" value="grantCross" />
              <label className="field">
                <span>{t("stages.cross.institution")}</span>
                <select name="institutionId" required defaultValue="">
                  <option value="" disabled>
                    —
                  </option>
                  {institutions.map((i) => (
                    <option key={i.id} value={i.id}>
                      {i.name}
                    </option>
                  ))}
                </select>
                {err("institutionId") ? (
                  <span className="field__error" role="alert">
                    {t(err("institutionId")!)}
                  </span>
                ) : null}
              </label>
              <button type="submit" className="button button--secondary">
                {t("stages.cross.grant")}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}
    </>
  );
}

function StageLine({ s }: { s: { stage: string; heldOn: string; decision: string | null; notes: string } }) {
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <strong>{formatCalendarDate(s.heldOn, locale)}</strong> ·{" "}
      <strong>{t(`stages.stage.${s.stage}` as MessageKey)}</strong>
      {s.decision ? (
        <>
          {" "}
          · <span className="badge badge--approved">{t(`stages.decision.${s.decision}` as MessageKey)}</span>
        </>
      ) : null}
      <span className="comment__body stage__notes">{s.notes}</span>
    </>
  );
}
