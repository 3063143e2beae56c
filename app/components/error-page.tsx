import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import type { MessageKey } from "~/i18n";
import { useT } from "./use-t";

/**
 * The error boundary's page: a sentence a person understands for 403, 404 and everything else. It is shown inside
 * the app shell (header and navigation, see ErrorBoundary in app/root.tsx), so a refused page still lets the
 * person go elsewhere.
 */
export function ErrorPage() {
  const error = useRouteError();
  const t = useT();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const key: MessageKey = status === 403 ? "error.403" : status === 404 ? "error.404" : "error.500";
  if (status >= 500 && typeof console !== "undefined") console.error(error);
  return (
    <section className="panel error-panel" role="alert" data-testid="error-page">
      <p className="error-panel__code">{status}</p>
      <h1>{t("error.title")}</h1>
      <p>{t(key)}</p>
      <Link to="/" className="button">
        {t("error.back")}
      </Link>
    </section>
  );
}
