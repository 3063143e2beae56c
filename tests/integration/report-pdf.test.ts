// report.pdf through the pool with the real Chromium (issue 11, finding 5). The report page itself is served by a
// small HTTP server standing in for this server (REPORT_ORIGIN), which counts how often Chromium asks for it and can
// hold its answers: one print per unchanged round, a new print after a change, in another locale or for another
// requester, a 503 with Retry-After once the queue is full, and a new browser after Chromium is killed.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../seeds/demo";
import { action as gapsAction } from "~/routes/rounds.$roundId.gaps";
import { loader as pdfLoader } from "~/routes/rounds.$roundId.report[.]pdf";
import { localeCookie } from "~/utils/locale.server";
import { closePdfBrowser, pdfPoolStats } from "~/utils/pdf.server";
import { cookieFor, createUser, db, outcome, requestAs, routeArgs } from "../utils";

// One page at a time and one waiting, so the test can fill the queue with three requests.
process.env.PDF_CONCURRENCY = "1";
process.env.PDF_QUEUE = "1";
// A cache directory of this run's own: the shared file cache must not answer from another test database.
process.env.PDF_CACHE_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "pdf-cache-test-"));

let roundId: number;
let institutionId: number;
let coordinator: number;
let hits = 0;
let hold: Promise<void> | null = null;
let server: http.Server;

async function pdf(user: number, locale: "ko" | "en" = "ko") {
  const cookie = `${await cookieFor(user)}; ${(await localeCookie.serialize(locale)).split(";")[0]}`;
  const request = new Request(`http://localhost/rounds/${roundId}/report.pdf`, { headers: { Cookie: cookie } });
  return outcome(async () => pdfLoader(routeArgs(request, { roundId: String(roundId) })));
}
const bytes = async (res: { body: Response }) => new Uint8Array(await res.body.arrayBuffer());

/** Chromium processes started by this test process (playwright launches them as our children). */
function chromiumChildren(): number[] {
  const out = execFileSync("ps", ["-o", "pid=,comm=", "--ppid", String(process.pid)], { encoding: "utf8" });
  return out
    .split("\n")
    .map((l) => l.trim().split(/\s+/))
    .filter(([, comm]) => comm && /chrom/.test(comm))
    .map(([pid]) => Number(pid));
}

beforeAll(async () => {
  const report = await seedDemo(db);
  roundId = report.round!.id;
  const round = await db.selectFrom("rounds").selectAll().where("id", "=", roundId).executeTakeFirstOrThrow();
  institutionId = round.institution_id;
  coordinator = (
    await db.selectFrom("users").select("id").where("username", "=", "coordinator").executeTakeFirstOrThrow()
  ).id;
  server = http.createServer(async (req, res) => {
    if (!req.url?.startsWith("/rounds/")) {
      res.writeHead(404).end();
      return;
    }
    hits += 1;
    const n = hits;
    if (hold) await hold;
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(
      `<!doctype html><html lang="ko"><body><h1>자율진단 보고서</h1><p>print ${n} of ${req.url}</p></body></html>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  process.env.REPORT_ORIGIN = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  await closePdfBrowser();
  await new Promise((r) => server.close(r));
});

// Chromium is slow to start on a loaded machine: generous time, no timing asserted.
describe.skipIf(!fs.existsSync(process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"))(
  "report.pdf",
  { timeout: 180_000 },
  () => {
    it("prints an unchanged round once, and again after a change, in another locale or for another requester", async () => {
      const first = await pdf(coordinator);
      expect(first.status).toBe(200);
      expect(first.body.headers.get("content-type")).toBe("application/pdf");
      const firstBytes = await bytes(first);
      expect(new TextDecoder().decode(firstBytes.subarray(0, 5))).toBe("%PDF-");
      expect(hits).toBe(1);

      const again = await pdf(coordinator);
      expect(again.status).toBe(200);
      expect(await bytes(again)).toEqual(firstBytes);
      expect(hits).toBe(1);

      // A change to the round (an action item saved through its page) makes a new print.
      const gap = await db
        .selectFrom("responses")
        .select("indicator_code")
        .where("round_id", "=", roundId)
        .where("implemented", "=", 0)
        .executeTakeFirstOrThrow();
      const department = await db
        .selectFrom("departments")
        .select("id")
        .where("institution_id", "=", institutionId)
        .executeTakeFirstOrThrow();
      const existing = await db
        .selectFrom("action_items")
        .select("version")
        .where("round_id", "=", roundId)
        .where("indicator_code", "=", gap.indicator_code)
        .executeTakeFirst();
      const saved = await outcome(async () =>
        gapsAction(
          routeArgs(
            await requestAs(coordinator, `/rounds/${roundId}/gaps`, {
              intent: "saveAction",
              code: gap.indicator_code,
              departmentId: String(department.id),
              status: "open",
              dueDate: "2014-08-20",
              notes: "보고서 캐시 확인",
              version: String(existing?.version ?? 0),
            }),
            { roundId: String(roundId) },
          ),
        ),
      );
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
      expect((await pdf(coordinator)).status).toBe(200);
      expect(hits).toBe(2);
      expect((await pdf(coordinator)).status).toBe(200);
      expect(hits).toBe(2);

      // Another locale, another requester of the same institution: each their own print.
      expect((await pdf(coordinator, "en")).status).toBe(200);
      expect(hits).toBe(3);
      const colleague = (await createUser({ role: "coordinator", institutionId })).id;
      expect((await pdf(colleague)).status).toBe(200);
      expect(hits).toBe(4);
      // One browser for all of it.
      expect(pdfPoolStats().launches).toBe(1);
      // The finished PDFs are on disk for the other workers: one private file per print.
      const files = fs.readdirSync(process.env.PDF_CACHE_DIR!).filter((n) => n.endsWith(".pdf"));
      expect(files).toHaveLength(4);
      expect(fs.statSync(path.join(process.env.PDF_CACHE_DIR!, files[0])).mode & 0o077).toBe(0);
    });

    it("answers 503 with Retry-After when one is printing and one is waiting, and prints both of those", async () => {
      let release!: () => void;
      hold = new Promise((r) => (release = r));
      const users = [];
      for (let i = 0; i < 3; i++) users.push((await createUser({ role: "coordinator", institutionId })).id);
      const printing = pdf(users[0]);
      while (pdfPoolStats().active < 1) await new Promise((r) => setTimeout(r, 20));
      const waiting = pdf(users[1]);
      while (pdfPoolStats().queued < 1) await new Promise((r) => setTimeout(r, 20));
      const refused = await pdf(users[2]);
      expect(refused.status).toBe(503);
      expect(Number(refused.body.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(await refused.body.text()).toMatch(/^지금 PDF를 만드는 요청이 많습니다\. \d+초 뒤에 다시 내려받으세요\.$/);
      hold = null;
      release();
      expect((await printing).status).toBe(200);
      expect((await waiting).status).toBe(200);
    });

    it("starts a new browser after Chromium is killed", async () => {
      const before = pdfPoolStats().launches;
      const pids = chromiumChildren();
      expect(pids.length).toBeGreaterThan(0);
      for (const pid of pids) process.kill(pid, "SIGKILL");
      const colleague = (await createUser({ role: "coordinator", institutionId })).id;
      const res = await pdf(colleague);
      expect(res.status).toBe(200);
      expect(new TextDecoder().decode((await bytes(res)).subarray(0, 5))).toBe("%PDF-");
      expect(pdfPoolStats().launches).toBe(before + 1);
      expect(chromiumChildren().some((pid) => !pids.includes(pid))).toBe(true);
    });
  },
);
