// Where an indicator comes from: how far it rests on sources, which of the edition's sources it cites, and a note.
import type { Provenance, Source } from "#indicators/schema";
import { PROVENANCE_STATUSES } from "#indicators/schema";
import type { MessageKey } from "~/i18n";
import type { FieldErrors } from "~/domain/edition-edit";
import { useT } from "../use-t";

export function ProvenanceFields({
  provenance,
  sources,
  errors,
  values,
}: {
  provenance: Provenance;
  sources: Source[];
  errors: FieldErrors;
  values?: Record<string, string>;
}) {
  const t = useT();
  const cited = (id: string) => (values ? values[`source.${id}`] === "on" : provenance.sources.includes(id));
  const sourcesError = errors["provenance.sources"];
  return (
    <fieldset className="field" aria-describedby={sourcesError ? "provenance-sources-error" : undefined}>
      <legend>{t("draft.provenance.legend")}</legend>
      <div className="field">
        <label htmlFor="f-provenance-status">{t("draft.provenance.status")}</label>
        <select
          id="f-provenance-status"
          name="provenance.status"
          defaultValue={values?.["provenance.status"] ?? provenance.status}
          aria-invalid={errors["provenance.status"] ? true : undefined}
        >
          {PROVENANCE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`draft.provenance.status.${s}` as MessageKey)}
            </option>
          ))}
        </select>
        {errors["provenance.status"] ? (
          <span className="field__error" role="alert">
            {t(errors["provenance.status"])}
          </span>
        ) : null}
      </div>
      <fieldset className="field">
        <legend>{t("draft.provenance.sources")}</legend>
        {sources.length === 0 ? <p className="muted small">{t("draft.provenance.noSources")}</p> : null}
        {sources.map((s) => (
          <label key={s.id} className="choice__option">
            <input type="checkbox" name={`source.${s.id}`} defaultChecked={cited(s.id)} /> <strong>{s.title}</strong>{" "}
            <span className="small muted">
              ({s.id}, {t(`draft.sources.kind.${s.kind}` as MessageKey)}, {s.date})
            </span>
          </label>
        ))}
        {sourcesError ? (
          <span id="provenance-sources-error" className="field__error" role="alert">
            {t(sourcesError)}
          </span>
        ) : null}
      </fieldset>
      <div className="field">
        <label htmlFor="f-provenance-note">{t("draft.provenance.note")}</label>
        <textarea
          id="f-provenance-note"
          name="provenance.note"
          rows={2}
          defaultValue={values?.["provenance.note"] ?? provenance.note ?? ""}
        />
      </div>
    </fieldset>
  );
}
