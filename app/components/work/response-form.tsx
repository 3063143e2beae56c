import { zodResolver } from "@hookform/resolvers/zod";
import { useActionData, useFetcher } from "@remix-run/react";
import { useEffect, useMemo, useRef, useState } from "react";
import { type Resolver, useForm, useWatch } from "react-hook-form";
import { toTenths } from "#indicators/points";
import type { Indicator } from "#indicators/schema";
import { formatDateTime } from "~/domain/datetime";
import {
  type Draft,
  draftFromForm,
  type EditLock,
  formValuesFromDraft,
  missingForSubmit,
  NARRATIVE_MAX,
  type ResponseFormValues,
  responseFormSchema,
  scoreDraft,
  standingServerErrors,
} from "~/domain/response-rules";
import { formulaText, inputLabel } from "~/domain/scoring";
import { inputHints } from "~/text/scoring-text";
import type { FieldErrorMap, ResponseActionData } from "~/utils/responses.server";
import { ErrorText } from "../field";
import { formatTenths } from "../points";
import { useHydrated } from "../use-hydrated";
import { useLocale, useT } from "../use-t";
import { ConflictPanel } from "./conflict-panel";
import { fieldMessage } from "./labels";
import { LiveScore } from "./live-score";
import { useLeaveGuard } from "./use-leave-guard";

const AUTOSAVE_MS = 2500;

export interface ResponseFormProps {
  roundId: number;
  indicator: Indicator;
  draft: Draft;
  version: number;
  lock: EditLock;
  maySubmit: boolean;
  /** The deadline, when it has passed and the round takes no late hand-ins: saving only, and the form says why. */
  handInClosedAt?: string | null;
  /**
   * Values to start from instead of the saved answer (last year's answer, "use last year's answer"): the form shows
   * them as unsaved and does not autosave them until the person edits something or saves.
   */
  prefill?: Draft | null;
}

/** Flat fields as a plain form would post them: the server reads the same names with or without JavaScript. */
function toFields(values: ResponseFormValues, intent: "save" | "submit"): Record<string, string> {
  const out: Record<string, string> = {
    intent,
    version: values.version,
    implemented: values.implemented ?? "",
    yes: values.yes ?? "",
    level: values.level ?? "",
    narrative: values.narrative ?? "",
  };
  for (const [k, v] of Object.entries(values.inputs ?? {})) out[`inputs.${k}`] = v ?? "";
  return out;
}

const comparable = (v: ResponseFormValues) => JSON.stringify({ ...v, version: undefined });

/**
 * The answer form: fitted to the scoring method, scored live, saved automatically a moment after typing stops and on
 * demand. It is a plain POST form first; with JavaScript it saves inline through a fetcher.
 */
export function ResponseForm({
  roundId,
  indicator,
  draft,
  version,
  lock,
  maySubmit,
  handInClosedAt = null,
  prefill,
}: ResponseFormProps) {
  const t = useT();
  const locale = useLocale();
  const schema = useMemo(() => responseFormSchema(indicator), [indicator]);
  const fetcher = useFetcher<ResponseActionData>({ key: `response:${roundId}:${indicator.code}` });
  // Without JavaScript the page re-renders with the action's answer; keep what the person typed in that case. The
  // answer may be another form's (evidence, review): only a save or submit belongs to this one.
  const pageResult = useActionData() as { intent?: unknown } | undefined;
  const navigationResult =
    pageResult && (pageResult.intent === "save" || pageResult.intent === "submit")
      ? (pageResult as ResponseActionData)
      : undefined;
  const posted = navigationResult && !navigationResult.ok ? navigationResult : undefined;
  const initial = useMemo<ResponseFormValues>(() => {
    const saved = formValuesFromDraft(indicator, prefill ?? draft, version);
    if (!posted || posted.reason === "conflict") return saved;
    const v = posted.values as Record<string, string>;
    const inputs = Object.fromEntries(Object.keys(saved.inputs).map((k) => [k, String(v[`inputs.${k}`] ?? "")]));
    return {
      ...saved,
      implemented: (v.implemented ?? "") as ResponseFormValues["implemented"],
      yes: (v.yes ?? "") as ResponseFormValues["yes"],
      level: String(v.level ?? ""),
      inputs,
      narrative: String(v.narrative ?? ""),
    };
    // The form is initialised once per indicator; later loader revalidations must not overwrite what is typed.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see above: keyed on the indicator only
  }, [indicator.code]);

  const form = useForm<ResponseFormValues>({
    resolver: zodResolver(schema as never) as unknown as Resolver<ResponseFormValues>,
    defaultValues: initial,
    mode: "onChange",
  });
  const values = useWatch({ control: form.control }) as ResponseFormValues;
  // What the server holds now, as the form would show it: the form is "dirty" while it differs.
  const [lastSaved, setLastSaved] = useState(() =>
    comparable(prefill ? formValuesFromDraft(indicator, draft, version) : initial),
  );
  // Prefilled values wait for the person: no autosave while the form still holds exactly what was filled in.
  const [untouchedPrefill] = useState(() => (prefill ? comparable(initial) : null));
  const pending = useRef<{ values: ResponseFormValues; auto: boolean } | null>(null);
  const [savedAt, setSavedAt] = useState<{ at: string; auto: boolean; submitted: boolean } | null>(
    navigationResult && navigationResult.ok
      ? { at: navigationResult.savedAt, auto: false, submitted: navigationResult.status === "submitted" }
      : null,
  );
  // The server's field errors with the values they were found in: an error goes once its field is edited.
  const [server, setServer] = useState<{ errors: FieldErrorMap; sent: ResponseFormValues | null }>({
    errors: posted?.reason === "invalid" ? posted.errors : {},
    sent: posted?.reason === "invalid" ? initial : null,
  });
  const [conflict, setConflict] = useState<Extract<ResponseActionData, { reason: "conflict" }> | null>(
    posted?.reason === "conflict" ? posted : null,
  );
  const hydrated = useHydrated();
  // A save sent and not yet answered: ends together with the answer's effect on `lastSaved` (see useLeaveGuard).
  const [inFlight, setInFlight] = useState(false);

  const parsed = schema.safeParse(values);
  // The browser's check of what is on the form now (the same schema the server applies), first problem per field.
  const clientErrors = new Map<string, string>();
  for (const issue of parsed.error?.issues ?? []) {
    const field = issue.path.join(".");
    if (!clientErrors.has(field)) clientErrors.set(field, issue.message);
  }
  const serverErrors = standingServerErrors(server.errors, server.sent, values, new Set(clientErrors.keys()));
  const liveDraft = parsed.success ? draftFromForm(indicator, parsed.data) : null;
  const score = liveDraft ? scoreDraft(indicator, liveDraft) : ({ state: "incomplete" } as const);
  const dirty = comparable(values) !== lastSaved;
  const busy = fetcher.state !== "idle";
  const readOnly = lock !== null;

  function send(intent: "save" | "submit", auto = false) {
    const current = form.getValues();
    pending.current = { values: current, auto };
    setInFlight(true);
    setServer({ errors: {}, sent: null });
    fetcher.submit({ ...toFields(current, intent), ...(auto ? { autosave: "1" } : {}) }, { method: "post" });
  }

  // The answer of the last save or submit.
  useEffect(() => {
    const result = fetcher.data;
    if (!result || fetcher.state !== "idle") return;
    if (result.ok) {
      form.setValue("version", String(result.version));
      if (pending.current) setLastSaved(comparable(pending.current.values));
      setSavedAt({
        at: result.savedAt,
        auto: pending.current?.auto ?? false,
        submitted: result.status === "submitted",
      });
      setConflict(null);
    } else if (result.reason === "invalid") {
      setServer({ errors: result.errors, sent: pending.current?.values ?? null });
    } else if (result.reason === "conflict") {
      setConflict(result);
    }
    pending.current = null;
    setInFlight(false);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs once per finished fetch; `form` is stable
  }, [fetcher.data, fetcher.state]);

  // Autosave: a moment after the last change, when the form is valid and nothing else is in flight.
  const snapshot = comparable(values);
  useEffect(() => {
    if (!hydrated || readOnly || !dirty || busy || conflict || !parsed.success) return;
    if (untouchedPrefill !== null && snapshot === untouchedPrefill) return;
    const timer = setTimeout(() => send("save", true), AUTOSAVE_MS);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `snapshot` stands for the values; `send` is new per render
  }, [snapshot, hydrated, readOnly, busy, conflict]);

  // Leaving with unsaved typing saves it first (or asks when it cannot be saved); closing the tab asks.
  const leave = useLeaveGuard({
    dirty: dirty && !readOnly,
    saveable: parsed.success && !conflict,
    busy: inFlight,
    save: () => send("save"),
    confirmLeave: () => window.confirm(t("leave.confirmInvalid")),
  });

  const errorFor = (field: string): string | null => {
    const client = clientErrors.get(field);
    if (client) return fieldMessage(t, indicator, field, client, {}, locale);
    const e = serverErrors[field];
    return e ? fieldMessage(t, indicator, field, e.key, e.params, locale) : null;
  };
  const allErrors = Object.entries(serverErrors).map(([field, e]) =>
    fieldMessage(t, indicator, field, e.key, e.params, locale),
  );
  const errorProps = (field: string, id: string) => {
    const message = errorFor(field);
    return message ? { "aria-invalid": true as const, "aria-describedby": `${id}-error` } : {};
  };

  const s = indicator.scoring;
  const lockedResult =
    fetcher.data && !fetcher.data.ok && fetcher.data.reason === "locked"
      ? fetcher.data
      : posted?.reason === "locked"
        ? posted
        : null;
  const lateResult =
    fetcher.data && !fetcher.data.ok && fetcher.data.reason === "late"
      ? fetcher.data
      : posted?.reason === "late"
        ? posted
        : null;
  const optimisticSubmit = busy && fetcher.formData?.get("intent") === "submit";
  return (
    <section className="panel" aria-labelledby="answer-title">
      <div className="panel__head">
        <h2 id="answer-title">{t("work.answer")}</h2>
        <span className="save-state" role="status" data-testid="save-state">
          {optimisticSubmit
            ? t("work.submitted")
            : leave === "saving" && busy
              ? t("leave.saving")
              : busy
                ? t("work.saving")
                : conflict
                  ? ""
                  : dirty && !readOnly
                    ? t("work.unsaved")
                    : savedAt?.submitted
                      ? t("work.submitted")
                      : savedAt
                        ? t(savedAt.auto ? "work.autosaved" : "work.savedAt", {
                            time: formatDateTime(savedAt.at, locale),
                          })
                        : ""}
        </span>
      </div>
      {allErrors.length ? (
        <div className="notice notice--error" role="alert">
          <p>{t("work.errors.title")}</p>
          <ul>
            {allErrors.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {leave === "failed" ? (
        <p className="notice notice--warn" role="alert" data-testid="leave-failed">
          {t("leave.failed")}
        </p>
      ) : null}
      {lockedResult ? (
        <p className="notice notice--error" role="alert">
          {t(lockedResult.lock === "not-lead" ? "work.error.notLead" : "work.error.locked")}
        </p>
      ) : null}
      {lateResult ? (
        <p className="notice notice--error" role="alert" data-testid="late-refused">
          {t("late.refused", { deadline: t("deadline.kst", { time: formatDateTime(lateResult.deadlineAt, locale) }) })}
        </p>
      ) : handInClosedAt && maySubmit && !readOnly ? (
        <p className="notice notice--warn" role="status" data-testid="late-closed">
          {t("late.closed", { deadline: t("deadline.kst", { time: formatDateTime(handInClosedAt, locale) }) })}
        </p>
      ) : null}
      {conflict ? (
        <ConflictPanel
          indicator={indicator}
          conflict={conflict}
          onUseTheirs={() => {
            const theirs = formValuesFromDraft(indicator, conflict.theirs.draft, conflict.theirs.version);
            form.reset(theirs);
            setLastSaved(comparable(theirs));
            setConflict(null);
          }}
          onKeepMine={() => {
            form.setValue("version", String(conflict.theirs.version));
            setConflict(null);
            send("save");
          }}
        />
      ) : null}
      <fetcher.Form
        method="post"
        noValidate
        className="form form--wide response-form"
        onSubmit={(event) => {
          const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
          const intent = submitter?.value === "submit" ? "submit" : "save";
          event.preventDefault();
          void form.handleSubmit(() => {
            if (intent === "submit") {
              // What still blocks the hand-in is said before asking to confirm it.
              const missing = liveDraft ? missingForSubmit(indicator, liveDraft) : [];
              if (missing.length) {
                setServer({
                  errors: Object.fromEntries(missing.map((m) => [m.field, { key: m.message }])),
                  sent: form.getValues(),
                });
                return;
              }
              if (!window.confirm(t("work.submit.confirm"))) return;
            }
            send(intent);
          })();
        }}
      >
        <input type="hidden" {...form.register("version")} defaultValue={initial.version} />
        <fieldset disabled={readOnly} className="response-form__fields">
          <fieldset className="field choice" {...errorProps("implemented", "f-implemented")}>
            <legend>{t("work.implemented")}</legend>
            <div className="choice__options">
              {(["yes", "no"] as const).map((v) => (
                <label key={v} className="choice__option">
                  <input
                    type="radio"
                    value={v}
                    {...form.register("implemented")}
                    defaultChecked={initial.implemented === v}
                  />
                  {t(v === "yes" ? "work.implemented.yes" : "work.implemented.no")}
                </label>
              ))}
            </div>
            <span className="field__hint">
              {t(s.kind === "yesno" ? "work.implemented.hintYesno" : "work.implemented.hint")}
            </span>
            <ErrorText id="f-implemented-error" message={errorFor("implemented")} />
          </fieldset>

          {s.kind === "levels" ? (
            <fieldset className="field levels" {...errorProps("level", "f-level")}>
              <legend>{t("work.level")}</legend>
              {s.levels.map((l) => (
                <label key={l.code} className="level-option">
                  <input
                    type="radio"
                    value={l.code}
                    {...form.register("level")}
                    defaultChecked={initial.level === l.code}
                  />
                  <span className="level-option__text">{t("work.levelOption", { code: l.code, label: l.label })}</span>
                  <span className="level-option__points num">
                    {t("common.points", {
                      points: formatTenths(Math.round(l.fraction * toTenths(indicator.maxPoints))),
                    })}
                  </span>
                </label>
              ))}
              <ErrorText id="f-level-error" message={errorFor("level")} />
            </fieldset>
          ) : null}

          {s.kind === "quantitative" ? (
            <fieldset className="field">
              <legend>{t("work.inputs")}</legend>
              <p className="small muted formula-words" data-testid="formula">
                {t("work.formula")}: {formulaText(s, locale)}
              </p>
              <div className="form-row">
                {s.inputs.map((i) => {
                  const id = `f-input-${i.key}`;
                  const hints = inputHints(s, i, locale);
                  const error = errorFor(`inputs.${i.key}`);
                  const describedBy = [error ? `${id}-error` : "", hints.length ? `${id}-hint` : ""]
                    .filter(Boolean)
                    .join(" ");
                  return (
                    <div className="field" key={i.key}>
                      <label htmlFor={id}>
                        {inputLabel(i, locale)}
                        {i.unit ? ` (${i.unit})` : ""}
                      </label>
                      <input
                        id={id}
                        type="text"
                        inputMode="decimal"
                        autoComplete="off"
                        {...form.register(`inputs.${i.key}`)}
                        defaultValue={initial.inputs[i.key]}
                        {...(error ? { "aria-invalid": true as const } : {})}
                        {...(describedBy ? { "aria-describedby": describedBy } : {})}
                      />
                      {hints.length ? (
                        <span id={`${id}-hint`} className="field__hint">
                          {hints.join(" · ")}
                        </span>
                      ) : null}
                      <ErrorText id={`${id}-error`} message={errorFor(`inputs.${i.key}`)} />
                    </div>
                  );
                })}
              </div>
            </fieldset>
          ) : null}

          <LiveScore
            indicator={indicator}
            score={score}
            implemented={liveDraft?.implemented ?? null}
            invalid={!parsed.success}
          />
          {s.kind === "quantitative" ? (
            <>
              <ErrorText id="f-result-error" message={errorFor("result")} />
              <ErrorText id="f-formula-error" message={errorFor("formula")} />
            </>
          ) : null}

          <div className="field">
            <label htmlFor="f-narrative">{t("work.narrative")}</label>
            <textarea
              id="f-narrative"
              rows={6}
              maxLength={NARRATIVE_MAX}
              {...form.register("narrative")}
              defaultValue={initial.narrative}
              {...errorProps("narrative", "f-narrative")}
              aria-describedby={errorFor("narrative") ? "f-narrative-error f-narrative-hint" : "f-narrative-hint"}
            />
            <span id="f-narrative-hint" className="field__hint">
              {t("work.narrative.hint")}
            </span>
            <ErrorText id="f-narrative-error" message={errorFor("narrative")} />
          </div>
        </fieldset>
        {readOnly ? null : (
          <div className="form-actions">
            <button type="submit" name="intent" value="save" className="button button--secondary" disabled={busy}>
              {t("work.save")}
            </button>
            {maySubmit && !handInClosedAt ? (
              <button type="submit" name="intent" value="submit" className="button" disabled={busy}>
                {t("work.submit")}
              </button>
            ) : null}
          </div>
        )}
      </fetcher.Form>
    </section>
  );
}
