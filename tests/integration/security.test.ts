// Security rules as pure functions (CSRF origin check, headers, CSP) and the session guarantees that
// tests/integration/auth.test.ts does not already cover: a planted cookie is never adopted, throttling by address
// and its window, a throttled sign-in issues no session, deactivation ends live sessions at once.
// The same rules over real HTTP against the production server: tests/e2e/server.test.ts.
import { describe, expect, it } from "vitest";
import { action as loginAction } from "~/routes/login";
import { loader as homeLoader } from "~/routes/_index";
import { signIn } from "~/utils/auth.server";
import { csrfProblem, csrfRejection, ownOriginOf } from "~/utils/csrf.server";
import {
  applyDocumentHeaders,
  commonSecurityHeaders,
  contentSecurityPolicy,
  createNonce,
} from "~/utils/security.server";
import { createSession, destroyUserSessions, sessionUserId } from "~/utils/session.server";
import { createUser, db, requestAs, routeArgs, statusOf } from "../utils";

const PASSWORD = "correct horse 1";
const OWN = "https://injeungjigi.example.go.kr";
const post = (
  h: Partial<{ origin: string | null; referer: string | null; secFetchSite: string | null; method: string }>,
) =>
  csrfProblem({
    method: h.method ?? "POST",
    ownOrigin: OWN,
    origin: h.origin ?? null,
    referer: h.referer ?? null,
    secFetchSite: h.secFetchSite ?? null,
  });

describe("CSRF origin check", () => {
  it("lets safe methods through whatever their origin", () => {
    for (const method of ["GET", "HEAD", "OPTIONS", "get"])
      expect(post({ method, origin: "https://evil.example" })).toBeNull();
  });

  it("accepts a state change from a page of this site", () => {
    expect(post({ origin: OWN })).toBeNull();
    expect(post({ origin: OWN, secFetchSite: "same-origin" })).toBeNull();
    expect(post({ secFetchSite: "same-origin" })).toBeNull();
    expect(post({ referer: `${OWN}/rounds/1/indicators/1.1.1` })).toBeNull();
  });

  it("refuses every state-changing method from another site, a sibling subdomain, an opaque origin or nowhere", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      expect(post({ method, origin: "https://evil.example" })).toBe("foreign-origin");
    }
    expect(post({ origin: "https://other.example.go.kr" })).toBe("foreign-origin");
    expect(post({ origin: "http://injeungjigi.example.go.kr" })).toBe("foreign-origin"); // scheme differs
    expect(post({ origin: "https://injeungjigi.example.go.kr:8443" })).toBe("foreign-origin"); // port differs
    expect(post({ origin: "null" })).toBe("foreign-origin");
    expect(post({ secFetchSite: "cross-site" })).toBe("cross-site");
    expect(post({ secFetchSite: "same-site" })).toBe("cross-site");
    expect(post({ referer: "https://evil.example/page" })).toBe("foreign-origin");
    expect(post({ referer: "not a url" })).toBe("foreign-origin");
    expect(post({})).toBe("missing-origin");
  });

  it("trusts ALLOWED_ORIGINS and a proxy's forwarded host only when told to", () => {
    expect(
      csrfProblem({
        method: "POST",
        ownOrigin: "http://10.0.0.5:3000",
        origin: OWN,
        referer: null,
        secFetchSite: null,
        allowedOrigins: [OWN],
      }),
    ).toBeNull();
    const behindProxy = {
      protocol: "http",
      host: "10.0.0.5:3000",
      forwardedProto: "https",
      forwardedHost: "injeungjigi.example.go.kr",
    };
    expect(ownOriginOf(behindProxy, true)).toBe(OWN);
    expect(ownOriginOf(behindProxy, false)).toBe("http://10.0.0.5:3000");
  });

  it("answers a refused Fetch request with 403 before anything reads it", async () => {
    const evil = new Request("http://localhost/login", {
      method: "POST",
      headers: { Origin: "https://evil.example" },
      body: "x=1",
    });
    const res = csrfRejection(evil);
    expect(res?.status).toBe(403);
    expect(evil.bodyUsed).toBe(false);
    expect(
      csrfRejection(
        new Request("http://localhost/login", { method: "POST", headers: { Origin: "http://localhost" }, body: "x=1" }),
      ),
    ).toBeNull();
  });
});

describe("security headers and CSP", () => {
  it("allows scripts only from this origin or with the response's nonce, and forbids framing, plugins and <base>", () => {
    const nonce = createNonce();
    const csp = contentSecurityPolicy(nonce);
    expect(csp).toContain(`script-src 'self' 'nonce-${nonce}'`);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
    for (const directive of [
      "default-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ]) {
      expect(csp).toContain(directive);
    }
    expect(createNonce()).not.toBe(nonce);
    expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });

  it("sets the usual headers, HSTS only over https, and keeps pages out of shared caches", () => {
    const plain = commonSecurityHeaders({ secure: false });
    expect(plain).toMatchObject({
      "X-Content-Type-Options": "nosniff",
      "X-Frame-Options": "DENY",
      "Referrer-Policy": "strict-origin-when-cross-origin",
    });
    expect(plain["Strict-Transport-Security"]).toBeUndefined();
    expect(commonSecurityHeaders({ secure: true })["Strict-Transport-Security"]).toMatch(/max-age=\d{8}/);
    const headers = new Headers();
    applyDocumentHeaders(headers, "abc", { secure: false, csp: true, common: true });
    expect(headers.get("Content-Security-Policy")).toContain("'nonce-abc'");
    expect(headers.get("Cache-Control")).toBe("private, no-store");
    expect(headers.get("X-Frame-Options")).toBe("DENY");
  });
});

/** A sign-in form posted from `ip` (the address the server would put in the load context). */
function loginArgs(username: string, password: string, ip: string, cookie?: string) {
  const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded" };
  if (cookie) headers.Cookie = cookie;
  const request = new Request("http://localhost/login", {
    method: "POST",
    headers,
    body: new URLSearchParams({ username, password, redirectTo: "/" }),
  });
  return routeArgs(request, {}, { clientAddress: ip });
}

const tokenCookie = (res: Response) => (res.headers.get("Set-Cookie") ?? "").split(";")[0];

describe("session fixation", () => {
  it("never adopts a session cookie the request already carried: sign-in issues a new one and the old one stays someone else's", async () => {
    const attacker = await createUser();
    const victim = await createUser();
    // The attacker plants their own valid session cookie in the victim's browser, then the victim signs in.
    const planted = (await createSession(attacker.id, "planted")).split(";")[0];
    const res = (await loginAction(loginArgs(victim.username, PASSWORD, "10.3.0.1", planted))) as Response;
    expect(res.status).toBe(302);
    const issued = tokenCookie(res);
    expect(issued).toMatch(/^__session=/);
    expect(issued).not.toBe(planted);
    expect(await sessionUserId(new Request("http://localhost/", { headers: { Cookie: issued } }))).toBe(victim.id);
    // The planted cookie still belongs to the attacker: it never became the victim's session.
    expect(await sessionUserId(new Request("http://localhost/", { headers: { Cookie: planted } }))).toBe(attacker.id);
  });

  it("a made-up token that was never issued is ignored, signed or not", async () => {
    const user = await createUser();
    const res = (await loginAction(
      loginArgs(user.username, PASSWORD, "10.3.0.2", "__session=attacker-chosen-token-value-xxxxxxxxxxxx"),
    )) as Response;
    expect(tokenCookie(res)).not.toContain("attacker-chosen");
    expect(
      await sessionUserId(
        new Request("http://localhost/", { headers: { Cookie: "__session=attacker-chosen-token-value-xxxxxxxxxxxx" } }),
      ),
    ).toBeNull();
  });

  it("deactivating a person or resetting their sessions ends every live session at once", async () => {
    const user = await createUser({ admin: true });
    // Two browsers with live sessions; each visit is a new request carrying the browser's cookie.
    const first = await requestAs(user.id, "/");
    const second = await requestAs(user.id, "/");
    const a = () => new Request(first.url, { headers: first.headers });
    const b = () => new Request(second.url, { headers: second.headers });
    expect(await statusOf(() => homeLoader(routeArgs(a())))).toBe(200);
    await db.updateTable("users").set({ active: 0 }).where("id", "=", user.id).execute();
    expect(await statusOf(() => homeLoader(routeArgs(a())))).toBe(302);
    await db.updateTable("users").set({ active: 1 }).where("id", "=", user.id).execute();
    await destroyUserSessions(user.id);
    expect(await statusOf(() => homeLoader(routeArgs(a())))).toBe(302);
    expect(await statusOf(() => homeLoader(routeArgs(b())))).toBe(302);
  });
});

describe("sign-in throttling", () => {
  it("a throttled sign-in with the right password issues no session cookie and no session row", async () => {
    const user = await createUser();
    for (let i = 0; i < 5; i++) await signIn(user.username, "wrong wrong", "10.4.0.1");
    const res = await loginAction(loginArgs(user.username, PASSWORD, "10.4.0.1"));
    expect(res).not.toBeInstanceOf(Response);
    expect(res).toMatchObject({ errors: { _form: "login.throttled" } });
    const rows = await db.selectFrom("sessions").select("id").where("user_id", "=", user.id).execute();
    expect(rows).toHaveLength(0);
  });

  it("throttles an address spraying many usernames, but not the same people from another address", async () => {
    const victim = await createUser();
    // Twenty failures with made-up names, recorded as sign-in records them (without twenty password hashes, which
    // alone took most of the test's time limit on a busy machine); the spray itself over HTTP: tests/fault/deploy-hardening.
    const at = new Date().toISOString();
    await db
      .insertInto("login_attempts")
      .values(
        Array.from({ length: 20 }, (_, i) => ({
          username: `nobody-${i}-${Date.now()}`,
          ip: "10.5.0.1",
          succeeded: 0,
          at,
        })),
      )
      .execute();
    expect(await signIn(victim.username, PASSWORD, "10.5.0.1")).toEqual({ ok: false, reason: "throttled" });
    expect((await signIn(victim.username, PASSWORD, "10.5.0.2")).ok).toBe(true);
  });

  it("counts only failures inside the window, and a success does not reset the count", async () => {
    const user = await createUser();
    for (let i = 0; i < 4; i++) await signIn(user.username, "wrong wrong", "10.6.0.1");
    expect((await signIn(user.username, PASSWORD, "10.6.0.1")).ok).toBe(true);
    await signIn(user.username, "wrong wrong", "10.6.0.1");
    expect(await signIn(user.username, PASSWORD, "10.6.0.1")).toEqual({ ok: false, reason: "throttled" });
    // Fifteen minutes later (the default window) the old failures no longer count.
    await db
      .updateTable("login_attempts")
      .set({ at: new Date(Date.now() - 16 * 60_000).toISOString() })
      .where("username", "=", user.username)
      .execute();
    expect((await signIn(user.username, PASSWORD, "10.6.0.1")).ok).toBe(true);
  });

  it("an unknown username fails the same way as a wrong password and is throttled the same way", async () => {
    const name = `ghost-${Date.now()}`;
    for (let i = 0; i < 5; i++)
      expect(await signIn(name, "whatever 1", "10.7.0.1")).toEqual({ ok: false, reason: "invalid" });
    expect(await signIn(name, "whatever 1", "10.7.0.1")).toEqual({ ok: false, reason: "throttled" });
  });
});
