// Bytes on the wire (issue 11, finding 8), over real HTTP against the production build: pages, single-fetch data and
// CSV are compressed for a client that accepts brotli or gzip (a streamed page too), build assets are served from the
// .br/.gz files written at build time, downloads of binary files are passed through, and the assignments and gaps
// pages no longer repeat every department's options in every row.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { baseUrl, DEMO_PASSWORD } from "./browser";
import { withDatabase } from "./db";

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  text: () => string;
}

/** A GET without any transparent decoding: the body exactly as sent. */
function get(url: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const body = Buffer.concat(chunks);
          const encoding = res.headers["content-encoding"];
          const text = () =>
            (encoding === "br"
              ? zlib.brotliDecompressSync(body)
              : encoding === "gzip"
                ? zlib.gunzipSync(body)
                : body
            ).toString("utf8");
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text });
        });
        res.on("error", reject);
      })
      .on("error", reject);
  });
}

async function signIn(username: string): Promise<string> {
  const res = await fetch(`${baseUrl()}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: baseUrl() },
    body: new URLSearchParams({ username, password: DEMO_PASSWORD }),
  });
  const cookie = res.headers.get("set-cookie");
  if (res.status !== 302 || !cookie) throw new Error(`sign-in as ${username} failed (${res.status})`);
  return cookie.split(";")[0];
}

const roundId = () =>
  withDatabase(
    async (db) =>
      (await db.selectFrom("rounds").select("id").where("year", "=", 2014).orderBy("id").executeTakeFirstOrThrow()).id,
  );

describe("compressed responses", () => {
  it("compresses a page with brotli or gzip as asked, with Vary, and sends it plain to a client that asks for nothing", async () => {
    for (const coding of ["br", "gzip"]) {
      const res = await get(`${baseUrl()}/login`, { "Accept-Encoding": coding });
      expect(res.status).toBe(200);
      expect(res.headers["content-encoding"]).toBe(coding);
      expect(res.headers.vary).toMatch(/accept-encoding/i);
      const html = res.text();
      expect(html).toMatch(/^<!DOCTYPE html>/i);
      expect(res.body.length).toBeLessThan(Buffer.byteLength(html) / 2);
    }
    const plain = await get(`${baseUrl()}/login`);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.text()).toMatch(/^<!DOCTYPE html>/i);
  });

  it("compresses a streamed page (deferred data) to the end, single-fetch data and a CSV, but not a workbook download", async () => {
    const cookie = await signIn("coordinator");
    const home = await get(`${baseUrl()}/`, { Cookie: cookie, "Accept-Encoding": "br" });
    expect(home.status).toBe(200);
    expect(home.headers["content-encoding"]).toBe("br");
    expect(home.headers["transfer-encoding"]).toBe("chunked");
    const html = home.text();
    expect(html).toContain("</html>");
    // The deferred loader data arrived inside the same compressed stream.
    expect(html).toContain("__remixContext.streamController");

    const id = await roundId();
    const data = await get(`${baseUrl()}/rounds/${id}/gaps.data`, { Cookie: cookie, "Accept-Encoding": "gzip" });
    expect(data.status).toBe(200);
    expect(data.headers["content-type"]).toMatch(/text\/x-script/);
    expect(data.headers["content-encoding"]).toBe("gzip");

    const csv = await get(`${baseUrl()}/rounds/${id}/history.csv`, { Cookie: cookie, "Accept-Encoding": "br, gzip" });
    expect(csv.status).toBe(200);
    expect(csv.headers["content-type"]).toMatch(/text\/csv/);
    expect(csv.headers["content-encoding"]).toBe("br");

    const xlsx = await get(`${baseUrl()}/rounds/${id}/export.xlsx`, { Cookie: cookie, "Accept-Encoding": "br, gzip" });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers["content-encoding"]).toBeUndefined();
    expect(xlsx.body.subarray(0, 2).toString("latin1")).toBe("PK");
  });

  it("serves build assets from the files compressed at build time, and the original to a client that asks for nothing", async () => {
    const html = (await get(`${baseUrl()}/login`)).text();
    const scripts = [...html.matchAll(/<link rel="modulepreload" href="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]);
    const css = /href="(\/assets\/[^"]+\.css)"/.exec(html)?.[1];
    expect(scripts.length).toBeGreaterThan(0);
    const dir = path.resolve(import.meta.dirname, "../../build/client");
    for (const asset of [...scripts, css!]) {
      const onDisk = path.join(dir, asset);
      if (fs.statSync(onDisk).size < 1024) continue;
      const br = await get(`${baseUrl()}${asset}`, { "Accept-Encoding": "gzip, deflate, br" });
      expect(br.status).toBe(200);
      expect(br.headers["content-encoding"]).toBe("br");
      expect(br.headers.vary).toMatch(/accept-encoding/i);
      expect(br.headers["content-type"]).toMatch(asset.endsWith(".css") ? /text\/css/ : /javascript/);
      expect(br.headers["cache-control"]).toContain("immutable");
      // Exactly the file written at build time: not compressed again per request.
      expect(br.body.equals(fs.readFileSync(`${onDisk}.br`))).toBe(true);
      const gz = await get(`${baseUrl()}${asset}`, { "Accept-Encoding": "gzip" });
      expect(gz.headers["content-encoding"]).toBe("gzip");
      expect(gz.body.equals(fs.readFileSync(`${onDisk}.gz`))).toBe(true);
      const plain = await get(`${baseUrl()}${asset}`, { "Accept-Encoding": "identity" });
      expect(plain.headers["content-encoding"]).toBeUndefined();
      expect(plain.body.equals(fs.readFileSync(onDisk))).toBe(true);
    }
  });
});

describe("lighter tables", () => {
  it("the assignments and gaps pages send one set of department options, not one per row; a row's form opens by link", async () => {
    const cookie = await signIn("coordinator");
    const id = await roundId();
    const departments = await withDatabase(
      async (db) => (await db.selectFrom("departments").select("id").execute()).length,
    );

    const page = (await get(`${baseUrl()}/rounds/${id}/assignments`, { Cookie: cookie })).text();
    const rows = (page.match(/<tr [^>]*data-code=/g) ?? []).length;
    expect(rows).toBeGreaterThan(100);
    // The bulk form and the filters name each department once or twice; no row repeats them: the page filtered down
    // to one item sends exactly as many options as the whole list.
    const options = (page.match(/<option /g) ?? []).length;
    const item = /<select name="item"[^>]*>\s*<option [^>]*>[^<]*<\/option><option value="([^"]+)"/.exec(page)![1];
    const filtered = (
      await get(`${baseUrl()}/rounds/${id}/assignments?item=${encodeURIComponent(item)}`, { Cookie: cookie })
    ).text();
    expect((filtered.match(/<tr [^>]*data-code=/g) ?? []).length).toBeLessThan(rows / 4);
    expect((filtered.match(/<option /g) ?? []).length).toBe(options);
    // Bytes per row: the row itself and its share of the loader data, with no department list in it.
    expect(Buffer.byteLength(page) / rows).toBeLessThan(1500);
    const code = /data-code="([^"]+)"/.exec(page)![1];
    const editing = (
      await get(`${baseUrl()}/rounds/${id}/assignments?edit=${encodeURIComponent(code)}`, { Cookie: cookie })
    ).text();
    expect(editing).toContain('name="leadDepartmentId"');
    expect((editing.match(/name="leadDepartmentId"/g) ?? []).length).toBe(1);
    expect((editing.match(/<option /g) ?? []).length).toBeLessThan(options + 2 * departments + 2);

    const gaps = (await get(`${baseUrl()}/rounds/${id}/gaps`, { Cookie: cookie })).text();
    const gapRows = (gaps.match(/<tr [^>]*data-gap=/g) ?? []).length;
    expect(gapRows).toBeGreaterThan(10);
    // Filters only: kinds, areas and the departments that have gaps. (The planner's what-if offers each open gap its
    // own levels, `to.<code>`: those are the gap's scores, not a department list, and are left out of the count.)
    const withoutTargets = gaps.replace(/<select[^>]*name="to\.[^"]*"[^>]*>[\s\S]*?<\/select>/g, "");
    expect((withoutTargets.match(/<option /g) ?? []).length).toBeLessThan(departments + 20);
    expect(gaps).not.toContain('name="departmentId"');
  });
});
