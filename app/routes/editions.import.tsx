import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { readEditionFile } from "#indicators/load";
import { FileField } from "~/components/file-input";
import { useT } from "~/components/use-t";
import type { MessageKey, Params } from "~/i18n";
import { db } from "~/utils/db.server";
import { importEdition } from "~/utils/editions.server";
import { requirePermission } from "~/utils/guards.server";
import { pageTitle } from "~/utils/meta";
import { importAnswer } from "~/utils/import-answer.server";
import { XlsxRefused } from "#indicators/xlsx-guard";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.editionImport");

const MAX_BYTES = 5 * 1024 * 1024;
const EXTENSIONS = [".yaml", ".yml", ".json", ".xlsx"];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:edition:any");
  return null;
}

type ActionData =
  | { ok: true; id: string }
  | {
      ok: false;
      fileError?: { key: MessageKey; reason?: string; params?: Params };
      errors?: { indicator?: string; field: string; message: string }[];
    };

export async function action(args: ActionFunctionArgs) {
  // A refused file answers with its status (importStatus) and the page shows the error table all the same.
  return importAnswer(await importEditionFile(args));
}

async function importEditionFile({ request }: ActionFunctionArgs): Promise<ActionData> {
  const { user } = await requirePermission(request, "manage:edition:any");
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BYTES + 64 * 1024) {
    return { ok: false, fileError: { key: "editions.import.tooLarge" } };
  }
  const form = await request.formData();
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return { ok: false, fileError: { key: "editions.import.noFile" } };
  if (file.size > MAX_BYTES) return { ok: false, fileError: { key: "editions.import.tooLarge" } };
  const ext = path.extname(file.name).toLowerCase();
  if (!EXTENSIONS.includes(ext)) return { ok: false, fileError: { key: "editions.import.badType" } };

  // The reader works on files (Excel needs random access); a private temporary directory keeps it away from others.
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "edition-"));
  try {
    const tmp = path.join(dir, `upload${ext}`);
    await fs.writeFile(tmp, Buffer.from(await file.arrayBuffer()));
    let raw: unknown;
    try {
      raw = await readEditionFile(tmp);
    } catch (error) {
      // Refused before reading (a zip bomb, a broken archive): importStatus answers 413 or 422 by its key.
      if (error instanceof XlsxRefused)
        return { ok: false, fileError: { key: error.refusal.key, params: error.refusal.params } };
      return {
        ok: false,
        fileError: {
          key: "editions.import.unreadable",
          reason: error instanceof Error ? error.message : String(error),
        },
      };
    }
    const result = await importEdition(db, raw, user.id);
    return result.ok ? { ok: true, id: result.id } : { ok: false, errors: result.errors };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

export default function ImportEdition() {
  const t = useT();
  const data = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <>
      <p className="breadcrumb">
        <Link to="/editions">← {t("nav.editions")}</Link>
      </p>
      <div className="page-head">
        <div>
          <h1>{t("editions.import")}</h1>
          <p>{t("editions.import.intro")}</p>
        </div>
      </div>
      {data?.ok ? (
        <p className="notice notice--ok" role="status">
          {t("editions.import.ok", { id: data.id })} <Link to={`/editions/${data.id}`}>→</Link>
        </p>
      ) : null}
      {data && !data.ok && data.errors ? (
        <div className="notice notice--error" role="alert">
          <p>{t("editions.import.failed", { count: data.errors.length })}</p>
          <ul>
            {data.errors.map((e, i) => (
              <li key={i}>
                <code>{e.message}</code>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <section className="panel">
        <Form method="post" encType="multipart/form-data" className="form">
          <FileField
            id="edition-file"
            label={t("editions.import.file")}
            accept={EXTENSIONS.join(",")}
            error={
              data && !data.ok && data.fileError
                ? t(data.fileError.key, { reason: data.fileError.reason ?? "", ...data.fileError.params })
                : null
            }
          />
          <div>
            <button type="submit" className="button" disabled={busy}>
              {t("editions.import.submit")}
            </button>
          </div>
        </Form>
      </section>
    </>
  );
}
