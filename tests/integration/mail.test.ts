// Mail through a real SMTP server the test starts (smtp-server on a free loopback port): the seeded round's
// assignments, its return (반려), the deadline a week away, an overdue action item and the coordinator's daily digest
// arrive as Korean messages with the right recipient, subject and body; an opted-out person gets nothing; a second
// pass sends nothing again; two senders racing send each message once.
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../seeds/demo";
import { action as roundAction } from "~/routes/rounds.$roundId._index";
import { action as accountAction } from "~/routes/account.password";
import { action as gapsAction } from "~/routes/rounds.$roundId.gaps";
import { isoToSeoulLocal } from "~/domain/datetime";
import { seoulDate } from "~/domain/mail-schedule";
import { createTransport, type MailSettings, runMailPass, sendPendingMail } from "~/utils/mail.server";
import { queueDueMail } from "~/utils/mail-queue.server";
import { freePort } from "../../scripts/free-port";
import { createUser, db, outcome, requestAs, routeArgs } from "../utils";

interface Received {
  to: string[];
  subject: string;
  text: string;
}
const inbox: Received[] = [];
let server: SMTPServer;
let settings: MailSettings;
let roundId: number;
const ids: Record<string, number> = {};
let overdueCode = "";

/** RFC 2047 encoded words and a quoted-printable or base64 body, as nodemailer writes them. */
function decodeMessage(raw: string): { subject: string; text: string } {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const headers = head!.replace(/\r?\n[ \t]+/g, " ");
  const subjectRaw = /^Subject: (.*)$/im.exec(headers)?.[1] ?? "";
  const subject = subjectRaw
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=/gi, (_, enc: string, data: string) =>
      enc.toUpperCase() === "B"
        ? Buffer.from(data, "base64").toString("utf8")
        : Buffer.from(
            data
              .replace(/_/g, " ")
              .replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
            "latin1",
          ).toString("utf8"),
    );
  const body = rest.join("\n\n");
  const encoding = /^Content-Transfer-Encoding: (.*)$/im.exec(headers)?.[1]?.trim().toLowerCase();
  const text =
    encoding === "base64"
      ? Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8")
      : encoding === "quoted-printable"
        ? Buffer.from(
            body
              .replace(/=\r?\n/g, "")
              .replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
            "latin1",
          ).toString("utf8")
        : body;
  return { subject, text };
}

const userId = async (username: string) =>
  (await db.selectFrom("users").select("id").where("username", "=", username).executeTakeFirstOrThrow()).id;
const setEmail = (id: number, email: string) => db.updateTable("users").set({ email }).where("id", "=", id).execute();
const mailTo = (address: string) => inbox.filter((m) => m.to.includes(address));

beforeAll(async () => {
  const port = await freePort();
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const { subject, text } = decodeMessage(Buffer.concat(chunks).toString("utf8"));
        inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), subject, text });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  settings = {
    transport: { host: "127.0.0.1", port, secure: false, ignoreTLS: true },
    from: "인증지기 <noreply@test.local>",
    appUrl: "https://injeung.test",
    digestHour: 8,
    intervalSeconds: 60,
  };

  const report = await seedDemo(db);
  roundId = report.round!.id;
  for (const name of ["coordinator", "member", "member2", "auditor"]) ids[name] = await userId(name);
  await setEmail(ids.coordinator!, "coordinator@test.local");
  await setEmail(ids.member!, "member@test.local");
  await setEmail(ids.member2!, "member2@test.local");
  await setEmail(ids.auditor!, "auditor@test.local");
  // A second person of 정책기획담당관 who turned mail off on their account page.
  const member = await db
    .selectFrom("memberships")
    .select(["institution_id", "department_id"])
    .where("user_id", "=", ids.member!)
    .executeTakeFirstOrThrow();
  const quiet = await createUser({
    role: "department_member",
    institutionId: member.institution_id,
    departmentId: member.department_id,
  });
  ids.quiet = quiet.id;
  await setEmail(quiet.id, "quiet@test.local");
  const off = await outcome(async () =>
    accountAction(routeArgs(await requestAs(quiet.id, "/account/password", { intent: "mailPreference" }), {})),
  );
  expect(off.status).toBe(200);

  // The deadline six days and some hours ahead (Seoul): the D-7 reminder is due.
  const round = await db.selectFrom("rounds").select("version").where("id", "=", roundId).executeTakeFirstOrThrow();
  const deadline = isoToSeoulLocal(new Date(Date.now() + 6 * 86_400_000 + 3 * 3_600_000).toISOString());
  const set = await outcome(async () =>
    roundAction(
      routeArgs(
        await requestAs(ids.coordinator!, `/rounds/${roundId}`, {
          intent: "setDeadline",
          version: String(round.version),
          deadline,
          latePolicy: "accept",
        }),
        { roundId: String(roundId) },
      ),
    ),
  );
  expect(set.status).toBe(200);

  // An action item of 정책기획담당관 that was due yesterday.
  const gaps = await db
    .selectFrom("assignments")
    .select("indicator_code")
    .where("round_id", "=", roundId)
    .where("department_id", "=", member.department_id!)
    .where("role", "=", "lead")
    .executeTakeFirstOrThrow();
  const yesterday = seoulDate(new Date(Date.now() - 86_400_000));
  const saved = await outcome(async () =>
    gapsAction(
      routeArgs(
        await requestAs(ids.coordinator!, `/rounds/${roundId}/gaps`, {
          intent: "saveAction",
          code: gaps.indicator_code,
          departmentId: String(member.department_id),
          dueDate: yesterday,
          status: "open",
          notes: "규정 개정",
          version: "0",
        }),
        { roundId: String(roundId) },
      ),
    ),
  );
  expect(saved.status).toBe(200);
  overdueCode = gaps.indicator_code;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("mail through SMTP", () => {
  it("delivers assignment, return, D-7, overdue and digest messages in Korean to the right people", async () => {
    const transport = createTransport(settings);
    const { sent } = await runMailPass(db, transport, settings, { forceDigest: true });
    expect(sent).toBe(inbox.length);

    const member = mailTo("member@test.local");
    expect(member).toHaveLength(3);
    expect(member.map((m) => m.subject)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\[인증지기\] .+: 제출 마감 7일 전 \(.+\)$/),
        expect.stringMatching(/^\[인증지기\] .+: 지표 \d+개가 배정되었습니다$/),
        expect.stringMatching(/^\[인증지기\] .+: 완료 예정일이 지난 실행계획 \d+건$/),
      ]),
    );
    const assigned = member.find((m) => m.subject.includes("배정"))!;
    const leads = await db
      .selectFrom("assignments as a")
      .innerJoin("users as u", (j) => j.on("u.id", "=", ids.member!))
      .innerJoin("memberships as m", "m.user_id", "u.id")
      .select("a.indicator_code")
      .whereRef("a.department_id", "=", "m.department_id")
      .where("a.round_id", "=", roundId)
      .execute();
    // One message lists every indicator of the department, with a link to each.
    for (const l of leads) expect(assigned.text).toContain(`- ${l.indicator_code} `);
    expect(assigned.text).toContain(`https://injeung.test/rounds/${roundId}/indicators/`);
    const overdue = member.find((m) => m.subject.includes("완료 예정일"))!;
    expect(overdue.text).toContain(`- ${overdueCode} `);
    const deadline = member.find((m) => m.subject.includes("마감"))!;
    expect(deadline.text).toMatch(/제출 마감은 \d{4}\. \d{1,2}\. \d{1,2}\. \(.\) \d{2}:\d{2}\(한국 시간\)입니다/);

    const returned = mailTo("member2@test.local").find((m) => m.subject.includes("반려"))!;
    expect(returned.subject).toMatch(/지표 1개가 반려되었습니다$/);
    expect(returned.text).toContain("반려 사유:");

    const digest = mailTo("coordinator@test.local");
    expect(digest).toHaveLength(1);
    expect(digest[0]!.subject).toMatch(/^\[인증지기\] 오늘의 자율진단 현황 \(\d{4}\. \d{1,2}\. \d{1,2}\.\)$/);
    expect(digest[0]!.text).toMatch(/제출 \d+ \/ \d+개, 반려 1개/);
    const overdueItems = (
      await db.selectFrom("action_items").select(["due_date", "status"]).where("round_id", "=", roundId).execute()
    ).filter((a) => a.due_date && a.due_date < seoulDate(new Date()) && ["open", "in_progress"].includes(a.status));
    expect(digest[0]!.text).toContain(`완료 예정일이 지난 실행계획: ${overdueItems.length}건`);
    expect(digest[0]!.text).toContain("미제출 부서:");

    // Opted out: nothing at all. The auditor leads no department's indicators: nothing either.
    expect(mailTo("quiet@test.local")).toEqual([]);
    expect(mailTo("auditor@test.local")).toEqual([]);
  });

  it("sends nothing twice: a second pass finds everything already sent", async () => {
    const before = inbox.length;
    const again = await runMailPass(db, createTransport(settings), settings, { forceDigest: true });
    expect(again).toEqual({ queued: 0, sent: 0 });
    expect(inbox.length).toBe(before);
  });

  it("two processes racing over the same queue send each message once", async () => {
    // Tomorrow's digest, queued once even when both processes queue it.
    const tomorrow = new Date(Date.now() + 86_400_000);
    const queued = await Promise.all([
      queueDueMail(db, tomorrow, { digestHour: 0 }),
      queueDueMail(db, tomorrow, { digestHour: 0 }),
    ]);
    expect(queued[0] + queued[1]).toBeGreaterThan(0);
    const before = inbox.length;
    const sent = await Promise.all([
      sendPendingMail(db, createTransport(settings), settings, { worker: "a" }),
      sendPendingMail(db, createTransport(settings), settings, { worker: "b" }),
    ]);
    const fresh = inbox.slice(before);
    expect(sent[0] + sent[1]).toBe(fresh.length);
    const digests = fresh.filter((m) => m.subject.includes("현황"));
    expect(digests).toHaveLength(1);
    expect(digests[0]!.to).toEqual(["coordinator@test.local"]);
  });
});

describe("mail in the person's language", () => {
  it("writes English for an English account, with the deadline in Korea time", async () => {
    const { composeMail } = await import("~/utils/mail.server");
    const mail = composeMail(
      [
        {
          kind: "deadline",
          roundId: 7,
          roundTitle: "2026 self-assessment",
          deadlineAt: "2026-12-09T09:00:00.000Z",
          reminder: "d1",
          open: 3,
        },
      ],
      "en",
      "https://injeung.test",
    );
    expect(mail.subject).toMatch(/^\[인증지기\] 2026 self-assessment: 1 day to the deadline \(.*18:00\)$/);
    expect(mail.text).toContain("3 of the indicators your department leads are not handed in yet.");
    expect(mail.text).toContain("https://injeung.test/rounds/7/work");
  });
});
