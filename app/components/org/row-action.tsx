import { Form } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useT } from "../use-t";
import { useResultFor } from "./use-schema-form";

/** A disclosure that closes once its action succeeded (with JavaScript the page stays, so it would stay open). */
export function useClosingDisclosure(succeeded: unknown) {
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (succeeded && ref.current) ref.current.open = false;
  }, [succeeded]);
  return ref;
}

interface RowActionProps {
  intent: string;
  /** Hidden fields naming the row, e.g. { userId: "12" }. */
  fields: Record<string, string | number>;
  /** Visible button text, e.g. "사용 중지". */
  label: string;
  /** Whose row it is; part of the accessible name so a screen reader hears "사용 중지: 김민원". */
  subject: string;
  /** A question to confirm first (for destructive actions); without it the button acts at once. */
  confirm?: string;
  danger?: boolean;
}

function Hidden({ intent, fields }: Pick<RowActionProps, "intent" | "fields">) {
  return (
    <>
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={String(v)} />
      ))}
    </>
  );
}

/**
 * A one-click action on a table row. With `confirm` the first click only opens a disclosure holding the question and
 * the real button, so the confirmation works the same with and without JavaScript.
 */
export function RowAction({ intent, fields, label, subject, confirm, danger }: RowActionProps) {
  const t = useT();
  const name = `${label}: ${subject}`;
  const questionId = `confirm-${intent}-${Object.values(fields).join("-")}`;
  const { succeeded } = useResultFor(intent, Number(Object.values(fields)[0]));
  const ref = useClosingDisclosure(succeeded);
  const tone = danger ? "button--danger" : "button--secondary";
  if (!confirm) {
    return (
      <Form method="post" preventScrollReset>
        <Hidden intent={intent} fields={fields} />
        <button type="submit" className={`button button--small ${tone}`} aria-label={name}>
          {label}
        </button>
      </Form>
    );
  }
  return (
    <details className="disclosure" ref={ref}>
      <summary className={`button button--small ${tone}`} aria-label={name}>
        {label}
      </summary>
      <Form method="post" preventScrollReset className="disclosure__body">
        <Hidden intent={intent} fields={fields} />
        <p id={questionId}>{confirm}</p>
        <button
          type="submit"
          className={`button button--small ${danger ? "button--danger" : ""}`}
          aria-describedby={questionId}
        >
          {t("org.confirm.yes", { action: label })}
        </button>
      </Form>
    </details>
  );
}
