import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { diffEditions } from "#indicators/diff";
import { readEditionFile } from "#indicators/load";
import { toTenths } from "#indicators/points";
import { DiffPanel } from "~/components/drafts/diff-panel";
import { MetaForm, SourcesForm, StructureForm } from "~/components/drafts/draft-forms";
import { DraftNotice } from "~/components/drafts/draft-notice";
import { ProblemsList, SumsPanel } from "~/components/drafts/sums";
import { FileField } from "~/components/file-input";
import { formatTenths } from "~/components/points";
import { useT } from "~/components/use-t";
import type { MessageKey } from "~/i18n";
import {
  addIndicator,
  type FieldErrors,
  isStructurallyValid,
  otherProblems,
  parseMetaForm,
  parseSourcesForm,
  parseStructureForm,
  pointSums,
} from "~/domain/edition-edit";
import { db } from "~/utils/db.server";
import {
  formValues,
  publishDraft,
  refuse,
  refuseOutcome,
  requireDraftParam,
  saveDraft,
  versionOf,
} from "~/utils/edition-drafts.server";
import { getEdition } from "~/utils/editions.server";
import { formObject } from "~/utils/forms";
import { found, requirePermission } from "~/utils/guards.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, "title.draft", data?.edition.title);

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:edition:any");
  const draft = await requireDraftParam(db, params.draftId);
  const base = found(await getEdition(db, draft.baseEditionId));
  const d = diffEditions(base, draft.edition);
  return {
    id: draft.id,
    version: draft.version,
    baseId: draft.baseEditionId,
    baseTitle: base.title,
    updatedAt: draft.updatedAt,
    publishedAt: draft.publishedAt,
    edition: draft.edition,
    sums: pointSums(draft.edition),
    problems: otherProblems(draft.edition),
    diff: {
      added: d.added.map((i) => ({ code: i.code, title: i.title })),
      removed: d.removed.map((i) => ({ code: i.code, title: i.title })),
      changed: d.changed.map((c) => ({
        code: c.code,
        title: c.after.title,
        fields: c.fields,
        beforeTenths: toTenths(c.before.maxPoints),
        afterTenths: toTenths(c.after.maxPoints),
      })),
      unchanged: d.unchanged.length,
    },
  };
}

const MAX_BYTES = 5 * 1024 * 1024;

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "manage:edition:any");
  const draft = await requireDraftParam(db, params.draftId);
  const form = await request.formData();
  const fields = formObject(form);
  const intent = String(fields.intent ?? "");
  const version = versionOf(fields);
  const values = formValues(fields);
  const saved = async (edition: typeof draft.edition, change: string) => {
    const outcome = await saveDraft(db, user.id, draft.id, version, edition, change);
    return outcome.ok
      ? redirect(`/editions/drafts/${draft.id}?done=${intent}`)
      : refuseOutcome(intent, outcome, values);
  };
  const fieldsRefused = (errors: FieldErrors) => refuse(intent, 400, { reason: "fields", errors, values });

  if (intent === "publish") {
    const outcome = await publishDraft(db, user.id, draft.id, version);
    return outcome.ok ? redirect(`/editions/${draft.editionId}?published=1`) : refuseOutcome(intent, outcome);
  }
  if (intent === "meta") {
    const { edition, errors } = parseMetaForm(fields, draft.edition, draft.baseEditionId);
    return Object.keys(errors).length ? fieldsRefused(errors) : saved(edition, "meta");
  }
  if (intent === "structure") {
    const { edition, errors } = parseStructureForm(fields, draft.edition);
    return Object.keys(errors).length ? fieldsRefused(errors) : saved(edition, "structure");
  }
  if (intent === "sources") {
    const { edition, errors } = parseSourcesForm(fields, draft.edition);
    return Object.keys(errors).length ? fieldsRefused(errors) : saved(edition, "sources");
  }
  if (intent === "addIndicator") {
    const code = String(fields.code ?? "").trim();
    const errors: FieldErrors = {};
    if (!/^[0-9A-Za-z][0-9A-Za-z.-]*$/.test(code)) errors.code = "draft.error.code";
    else if (draft.edition.indicators.some((i) => i.code === code)) errors.code = "draft.error.codeTaken";
    if (!draft.edition.items.some((it) => it.code === fields.item)) errors.item = "draft.error.required";
    if (!String(fields.title ?? "").trim()) errors.title = "draft.error.required";
    if (!String(fields.ownerDepartment ?? "").trim()) errors.ownerDepartment = "draft.error.required";
    if (Object.keys(errors).length) return fieldsRefused(errors);
    const edition = addIndicator(draft.edition, {
      code,
      item: String(fields.item),
      title: String(fields.title).trim(),
      ownerDepartment: String(fields.ownerDepartment).trim(),
    });
    const outcome = await saveDraft(db, user.id, draft.id, version, edition, `add:indicator ${code}`);
    return outcome.ok
      ? redirect(`/editions/drafts/${draft.id}/indicators/${encodeURIComponent(code)}`)
      : refuseOutcome(intent, outcome, values);
  }
  if (intent === "import") {
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0)
      return refuse(intent, 400, { reason: "file", errors: { file: "editions.import.noFile" } });
    if (file.size > MAX_BYTES)
      return refuse(intent, 400, { reason: "file", errors: { file: "editions.import.tooLarge" } });
    if (path.extname(file.name).toLowerCase() !== ".xlsx")
      return refuse(intent, 400, { reason: "file", errors: { file: "draft.import.badType" } });
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "draft-"));
    try {
      const tmp = path.join(dir, "upload.xlsx");
      await fs.writeFile(tmp, Buffer.from(await file.arrayBuffer()));
      let raw: unknown;
      try {
        raw = await readEditionFile(tmp);
      } catch (error) {
        return refuse(intent, 400, {
          reason: "file",
          messages: [error instanceof Error ? error.message : String(error)],
        });
      }
      // The draft keeps its id whatever the file says: the id is what publishing will create.
      const edition = { ...(raw as object), id: draft.editionId };
      if (!isStructurallyValid(edition))
        return refuseOutcome(
          intent,
          (await saveDraft(db, user.id, draft.id, version, edition as never, "import")) as never,
        );
      return saved(edition, "import");
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }
  return refuse(intent, 400, { reason: "fields", errors: { intent: "draft.error.required" } });
}

export default function DraftPage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [search] = useSearchParams();
  const t = useT();
  const e = d.edition;
  const published = Boolean(d.publishedAt);
  const off = d.sums.filter((s) => s.sumTenths !== s.expectedTenths).length;
  const mine = (intent: string) => (result && !result.ok && result.intent === intent ? result : undefined);
  return (
    <>
      <p className="breadcrumb">
        <Link to="/editions">← {t("nav.editions")}</Link>
      </p>
      <div className="page-head">
        <div>
          <h1>{e.title}</h1>
          <p>{t("draft.head", { id: e.id, base: d.baseTitle, version: d.version })}</p>
        </div>
        <div className="row-actions">
          <a className="button button--secondary" href={`/editions/drafts/${d.id}/workbook.xlsx`} download>
            {t("draft.export")}
          </a>
        </div>
      </div>
      <DraftNotice result={result} done={search.get("done")} />
      {published ? (
        <p className="notice notice--ok" role="status">
          {t("draft.published", { id: e.id })} <Link to={`/editions/${e.id}`}>{t("draft.openEdition")}</Link>
        </p>
      ) : null}

      <section className="panel" aria-labelledby="check-title">
        <h2 id="check-title">{t("draft.check.title")}</h2>
        <SumsPanel sums={d.sums} />
        <ProblemsList messages={d.problems} />
        {published ? null : (
          <Form method="post">
            <input type="hidden" name="intent" value="publish" />
            <input type="hidden" name="version" value={d.version} />
            <p className="small muted">{t("draft.publish.hint")}</p>
            <button type="submit" className="button">
              {t("draft.publish")}
            </button>
            {off || d.problems.length ? <span className="small muted"> {t("draft.publish.notYet")}</span> : null}
          </Form>
        )}
      </section>

      <DiffPanel baseId={d.baseId} diff={d.diff} draftId={d.id} />

      <section className="panel" aria-labelledby="indicators-title">
        <h2 id="indicators-title">{t("draft.indicators.title", { count: e.indicators.length })}</h2>
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th>{t("editions.code")}</th>
                <th>{t("editions.indicator")}</th>
                <th>{t("editions.scoring")}</th>
                <th className="num">{t("editions.points")}</th>
                <th>
                  <span className="visually-hidden">{t("draft.edit")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {e.items.map((item) => [
                <tr key={`item-${item.code}`} className="group">
                  <td colSpan={5}>
                    {item.code} {item.title} ({formatTenths(toTenths(item.points))})
                  </td>
                </tr>,
                ...e.indicators
                  .filter((i) => i.item === item.code)
                  .map((i) => (
                    <tr key={i.code}>
                      <td>{i.code}</td>
                      <td>{i.title}</td>
                      <td>{t(`draft.kind.${i.scoring.kind}` as MessageKey)}</td>
                      <td className="num">{formatTenths(toTenths(i.maxPoints))}</td>
                      <td>
                        <Link
                          to={`/editions/drafts/${d.id}/indicators/${encodeURIComponent(i.code)}`}
                          aria-label={t("draft.editIndicator", { code: i.code })}
                        >
                          {t(published ? "draft.view" : "draft.edit")}
                        </Link>
                      </td>
                    </tr>
                  )),
              ])}
            </tbody>
          </table>
        </div>
        {published ? null : (
          <AddIndicatorForm
            version={d.version}
            items={e.items}
            errors={mine("addIndicator")?.errors as FieldErrors | undefined}
            values={mine("addIndicator")?.values}
          />
        )}
      </section>

      <section className="panel" aria-labelledby="structure-title">
        <h2 id="structure-title">{t("draft.structure.title")}</h2>
        <StructureForm
          edition={e}
          version={d.version}
          disabled={published}
          errors={mine("structure")?.errors as FieldErrors | undefined}
          values={mine("structure")?.values}
        />
      </section>

      <section className="panel" aria-labelledby="sources-title">
        <h2 id="sources-title">{t("draft.sources.title")}</h2>
        <p>{t("draft.sources.intro")}</p>
        <SourcesForm
          edition={e}
          version={d.version}
          disabled={published}
          errors={mine("sources")?.errors as FieldErrors | undefined}
          values={mine("sources")?.values}
        />
      </section>

      <section className="panel" aria-labelledby="meta-title">
        <h2 id="meta-title">{t("draft.meta.title")}</h2>
        <MetaForm
          edition={e}
          version={d.version}
          baseId={d.baseId}
          disabled={published}
          errors={mine("meta")?.errors as FieldErrors | undefined}
          values={mine("meta")?.values}
        />
      </section>

      {published ? null : (
        <section className="panel" aria-labelledby="import-title">
          <h2 id="import-title">{t("draft.import.title")}</h2>
          <p>{t("draft.import.intro")}</p>
          <Form method="post" encType="multipart/form-data" className="form">
            <input type="hidden" name="intent" value="import" />
            <input type="hidden" name="version" value={d.version} />
            <FileField
              id="draft-file"
              label={t("draft.import.file")}
              accept=".xlsx"
              error={mine("import")?.errors?.file ? t(mine("import")!.errors!.file as MessageKey) : null}
            />
            <div>
              <button type="submit" className="button">
                {t("draft.import.submit")}
              </button>
            </div>
          </Form>
        </section>
      )}
    </>
  );
}

function AddIndicatorForm({
  version,
  items,
  errors = {},
  values = {},
}: {
  version: number;
  items: { code: string; title: string }[];
  errors?: FieldErrors;
  values?: Record<string, string>;
}) {
  const t = useT();
  const err = (name: string) =>
    errors[name] ? (
      <span className="field__error" role="alert">
        {t(errors[name])}
      </span>
    ) : null;
  return (
    <Form method="post" className="form" noValidate>
      <h3>{t("draft.add.title")}</h3>
      <input type="hidden" name="intent" value="addIndicator" />
      <input type="hidden" name="version" value={version} />
      <div className="form-row">
        <div className="field">
          <label htmlFor="add-item">{t("editions.item")}</label>
          <select id="add-item" name="item" defaultValue={values.item}>
            {items.map((it) => (
              <option key={it.code} value={it.code}>
                {it.code} {it.title}
              </option>
            ))}
          </select>
          {err("item")}
        </div>
        <div className="field">
          <label htmlFor="add-code">{t("editions.code")}</label>
          <input id="add-code" name="code" defaultValue={values.code} aria-invalid={errors.code ? true : undefined} />
          {err("code")}
        </div>
        <div className="field">
          <label htmlFor="add-title">{t("editions.indicator")}</label>
          <input
            id="add-title"
            name="title"
            defaultValue={values.title}
            aria-invalid={errors.title ? true : undefined}
          />
          {err("title")}
        </div>
        <div className="field">
          <label htmlFor="add-owner">{t("editions.owner")}</label>
          <input
            id="add-owner"
            name="ownerDepartment"
            defaultValue={values.ownerDepartment}
            aria-invalid={errors.ownerDepartment ? true : undefined}
          />
          {err("ownerDepartment")}
        </div>
      </div>
      <div className="form-actions">
        <button type="submit" className="button button--secondary">
          {t("draft.add.submit")}
        </button>
      </div>
    </Form>
  );
}
