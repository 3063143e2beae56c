// Cross-site request forgery defence: every request that can change state (anything but GET, HEAD, OPTIONS) must
// come from a page of this site. Browsers say where a request comes from in Sec-Fetch-Site (all current ones) and
// Origin (on every POST); a request that says neither, or says another site, is refused before any action runs.
// SameSite=Lax cookies already stop most cross-site posts; this closes the rest (same-site subdomains, old browsers,
// top-level POST navigations within the Lax window). See docs/decisions.

export interface CsrfInput {
  method: string;
  /** This server's own origin as the browser sees it, e.g. "https://injeungjigi.go.kr". */
  ownOrigin: string;
  origin: string | null;
  referer: string | null;
  secFetchSite: string | null;
  /** Further origins allowed to post here (ALLOWED_ORIGINS), e.g. a public host name in front of a proxy. */
  allowedOrigins?: readonly string[];
}

export type CsrfProblem = "cross-site" | "foreign-origin" | "missing-origin";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === "http:" || u.protocol === "https:" ? u.origin : null;
  } catch {
    return null;
  }
}

/** Why the request must be refused, or null when it may proceed. */
export function csrfProblem(input: CsrfInput): CsrfProblem | null {
  if (SAFE_METHODS.has(input.method.toUpperCase())) return null;
  const allowed = new Set([input.ownOrigin, ...(input.allowedOrigins ?? [])].map((o) => originOf(o) ?? o));
  if (input.origin !== null) {
    // "null" is what a sandboxed frame, a data: URL or a privacy redirect sends: never trusted.
    return allowed.has(originOf(input.origin) ?? "null") ? null : "foreign-origin";
  }
  const site = input.secFetchSite?.toLowerCase() ?? null;
  if (site === "cross-site" || site === "same-site") return "cross-site";
  if (site === "same-origin") return null;
  if (input.referer !== null) {
    const from = originOf(input.referer);
    return from !== null && allowed.has(from) ? null : "foreign-origin";
  }
  return "missing-origin";
}

/** The origin this server answers on, from the request (Host), or from a trusted proxy's X-Forwarded-* headers. */
export function ownOriginOf(
  request: { protocol: string; host: string; forwardedProto?: string | null; forwardedHost?: string | null },
  trustProxy: boolean,
): string {
  const proto = (trustProxy && request.forwardedProto?.split(",")[0]?.trim()) || request.protocol;
  const host = (trustProxy && request.forwardedHost?.split(",")[0]?.trim()) || request.host;
  return `${proto.replace(/:$/, "")}://${host}`;
}

/** Checks a Fetch API Request (as Remix sees it); the answer to send, or null. */
export function csrfRejection(
  request: Request,
  options: { allowedOrigins?: readonly string[]; trustProxy?: boolean } = {},
): Response | null {
  const url = new URL(request.url);
  const ownOrigin = ownOriginOf(
    {
      protocol: url.protocol,
      host: url.host,
      forwardedProto: request.headers.get("x-forwarded-proto"),
      forwardedHost: request.headers.get("x-forwarded-host"),
    },
    options.trustProxy ?? false,
  );
  const problem = csrfProblem({
    method: request.method,
    ownOrigin,
    origin: request.headers.get("origin"),
    referer: request.headers.get("referer"),
    secFetchSite: request.headers.get("sec-fetch-site"),
    allowedOrigins: options.allowedOrigins,
  });
  if (!problem) return null;
  return new Response(`Forbidden: this request did not come from a page of this site (${problem}).`, {
    status: 403,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/** ALLOWED_ORIGINS: comma-separated origins besides the server's own, e.g. "https://cert.example.go.kr". */
export function allowedOriginsFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.ALLOWED_ORIGINS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}
