import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import libraryHref from "~/styles/library.css?url";
import roundsHref from "~/styles/rounds.css?url";
import { LibraryFileCard } from "~/components/library/library-file";
import { LibraryUpload } from "~/components/library/library-upload";
import { useT } from "~/components/use-t";
import { EVIDENCE_LOCKED_STATUSES, linksToOffer } from "~/domain/evidence-library";
import type { MessageKey } from "~/i18n";
import { db } from "~/utils/db.server";
import { getEdition } from "~/utils/editions.server";
import { env } from "~/utils/env.server";
import { discardBody, receiveUpload } from "~/utils/evidence.server";
import { departmentTargets, libraryFile, listLibrary, previousRound } from "~/utils/library-read.server";
import { type LibraryMessage, linkFile, refusal, unlinkFile, uploadToLibrary } from "~/utils/library-write.server";
import { found, guardLibrary } from "~/utils/guards.server";
import { pageTitle } from "~/utils/meta";
import { localFileStore } from "~/utils/storage.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: roundsHref },
  { rel: "stylesheet", href: libraryHref },
];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "library.title");

export type LibraryActionData = { ok: true; notice: LibraryMessage } | { ok: false; error: LibraryMessage };

/** A department's evidence library: its files, where each is linked in every round, and linking in this one. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { round, departments, department, mayChange } = await guardLibrary(request, params.roundId);
  const edition = found(await getEdition(db, round.edition_id));
  const order = new Map(edition.indicators.map((i, n) => [i.code, n]));
  const titles = new Map(edition.indicators.map((i) => [i.code, i.title]));
  const [targets, files, previous] = await Promise.all([
    departmentTargets(db, round.id, department.id),
    listLibrary(db, department.id),
    previousRound(db, round),
  ]);
  targets.sort((a, b) => (order.get(a.code) ?? 0) - (order.get(b.code) ?? 0));
  return {
    round: { id: round.id, title: round.title, state: round.state },
    departments,
    department,
    mayChange,
    editable: mayChange && round.state === "open",
    previousTitle: previous?.title ?? null,
    uploadMaxMb: env.UPLOAD_MAX_MB,
    targets: targets.map((t) => ({
      code: t.code,
      title: titles.get(t.code) ?? t.code,
      role: t.role,
      locked: EVIDENCE_LOCKED_STATUSES.includes(t.status),
    })),
    files: files.map((f) => {
      const current = f.links.filter((l) => l.roundId === round.id);
      const currentCodes = new Set(current.map((l) => l.code));
      const others = new Map<number, { roundTitle: string; codes: string[] }>();
      for (const l of f.links.filter((x) => x.roundId !== round.id)) {
        const entry = others.get(l.roundId) ?? { roundTitle: l.roundTitle, codes: [] };
        entry.codes.push(l.code);
        others.set(l.roundId, entry);
      }
      return {
        ...f,
        links: undefined,
        current: current.map((l) => l.code).sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)),
        others: [...others.values()],
        offer: linksToOffer({
          previous: new Set(f.links.filter((l) => l.roundId === previous?.id).map((l) => l.code)),
          current: currentCodes,
          targets,
        }),
      };
    }),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, round, department, mayChange } = await guardLibrary(request, params.roundId);
  const multipart = (request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data");
  if (!mayChange) {
    if (multipart) await discardBody(request);
    throw new Response("Forbidden", { status: 403 });
  }
  const refuse = (status: number, error: LibraryMessage) => data<LibraryActionData>({ ok: false, error }, { status });

  if (multipart) {
    // Refuse before storing anything when the round cannot take evidence now.
    if (round.state !== "open") {
      await discardBody(request);
      return refuse(409, { key: "library.error.roundLocked" });
    }
    const received = await receiveUpload(request, localFileStore(env.uploadDir), env.uploadMaxBytes);
    if (received.problem || !received.file) {
      const p = received.problem ?? { key: "work.evidence.noFile" as const };
      const params: Record<string, string | number> = {};
      if ("name" in p) params.name = p.name;
      if ("ext" in p) params.ext = p.ext;
      if ("maxMb" in p) params.max = p.maxMb;
      return refuse(p.key === "work.evidence.tooLarge" ? 413 : 400, { key: p.key, params });
    }
    const title = (received.fields.title ?? "").trim().slice(0, 200) || received.file.name;
    const codes = received.lists.codes ?? [];
    const outcome = await uploadToLibrary(db, actor.userId, round, department.id, received.file, title, codes);
    if (!outcome.ok) {
      const r = refusal(outcome);
      return refuse(r.status, r.error);
    }
    return data<LibraryActionData>({
      ok: true,
      notice: {
        key: outcome.created ? "library.upload.done" : "library.upload.same",
        params: { title, count: outcome.codes.length },
      },
    });
  }

  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const fileId = Number(form.get("fileId"));
  const file = Number.isInteger(fileId) && fileId > 0 && fileId < 2 ** 31 ? await libraryFile(db, fileId) : undefined;
  // Only this department's files are changed from its library page.
  if (!file || file.department_id !== department.id) throw new Response("Not Found", { status: 404 });
  if (intent === "link") {
    const codes = form.getAll("codes").map(String);
    const outcome = await linkFile(db, actor.userId, round, file.id, codes);
    if (!outcome.ok) {
      const r = refusal(outcome);
      return refuse(r.status, r.error);
    }
    return data<LibraryActionData>({
      ok: true,
      notice: outcome.codes.length
        ? { key: "library.linked", params: { title: file.title, codes: outcome.codes.join(", ") } }
        : { key: "library.linked.nothing" },
    });
  }
  if (intent === "unlink") {
    const code = String(form.get("code") ?? "");
    const outcome = await unlinkFile(db, actor.userId, round, file.id, code);
    if (!outcome.ok) {
      const r = refusal(outcome);
      return refuse(r.status, r.error);
    }
    return data<LibraryActionData>({
      ok: true,
      notice: { key: "library.unlinked", params: { title: file.title, code } },
    });
  }
  return refuse(400, { key: "work.error.unknownIntent" });
}

export default function LibraryPage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as LibraryActionData | undefined;
  const t = useT();
  return (
    <>
      <p className="no-print breadcrumb">
        <Link to="/">{t("work.backToList")}</Link>
      </p>
      <div className="page-head">
        <div>
          <p className="muted small">{d.round.title}</p>
          <h1>
            {t("library.title")} <span className="muted">· {d.department.name}</span>
          </h1>
          <p className="muted">{t("library.intro")}</p>
        </div>
      </div>
      {d.departments.length > 1 ? (
        <Form method="get" className="form form--inline library-department">
          <label htmlFor="library-department">{t("library.department")}</label>
          <select id="library-department" name="department" defaultValue={d.department.id}>
            {d.departments.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
          <button type="submit" className="button button--secondary button--small">
            {t("library.show")}
          </button>
        </Form>
      ) : null}
      {result ? (
        result.ok ? (
          <p className="notice notice--ok" role="status" data-testid="library-notice">
            {t(result.notice.key, result.notice.params)}
          </p>
        ) : (
          <p className="notice notice--error" role="alert" data-testid="library-error">
            {t(result.error.key as MessageKey, result.error.params)}
          </p>
        )
      ) : null}
      {!d.mayChange ? <p className="notice">{t("library.readOnly")}</p> : null}
      {d.mayChange && d.round.state !== "open" ? (
        <p className="notice notice--warn" data-testid="library-locked">
          {t("library.locked", { state: t(`round.state.${d.round.state}` as MessageKey) })}
        </p>
      ) : null}
      {d.editable ? <LibraryUpload targets={d.targets} maxMb={d.uploadMaxMb} /> : null}
      <section className="panel" aria-labelledby="library-files">
        <h2 id="library-files">{t("library.files", { count: d.files.length })}</h2>
        {d.files.length === 0 ? <p className="muted">{t("library.empty")}</p> : null}
        <ul className="library-files" data-testid="library-files">
          {d.files.map((f) => (
            <LibraryFileCard
              key={f.id}
              file={f}
              roundId={d.round.id}
              targets={d.targets}
              editable={d.editable}
              previousTitle={d.previousTitle}
            />
          ))}
        </ul>
      </section>
    </>
  );
}
