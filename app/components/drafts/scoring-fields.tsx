// The scoring method's fields of the indicator form: levels (code, label, share of the points), or a formula's inputs,
// result and bands. Rows are plain inputs named level.N.code …; an empty row at the end adds one, clearing a row
// removes it, so the form works without JavaScript.
import type { Scoring } from "#indicators/schema";
import { toTenths } from "#indicators/points";
import type { FieldErrors } from "~/domain/edition-edit";
import { formatTenths } from "../points";
import { useT } from "../use-t";

interface Props {
  scoring: Scoring;
  maxPoints: number;
  errors: FieldErrors;
  values?: Record<string, string>;
}

function Cell({
  name,
  label,
  value,
  errors,
  values,
  ...rest
}: {
  name: string;
  label: string;
  value: string | number | undefined;
  errors: FieldErrors;
  values?: Record<string, string>;
} & React.InputHTMLAttributes<HTMLInputElement>) {
  const t = useT();
  const error = errors[name];
  return (
    <td>
      <input
        name={name}
        aria-label={label}
        defaultValue={values?.[name] ?? (value === undefined ? "" : String(value))}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${name}-error` : undefined}
        {...rest}
      />
      {error ? (
        <span id={`${name}-error`} className="field__error" role="alert">
          {t(error)}
        </span>
      ) : null}
    </td>
  );
}

export function LevelsFields({ scoring, maxPoints, errors, values, live }: Props & { live?: Scoring }) {
  const t = useT();
  const levels = scoring.kind === "levels" ? scoring.levels : [];
  // Points per level follow what is typed (with JavaScript); without it, what was saved.
  const fractionOf = (n: number) => (live?.kind === "levels" ? live.levels[n]?.fraction : levels[n]?.fraction);
  const rows = [...levels, { code: "", label: "", fraction: undefined as number | undefined }];
  return (
    <fieldset className="field">
      <legend>{t("draft.levels.legend")}</legend>
      <p className="field__hint">{t("draft.levels.hint")}</p>
      {errors.levels ? (
        <span className="field__error" role="alert">
          {t(errors.levels)}
        </span>
      ) : null}
      <table className="data">
        <thead>
          <tr>
            <th>{t("draft.levels.code")}</th>
            <th>{t("draft.levels.label")}</th>
            <th>{t("draft.levels.fraction")}</th>
            <th className="num">{t("draft.levels.points")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((l, n) => (
            <tr key={n}>
              <Cell
                name={`level.${n}.code`}
                label={t("draft.levels.codeOf", { n: n + 1 })}
                value={l.code}
                errors={errors}
                values={values}
                size={8}
              />
              <Cell
                name={`level.${n}.label`}
                label={t("draft.levels.labelOf", { n: n + 1 })}
                value={l.label}
                errors={errors}
                values={values}
                size={40}
              />
              <Cell
                name={`level.${n}.fraction`}
                label={t("draft.levels.fractionOf", { n: n + 1 })}
                value={l.fraction}
                errors={errors}
                values={values}
                inputMode="decimal"
                size={5}
              />
              <td className="num">
                {fractionOf(n) === undefined ? "" : formatTenths(Math.round(toTenths(maxPoints) * fractionOf(n)!))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </fieldset>
  );
}

export function QuantitativeFields({ scoring, errors, values }: Props) {
  const t = useT();
  const q = scoring.kind === "quantitative" ? scoring : undefined;
  const inputs = [...(q?.inputs ?? []), { key: "", label: "" } as NonNullable<typeof q>["inputs"][number]];
  const bands = [
    ...(q?.bands ?? []),
    { min: undefined, fraction: undefined, label: "" } as unknown as NonNullable<typeof q>["bands"][number],
  ];
  const text = (name: string, fallback: string | number | undefined) =>
    values?.[name] ?? (fallback === undefined ? "" : String(fallback));
  return (
    <>
      <fieldset className="field">
        <legend>{t("draft.inputs.legend")}</legend>
        {errors.inputs ? (
          <span className="field__error" role="alert">
            {t(errors.inputs)}
          </span>
        ) : null}
        <table className="data">
          <thead>
            <tr>
              <th>{t("draft.inputs.key")}</th>
              <th>{t("draft.inputs.label")}</th>
              <th>{t("draft.inputs.unit")}</th>
              <th>{t("draft.inputs.integer")}</th>
              <th>{t("draft.inputs.min")}</th>
              <th>{t("draft.inputs.max")}</th>
              <th>{t("draft.inputs.atMost")}</th>
            </tr>
          </thead>
          <tbody>
            {inputs.map((i, n) => (
              <tr key={n}>
                <Cell
                  name={`input.${n}.key`}
                  label={t("draft.inputs.keyOf", { n: n + 1 })}
                  value={i.key}
                  errors={errors}
                  values={values}
                  size={10}
                />
                <Cell
                  name={`input.${n}.label`}
                  label={t("draft.inputs.labelOf", { n: n + 1 })}
                  value={i.label}
                  errors={errors}
                  values={values}
                  size={24}
                />
                <Cell
                  name={`input.${n}.unit`}
                  label={t("draft.inputs.unitOf", { n: n + 1 })}
                  value={i.unit}
                  errors={errors}
                  values={values}
                  size={4}
                />
                <td>
                  <input
                    type="checkbox"
                    name={`input.${n}.integer`}
                    aria-label={t("draft.inputs.integerOf", { n: n + 1 })}
                    defaultChecked={values ? values[`input.${n}.integer`] === "on" : i.integer === true}
                  />
                </td>
                <Cell
                  name={`input.${n}.min`}
                  label={t("draft.inputs.minOf", { n: n + 1 })}
                  value={i.min}
                  errors={errors}
                  values={values}
                  inputMode="decimal"
                  size={6}
                />
                <Cell
                  name={`input.${n}.max`}
                  label={t("draft.inputs.maxOf", { n: n + 1 })}
                  value={i.max}
                  errors={errors}
                  values={values}
                  inputMode="decimal"
                  size={6}
                />
                <Cell
                  name={`input.${n}.atMost`}
                  label={t("draft.inputs.atMostOf", { n: n + 1 })}
                  value={i.atMost}
                  errors={errors}
                  values={values}
                  size={8}
                />
                {i.labelEn ? (
                  <td hidden>
                    <input type="hidden" name={`input.${n}.labelEn`} value={i.labelEn} />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </fieldset>
      <div className="form-row">
        <div className="field">
          <label htmlFor="f-formula">{t("draft.formula")}</label>
          <input
            id="f-formula"
            name="formula"
            defaultValue={text("formula", q?.formula)}
            aria-invalid={errors.formula ? true : undefined}
            aria-describedby="f-formula-hint"
          />
          <span id="f-formula-hint" className="field__hint">
            {t("draft.formula.hint")}
          </span>
          {errors.formula ? (
            <span className="field__error" role="alert">
              {t(errors.formula)}
            </span>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor="f-resultUnit">{t("draft.resultUnit")}</label>
          <input id="f-resultUnit" name="resultUnit" size={4} defaultValue={text("resultUnit", q?.resultUnit)} />
        </div>
        <div className="field">
          <label htmlFor="f-resultMin">{t("draft.resultMin")}</label>
          <input
            id="f-resultMin"
            name="resultMin"
            inputMode="decimal"
            size={6}
            defaultValue={text("resultMin", q?.resultRange?.min)}
            aria-invalid={errors.resultMin ? true : undefined}
          />
          {errors.resultMin ? (
            <span className="field__error" role="alert">
              {t(errors.resultMin)}
            </span>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor="f-resultMax">{t("draft.resultMax")}</label>
          <input
            id="f-resultMax"
            name="resultMax"
            inputMode="decimal"
            size={6}
            defaultValue={text("resultMax", q?.resultRange?.max)}
            aria-invalid={errors.resultMax ? true : undefined}
          />
          {errors.resultMax ? (
            <span className="field__error" role="alert">
              {t(errors.resultMax)}
            </span>
          ) : null}
        </div>
      </div>
      <fieldset className="field">
        <legend>{t("draft.bands.legend")}</legend>
        <p className="field__hint">{t("draft.bands.hint")}</p>
        {errors.bands ? (
          <span className="field__error" role="alert">
            {t(errors.bands)}
          </span>
        ) : null}
        <table className="data">
          <thead>
            <tr>
              <th>{t("draft.bands.min")}</th>
              <th>{t("draft.levels.fraction")}</th>
              <th>{t("draft.bands.label")}</th>
            </tr>
          </thead>
          <tbody>
            {bands.map((b, n) => (
              <tr key={n}>
                <Cell
                  name={`band.${n}.min`}
                  label={t("draft.bands.minOf", { n: n + 1 })}
                  value={b.min}
                  errors={errors}
                  values={values}
                  inputMode="decimal"
                  size={8}
                />
                <Cell
                  name={`band.${n}.fraction`}
                  label={t("draft.bands.fractionOf", { n: n + 1 })}
                  value={b.fraction}
                  errors={errors}
                  values={values}
                  inputMode="decimal"
                  size={5}
                />
                <Cell
                  name={`band.${n}.label`}
                  label={t("draft.bands.labelOf", { n: n + 1 })}
                  value={b.label}
                  errors={errors}
                  values={values}
                  size={24}
                />
              </tr>
            ))}
          </tbody>
        </table>
      </fieldset>
    </>
  );
}
