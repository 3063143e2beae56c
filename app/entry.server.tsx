// Renders HTML documents. Each document gets its own CSP nonce (from the production server's load context, or a
// fresh one), carried by every inline script Remix and React write, and the security headers.
import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext, HandleDataRequestFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { env } from "~/utils/env.server";
import { NonceProvider } from "~/utils/nonce";
import { applyDocumentHeaders, commonSecurityHeaders, createNonce } from "~/utils/security.server";

// Used by the production server (server/app.js) through the build, so the rules live in one typed place.
export { allowedOriginsFromEnv, csrfProblem, ownOriginOf } from "~/utils/csrf.server";
export { commonSecurityHeaders, createNonce } from "~/utils/security.server";
export { plainAddress, trustedProxiesFromEnv } from "~/utils/trust-proxy.server";
// Closes what this process opened (the database, …) once the server has answered its last request.
export { runShutdownHooks } from "~/utils/shutdown.server";

const ABORT_DELAY = 5_000;

/** What the production server (server/app.js) passes as the load context. */
interface ServerContext {
  cspNonce?: string;
  /** The server already set the common security headers on the response. */
  securityHeadersSet?: boolean;
  /** Who is asking: the socket's peer, or the client a trusted proxy forwarded (see trust-proxy.server.ts). */
  clientAddress?: string;
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const context = loadContext as ServerContext | undefined;
  const nonce = typeof context?.cspNonce === "string" && context.cspNonce ? context.cspNonce : createNonce();
  // Vite's dev server injects its own inline scripts; the policy applies to real builds.
  applyDocumentHeaders(responseHeaders, nonce, {
    secure: env.secureCookies,
    csp: env.NODE_ENV !== "development",
    common: !context?.securityHeadersSet,
  });
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode;

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const ready = () => {
      shellRendered = true;
      const body = new PassThrough();
      responseHeaders.set("Content-Type", "text/html; charset=utf-8");
      resolve(
        new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }),
      );
      pipe(body);
    };
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        ...(waitForAll ? { onAllReady: ready } : { onShellReady: ready }),
        onShellError: reject,
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors before the shell are logged by Remix when the promise rejects.
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

/** Data requests (single fetch) carry the same headers as documents, less the CSP, which only HTML needs. */
export const handleDataRequest: HandleDataRequestFunction = (response, { context }) => {
  if ((context as ServerContext | undefined)?.securityHeadersSet) return response;
  for (const [name, value] of Object.entries(commonSecurityHeaders({ secure: env.secureCookies }))) {
    if (!response.headers.has(name)) response.headers.set(name, value);
  }
  return response;
};
