// @ts-check
// The Express app one worker serves: static assets (precompressed), compressed text responses, the security headers
// on every response, the CSRF origin check
// on every request that can change state, then Remix. The rules themselves are TypeScript in app/utils
// (security.server.ts, csrf.server.ts) and reach this file through the build's entry.server module.
import path from "node:path";
import compression from "compression";
import express from "express";
import { createRequestHandler } from "@remix-run/express";
import { precompressed } from "./precompressed.js";

/**
 * @typedef {object} SecurityHooks
 * @property {(o: { secure: boolean }) => Record<string, string>} commonSecurityHeaders
 * @property {() => string} createNonce
 * @property {(i: { method: string; ownOrigin: string; origin: string | null; referer: string | null; secFetchSite: string | null; allowedOrigins?: readonly string[] }) => string | null} csrfProblem
 * @property {(r: { protocol: string; host: string; forwardedProto?: string | null; forwardedHost?: string | null }, trustProxy: boolean) => string} ownOriginOf
 * @property {(env?: NodeJS.ProcessEnv) => string[]} allowedOriginsFromEnv
 * @property {(env?: NodeJS.ProcessEnv) => string[]} trustedProxiesFromEnv
 * @property {(address: string | undefined) => string} plainAddress
 */

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Text worth compressing: pages, single-fetch data (text/x-script), JSON, CSV, scripts, styles, SVG. */
const COMPRESSIBLE =
  /^\s*(text\/(html|plain|csv|css|javascript|x-script)|application\/(json|javascript|manifest\+json)|image\/svg\+xml)\s*(;|$)/i;

/**
 * Compress text on the fly (brotli at quality 4, or gzip; streamed pages are flushed chunk by chunk by Remix), but
 * never evidence downloads (the institution's own files, passed through as uploaded) nor binary formats (xlsx, pdf,
 * images are compressed already, so they are not in the list).
 * @type {import("compression").CompressionFilter}
 */
function shouldCompress(req, res) {
  if (req.path.startsWith("/evidence/")) return false;
  return COMPRESSIBLE.test(String(res.getHeader("Content-Type") ?? ""));
}

/**
 * @param {import("@remix-run/node").ServerBuild} build
 * @param {{ secure: boolean; publicDir?: string }} options
 */
export function createApp(build, options) {
  const hooks = /** @type {SecurityHooks} */ (/** @type {unknown} */ (build.entry.module));
  for (const name of [
    "commonSecurityHeaders",
    "createNonce",
    "csrfProblem",
    "ownOriginOf",
    "allowedOriginsFromEnv",
    "trustedProxiesFromEnv",
    "plainAddress",
  ]) {
    if (typeof (/** @type {Record<string, unknown>} */ (/** @type {unknown} */ (hooks))[name]) !== "function") {
      throw new Error(`The build's entry.server does not export ${name}; rebuild with \`npm run build\`.`);
    }
  }
  const headers = hooks.commonSecurityHeaders({ secure: options.secure });
  const allowedOrigins = hooks.allowedOriginsFromEnv(process.env);
  const trustedProxies = hooks.trustedProxiesFromEnv(process.env);

  const app = express();
  app.disable("x-powered-by");
  // Express walks X-Forwarded-For from the socket's peer back through the trusted proxies: req.ip is the right-most
  // hop that is not one of them (the client), req.protocol honours X-Forwarded-Proto only from a trusted proxy.
  app.set("trust proxy", trustedProxies.length ? trustedProxies : false);
  const trusts = /** @type {(address: string, hop: number) => boolean} */ (app.get("trust proxy fn"));
  const fromTrustedProxy = (/** @type {import("express").Request} */ req) => trusts(req.socket.remoteAddress ?? "", 0);

  app.use((req, res, next) => {
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    res.locals.cspNonce = hooks.createNonce();
    next();
  });

  // Refuse a state-changing request that did not come from a page of this site, before any body is read.
  app.use((req, res, next) => {
    const problem = hooks.csrfProblem({
      method: req.method,
      ownOrigin: hooks.ownOriginOf(
        {
          protocol: req.protocol,
          host: req.get("host") ?? "",
          forwardedProto: req.get("x-forwarded-proto"),
          forwardedHost: req.get("x-forwarded-host"),
        },
        fromTrustedProxy(req),
      ),
      origin: req.get("origin") ?? null,
      referer: req.get("referer") ?? null,
      secFetchSite: req.get("sec-fetch-site") ?? null,
      allowedOrigins,
    });
    if (!problem) return next();
    res
      .status(403)
      .set({ "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", Connection: "close" });
    res.end(`Forbidden: this request did not come from a page of this site (${problem}).`);
  });

  // Actions read forms: a state-changing request must carry one (urlencoded, or multipart with its boundary).
  // Anything else would make request.formData() throw inside an action, which Remix answers with a 500.
  app.use((req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const type = (req.get("content-type") ?? "").toLowerCase();
    if (
      type.startsWith("application/x-www-form-urlencoded") ||
      (type.startsWith("multipart/form-data") && /;\s*boundary=/.test(type))
    )
      return next();
    res
      .status(415)
      .set({ "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", Connection: "close" });
    res.end("Unsupported Media Type: send a form (application/x-www-form-urlencoded or multipart/form-data).");
  });

  app.use(compression({ filter: shouldCompress, threshold: 1024 }));

  // Fingerprinted build assets never change; the rest of the client build (copies of public/) may. Scripts and styles
  // were compressed at build time (scripts/precompress.mjs): those files are sent as they are.
  const assetsDir = path.join(build.assetsBuildDirectory, "assets");
  app.use(path.posix.join(build.publicPath, "assets"), precompressed(assetsDir, { maxAge: "1y", immutable: true }));
  app.use(
    path.posix.join(build.publicPath, "assets"),
    express.static(assetsDir, { immutable: true, maxAge: "1y", index: false, fallthrough: false }),
  );
  // Only a path that names a file (favicon.ico, fonts/x.woff2) can be a static file: pages skip the disk lookups.
  const forFiles = (/** @type {import("express").RequestHandler} */ serve) =>
    /** @type {import("express").RequestHandler} */ (
      (req, res, next) => (/\.[A-Za-z0-9]{1,8}$/.test(req.path) ? serve(req, res, next) : next())
    );
  app.use(build.publicPath, forFiles(express.static(build.assetsBuildDirectory, { maxAge: "1h", index: false })));
  app.use(forFiles(express.static(options.publicDir ?? "public", { maxAge: "1h", index: false })));

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: build.mode,
      getLoadContext: (req, res) => ({
        cspNonce: res.locals.cspNonce,
        securityHeadersSet: true,
        clientAddress: hooks.plainAddress(req.ip),
      }),
    }),
  );
  return app;
}
