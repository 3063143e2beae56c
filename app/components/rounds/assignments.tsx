import { Form, Link } from "@remix-run/react";
import type { assignmentBoard } from "~/utils/round-admin.server";
import { useResultFor } from "../org/use-schema-form";
import { formatTenths } from "../points";
import { useT } from "../use-t";
import { useTagLabel } from "~/components/tags";
import { RowEditLink, useRowEditor } from "./row-editor";

type Board = Awaited<ReturnType<typeof assignmentBoard>>;
type Row = Board["indicators"][number];

/** Assign many indicators at once: an item, a tag, a suggested owner, everything unassigned, or the ticked rows. */
export function BulkAssignForm({ board }: { board: Board }) {
  const t = useT();
  const tagLabel = useTagLabel();
  const { failed } = useResultFor("bulkAssign");
  const error = failed?.errors.target ?? failed?.errors.codes ?? failed?.errors.departmentId;
  return (
    <section className="panel" aria-labelledby="bulk-title">
      <h2 id="bulk-title">{t("rounds.assign.bulk")}</h2>
      <Form id="form-bulkAssign" method="post" className="form form-row">
        <input type="hidden" name="intent" value="bulkAssign" />
        <label className="field">
          <span>{t("rounds.assign.bulk.target")}</span>
          <select
            name="target"
            defaultValue="codes:"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "bulk-error" : undefined}
          >
            <option value="codes:">{t("rounds.assign.bulk.selected")}</option>
            <option value="unassigned:">{t("rounds.assign.bulk.unassigned", { count: board.unassigned })}</option>
            <optgroup label={t("rounds.assign.bulk.byItem")}>
              {board.items.map((i) => (
                <option key={i.code} value={`item:${i.code}`}>
                  {i.code} {i.title}
                </option>
              ))}
            </optgroup>
            <optgroup label={t("rounds.assign.bulk.byTag")}>
              {board.tags.map((tag) => (
                <option key={tag} value={`tag:${tag}`}>
                  {tagLabel(tag)}
                </option>
              ))}
            </optgroup>
            <optgroup label={t("rounds.assign.bulk.byOwner")}>
              {board.owners.map((o) => (
                <option key={o} value={`owner:${o}`}>
                  {o}
                </option>
              ))}
            </optgroup>
          </select>
        </label>
        <label className="field">
          <span>{t("rounds.assign.bulk.department")}</span>
          <select name="departmentId" required defaultValue="">
            <option value="" disabled>
              {t("rounds.assign.choose")}
            </option>
            {board.departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t("rounds.assign.bulk.role")}</span>
          <select name="role" defaultValue="lead">
            <option value="lead">{t("home.role.lead")}</option>
            <option value="support">{t("home.role.support")}</option>
          </select>
        </label>
        <div className="form-actions">
          <button type="submit" className="button">
            {t("rounds.assign.bulk.apply")}
          </button>
        </div>
        {error ? (
          <p id="bulk-error" className="field__error" role="alert">
            {t(error)}
          </p>
        ) : null}
      </Form>
    </section>
  );
}

/** One indicator: who leads it, who supports it, and a small form to change both. */
export function AssignmentRow({
  row,
  departments,
  editable,
  bulkFormId,
}: {
  row: Row;
  departments: Board["departments"];
  editable: boolean;
  bulkFormId: string;
}) {
  const t = useT();
  const tagLabel = useTagLabel();
  const { failed, succeeded } = useResultFor("assignOne");
  const mine = failed && failed.values.code === row.code ? failed : undefined;
  const editor = useRowEditor();
  // The row named in the URL shows its form until it is saved; a refused save shows it again with the message.
  const open = Boolean(mine) || (editor.editing === row.code && !succeeded);
  return (
    <tr className={row.lead === null ? "row--unassigned" : undefined} data-code={row.code}>
      {editable ? (
        <td>
          <input
            type="checkbox"
            name="codes"
            value={row.code}
            form={bulkFormId}
            aria-label={t("rounds.assign.selectOne", { code: row.code })}
          />
        </td>
      ) : null}
      <td>{row.code}</td>
      <td>
        {row.title}
        {row.tags.length ? (
          <div className="tags">
            {row.tags.map((tag) => (
              <span key={tag} className="tag">
                {tagLabel(tag)}
              </span>
            ))}
          </div>
        ) : null}
      </td>
      <td className="num">{formatTenths(row.maxTenths)}</td>
      <td className="small">{row.ownerDepartment}</td>
      <td>{row.leadName ?? <span className="badge badge--warn">{t("rounds.assign.none")}</span>}</td>
      <td className="small">{row.support.map((s) => s.name).join(", ")}</td>
      {editable ? (
        <td>
          {open ? (
            <Form
              method="post"
              className="form disclosure__body"
              preventScrollReset
              aria-label={t("rounds.assign.changeOne", { code: row.code })}
            >
              <input type="hidden" name="intent" value="assignOne" />
              <input type="hidden" name="code" value={row.code} />
              <label className="field">
                <span>{t("home.role.lead")}</span>
                <select name="leadDepartmentId" defaultValue={row.lead ?? row.suggested ?? ""}>
                  <option value="">{t("rounds.assign.none")}</option>
                  {departments.map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.name}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field">
                <span>{t("home.role.support")}</span>
                <select
                  name="supportDepartmentIds"
                  multiple
                  size={4}
                  defaultValue={row.support.map((s) => String(s.id))}
                >
                  {departments.map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.name}
                    </option>
                  ))}
                </select>
              </label>
              {mine ? (
                <p className="field__error" role="alert">
                  {t(Object.values(mine.errors)[0] ?? "form.hasErrors")}
                </p>
              ) : null}
              <div className="form-actions">
                <button type="submit" className="button button--small">
                  {t("form.save")}
                </button>
                <Link to={editor.closeHref} preventScrollReset className="button button--small button--secondary">
                  {t("form.cancel")}
                </Link>
              </div>
            </Form>
          ) : (
            <RowEditLink href={editor.openHref(row.code)} label={t("rounds.assign.changeOne", { code: row.code })}>
              {t("rounds.assign.change")}
            </RowEditLink>
          )}
        </td>
      ) : null}
    </tr>
  );
}
