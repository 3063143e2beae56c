import { useState } from "react";
import { formatCalendarDate, formatDateTime, seoulLocalToIso } from "~/domain/datetime";
import type { MessageKey } from "~/i18n";
import { useLocale, useT } from "./use-t";

interface FieldProps extends React.InputHTMLAttributes<HTMLInputElement> {
  name: string;
  label: string;
  error?: MessageKey;
  hint?: string;
  registration?: object;
}

/**
 * A date or date-time input shows its value in the browser's own locale (mm/dd/yyyy, AM/PM under an English
 * browser): the field repeats what was entered the Korean way, in Seoul time, so nobody misreads the day (issue 15).
 */
function useDateEcho(type: string | undefined, initial: unknown) {
  const t = useT();
  const locale = useLocale();
  const [value, setValue] = useState(typeof initial === "string" ? initial : "");
  if (type !== "date" && type !== "datetime-local") return { echo: null, onInput: undefined };
  const iso = type === "datetime-local" ? seoulLocalToIso(value) : null;
  const echo =
    type === "datetime-local"
      ? iso
        ? t("field.echo", { value: t("deadline.kst", { time: formatDateTime(iso, locale) }) })
        : null
      : /^\d{4}-\d{2}-\d{2}$/.test(value)
        ? t("field.echo", { value: formatCalendarDate(value, locale) })
        : null;
  return { echo, onInput: (e: React.FormEvent<HTMLDivElement>) => setValue((e.target as HTMLInputElement).value) };
}

/** A labelled input with its error announced and tied to it by aria-describedby. */
export function Field({ name, label, error, hint, registration, id, ...input }: FieldProps) {
  const t = useT();
  const inputId = id ?? `f-${name}`;
  const { echo, onInput } = useDateEcho(input.type, input.defaultValue ?? input.value);
  const describedBy =
    [error ? `${inputId}-error` : null, hint ? `${inputId}-hint` : null, echo !== null ? `${inputId}-echo` : null]
      .filter(Boolean)
      .join(" ") || undefined;
  return (
    <div className="field" onInput={onInput}>
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
      {echo !== null ? (
        <span id={`${inputId}-echo`} className="field__hint" data-testid={`${inputId}-echo`}>
          {echo}
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
