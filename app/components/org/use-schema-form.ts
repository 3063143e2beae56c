import { zodResolver } from "@hookform/resolvers/zod";
import { useActionData, useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, useMemo } from "react";
import { type DefaultValues, type FieldValues, type Path, type Resolver, useForm } from "react-hook-form";
import type { ZodType } from "zod";
import { isMessageKey, type MessageKey } from "~/i18n";
import type { ActionData } from "~/utils/actions.server";

/** The id of the form answering to an intent (and row), so a notice at the top of the page can link to it. */
export function formId(intent: string, targetId: number | null = null): string {
  return targetId === null ? `form-${intent}` : `form-${intent}-${targetId}`;
}

/** The last action result when it answers this form (same intent, and the same row for per-row forms). */
export function useResultFor(intent: string, targetId: number | null = null) {
  const result = useActionData() as ActionData | undefined;
  const mine =
    result && result.intent === intent && (targetId === null || result.targetId === targetId) ? result : undefined;
  return { succeeded: mine?.ok ? mine : undefined, failed: mine && !mine.ok ? mine : undefined };
}

/**
 * A plain POST form checked in the browser by the same zod schema the action parses. Without JavaScript the form posts
 * as is and the server's field errors (and the posted values) come back through the action data; with JavaScript the
 * schema checks first and the form is submitted only when it passes. A successful answer empties the form.
 */
export function useSchemaForm<T extends Record<string, string>>(
  schema: ZodType,
  intent: string,
  initial: T,
  targetId: number | null = null,
) {
  const { succeeded, failed } = useResultFor(intent, targetId);
  const defaults = useMemo<T>(() => {
    if (!failed) return initial;
    const posted = Object.fromEntries(Object.keys(initial).map((k) => [k, failed.values[k] ?? initial[k]]));
    return posted as T;
    // Only a new answer of the server changes what the form starts from; `initial` is a new object on every render
    // of the caller, so listing it would reset the defaults each time.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see above: keyed on the server's answer only
  }, [failed]);
  const form = useForm<FieldValues>({
    resolver: zodResolver(schema as never) as unknown as Resolver<FieldValues>,
    defaultValues: defaults as DefaultValues<FieldValues>,
    mode: "onSubmit",
    reValidateMode: "onChange",
  });
  useEffect(() => {
    if (succeeded) form.reset(initial);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset once per success; `form` is stable, `initial` new per render
  }, [succeeded]);
  useEffect(() => {
    // A refusal from the server (a taken name, say): put the cursor where the problem is, as the browser check does.
    const first = failed && Object.keys(failed.errors).find((k) => k in initial);
    if (first) form.setFocus(first as Path<FieldValues>);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- focus once per refusal; `form` is stable, `initial` new per render
  }, [failed]);

  const submit = useSubmit();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === intent;

  function errorOf(name: keyof T & string): MessageKey | undefined {
    const client = form.formState.errors[name]?.message;
    if (typeof client === "string" && isMessageKey(client)) return client;
    return failed?.errors[name];
  }

  /** Props for Field / SelectField: name, starting value (also for the server-rendered page), registration, error. */
  function field(name: keyof T & string) {
    return {
      name,
      defaultValue: defaults[name],
      registration: form.register(name as Path<FieldValues>),
      error: errorOf(name),
    };
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    const element = event.currentTarget;
    void form.handleSubmit(() => submit(element, { method: "post", preventScrollReset: true }))(event);
  }

  return { form, field, errorOf, onSubmit, busy, failed, succeeded, id: formId(intent, targetId) };
}
