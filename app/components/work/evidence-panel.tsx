import { useActionData, useFetcher } from "@remix-run/react";
import { useEffect, useRef } from "react";
import type { Indicator } from "#indicators/schema";
import { formatDateTime } from "~/domain/datetime";
import { EVIDENCE_ACCEPT } from "~/domain/response-rules";
import type { MessageKey } from "~/i18n";
import type { EvidenceView } from "~/utils/evidence.server";
import type { EvidenceActionData, FieldErrorMap } from "~/utils/responses.server";
import { FileInput } from "~/components/file-input";
import { useLocale, useT } from "../use-t";
import { fieldMessage } from "./labels";

export interface LibraryChoice {
  id: number;
  title: string;
  fileName: string;
  department: string;
  lastRound: boolean;
}

function formatSize(bytes: number | null): string {
  if (bytes === null) return "";
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

type Intent = EvidenceActionData["intent"];

/** The answer to one evidence form, whether it came through a fetcher (JavaScript) or a page POST (without). */
function useEvidenceResult(intent: Intent, fetcherData: EvidenceActionData | undefined): FieldErrorMap | null {
  const page = useActionData() as EvidenceActionData | undefined;
  const result = fetcherData ?? (page && "intent" in page && page.intent === intent ? page : undefined);
  return result && !result.ok ? result.errors : null;
}

function Errors({ indicator, errors }: { indicator: Indicator; errors: FieldErrorMap | null }) {
  const t = useT();
  if (!errors) return null;
  return (
    <div className="notice notice--error" role="alert">
      {Object.entries(errors).map(([field, e]) => (
        <p key={field}>
          {e.key.startsWith("work.evidence.") || e.key.startsWith("library.")
            ? t(e.key as MessageKey, e.params)
            : fieldMessage(t, indicator, field, e.key, e.params)}
        </p>
      ))}
    </div>
  );
}

/** Evidence of the response: who added what and when, downloads, and the three ways to add more. */
export function EvidencePanel({
  indicator,
  evidence,
  editable,
  maxMb,
  library,
}: {
  indicator: Indicator;
  evidence: EvidenceView[];
  editable: boolean;
  maxMb: number;
  /** The department library (docs/decisions/036): files to attach here, and where the library page is. */
  library?: { roundId: number; department: number | null; choices: LibraryChoice[] };
}) {
  const t = useT();
  const locale = useLocale();
  const upload = useFetcher<EvidenceActionData>({ key: `evidence-upload:${indicator.code}` });
  const link = useFetcher<EvidenceActionData>({ key: `evidence-link:${indicator.code}` });
  const note = useFetcher<EvidenceActionData>({ key: `evidence-note:${indicator.code}` });
  const remove = useFetcher<EvidenceActionData>();
  const attach = useFetcher<EvidenceActionData>({ key: `evidence-library:${indicator.code}` });
  const attachErrors = useEvidenceResult("linkLibrary", attach.data);
  const uploadErrors = useEvidenceResult("upload", upload.data);
  const linkErrors = useEvidenceResult("addLink", link.data);
  const noteErrors = useEvidenceResult("addNote", note.data);
  const uploadForm = useRef<HTMLFormElement>(null);
  const linkForm = useRef<HTMLFormElement>(null);
  const noteForm = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (upload.state === "idle" && upload.data?.ok) uploadForm.current?.reset();
  }, [upload.state, upload.data]);
  useEffect(() => {
    if (link.state === "idle" && link.data?.ok) linkForm.current?.reset();
  }, [link.state, link.data]);
  useEffect(() => {
    if (note.state === "idle" && note.data?.ok) noteForm.current?.reset();
  }, [note.state, note.data]);
  const deleting = remove.state !== "idle" ? Number(remove.formData?.get("evidenceId")) : null;

  return (
    <section className="panel" aria-labelledby="evidence-title">
      <h2 id="evidence-title">
        {t("work.evidence")} <span className="muted small">({evidence.length})</span>
      </h2>
      {evidence.length === 0 ? (
        <p className="muted">{t("work.evidence.none")}</p>
      ) : (
        <ul className="evidence-list" data-testid="evidence-list">
          {evidence
            .filter((e) => e.id !== deleting)
            .map((e) => (
              <li key={e.id} className="evidence">
                <span className={`badge badge--kind-${e.kind}`}>{t(`work.evidence.kind.${e.kind}` as MessageKey)}</span>
                {e.libraryFileId !== null ? (
                  <span className="badge" data-testid="library-badge">
                    {t("library.badge")}
                  </span>
                ) : null}
                <div className="evidence__body">
                  <div className="evidence__title">
                    {e.kind === "file" ? (
                      <a href={`/evidence/${e.id}`} download={e.fileName ?? undefined}>
                        {e.title}
                      </a>
                    ) : e.kind === "link" && e.url ? (
                      <a href={e.url} target="_blank" rel="noopener noreferrer">
                        {e.title}
                      </a>
                    ) : (
                      <strong>{e.title}</strong>
                    )}
                    {e.kind === "file" ? (
                      <span className="muted small">
                        {" "}
                        · {e.fileName} · {formatSize(e.fileSize)}
                      </span>
                    ) : null}
                  </div>
                  {e.kind === "file" && e.fileMime?.startsWith("image/") ? (
                    <a href={`/evidence/${e.id}?inline=1`} target="_blank" rel="noopener">
                      <img
                        className="evidence__preview"
                        src={`/evidence/${e.id}?inline=1`}
                        alt={e.title}
                        loading="lazy"
                      />
                    </a>
                  ) : null}
                  {e.kind === "file" && e.fileMime === "application/pdf" ? (
                    <a className="small" href={`/evidence/${e.id}?inline=1`} target="_blank" rel="noopener">
                      {t("work.evidence.viewPdf")}
                    </a>
                  ) : null}
                  {e.kind === "link" && e.url ? <div className="small muted evidence__url">{e.url}</div> : null}
                  {e.kind === "note" && e.note ? <p className="evidence__note">{e.note}</p> : null}
                  <div className="small muted">
                    {t("work.evidence.addedBy", { name: e.createdBy, time: formatDateTime(e.createdAt, locale) })}
                  </div>
                </div>
                {editable ? (
                  <remove.Form
                    method="post"
                    className="inline-form"
                    onSubmit={(ev) => {
                      const ask = e.libraryFileId !== null ? "library.unlink.confirm" : "work.evidence.delete.confirm";
                      if (!window.confirm(t(ask))) ev.preventDefault();
                    }}
                  >
                    <input type="hidden" name="evidenceId" value={e.id} />
                    <button
                      type="submit"
                      name="intent"
                      value="deleteEvidence"
                      className="button button--ghost button--small"
                      aria-label={`${t(e.libraryFileId !== null ? "library.unlink" : "work.evidence.delete")}: ${e.title}`}
                    >
                      {t(e.libraryFileId !== null ? "library.unlink" : "work.evidence.delete")}
                    </button>
                  </remove.Form>
                ) : null}
              </li>
            ))}
        </ul>
      )}

      {library ? (
        <p className="small">
          <a
            href={`/rounds/${library.roundId}/library${library.department !== null ? `?department=${library.department}` : ""}`}
          >
            {t("library.fromLibrary.manage")}
          </a>
        </p>
      ) : null}
      {editable && library && library.choices.length ? (
        <div className="evidence-add">
          <h3>{t("library.fromLibrary")}</h3>
          <attach.Form method="post" className="library-attach" data-testid="library-attach">
            <div className="field">
              <label htmlFor="ev-library">{t("library.fromLibrary.choose")}</label>
              <select id="ev-library" name="fileId">
                {library.choices.map((c) => (
                  <option key={c.id} value={c.id}>
                    {new Set(library.choices.map((x) => x.department)).size > 1 ? `[${c.department}] ` : ""}
                    {c.title}
                    {c.title !== c.fileName ? ` (${c.fileName})` : ""}
                    {c.lastRound ? ` · ${t("library.fromLibrary.lastRound")}` : ""}
                  </option>
                ))}
              </select>
            </div>
            <button
              type="submit"
              name="intent"
              value="linkLibrary"
              className="button button--secondary"
              disabled={attach.state !== "idle"}
            >
              {t("library.fromLibrary.submit")}
            </button>
          </attach.Form>
          <Errors indicator={indicator} errors={attachErrors} />
        </div>
      ) : null}
      {editable ? (
        <div className="evidence-add">
          <h3>{t("work.evidence.addFile")}</h3>
          <upload.Form
            ref={uploadForm}
            method="post"
            encType="multipart/form-data"
            className="form form--wide"
            noValidate
          >
            <input type="hidden" name="intent" value="upload" />
            <div className="form-row">
              <div className="field">
                <label htmlFor="ev-file-title">{t("work.evidence.title")}</label>
                <input id="ev-file-title" name="title" maxLength={200} aria-describedby="ev-file-title-hint" />
                <span id="ev-file-title-hint" className="field__hint">
                  {t("work.evidence.title.hint")}
                </span>
              </div>
              <div className="field">
                <label htmlFor="ev-file">{t("work.evidence.file")}</label>
                <FileInput
                  id="ev-file"
                  name="file"
                  accept={EVIDENCE_ACCEPT}
                  aria-describedby="ev-file-hint"
                  aria-invalid={uploadErrors ? true : undefined}
                />
                <span id="ev-file-hint" className="field__hint">
                  {t("work.evidence.file.hint", { max: maxMb })}
                </span>
              </div>
            </div>
            <Errors indicator={indicator} errors={uploadErrors} />
            {upload.state === "idle" && upload.data?.ok ? (
              <p className="small ok-text" role="status" data-testid="upload-done">
                {t("work.evidence.uploaded")}
              </p>
            ) : null}
            <div>
              <button type="submit" className="button" disabled={upload.state !== "idle"}>
                {upload.state !== "idle" ? t("work.evidence.uploading") : t("work.evidence.upload")}
              </button>
            </div>
          </upload.Form>

          <details className="evidence-more" open={Boolean(linkErrors)}>
            <summary>{t("work.evidence.addLink")}</summary>
            <link.Form ref={linkForm} method="post" className="form form--wide" noValidate>
              <div className="form-row">
                <div className="field">
                  <label htmlFor="ev-link-title">{t("work.evidence.title")}</label>
                  <input id="ev-link-title" name="title" maxLength={200} required />
                </div>
                <div className="field">
                  <label htmlFor="ev-link-url">{t("work.evidence.url")}</label>
                  <input id="ev-link-url" name="url" type="url" inputMode="url" placeholder="https://" required />
                </div>
              </div>
              <Errors indicator={indicator} errors={linkErrors} />
              <div>
                <button
                  type="submit"
                  name="intent"
                  value="addLink"
                  className="button button--secondary"
                  disabled={link.state !== "idle"}
                >
                  {t("work.evidence.add")}
                </button>
              </div>
            </link.Form>
          </details>

          <details className="evidence-more" open={Boolean(noteErrors)}>
            <summary>{t("work.evidence.addNote")}</summary>
            <note.Form ref={noteForm} method="post" className="form form--wide" noValidate>
              <div className="field">
                <label htmlFor="ev-note-title">{t("work.evidence.title")}</label>
                <input id="ev-note-title" name="title" maxLength={200} required />
              </div>
              <div className="field">
                <label htmlFor="ev-note">{t("work.evidence.note")}</label>
                <textarea id="ev-note" name="note" rows={3} maxLength={4000} required />
              </div>
              <Errors indicator={indicator} errors={noteErrors} />
              <div>
                <button
                  type="submit"
                  name="intent"
                  value="addNote"
                  className="button button--secondary"
                  disabled={note.state !== "idle"}
                >
                  {t("work.evidence.add")}
                </button>
              </div>
            </note.Form>
          </details>
        </div>
      ) : null}
    </section>
  );
}
