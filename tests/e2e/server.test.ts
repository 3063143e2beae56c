// The production server (server/index.js, two workers) over real HTTP: security headers on every kind of response,
// the CSRF origin check before any action, a health route, and a browser that runs the app under the CSP without
// a single violation.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, launchBrowser, newPage, signIn } from "./browser";
import { withDatabase } from "./db";

const fingerprint = () =>
  withDatabase(async (db) => {
    const count = async (t: "sessions" | "login_attempts" | "audit_events") =>
      (
        await db
          .selectFrom(t)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n;
    return {
      sessions: await count("sessions"),
      attempts: await count("login_attempts"),
      audit: await count("audit_events"),
    };
  });

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

describe("production server over HTTP", () => {
  it("answers /healthz with ok and sends the security headers on pages, assets and resource routes", async () => {
    const health = await fetch(`${baseUrl()}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.text()).toBe("ok\n");
    expect(health.headers.get("x-content-type-options")).toBe("nosniff");

    const page = await fetch(`${baseUrl()}/login`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const csp = page.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(page.headers.get("x-frame-options")).toBe("DENY");
    expect(page.headers.get("cache-control")).toBe("private, no-store");
    // One value per header, not the server's and Remix's both.
    expect(page.headers.get("x-frame-options")).not.toContain(",");
    // Every inline script carries this response's nonce.
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const attrs of scripts) if (!/\bsrc=/.test(attrs)) expect(attrs).toContain(`nonce="${nonce}"`);
    // A second response gets another nonce.
    const again = await fetch(`${baseUrl()}/login`);
    expect(again.headers.get("content-security-policy")).not.toContain(nonce!);

    const asset = /href="(\/assets\/[^"]+\.css)"/.exec(html)?.[1];
    const css = await fetch(`${baseUrl()}${asset}`);
    expect(css.status).toBe(200);
    expect(css.headers.get("cache-control")).toContain("immutable");
    expect(css.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("refuses a cross-site sign-in before it runs (no attempt recorded), accepts the same one from this site", async () => {
    const before = await fingerprint();
    const variants: Record<string, string>[] = [
      { Origin: "https://evil.example" },
      { "Sec-Fetch-Site": "cross-site" },
      {},
      { Origin: "null" },
    ];
    for (const headers of variants) {
      const res = await fetch(`${baseUrl()}/login`, {
        method: "POST",
        redirect: "manual",
        headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
        body: form({ username: "coordinator", password: "demo1234!" }),
      });
      expect(res.status).toBe(403);
      expect(res.headers.get("set-cookie")).toBeNull();
    }
    expect(await fingerprint()).toEqual(before);

    const ok = await fetch(`${baseUrl()}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: baseUrl() },
      body: form({ username: "coordinator", password: "demo1234!" }),
    });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("set-cookie")).toMatch(/__session=/);
    expect((await fingerprint()).sessions).toBe(before.sessions + 1);
  });

  it("refuses a forged save from another site even with a valid session cookie", async () => {
    const login = await fetch(`${baseUrl()}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: baseUrl() },
      body: form({ username: "member", password: "demo1234!" }),
    });
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0];
    const before = await fingerprint();
    const res = await fetch(`${baseUrl()}/logout`, {
      method: "POST",
      redirect: "manual",
      headers: { Cookie: cookie, Origin: "https://evil.example" },
    });
    expect(res.status).toBe(403);
    const save = await fetch(`${baseUrl()}/rounds/1/indicators/1.1.1`, {
      method: "POST",
      redirect: "manual",
      headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "cross-site" },
      body: form({ intent: "save", version: "0", narrative: "forged" }),
    });
    expect(save.status).toBe(403);
    expect(await fingerprint()).toEqual(before);
    // The session is still alive: the forged sign-out did nothing.
    const home = await fetch(`${baseUrl()}/`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(home.status).toBe(200);
  });

  it("answers 415, not 500, to a change that carries no form", async () => {
    const before = await fingerprint();
    for (const headers of [
      {},
      { "Content-Type": "application/json" },
      { "Content-Type": "multipart/form-data" },
      { "Content-Type": "text/plain" },
    ] as Record<string, string>[]) {
      const res = await fetch(`${baseUrl()}/login`, {
        method: "POST",
        redirect: "manual",
        headers: { Origin: baseUrl(), ...headers },
        body: "{}",
      });
      expect(res.status).toBe(415);
    }
    const empty = await fetch(`${baseUrl()}/logout`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: baseUrl() },
    });
    expect(empty.status).toBe(415);
    expect(await fingerprint()).toEqual(before);
  });
});

describe("the app in a browser under the CSP", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("signs in, navigates and hydrates with no CSP violation", async () => {
    const page = await newPage(browser);
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    await signIn(page, "member");
    // Client-side navigation works only when the hydration scripts ran.
    const link = page.locator("tr[data-code] a").first();
    await link.click();
    await page.waitForURL(/\/rounds\/\d+\/indicators\//);
    await page.getByRole("heading", { level: 1 }).waitFor();
    const hydrated = await page.evaluate(
      () => typeof (window as unknown as { __remixContext?: unknown }).__remixContext === "object",
    );
    expect(hydrated).toBe(true);
    expect(violations).toEqual([]);
  });
});
