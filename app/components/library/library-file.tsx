import { Form, Link } from "@remix-run/react";
import { formatDateTime } from "~/domain/datetime";
import { useLocale, useT } from "../use-t";
import { TargetChoices, type TargetView } from "./target-choices";

export interface LibraryFileData {
  id: number;
  title: string;
  fileName: string;
  fileSize: number;
  createdBy: string;
  createdAt: string;
  current: string[];
  others: { roundTitle: string; codes: string[] }[];
  offer: string[];
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** One library file: where it is linked (this round, other rounds), last round's links offered, link and unlink. */
export function LibraryFileCard({
  file,
  targets,
  editable,
  previousTitle,
  roundId,
}: {
  roundId: number;
  file: LibraryFileData;
  targets: TargetView[];
  editable: boolean;
  previousTitle: string | null;
}) {
  const t = useT();
  const locale = useLocale();
  const lockedCodes = new Set(targets.filter((x) => x.locked).map((x) => x.code));
  const linkable = targets.filter((x) => !file.current.includes(x.code));
  return (
    <li className="library-file" data-testid="library-file" data-file-id={file.id}>
      <div className="library-file__head">
        <a href={`/evidence/library/${file.id}`} download={file.fileName} className="library-file__title">
          {file.title}
        </a>
        <span className="muted small">
          {" "}
          · {file.fileName} · {formatSize(file.fileSize)} ·{" "}
          {t("library.addedBy", { name: file.createdBy, time: formatDateTime(file.createdAt, locale) })}
        </span>
      </div>
      <div className="library-file__links">
        <strong className="small">{t("library.thisRound")}</strong>{" "}
        {file.current.length === 0 ? (
          <span className="muted small">{t("library.thisRound.none")}</span>
        ) : (
          <ul className="chips" data-testid="library-current">
            {file.current.map((code) => (
              <li key={code} className="chip">
                <Link
                  className="num"
                  to={`/rounds/${roundId}/indicators/${encodeURIComponent(code)}`}
                  title={targets.find((x) => x.code === code)?.title}
                >
                  {code}
                </Link>
                {editable && !lockedCodes.has(code) ? (
                  <Form
                    method="post"
                    className="inline-form"
                    onSubmit={(ev) => {
                      if (!window.confirm(t("library.unlink.confirm"))) ev.preventDefault();
                    }}
                  >
                    <input type="hidden" name="fileId" value={file.id} />
                    <input type="hidden" name="code" value={code} />
                    <button
                      type="submit"
                      name="intent"
                      value="unlink"
                      className="chip__remove"
                      aria-label={t("library.unlink.label", { code, title: file.title })}
                      title={t("library.unlink")}
                    >
                      ×
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </div>
      {file.others.length ? (
        <div className="library-file__links small">
          <strong>{t("library.otherRounds")}</strong>{" "}
          {file.others.map((o) => (
            <span key={o.roundTitle} className="muted">
              {o.roundTitle}: {o.codes.join(", ")}{" "}
            </span>
          ))}
        </div>
      ) : null}
      {editable && file.offer.length && previousTitle ? (
        <Form method="post" className="library-offer notice" data-testid="library-offer">
          <input type="hidden" name="fileId" value={file.id} />
          {file.offer.map((code) => (
            <input key={code} type="hidden" name="codes" value={code} />
          ))}
          <span>{t("library.offer", { title: previousTitle, codes: file.offer.join(", ") })}</span>{" "}
          <button type="submit" name="intent" value="link" className="button button--small">
            {t("library.offer.submit")}
          </button>
        </Form>
      ) : null}
      {editable && linkable.length ? (
        <details className="library-file__more">
          <summary>{t("library.link")}</summary>
          <Form method="post" className="form">
            <input type="hidden" name="fileId" value={file.id} />
            <TargetChoices legend={t("library.link")} targets={linkable} idPrefix={`link-${file.id}`} />
            <button type="submit" name="intent" value="link" className="button button--secondary button--small">
              {t("library.link.submit")}
            </button>
          </Form>
        </details>
      ) : null}
    </li>
  );
}
