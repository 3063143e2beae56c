// The production server as `npm start` runs it on a fresh install (NODE_ENV, SECURE_COOKIES and TRUST_PROXY unset),
// probed over real HTTP as a deployer and an attacker would: production mode by default (CSP, Secure cookies,
// React's production renderer), sign-in throttling by the socket's address (other clients on 127.0.0.2… are other
// addresses) and by the forwarded client only behind a trusted proxy, refused evidence posts without JavaScript,
// the throttled current-password check, the status of refused imports, and one nosniff header on downloads.
// On SQLite, and on PostgreSQL when TEST_PG_URL is set (`npm run test:fault` sets it).
import http from "node:http";
import SQLite from "better-sqlite3";
import fs from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Place, place, runScript } from "./helpers";
import { type Server, startServer } from "./server";

const adminUrl = process.env.TEST_PG_URL?.trim();
const engines = ["sqlite", ...(adminUrl ? ["postgres"] : [])] as const;
const PASSWORD = "demo1234!";
const PAGE = "/rounds/1/indicators/1.1.01";
const PDF = "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  rawHeaders: string[];
  text: string;
}

/** One HTTP request from a chosen loopback address (127.0.0.x: another client as far as the server can tell). */
function send(
  base: string,
  pathname: string,
  o: { method?: string; from?: string; headers?: Record<string, string>; body?: Buffer | string } = {},
): Promise<Answer> {
  const url = new URL(pathname, base);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method: o.method ?? "GET",
        localAddress: o.from ?? "127.0.0.1",
        headers: { Origin: base, ...o.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            rawHeaders: res.rawHeaders,
            text: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(o.body);
  });
}

const form = (fields: Record<string, string>) => ({
  method: "POST",
  headers: { "Content-Type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams(fields).toString(),
});

async function multipart(fields: Record<string, string>, file?: { name: string; content: string | Uint8Array }) {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  if (file) data.set("file", new File([file.content as BlobPart], file.name));
  const request = new Request("http://x/", { method: "POST", body: data });
  return {
    method: "POST",
    headers: { "Content-Type": request.headers.get("content-type")! },
    body: Buffer.from(await request.arrayBuffer()),
  };
}

const signInForm = (username: string, password: string) => form({ username, password });
const LOGIN_INVALID = "아이디 또는 비밀번호가 올바르지 않습니다.";
const LOGIN_THROTTLED = "로그인 실패가 너무 많습니다.";

/** The page text without tags, as a person reads it (React splits text nodes with comments). */
const visible = (html: string) =>
  html
    .replace(/<!-- -->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

describe.each(engines)("deploying with the defaults (%s)", (engine) => {
  let where: Place;
  let server: Server;
  let proxied: Server;
  let dropDatabase: (() => Promise<void>) | undefined;
  let query: <T = Record<string, unknown>>(sqlText: string) => Promise<T[]>;
  const count = async (table: string) =>
    Number((await query<{ n: number | string }>(`select count(*) as n from ${table}`))[0].n);

  async function signIn(base: string, username: string, from = "127.0.0.1", password = PASSWORD): Promise<string> {
    const res = await send(base, "/login", { ...signInForm(username, password), from });
    const cookie = String(res.headers["set-cookie"] ?? "");
    if (res.status !== 302 || !cookie) throw new Error(`sign-in as ${username} from ${from} failed: ${res.status}`);
    return cookie.split(";")[0];
  }

  beforeAll(async () => {
    let extra: Record<string, string> = {};
    if (engine === "postgres") {
      const name = `deploy_hardening_${process.pid}`;
      const admin = async (text: string) => {
        const client = new pg.Client({ connectionString: adminUrl });
        await client.connect();
        try {
          await client.query(text);
        } finally {
          await client.end();
        }
      };
      await admin(`drop database if exists "${name}" with (force)`);
      await admin(`create database "${name}"`);
      dropDatabase = () => admin(`drop database if exists "${name}" with (force)`);
      const url = new URL(adminUrl!);
      url.pathname = `/${name}`;
      extra = { DATABASE_URL: url.toString() };
      query = async (text) => {
        const client = new pg.Client({ connectionString: url.toString() });
        await client.connect();
        try {
          return (await client.query(text)).rows;
        } finally {
          await client.end();
        }
      };
    }
    where = place("deploy-hardening", extra);
    if (engine === "sqlite") {
      query = async (text) => {
        const db = new SQLite(where.databasePath);
        try {
          const statement = db.prepare(text);
          return (statement.reader ? statement.all() : (statement.run(), [])) as never;
        } finally {
          db.close();
        }
      };
    }
    runScript("scripts/seed.ts", [], where.env);
    // What `npm start` gets on a fresh install: none of the settings that the other tests give the server.
    const { NODE_ENV: _n, SECURE_COOKIES: _s, TRUST_PROXY: _t, ...fresh } = where.env;
    server = await startServer({ ...where, env: fresh as NodeJS.ProcessEnv }, { workers: 2 });
    // The same system behind a reverse proxy on this machine.
    proxied = await startServer(
      { ...where, env: { ...fresh, TRUST_PROXY: "loopback" } as unknown as NodeJS.ProcessEnv },
      { workers: 1 },
    );
  }, 300_000);

  afterAll(async () => {
    await server?.stop();
    await proxied?.stop();
    await dropDatabase?.();
  });

  it("runs as production: CSP on pages, a Secure session cookie, React's production renderer in every worker", async () => {
    const page = await send(server.baseUrl, "/login");
    expect(page.status).toBe(200);
    expect(page.headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+'/);
    const res = await send(server.baseUrl, "/login", signInForm("admin", PASSWORD));
    expect(res.status).toBe(302);
    expect(String(res.headers["set-cookie"])).toMatch(/^__session=[^;]+;.*;\s*Secure/i);
    const log = fs.readFileSync(server.log, "utf8");
    const workers = log.split("\n").filter((l) => /^worker \d+: /.test(l));
    expect(workers).toHaveLength(2);
    for (const line of workers)
      expect(line).toMatch(/NODE_ENV=production, rendering with react-dom-server\.node\.production\.min\.js$/);
    expect(log).not.toMatch(/development/);
  });

  it("a spray of unknown usernames from one client does not lock the coordinator out from another address", async () => {
    for (let i = 0; i < 20; i++) {
      const res = await send(server.baseUrl, "/login", {
        ...signInForm(`ghost-${i}`, "guess guess 1"),
        from: "127.0.0.2",
      });
      expect(visible(res.text)).toContain(LOGIN_INVALID);
    }
    // The sprayer is slowed…
    const slowed = await send(server.baseUrl, "/login", { ...signInForm("coordinator", PASSWORD), from: "127.0.0.2" });
    expect(slowed.status).toBe(200);
    expect(visible(slowed.text)).toContain(LOGIN_THROTTLED);
    // …five wrong passwords for the coordinator from a third address do not close the account either…
    for (let i = 0; i < 5; i++)
      await send(server.baseUrl, "/login", { ...signInForm("coordinator", `wrong ${i}`), from: "127.0.0.3" });
    expect(
      (await send(server.baseUrl, "/login", { ...signInForm("coordinator", PASSWORD), from: "127.0.0.3" })).status,
    ).toBe(200);
    // …and the coordinator at their own desk signs in.
    expect(
      (await send(server.baseUrl, "/login", { ...signInForm("coordinator", PASSWORD), from: "127.0.0.1" })).status,
    ).toBe(302);
  });

  it("without a trusted proxy a rotating X-Real-IP or X-Forwarded-For changes nothing: the sprayer is still throttled", async () => {
    for (let i = 0; i < 20; i++) {
      const headers = { "X-Real-IP": `10.9.0.${i + 1}`, "X-Forwarded-For": `10.8.0.${i + 1}` };
      const res = await send(server.baseUrl, "/login", {
        ...signInForm(`spray-${i}`, "guess guess 1"),
        from: "127.0.0.4",
        headers: { ...form({}).headers, ...headers },
      });
      expect(visible(res.text)).toContain(LOGIN_INVALID);
    }
    const res = await send(server.baseUrl, "/login", {
      ...signInForm("spray-x", "guess guess 1"),
      from: "127.0.0.4",
      headers: { ...form({}).headers, "X-Real-IP": "10.9.9.9", "X-Forwarded-For": "10.8.9.9" },
    });
    expect(visible(res.text)).toContain(LOGIN_THROTTLED);
    const recorded = await query<{ ip: string }>(
      "select distinct ip from login_attempts where username like 'spray-%'",
    );
    expect(recorded.map((r) => r.ip)).toEqual(["127.0.0.4"]);
  });

  it("behind a trusted proxy the forwarded client counts: the right-most hop the proxy added, not what the client wrote", async () => {
    const via = (client: string) => ({ ...form({}).headers, "X-Forwarded-For": client });
    for (let i = 0; i < 20; i++) {
      const res = await send(proxied.baseUrl, "/login", {
        ...signInForm(`proxied-${i}`, "guess guess 1"),
        from: "127.0.0.5",
        headers: via("198.51.100.7"),
      });
      expect(visible(res.text)).toContain(LOGIN_INVALID);
    }
    // A header the attacker wrote before the proxy appended the real address changes nothing.
    const spoofed = await send(proxied.baseUrl, "/login", {
      ...signInForm("coordinator", PASSWORD),
      from: "127.0.0.5",
      headers: via("203.0.113.1, 198.51.100.7"),
    });
    expect(visible(spoofed.text)).toContain(LOGIN_THROTTLED);
    // Another person behind the same proxy signs in.
    expect(
      (
        await send(proxied.baseUrl, "/login", {
          ...signInForm("coordinator", PASSWORD),
          from: "127.0.0.5",
          headers: via("198.51.100.8"),
        })
      ).status,
    ).toBe(302);
    const recorded = await query<{ ip: string }>(
      "select distinct ip from login_attempts where username like 'proxied-%'",
    );
    expect(recorded.map((r) => r.ip)).toEqual(["198.51.100.7"]);
  });

  it("answers refused evidence posts without JavaScript with the page, the message and the status, and changes nothing", async () => {
    const cookie = await signIn(server.baseUrl, "coordinator");
    const post = async (o: { method: string; headers: Record<string, string>; body: Buffer | string }) =>
      send(server.baseUrl, PAGE, { ...o, headers: { ...o.headers, Cookie: cookie } });
    const cases: [
      string,
      () => Promise<{ method: string; headers: Record<string, string>; body: Buffer | string }>,
      number,
      string,
    ][] = [
      ["an empty note", async () => form({ intent: "addNote", title: "", note: "" }), 400, "제목: 입력하세요."],
      [
        "a javascript: link",
        async () => form({ intent: "addLink", title: "링크", url: "javascript:alert(1)" }),
        400,
        "http:// 또는 https://로 시작하는 주소를 입력하세요.",
      ],
      ["an unknown intent", async () => form({ intent: "dropTables" }), 400, "알 수 없는 요청입니다."],
      [
        "an .html file",
        () => multipart({ intent: "upload", title: "" }, { name: "x.html", content: "<script>alert(1)</script>" }),
        400,
        "x.html은(는) 올릴 수 없는 형식입니다.",
      ],
      [
        "an .svg file",
        () => multipart({ intent: "upload", title: "" }, { name: "x.svg", content: "<svg onload=alert(1)/>" }),
        400,
        "x.svg은(는) 올릴 수 없는 형식입니다.",
      ],
      [
        "an empty file",
        () => multipart({ intent: "upload", title: "" }, { name: "empty.pdf", content: "" }),
        400,
        "빈 파일(empty.pdf)은 올릴 수 없습니다.",
      ],
      [
        "a path for a name",
        () => multipart({ intent: "upload", title: "" }, { name: "../../etc/passwd.pdf", content: PDF }),
        400,
        "쓸 수 없는 문자나 경로가 들어 있습니다.",
      ],
    ];
    for (const [what, body, status, message] of cases) {
      const before = [await count("evidence"), await count("audit_events")];
      const res = await post(await body());
      expect(res.status, what).toBe(status);
      expect(res.headers["content-type"], what).toMatch(/^text\/html/);
      const text = visible(res.text);
      expect(text, what).toContain("1.1.01");
      expect(text, what).toContain(message);
      expect([await count("evidence"), await count("audit_events")], what).toEqual(before);
    }
    // A round that was submitted takes no more evidence: the page says so (its evidence forms are gone).
    await query("update rounds set state = 'submitted' where id = 1");
    try {
      const before = [await count("evidence"), await count("audit_events")];
      const res = await post(
        await multipart({ intent: "upload", title: "늦은 파일" }, { name: "late.pdf", content: PDF }),
      );
      expect(res.status).toBe(409);
      expect(visible(res.text)).toContain("이 지표는 지금 수정할 수 없습니다.");
      expect([await count("evidence"), await count("audit_events")]).toEqual(before);
    } finally {
      await query("update rounds set state = 'open' where id = 1");
    }
  });

  it("throttles the current-password check like sign-in, and the refused change changes nothing", async () => {
    const cookie = await signIn(server.baseUrl, "member", "127.0.0.6");
    const change = (current: string) =>
      send(server.baseUrl, "/account/password", {
        ...form({ intent: "changePassword", current, next: "새 비밀번호 2026!", confirm: "새 비밀번호 2026!" }),
        from: "127.0.0.6",
        headers: { ...form({}).headers, Cookie: cookie },
      });
    for (let i = 0; i < 5; i++) {
      const res = await change(`guess ${i} guess`);
      expect(res.status).toBe(400);
      expect(visible(res.text)).toContain("현재 비밀번호가 올바르지 않습니다.");
    }
    const [{ password_hash: before }] = await query<{ password_hash: string }>(
      "select password_hash from users where username = 'member'",
    );
    const res = await change(PASSWORD);
    expect(res.status).toBe(429);
    expect(visible(res.text)).toContain("현재 비밀번호: 틀린 입력이 너무 많습니다.");
    const [{ password_hash: after }] = await query<{ password_hash: string }>(
      "select password_hash from users where username = 'member'",
    );
    expect(after).toBe(before);
  });

  it("answers a refused import with an error status and still shows the error table", async () => {
    const coordinator = await signIn(server.baseUrl, "coordinator");
    const admin = await signIn(server.baseUrl, "admin");
    const upload = async (pathname: string, cookie: string, name: string, content: string) => {
      const body = await multipart({}, { name, content });
      return send(server.baseUrl, pathname, { ...body, headers: { ...body.headers, Cookie: cookie } });
    };
    const before = [
      await count("responses"),
      await count("rubric_editions"),
      await count("certifications"),
      await count("audit_events"),
    ];
    const workbook = await upload(
      "/rounds/1/import",
      coordinator,
      "round.xlsx",
      "PK\u0003\u0004 not really a workbook",
    );
    expect(workbook.status).toBe(422);
    expect(visible(workbook.text)).toMatch(/읽을 수 없|열 수 없/);
    const registry = await upload(
      "/registry/import",
      admin,
      "registry.csv",
      "기관명,시도,구분,수여일,인증구분,점수,비고\r\n경기도 새시,경기도,,2014-13-01,재발급,1200,\r\n",
    );
    expect(registry.status).toBe(422);
    expect(registry.text).toContain("<table");
    const edition = await upload(
      "/editions/import",
      admin,
      "edition.json",
      JSON.stringify({ id: "broken", areas: "none" }),
    );
    expect(edition.status).toBe(422);
    expect([
      await count("responses"),
      await count("rubric_editions"),
      await count("certifications"),
      await count("audit_events"),
    ]).toEqual(before);
  });

  it("sends X-Content-Type-Options once on an evidence download", async () => {
    const cookie = await signIn(server.baseUrl, "coordinator");
    const body = await multipart({ intent: "upload", title: "증빙" }, { name: "ok.pdf", content: PDF });
    const res = await send(server.baseUrl, PAGE, { ...body, headers: { ...body.headers, Cookie: cookie } });
    expect(res.status).toBe(200);
    const [{ id }] = await query<{ id: number }>("select max(id) as id from evidence");
    const download = await send(server.baseUrl, `/evidence/${id}`, { headers: { Cookie: cookie } });
    expect(download.status).toBe(200);
    expect(download.text).toBe(PDF);
    const nosniff = download.rawHeaders
      .filter((_, i) => i % 2 === 0)
      .filter((h) => h.toLowerCase() === "x-content-type-options");
    expect(nosniff).toHaveLength(1);
    expect(download.headers["x-content-type-options"]).toBe("nosniff");
  });
});
