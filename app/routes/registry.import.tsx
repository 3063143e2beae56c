import path from "node:path";
import {
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { ImportErrors } from "~/components/import-errors";
import { FileField } from "~/components/file-input";
import { useT } from "~/components/use-t";
import type { MessageKey, Params } from "~/i18n";
import registryHref from "~/styles/registry.css?url";
import { db } from "~/utils/db.server";
import { requirePermission } from "~/utils/guards.server";
import { XlsxRefused } from "#indicators/xlsx-guard";
import {
  IMPORT_EXTENSIONS,
  IMPORT_MAX_BYTES,
  type ImportError,
  importRegistry,
  readRegistryFile,
} from "~/utils/registry-import.server";
import { pageTitle } from "~/utils/meta";
import { importAnswer } from "~/utils/import-answer.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: registryHref }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.registryImport");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:registry:any");
  return null;
}

type ActionData =
  | { ok: true; certifications: number; institutionsCreated: number; byYear: { year: number; count: number }[] }
  | { ok: false; fileError: { key: MessageKey; params?: Params } }
  | { ok: false; errors: ImportError[] };

export async function action(args: ActionFunctionArgs) {
  // A refused file answers with its status (importStatus) and the page shows the error table all the same.
  return importAnswer(await importRegistryFile(args));
}

async function importRegistryFile({ request }: ActionFunctionArgs): Promise<ActionData> {
  const { user } = await requirePermission(request, "manage:registry:any");
  if (Number(request.headers.get("content-length") ?? 0) > IMPORT_MAX_BYTES + 64 * 1024) {
    return { ok: false, fileError: { key: "registry.import.tooLarge" } };
  }
  const form = await request.formData();
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return { ok: false, fileError: { key: "registry.import.noFile" } };
  if (file.size > IMPORT_MAX_BYTES) return { ok: false, fileError: { key: "registry.import.tooLarge" } };
  if (!IMPORT_EXTENSIONS.includes(path.extname(file.name).toLowerCase()))
    return { ok: false, fileError: { key: "registry.import.badType" } };
  let sheet;
  try {
    sheet = await readRegistryFile(file.name, new Uint8Array(await file.arrayBuffer()));
  } catch (error) {
    // Refused before reading (a zip bomb, a broken archive): importStatus answers 413 or 422 by its key.
    if (error instanceof XlsxRefused)
      return { ok: false, fileError: { key: error.refusal.key, params: error.refusal.params } };
    return {
      ok: false,
      fileError: {
        key: "registry.import.unreadable",
        params: { reason: error instanceof Error ? error.message : String(error) },
      },
    };
  }
  return importRegistry(db, user.id, sheet, file.name);
}

export default function ImportRegistry() {
  const t = useT();
  const data = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const fileError = data && !data.ok && "fileError" in data ? data.fileError : null;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/registry">← {t("registry.title")}</Link>
      </p>
      <div className="page-head">
        <div>
          <h1>{t("registry.import")}</h1>
          <p>{t("registry.import.intro")}</p>
        </div>
      </div>
      {data?.ok ? (
        <div className="notice notice--ok" role="status">
          <p>{t("registry.import.ok", { count: data.certifications, created: data.institutionsCreated })}</p>
          <ul>
            {data.byYear.map((y) => (
              <li key={y.year}>{t("registry.import.okYear", { year: y.year, count: y.count })}</li>
            ))}
          </ul>
          <Link to="/registry">{t("registry.import.toRegistry")}</Link>
        </div>
      ) : null}
      {data && !data.ok && "errors" in data ? (
        <ImportErrors errors={data.errors} summary={t("registry.import.failed", { count: data.errors.length })} />
      ) : null}
      <section className="panel">
        <Form method="post" encType="multipart/form-data" className="form">
          <FileField
            id="registry-file"
            label={t("registry.import.file")}
            accept=".csv,.xlsx"
            hint={t("registry.import.fileHint")}
            error={fileError ? t(fileError.key, fileError.params) : null}
          />
          <div>
            <button type="submit" className="button" disabled={busy}>
              {t("registry.import.submit")}
            </button>
          </div>
        </Form>
      </section>
      <section className="panel">
        <h2>{t("registry.import.format")}</h2>
        <table className="data import-format">
          <thead>
            <tr>
              <th>{t("registry.import.column")}</th>
              <th>{t("registry.import.required")}</th>
              <th>{t("registry.import.values")}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>기관명</td>
              <td>{t("common.yes")}</td>
              <td>{t("registry.import.fmt.name")}</td>
            </tr>
            <tr>
              <td>시도</td>
              <td>{t("registry.import.newOnly")}</td>
              <td>{t("registry.import.fmt.region")}</td>
            </tr>
            <tr>
              <td>구분</td>
              <td>{t("registry.import.newOnly")}</td>
              <td>{t("registry.import.fmt.level")}</td>
            </tr>
            <tr>
              <td>수여일</td>
              <td>{t("common.yes")}</td>
              <td>{t("registry.import.fmt.date")}</td>
            </tr>
            <tr>
              <td>인증구분</td>
              <td>{t("common.yes")}</td>
              <td>{t("registry.import.fmt.kind")}</td>
            </tr>
            <tr>
              <td>점수</td>
              <td>{t("common.no")}</td>
              <td>{t("registry.import.fmt.score")}</td>
            </tr>
            <tr>
              <td>비고</td>
              <td>{t("common.no")}</td>
              <td>{t("registry.import.fmt.note")}</td>
            </tr>
            <tr>
              <td>기관코드</td>
              <td>{t("common.no")}</td>
              <td>{t("registry.import.fmt.code")}</td>
            </tr>
          </tbody>
        </table>
        <p>
          <a href="/registry/template.csv" download>
            {t("registry.import.template")}
          </a>
        </p>
      </section>
    </>
  );
}
