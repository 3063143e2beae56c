import type { MessageKey } from "~/i18n";
import { useT } from "../use-t";

interface SelectFieldProps extends React.SelectHTMLAttributes<HTMLSelectElement> {
  name: string;
  label: string;
  error?: MessageKey;
  hint?: string;
  registration?: object;
}

/** A labelled select with its error announced and tied to it, like Field for inputs. */
export function SelectField({ name, label, error, hint, registration, id, children, ...select }: SelectFieldProps) {
  const t = useT();
  const selectId = id ?? `f-${name}`;
  const describedBy =
    [error ? `${selectId}-error` : null, hint ? `${selectId}-hint` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={selectId}>{label}</label>
      <select
        id={selectId}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...select}
        {...registration}
      >
        {children}
      </select>
      {hint ? (
        <span id={`${selectId}-hint`} className="field__hint">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={`${selectId}-error`} className="field__error" role="alert">
          {t(error)}
        </span>
      ) : null}
    </div>
  );
}
