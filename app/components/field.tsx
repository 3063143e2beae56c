import type { MessageKey } from "~/i18n";
import { useT } from "./use-t";

interface FieldProps extends React.InputHTMLAttributes<HTMLInputElement> {
  name: string;
  label: string;
  error?: MessageKey;
  hint?: string;
  registration?: object;
}

/** A labelled input with its error announced and tied to it by aria-describedby. */
export function Field({ name, label, error, hint, registration, id, ...input }: FieldProps) {
  const t = useT();
  const inputId = id ?? `f-${name}`;
  const describedBy =
    [error ? `${inputId}-error` : null, hint ? `${inputId}-hint` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={inputId}>{label}</label>
      <input
        id={inputId}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...input}
        {...registration}
      />
      {hint ? (
        <span id={`${inputId}-hint`} className="field__hint">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={`${inputId}-error`} className="field__error" role="alert">
          {t(error)}
        </span>
      ) : null}
    </div>
  );
}

/**
 * A field's error message, announced, with the id its input points to through aria-describedby. Declared at module
 * level (not inside a form's render) so React keeps the same element across renders instead of remounting it.
 */
export function ErrorText({ id, message }: { id: string; message: string | null | undefined }) {
  return message ? (
    <span id={id} className="field__error" role="alert">
      {message}
    </span>
  ) : null;
}
