import {
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { formatTenths } from "~/components/points";
import { ImportErrors } from "~/components/import-errors";
import { FileField } from "~/components/file-input";
import { useT } from "~/components/use-t";
import type { MessageKey, Params } from "~/i18n";
import roundsHref from "~/styles/rounds.css?url";
import { db } from "~/utils/db.server";

import { importRoundWorkbook, WORKBOOK_MAX_BYTES, type WorkbookImportResult } from "~/utils/round-workbook.server";
import { pageTitle } from "~/utils/meta";
import { guardRound } from "~/utils/guards.server";
import { importAnswer } from "~/utils/import-answer.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: roundsHref }];
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, "title.import", data?.round.title);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { round } = await guardRound(request, params.roundId, "manage:round:institution");
  return {
    round: { id: round.id, title: round.title, state: round.state },
    maxMegabytes: WORKBOOK_MAX_BYTES / 1024 / 1024,
  };
}

type ActionData = WorkbookImportResult | { ok: false; fileError: { key: MessageKey; params?: Params } };

export async function action(args: ActionFunctionArgs) {
  // A refused file answers with its status (importStatus) and the page shows the error table all the same.
  return importAnswer(await importWorkbook(args));
}

async function importWorkbook({ request, params }: ActionFunctionArgs): Promise<ActionData> {
  const { actor, round } = await guardRound(request, params.roundId, "manage:round:institution");
  const tooLarge = {
    ok: false as const,
    fileError: { key: "excel.error.tooLarge" as const, params: { mb: WORKBOOK_MAX_BYTES / 1024 / 1024 } },
  };
  if (Number(request.headers.get("content-length") ?? 0) > WORKBOOK_MAX_BYTES + 64 * 1024) return tooLarge;
  const form = await request.formData();
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return { ok: false, fileError: { key: "excel.error.noFile" } };
  if (file.size > WORKBOOK_MAX_BYTES) return tooLarge;
  if (!/\.xlsx$/i.test(file.name)) return { ok: false, fileError: { key: "excel.error.notXlsx" } };
  const result = await importRoundWorkbook(db, actor, round, new Uint8Array(await file.arrayBuffer()));
  // A workbook refused before reading (too large once unpacked, a malformed archive) answers 413/422 by its key.
  return result;
}

export default function ImportRoundWorkbook() {
  const { round, maxMegabytes } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const busy = useNavigation().state !== "idle";
  const fileError = data && !data.ok && "fileError" in data ? data.fileError : null;
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/rounds/${round.id}`}>← {round.title}</Link>
      </p>
      <div className="page-head">
        <div>
          <h1>{t("excel.import.title")}</h1>
          <p>{t("excel.import.intro")}</p>
        </div>
        <div className="page-head__actions">
          <a className="button button--secondary" href={`/rounds/${round.id}/export.xlsx`}>
            {t("rounds.tools.export")}
          </a>
        </div>
      </div>
      {round.state !== "open" ? <p className="notice notice--warn">{t("excel.error.roundNotOpen")}</p> : null}
      {data?.ok ? (
        <div className="notice notice--ok" role="status" data-testid="import-ok">
          <p>
            {t("excel.import.ok", { changed: data.changed.length, unchanged: data.unchanged, sheets: data.sheets })}
          </p>
          {data.ignoredScores.length ? (
            <p className="notice notice--warn" data-testid="import-ignored-scores">
              {t("excel.import.ignoredScores", {
                rows: data.ignoredScores.map((r) => `${r.sheet} ${r.row}행(${r.code})`).join(", "),
              })}
            </p>
          ) : null}
          {data.changed.length ? (
            <table className="data">
              <thead>
                <tr>
                  <th>{t("excel.col.sheet")}</th>
                  <th className="num">{t("excel.col.row")}</th>
                  <th>{t("home.code")}</th>
                  <th>{t("home.indicator")}</th>
                  <th className="num">{t("excel.col.before")}</th>
                  <th className="num">{t("excel.col.after")}</th>
                </tr>
              </thead>
              <tbody>
                {data.changed.map((c) => (
                  <tr key={c.code}>
                    <td>{c.sheet}</td>
                    <td className="num">{c.row}</td>
                    <td>
                      <Link to={`/rounds/${round.id}/indicators/${c.code}`}>{c.code}</Link>
                    </td>
                    <td>{c.title}</td>
                    <td className="num">{c.before === null ? "–" : formatTenths(c.before)}</td>
                    <td className="num">{c.after === null ? "–" : formatTenths(c.after)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <p>
            <Link to={`/rounds/${round.id}`}>{t("excel.import.toDashboard")}</Link>
          </p>
        </div>
      ) : null}
      {data && !data.ok && "errors" in data ? (
        <ImportErrors
          errors={data.errors}
          bySheet
          testId="import-errors"
          summary={t("excel.import.failed", { count: data.errors.length })}
        />
      ) : null}
      <section className="panel">
        <Form method="post" encType="multipart/form-data" className="form">
          <FileField
            id="workbook-file"
            label={t("excel.import.file")}
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            hint={t("excel.import.fileHint", { mb: maxMegabytes })}
            error={fileError ? t(fileError.key, fileError.params) : null}
          />
          <div>
            <button type="submit" className="button" disabled={busy || round.state !== "open"}>
              {t("excel.import.submit")}
            </button>
          </div>
        </Form>
      </section>
    </>
  );
}
