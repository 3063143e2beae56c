// The grade page's panels (민원서비스 종합평가): the rule with its source, the estimate overall and per item, the peer
// scores, the grades received and the publication duty.
import { Form } from "@remix-run/react";
import { parsePeerScores, type PublicationDuty, type RuleSource } from "~/domain/schemes";
import { formatCalendarDate } from "~/domain/datetime";
import type { MessageKey } from "~/i18n";
import type { gradePage } from "~/utils/grades.server";
import type { ActionData } from "~/utils/actions.server";
import { Field } from "../field";
import { useLocale, useT } from "../use-t";

type Page = NonNullable<Awaited<ReturnType<typeof gradePage>>>;
const hundredths = (n: number) => (n / 100).toFixed(2).replace(/\.?0+$/, "");
const gradeLabel = (t: ReturnType<typeof useT>, key: string) => t(`grade.${key}` as MessageKey);

export function RuleSourceNote({ rule }: { rule: RuleSource }) {
  const t = useT();
  return (
    <span className="small">
      <span className={`badge badge--prov-${rule.status === "assumed" ? "placeholder" : rule.status}`}>
        {t(`schemes.ruleStatus.${rule.status}` as MessageKey)}
      </span>{" "}
      {t("grades.rule.source", { source: rule.source })}
      {rule.note ? ` — ${rule.note}` : ""}
    </span>
  );
}

export function GradeRulePanel({ grading }: { grading: Page["grading"] }) {
  const t = useT();
  const bands = grading.bands.map((b) => `${gradeLabel(t, b.key)} ${b.sharePercent}%`).join(" · ");
  return (
    <section className="panel" aria-labelledby="rule-title">
      <h2 id="rule-title">{t("grades.rule")}</h2>
      <p data-testid="grade-rule">{t("grades.rule.groups", { bands })}</p>
      <p>
        <RuleSourceNote rule={grading.rule} />
      </p>
      <p className="small muted">{t("grades.rule.ties")}</p>
    </section>
  );
}

export function EstimatePanel({ estimates }: { estimates: Page["estimates"] }) {
  const t = useT();
  return (
    <section className="panel" aria-labelledby="estimate-title">
      <h2 id="estimate-title">{t("grades.estimate.title")}</h2>
      <div className="table-wrap">
        <table className="data" data-testid="grade-estimates">
          <thead>
            <tr>
              <th>{t("grades.estimate.part")}</th>
              <th className="num">{t("grades.estimate.own")}</th>
              <th className="num">{t("grades.estimate.peers")}</th>
              <th>{t("grades.estimate.grade")}</th>
              <th>{t("grades.estimate.rank")}</th>
              <th>{t("grades.estimate.cutoffs")}</th>
            </tr>
          </thead>
          <tbody>
            {estimates.map((e) => (
              <tr key={e.code} data-part={e.code}>
                <th scope="row">{e.code === "total" ? t("grades.estimate.total") : `${e.code}. ${e.title}`}</th>
                <td className="num">
                  {hundredths(e.own)} / {hundredths(e.maxHundredths)}
                </td>
                <td className="num">{e.peers}</td>
                <td>
                  {e.estimate ? (
                    <strong className="grade-mark">{gradeLabel(t, e.estimate.grade)}</strong>
                  ) : (
                    <span className="muted">{t("grades.estimate.none")}</span>
                  )}
                </td>
                <td>
                  {e.estimate
                    ? t("grades.estimate.rankValue", { rank: e.estimate.rank, size: e.estimate.groupSize })
                    : ""}
                </td>
                <td className="small">
                  {e.cutoffs
                    .map(
                      (c) =>
                        `${gradeLabel(t, c.grade)} ${c.lowest === null ? t("grades.estimate.noGrade") : `≥ ${hundredths(c.lowest)}`}`,
                    )
                    .join(" · ")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="small muted">{t("grades.estimate.caveat")}</p>
    </section>
  );
}

export function PeersPanel({
  peers,
  items,
  mayEdit,
  result,
}: {
  peers: Page["peers"];
  items: Page["items"];
  mayEdit: boolean;
  result: ActionData | undefined;
}) {
  const t = useT();
  const refused = result && !result.ok && result.intent === "addPeers" ? result : null;
  // The server refused the text: the same parser names every line at fault.
  const problems = refused?.values.csv
    ? parsePeerScores(
        refused.values.csv,
        items.map((i) => i.code),
      ).problems
    : [];
  const problemKey: Record<string, MessageKey> = {
    name: "grades.error.name",
    score: "grades.error.score",
    columns: "grades.error.columns",
    duplicate: "grades.error.duplicate",
    tooMany: "grades.error.tooMany",
  };
  return (
    <section className="panel" aria-labelledby="peers-title">
      <h2 id="peers-title">{t("grades.peers.title")}</h2>
      {peers.length === 0 ? (
        <p className="muted">{t("grades.peers.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="data" data-testid="grade-peers">
            <thead>
              <tr>
                <th>{t("grades.peers.name")}</th>
                <th className="num">{t("grades.estimate.total")}</th>
                {items.map((i) => (
                  <th key={i.code} className="num" title={i.title}>
                    {i.code}
                  </th>
                ))}
                {mayEdit ? <th /> : null}
              </tr>
            </thead>
            <tbody>
              {peers.map((p) => (
                <tr key={p.name}>
                  <td>{p.name}</td>
                  <td className="num">{p.scores.total !== undefined ? hundredths(p.scores.total) : ""}</td>
                  {items.map((i) => (
                    <td key={i.code} className="num">
                      {p.scores[i.code] !== undefined ? hundredths(p.scores[i.code]) : ""}
                    </td>
                  ))}
                  {mayEdit ? (
                    <td>
                      <Form method="post">
                        <input type="hidden" name="intent" value="removePeer" />
                        <input type="hidden" name="name" value={p.name} />
                        <button type="submit" className="button button--secondary button--small">
                          {t("grades.peers.remove")}
                        </button>
                      </Form>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {mayEdit ? (
        <>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="addPeers" />
            <p className="small">{t("grades.peers.help")}</p>
            <p className="small muted">
              {t("grades.peers.columns", { items: items.map((i) => `${i.code} ${i.title}`).join(", ") })}
            </p>
            <div className="field">
              <label htmlFor="f-csv">{t("grades.peers.csv")}</label>
              <textarea
                // Emptied once the scores are in (a new peer count remounts it); kept as posted when refused.
                key={refused ? "refused" : `peers-${peers.length}`}
                id="f-csv"
                name="csv"
                rows={6}
                defaultValue={refused?.values.csv ?? ""}
                aria-invalid={refused ? true : undefined}
                aria-describedby={refused ? "f-csv-error" : undefined}
              />
              <CsvFileLoader />
              {refused ? (
                <div id="f-csv-error" className="field__error" role="alert">
                  {problems.length
                    ? problems.map((p) => (
                        <div key={`${p.line}-${p.kind}`}>
                          {t("grades.peers.lineProblem", { line: p.line, problem: t(problemKey[p.kind]) })}
                        </div>
                      ))
                    : t(refused.errors.csv ?? "form.hasErrors")}
                </div>
              ) : null}
            </div>
            <div className="form-actions">
              <button type="submit" className="button">
                {t("grades.peers.add")}
              </button>
            </div>
          </Form>
          {peers.length ? (
            <Form method="post">
              <input type="hidden" name="intent" value="clearPeers" />
              <button type="submit" className="button button--secondary button--small">
                {t("grades.peers.clear")}
              </button>
            </Form>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

/** Reads a chosen CSV file into the text box (in the browser; the text is what is posted and checked). */
function CsvFileLoader() {
  const t = useT();
  return (
    <label className="small">
      {t("grades.peers.file")}{" "}
      <input
        type="file"
        accept=".csv,text/csv,text/plain"
        onChange={async (event) => {
          const file = event.currentTarget.files?.[0];
          const box = document.getElementById("f-csv") as HTMLTextAreaElement | null;
          if (file && box) box.value = await file.text();
        }}
      />
    </label>
  );
}

export function ReceivedPanel({
  received,
  items,
  bands,
  mayEdit,
  result,
}: {
  received: Page["received"];
  items: Page["items"];
  bands: Page["grading"]["bands"];
  mayEdit: boolean;
  result: ActionData | undefined;
}) {
  const t = useT();
  const errors = result && !result.ok && result.intent === "recordGrades" ? result.errors : {};
  const parts = [
    { code: "total", title: t("grades.estimate.total") },
    ...items.map((i) => ({ code: i.code, title: `${i.code}. ${i.title}` })),
  ];
  return (
    <section className="panel" aria-labelledby="received-title">
      <h2 id="received-title">{t("grades.received.title")}</h2>
      <p className="small">{t("grades.received.help")}</p>
      <Form method="post">
        <input type="hidden" name="intent" value="recordGrades" />
        <div className="form-row form-row--wrap">
          {parts.map((p) => (
            <div className="field" key={p.code}>
              <label htmlFor={`f-grade_${p.code}`}>{p.title}</label>
              <select
                id={`f-grade_${p.code}`}
                name={`grade_${p.code}`}
                defaultValue={received[p.code]?.grade ?? ""}
                disabled={!mayEdit}
                aria-invalid={errors[`grade_${p.code}`] ? true : undefined}
              >
                <option value="">{t("grades.received.none")}</option>
                {bands.map((b) => (
                  <option key={b.key} value={b.key}>
                    {gradeLabel(t, b.key)}
                  </option>
                ))}
              </select>
              {errors[`grade_${p.code}`] ? (
                <span className="field__error" role="alert">
                  {t(errors[`grade_${p.code}`]!)}
                </span>
              ) : null}
            </div>
          ))}
          <Field
            name="totalScore"
            label={t("grades.received.score")}
            inputMode="decimal"
            defaultValue={received.total?.score != null ? hundredths(received.total.score) : ""}
            error={errors.totalScore}
            disabled={!mayEdit}
          />
        </div>
        {mayEdit ? (
          <div className="form-actions">
            <button type="submit" className="button">
              {t("grades.received.save")}
            </button>
          </div>
        ) : null}
      </Form>
    </section>
  );
}

function DutyBadge({ duty }: { duty: PublicationDuty }) {
  const t = useT();
  const tone =
    duty.status === "overdue" || duty.status === "removed-early" || duty.status === "late"
      ? "badge--returned"
      : duty.status === "done" || duty.status === "showing"
        ? "badge--approved"
        : "badge--warn";
  return (
    <span className={`badge ${tone}`} data-testid="publication-status">
      {t(`grades.publication.status.${duty.status}` as MessageKey, { days: Math.abs(duty.daysLeft ?? 0) })}
    </span>
  );
}

export function PublicationPanel({
  publication,
  mayEdit,
  result,
}: {
  publication: NonNullable<Page["publication"]>;
  mayEdit: boolean;
  result: ActionData | undefined;
}) {
  const t = useT();
  const locale = useLocale();
  const errors = result && !result.ok && result.intent === "recordPublication" ? result.errors : {};
  const { rule, facts, duty } = publication;
  const date = (d: string | null) => (d ? formatCalendarDate(d, locale) : "–");
  return (
    <section className="panel" aria-labelledby="publication-title">
      <h2 id="publication-title">
        {t("grades.publication.title")} <DutyBadge duty={duty} />
      </h2>
      <p className="small">
        {t("grades.publication.rule", {
          days: rule.withinDays,
          months: rule.minimumMonths,
          source: rule.source.source,
        })}
      </p>
      <dl className="facts">
        <dt>{t("grades.publication.notifiedOn")}</dt>
        <dd>{date(facts.notifiedOn)}</dd>
        <dt>{t("grades.publication.deadline")}</dt>
        <dd data-testid="publication-deadline">{date(duty.deadline)}</dd>
        <dt>{t("grades.publication.publishedOn")}</dt>
        <dd>{date(facts.publishedOn)}</dd>
        <dt>{t("grades.publication.keepUntil")}</dt>
        <dd data-testid="publication-keep-until">{date(duty.keepUntil)}</dd>
        {publication.url ? (
          <>
            <dt>{t("grades.publication.url")}</dt>
            <dd>
              <a href={publication.url} rel="noreferrer noopener" target="_blank">
                {publication.url}
              </a>
            </dd>
          </>
        ) : null}
      </dl>
      {mayEdit ? (
        <Form method="post">
          <input type="hidden" name="intent" value="recordPublication" />
          <div className="form-row form-row--wrap">
            <Field
              name="notifiedOn"
              type="date"
              label={t("grades.publication.notifiedOn")}
              defaultValue={facts.notifiedOn ?? ""}
              error={errors.notifiedOn}
            />
            <Field
              name="publishedOn"
              type="date"
              label={t("grades.publication.publishedOn")}
              defaultValue={facts.publishedOn ?? ""}
              error={errors.publishedOn}
            />
            <Field
              name="publishedUntil"
              type="date"
              label={t("grades.publication.publishedUntil")}
              defaultValue={facts.publishedUntil ?? ""}
              error={errors.publishedUntil}
            />
            <Field
              name="url"
              type="url"
              label={t("grades.publication.url")}
              defaultValue={publication.url ?? ""}
              error={errors.url}
            />
          </div>
          <div className="form-actions">
            <button type="submit" className="button">
              {t("grades.publication.save")}
            </button>
          </div>
        </Form>
      ) : null}
    </section>
  );
}
