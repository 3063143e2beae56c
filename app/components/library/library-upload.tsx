import { Form, useActionData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { FileInput } from "~/components/file-input";
import { EVIDENCE_ACCEPT } from "~/domain/response-rules";
import { useT } from "../use-t";
import { TargetChoices, type TargetView } from "./target-choices";

/** Upload once, link to several: a file, an optional name and the indicators of this round to link it to. */
export function LibraryUpload({ targets, maxMb }: { targets: TargetView[]; maxMb: number }) {
  const t = useT();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formEncType === "multipart/form-data";
  // After a successful upload the form empties, so the same file is not sent twice by a second click.
  const result = useActionData() as { ok: boolean; notice?: { key: string } } | undefined;
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (navigation.state === "idle" && result?.ok && result.notice?.key.startsWith("library.upload."))
      form.current?.reset();
  }, [navigation.state, result]);
  return (
    <section className="panel" aria-labelledby="library-upload">
      <h2 id="library-upload">{t("library.upload.title")}</h2>
      <Form ref={form} method="post" encType="multipart/form-data" className="form form--wide" noValidate>
        <div className="form-row">
          <div className="field">
            <label htmlFor="library-file">{t("library.upload.file")}</label>
            <FileInput id="library-file" name="file" accept={EVIDENCE_ACCEPT} aria-describedby="library-file-hint" />
            <span id="library-file-hint" className="field__hint">
              {t("work.evidence.file.hint", { max: maxMb })}
            </span>
          </div>
          <div className="field">
            <label htmlFor="library-title">{t("library.upload.name")}</label>
            <input id="library-title" name="title" maxLength={200} aria-describedby="library-title-hint" />
            <span id="library-title-hint" className="field__hint">
              {t("library.upload.name.hint")}
            </span>
          </div>
        </div>
        <TargetChoices legend={t("library.upload.codes")} targets={targets} idPrefix="upload" />
        <div>
          <button type="submit" className="button" disabled={busy}>
            {busy ? t("work.evidence.uploading") : t("library.upload.submit")}
          </button>
        </div>
      </Form>
    </section>
  );
}
