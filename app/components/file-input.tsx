import { type InputHTMLAttributes, useEffect, useRef, useState } from "react";
import { useT } from "./use-t";

/**
 * A file picker that speaks the page's language: the browser's own button says "Choose File" in the browser's
 * language whatever the page's, so the native input lies invisibly over a button of ours and the chosen file's name.
 * It keeps its id, name, label and attributes, so forms, labels and tests address it as before.
 */
export function FileInput(props: Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "className">) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  useEffect(() => {
    // A form reset (after an upload) empties the input without a change event.
    const form = input.current?.form;
    const clear = () => setChosen(null);
    form?.addEventListener("reset", clear);
    return () => form?.removeEventListener("reset", clear);
  }, []);
  return (
    <span className="file-input">
      <input
        {...props}
        ref={input}
        type="file"
        className="file-input__native"
        onChange={(event) => {
          setChosen(event.currentTarget.files?.[0]?.name ?? null);
          props.onChange?.(event);
        }}
      />
      <span className="file-input__button" aria-hidden="true">
        {t("file.choose")}
      </span>
      <span className="file-input__name" aria-hidden="true">
        {chosen ?? t("file.none")}
      </span>
    </span>
  );
}

/** A required file field of an import form: label, picker, hint, and the server's refusal named under it. */
export function FileField({
  id,
  label,
  accept,
  hint,
  error,
}: {
  id: string;
  label: string;
  accept: string;
  hint?: string;
  error?: string | null;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <FileInput
        id={id}
        name="file"
        accept={accept}
        required
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
      />
      {hint ? (
        <span id={`${id}-hint`} className="field__hint">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={`${id}-error`} className="field__error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}
