// The draft page's plain forms: the edition's own fields, and every area's and item's title and points. Each posts
// the version it was made on, and works without JavaScript.
import { Form } from "@remix-run/react";
import { type Edition, PROVENANCE_STATUSES, type Provenance, SOURCE_KINDS } from "#indicators/schema";
import type { MessageKey } from "~/i18n";
import type { FieldErrors } from "~/domain/edition-edit";
import { Field } from "../field";
import { SelectField } from "../org/select-field";
import { useT } from "../use-t";

interface FormProps {
  edition: Edition;
  version: number;
  errors?: FieldErrors;
  values?: Record<string, string>;
  disabled: boolean;
}

const pick = (values: Record<string, string> | undefined, name: string, fallback: string | number | undefined) =>
  values?.[name] ?? String(fallback ?? "");

export function MetaForm({ edition, version, errors = {}, values, disabled, baseId }: FormProps & { baseId: string }) {
  const t = useT();
  const v = (name: string, fallback: string | number | undefined) => pick(values, name, fallback);
  return (
    <Form method="post" className="form" noValidate id="meta-form">
      <input type="hidden" name="intent" value="meta" />
      <input type="hidden" name="version" value={version} />
      <fieldset disabled={disabled} className="field">
        <Field
          name="editionTitle"
          label={t("draft.field.title")}
          defaultValue={v("editionTitle", edition.title)}
          error={errors.editionTitle}
          required
        />
        <div className="form-row">
          <Field
            name="year"
            label={t("editions.year")}
            inputMode="numeric"
            defaultValue={v("year", edition.year)}
            error={errors.year}
          />
          <SelectField
            name="institutionType"
            label={t("editions.type")}
            defaultValue={v("institutionType", edition.institutionType)}
            error={errors.institutionType}
          >
            <option value="sigungu">{t("instType.sigungu")}</option>
            <option value="sido">{t("instType.sido")}</option>
          </SelectField>
          <Field
            name="totalPoints"
            label={t("draft.field.totalPoints")}
            inputMode="decimal"
            defaultValue={v("totalPoints", edition.totalPoints)}
            error={errors.totalPoints}
          />
        </div>
        <div className="form-row">
          {edition.thresholds ? (
            <>
              <Field
                name="application"
                label={t("draft.field.application")}
                inputMode="decimal"
                defaultValue={v("application", edition.thresholds?.application)}
                error={errors.application}
              />
              <Field
                name="consulting"
                label={t("draft.field.consulting")}
                inputMode="decimal"
                defaultValue={v("consulting", edition.thresholds?.consulting)}
                error={errors.consulting}
              />
            </>
          ) : null}
          {edition.validity ? (
            <>
              <Field
                name="initialYears"
                label={t("draft.field.initialYears")}
                inputMode="numeric"
                defaultValue={v("initialYears", edition.validity?.initialYears)}
                error={errors.initialYears}
              />
              <Field
                name="renewalYears"
                label={t("draft.field.renewalYears")}
                inputMode="numeric"
                defaultValue={v("renewalYears", edition.validity?.renewalYears)}
                error={errors.renewalYears}
              />
            </>
          ) : null}
        </div>
        <label className="choice__option">
          <input
            type="checkbox"
            name="reconstruction"
            defaultChecked={values ? values.reconstruction === "on" : edition.reconstruction}
          />{" "}
          {t("draft.field.reconstruction")}
        </label>
        <div className="field">
          <label htmlFor="f-notice">{t("draft.field.notice")}</label>
          <textarea id="f-notice" name="notice" rows={3} defaultValue={v("notice", edition.notice)} />
        </div>
        <label className="choice__option">
          <input
            type="checkbox"
            name="supersedes"
            defaultChecked={values ? values.supersedes === "on" : edition.supersedes === baseId}
          />{" "}
          {t("draft.field.supersedes", { base: baseId })}
        </label>
        <div className="form-actions">
          <button type="submit" className="button">
            {t("draft.meta.save")}
          </button>
        </div>
      </fieldset>
    </Form>
  );
}

export function StructureForm({ edition, version, errors = {}, values, disabled }: FormProps) {
  const t = useT();
  const v = (name: string, fallback: string | number) => pick(values, name, fallback);
  const err = (name: string) =>
    errors[name] ? (
      <span className="field__error" role="alert">
        {t(errors[name]!)}
      </span>
    ) : null;
  const row = (
    prefix: "area" | "item",
    n: number,
    code: string,
    title: string,
    points: number,
    provenance: Provenance,
  ) => (
    <tr key={`${prefix}-${code}`} className={prefix === "area" ? "group" : undefined}>
      <th scope="row">
        {t(prefix === "area" ? "editions.area" : "editions.item")} {code}
      </th>
      <td>
        <input
          name={`${prefix}.${n}.title`}
          aria-label={t("draft.structure.titleOf", { code })}
          defaultValue={v(`${prefix}.${n}.title`, title)}
          aria-invalid={errors[`${prefix}.${n}.title`] ? true : undefined}
        />
        {errors[`${prefix}.${n}.title`] ? (
          <span className="field__error" role="alert">
            {t(errors[`${prefix}.${n}.title`]!)}
          </span>
        ) : null}
      </td>
      <td className="num">
        <input
          name={`${prefix}.${n}.points`}
          aria-label={t("draft.structure.pointsOf", { code })}
          inputMode="decimal"
          size={7}
          defaultValue={v(`${prefix}.${n}.points`, points)}
          aria-invalid={errors[`${prefix}.${n}.points`] ? true : undefined}
        />
        {errors[`${prefix}.${n}.points`] ? (
          <span className="field__error" role="alert">
            {t(errors[`${prefix}.${n}.points`]!)}
          </span>
        ) : null}
      </td>
      <td>
        <select
          name={`${prefix}.${n}.status`}
          aria-label={t("draft.provenance.statusOf", { code })}
          defaultValue={v(`${prefix}.${n}.status`, provenance.status)}
        >
          {PROVENANCE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`draft.provenance.status.${s}` as MessageKey)}
            </option>
          ))}
        </select>
        {err(`${prefix}.${n}.status`)}
      </td>
      <td>
        <input
          name={`${prefix}.${n}.sources`}
          aria-label={t("draft.provenance.sourcesOf", { code })}
          size={16}
          list="source-ids"
          defaultValue={v(`${prefix}.${n}.sources`, provenance.sources.join(", "))}
          aria-invalid={errors[`${prefix}.${n}.sources`] ? true : undefined}
        />
        {err(`${prefix}.${n}.sources`)}
      </td>
      <td>
        <textarea
          name={`${prefix}.${n}.note`}
          aria-label={t("draft.provenance.noteOf", { code })}
          rows={2}
          defaultValue={v(`${prefix}.${n}.note`, provenance.note ?? "")}
        />
      </td>
    </tr>
  );
  return (
    <Form method="post" noValidate id="structure-form">
      <input type="hidden" name="intent" value="structure" />
      <input type="hidden" name="version" value={version} />
      <fieldset disabled={disabled} className="field">
        <div className="table-wrap">
          <table className="data edit-grid">
            <thead>
              <tr>
                <th>{t("editions.code")}</th>
                <th>{t("draft.structure.name")}</th>
                <th className="num">{t("editions.points")}</th>
                <th>{t("draft.provenance.status")}</th>
                <th>{t("draft.provenance.sources")}</th>
                <th>{t("draft.provenance.note.short")}</th>
              </tr>
            </thead>
            <tbody>
              {edition.areas.map((a, an) => [
                row("area", an, a.code, a.title, a.points, a.provenance),
                ...edition.items.map((it, n) =>
                  it.area === a.code ? row("item", n, it.code, it.title, it.points, it.provenance) : null,
                ),
              ])}
            </tbody>
          </table>
        </div>
        <p className="field__hint">{t("draft.provenance.sourcesHint")}</p>
        <datalist id="source-ids">
          {edition.sources.map((s) => (
            <option key={s.id} value={s.id}>
              {s.title}
            </option>
          ))}
        </datalist>
        <div className="form-actions">
          <button type="submit" className="button">
            {t("draft.structure.save")}
          </button>
        </div>
      </fieldset>
    </Form>
  );
}

const SOURCE_COLUMNS = ["id", "title", "kind", "date", "address", "says"] as const;

/** The edition's sources list, one editable row per source and an empty row to add one. */
export function SourcesForm({ edition, version, errors = {}, values, disabled }: FormProps) {
  const t = useT();
  const rows = [...edition.sources, { id: "", title: "", kind: "", date: "", address: "", says: "" }];
  const heading = (c: (typeof SOURCE_COLUMNS)[number]) =>
    t(c === "title" ? "draft.sources.titleCol" : (`draft.sources.${c}` as MessageKey));
  return (
    <Form method="post" noValidate id="sources-form">
      <input type="hidden" name="intent" value="sources" />
      <input type="hidden" name="version" value={version} />
      <fieldset disabled={disabled} className="field">
        {errors.sources ? (
          <p className="field__error" role="alert">
            {t(errors.sources)}
          </p>
        ) : null}
        <div className="table-wrap">
          <table className="data edit-grid">
            <thead>
              <tr>
                {SOURCE_COLUMNS.map((c) => (
                  <th key={c}>{heading(c)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((src, n) => (
                <tr key={n}>
                  {SOURCE_COLUMNS.map((c) => {
                    const name = `src.${n}.${c}`;
                    const label = t("draft.sources.cellOf", { n: n + 1, column: heading(c) });
                    const value = pick(values, name, src[c]);
                    return (
                      <td key={c}>
                        {c === "kind" ? (
                          <select name={name} aria-label={label} defaultValue={value}>
                            <option value="">–</option>
                            {SOURCE_KINDS.map((k) => (
                              <option key={k} value={k}>
                                {t(`draft.sources.kind.${k}` as MessageKey)}
                              </option>
                            ))}
                          </select>
                        ) : c === "says" ? (
                          <textarea name={name} aria-label={label} rows={2} cols={28} defaultValue={value} />
                        ) : (
                          <input
                            name={name}
                            aria-label={label}
                            size={c === "date" ? 10 : c === "id" ? 14 : 22}
                            defaultValue={value}
                            aria-invalid={errors[name] ? true : undefined}
                          />
                        )}
                        {errors[name] ? (
                          <span className="field__error" role="alert">
                            {t(errors[name]!)}
                          </span>
                        ) : null}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="form-actions">
          <button type="submit" className="button">
            {t("draft.sources.save")}
          </button>
        </div>
      </fieldset>
    </Form>
  );
}
