import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { diffEditions, isCarryOverSafe } from "#indicators/diff";
import { toTenths } from "#indicators/points";
import { formatTenths } from "~/components/points";
import { useT } from "~/components/use-t";
import type { MessageKey } from "~/i18n";
import { db } from "~/utils/db.server";
import { getEdition, listEditions } from "~/utils/editions.server";
import { found } from "~/utils/guards.server";
import { requireSignedIn } from "~/utils/guards.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.compare");

const brief = (i: { code: string; title: string; maxPoints: number; item: string }) => ({
  code: i.code,
  title: i.title,
  maxTenths: toTenths(i.maxPoints),
  item: i.item,
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSignedIn(request);
  const editions = await listEditions(db);
  const url = new URL(request.url);
  const sorted = [...editions].sort((a, b) => a.year - b.year);
  const from = url.searchParams.get("from") ?? sorted[0]?.id ?? "";
  const to = url.searchParams.get("to") ?? sorted.at(-1)?.id ?? "";
  const choices = editions.map((e) => ({ id: e.id, title: e.title }));
  if (!from || !to) return { choices, from, to, diff: null };
  const [a, b] = [found(await getEdition(db, from)), found(await getEdition(db, to))];
  const d = diffEditions(a, b);
  return {
    choices,
    from,
    to,
    diff: {
      added: d.added.map(brief),
      removed: d.removed.map(brief),
      changed: d.changed.map((c) => ({
        ...brief(c.after),
        fields: c.fields,
        beforeTitle: c.before.title,
        beforeTenths: toTenths(c.before.maxPoints),
        carriesOver: isCarryOverSafe(d, c.code),
      })),
      unchanged: d.unchanged.length,
    },
  };
}

export default function CompareEditions() {
  const { choices, from, to, diff } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <p className="breadcrumb">
        <Link to="/editions">← {t("editions.title")}</Link>
      </p>
      <div className="page-head">
        <div>
          <h1>{t("rounds.compare.title")}</h1>
          <p>{t("rounds.compare.intro")}</p>
        </div>
      </div>
      <Form method="get" className="panel form form-row">
        <label className="field">
          <span>{t("rounds.compare.from")}</span>
          <select name="from" defaultValue={from}>
            {choices.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t("rounds.compare.to")}</span>
          <select name="to" defaultValue={to}>
            {choices.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
        </label>
        <div className="form-actions">
          <button type="submit" className="button">
            {t("rounds.compare.run")}
          </button>
        </div>
      </Form>
      {diff ? (
        <>
          <div className="grid grid--stats">
            <div className="stat">
              <div className="stat__label">{t("rounds.compare.added")}</div>
              <div className="stat__value" data-testid="added-count">
                {diff.added.length}
              </div>
            </div>
            <div className="stat">
              <div className="stat__label">{t("rounds.compare.removed")}</div>
              <div className="stat__value" data-testid="removed-count">
                {diff.removed.length}
              </div>
            </div>
            <div className="stat">
              <div className="stat__label">{t("rounds.compare.changed")}</div>
              <div className="stat__value" data-testid="changed-count">
                {diff.changed.length}
              </div>
            </div>
            <div className="stat">
              <div className="stat__label">{t("rounds.compare.unchanged")}</div>
              <div className="stat__value">{diff.unchanged}</div>
            </div>
          </div>
          <DiffTable title={t("rounds.compare.added")} rows={diff.added} />
          <DiffTable title={t("rounds.compare.removed")} rows={diff.removed} />
          <section className="panel">
            <h2>
              {t("rounds.compare.changed")} ({diff.changed.length})
            </h2>
            {diff.changed.length === 0 ? (
              <p className="muted">{t("common.none")}</p>
            ) : (
              <div className="table-wrap">
                <table className="data">
                  <thead>
                    <tr>
                      <th>{t("home.code")}</th>
                      <th>{t("home.indicator")}</th>
                      <th>{t("rounds.compare.what")}</th>
                      <th className="num">{t("home.max")}</th>
                      <th>{t("rounds.compare.carry")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {diff.changed.map((c) => (
                      <tr key={c.code}>
                        <td>{c.code}</td>
                        <td>
                          {c.title}
                          {c.beforeTitle !== c.title ? (
                            <div className="small muted">{t("rounds.compare.was", { title: c.beforeTitle })}</div>
                          ) : null}
                        </td>
                        <td className="small">
                          {c.fields.map((f) => t(`rounds.compare.field.${f}` as MessageKey)).join(", ")}
                        </td>
                        <td className="num">
                          {c.beforeTenths !== c.maxTenths ? `${formatTenths(c.beforeTenths)} → ` : ""}
                          {formatTenths(c.maxTenths)}
                        </td>
                        <td>
                          {c.carriesOver ? (
                            <span className="badge badge--approved">{t("rounds.compare.carryYes")}</span>
                          ) : (
                            <span className="badge badge--warn">{t("rounds.compare.carryNo")}</span>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </>
      ) : null}
    </>
  );
}

function DiffTable({
  title,
  rows,
}: {
  title: string;
  rows: { code: string; title: string; maxTenths: number; item: string }[];
}) {
  const t = useT();
  return (
    <section className="panel">
      <h2>
        {title} ({rows.length})
      </h2>
      {rows.length === 0 ? (
        <p className="muted">{t("common.none")}</p>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th>{t("home.code")}</th>
                <th>{t("home.indicator")}</th>
                <th className="num">{t("home.max")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.code}>
                  <td>{r.code}</td>
                  <td>{r.title}</td>
                  <td className="num">{formatTenths(r.maxTenths)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
