// Mail through SMTP (nodemailer): the settings from the environment, the sender that claims queued rows and sends one
// message per person and kind, and the scheduler each server process runs. Several processes may run it: a row is
// claimed by one UPDATE that only one of them can win, so each message goes out once. Without SMTP_HOST mail is off
// (said at start) and the in-app notices are unchanged.
import os from "node:os";
import nodemailer, { type Transporter } from "nodemailer";
import type { Db } from "#db/connection";
import { formatCalendarDate, formatDateTime } from "~/domain/datetime";
import { groupMessages } from "~/domain/mail-schedule";
import { isLocale, type Locale, type MessageKey, translate } from "~/i18n";
import { MailEnvSchema } from "./env.server";
import { type MailPayload, queueDueMail } from "./mail-queue.server";

export interface MailSettings {
  transport: {
    host: string;
    port: number;
    secure: boolean;
    auth?: { user: string; pass: string };
    /** Tests talk to a local server with a self-made certificate; never set from the environment. */
    tls?: { rejectUnauthorized: boolean };
    ignoreTLS?: boolean;
  };
  from: string;
  appUrl: string | null;
  digestHour: number;
  intervalSeconds: number;
}

/** The mail settings, or null when SMTP_HOST is not set (mail off). Throws naming the variable when one is wrong. */
export function mailSettings(source: NodeJS.ProcessEnv = process.env): MailSettings | null {
  const parsed = MailEnvSchema.safeParse(source);
  if (!parsed.success)
    throw new Error(`Invalid environment:\n${parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`)}`);
  const e = parsed.data;
  if (!e.SMTP_HOST) return null;
  return {
    transport: {
      host: e.SMTP_HOST,
      port: e.SMTP_PORT,
      secure: e.SMTP_SECURE ? e.SMTP_SECURE === "true" : e.SMTP_PORT === 465,
      ...(e.SMTP_USER ? { auth: { user: e.SMTP_USER, pass: e.SMTP_PASSWORD ?? "" } } : {}),
    },
    from: e.MAIL_FROM,
    appUrl: e.APP_URL ? e.APP_URL.replace(/\/+$/, "") : null,
    digestHour: e.MAIL_DIGEST_HOUR,
    intervalSeconds: e.MAIL_INTERVAL_SECONDS,
  };
}

export function createTransport(settings: MailSettings): Transporter {
  return nodemailer.createTransport(settings.transport);
}

/** The subject and text of one message: all rows of one person and kind, in the person's language, dates in Seoul. */
export function composeMail(payloads: MailPayload[], locale: Locale, appUrl: string | null) {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);
  const first = payloads[0]!;
  const link = (path: string) => (appUrl ? `${appUrl}${path}` : null);
  const lines: string[] = [];
  let subject: string;
  switch (first.kind) {
    case "assigned":
    case "returned":
    case "overdue": {
      const items = payloads as Extract<MailPayload, { kind: typeof first.kind }>[];
      subject = t(`mail.${first.kind}.subject`, { round: first.roundTitle, count: items.length });
      lines.push(t(`mail.${first.kind}.intro`, { round: first.roundTitle, count: items.length }), "");
      for (const p of items) {
        const extra =
          p.kind === "assigned"
            ? ` (${t(p.role === "lead" ? "mail.role.lead" : "mail.role.support")})`
            : p.kind === "overdue"
              ? ` — ${t("mail.overdue.due", { date: formatCalendarDate(p.dueDate, locale) })}`
              : "";
        lines.push(`- ${p.code} ${p.title}${extra}`);
        if (p.kind === "returned" && p.reason) lines.push(`  ${t("mail.returned.reason")}: ${p.reason}`);
        const url = link(`/rounds/${p.roundId}/indicators/${p.code}`);
        if (url && p.kind !== "overdue") lines.push(`  ${url}`);
      }
      if (first.kind === "overdue" && link(`/action-items`)) lines.push("", link(`/action-items?overdue=1`)!);
      break;
    }
    case "deadline": {
      const p = first;
      const when = formatDateTime(p.deadlineAt, locale);
      subject = t(`mail.deadline.${p.reminder}.subject`, { round: p.roundTitle, deadline: when });
      lines.push(t("mail.deadline.body", { round: p.roundTitle, deadline: when, open: p.open }));
      const url = link(`/rounds/${p.roundId}/work`);
      if (url) lines.push("", url);
      break;
    }
    case "digest": {
      const p = first;
      subject = t("mail.digest.subject", { date: formatCalendarDate(p.date, locale) });
      lines.push(t("mail.digest.intro", { date: formatCalendarDate(p.date, locale) }));
      for (const r of p.rounds) {
        lines.push("", `■ ${r.title}`);
        if (r.deadlineAt) lines.push(t("mail.digest.deadline", { deadline: formatDateTime(r.deadlineAt, locale) }));
        lines.push(
          t("mail.digest.progress", { submitted: r.submitted, total: r.total, returned: r.returned }),
          t("mail.digest.overdue", { count: r.overdueActions }),
        );
        if (r.behind.length)
          lines.push(t("mail.digest.behind", { list: r.behind.map((b) => `${b.department} ${b.open}`).join(", ") }));
        const url = link(`/rounds/${r.roundId}`);
        if (url) lines.push(url);
      }
      break;
    }
  }
  lines.push("", "—", t("mail.footer"));
  return { subject, text: lines.join("\n") };
}

const CLAIM_STALE_MS = 5 * 60_000;
const MAX_ATTEMPTS = 5;

/** Claims queued rows and sends them, one message per person and kind. Returns the number of messages sent. */
export async function sendPendingMail(
  db: Db,
  transport: Pick<Transporter, "sendMail">,
  settings: Pick<MailSettings, "from" | "appUrl">,
  options: { worker?: string; now?: Date } = {},
): Promise<number> {
  const now = options.now ?? new Date();
  const worker = options.worker ?? `${os.hostname()}:${process.pid}`;
  const stale = new Date(now.getTime() - CLAIM_STALE_MS).toISOString();
  const pending = await db
    .selectFrom("mail_outbox")
    .select(["id", "user_id", "kind", "payload"])
    .where("sent_at", "is", null)
    .where("attempts", "<", MAX_ATTEMPTS)
    .where((eb) => eb.or([eb("claimed_at", "is", null), eb("claimed_at", "<", stale)]))
    .orderBy("id")
    .limit(500)
    .execute();
  const mine: { id: number; userId: number; kind: string; payload: MailPayload }[] = [];
  for (const row of pending) {
    const claimed = await db
      .updateTable("mail_outbox")
      .set({ claimed_by: worker, claimed_at: now.toISOString() })
      .where("id", "=", row.id)
      .where("sent_at", "is", null)
      .where((eb) => eb.or([eb("claimed_at", "is", null), eb("claimed_at", "<", stale)]))
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 1)
      mine.push({ id: row.id, userId: row.user_id, kind: row.kind, payload: JSON.parse(row.payload) as MailPayload });
  }
  let sent = 0;
  for (const group of groupMessages(mine)) {
    const ids = group.map((r) => r.id);
    const user = await db
      .selectFrom("users")
      .select(["email", "locale", "display_name", "mail_opt_out", "active"])
      .where("id", "=", group[0]!.userId)
      .executeTakeFirst();
    if (!user?.email || user.mail_opt_out || !user.active) {
      // Opted out (or lost the address) after it was queued: never sent.
      await db
        .updateTable("mail_outbox")
        .set({ sent_at: now.toISOString(), last_error: "skipped: no address or opted out" })
        .where("id", "in", ids)
        .execute();
      continue;
    }
    const locale: Locale = isLocale(user.locale) ? user.locale : "ko";
    const { subject, text } = composeMail(
      group.map((r) => r.payload),
      locale,
      settings.appUrl,
    );
    try {
      await transport.sendMail({
        from: settings.from,
        to: { name: user.display_name, address: user.email },
        subject,
        text,
      });
      await db
        .updateTable("mail_outbox")
        .set({ sent_at: new Date().toISOString(), last_error: null })
        .where("id", "in", ids)
        .execute();
      sent += 1;
    } catch (error) {
      await db
        .updateTable("mail_outbox")
        .set((eb) => ({
          attempts: eb("attempts", "+", 1),
          claimed_by: null,
          claimed_at: null,
          last_error: (error instanceof Error ? error.message : String(error)).slice(0, 500),
        }))
        .where("id", "in", ids)
        .execute();
    }
  }
  return sent;
}

/** One pass: queue what is due, then send it. */
export async function runMailPass(
  db: Db,
  transport: Pick<Transporter, "sendMail">,
  settings: MailSettings,
  options: { now?: Date; forceDigest?: boolean; worker?: string } = {},
) {
  const now = options.now ?? new Date();
  const queued = await queueDueMail(db, now, { digestHour: settings.digestHour, forceDigest: options.forceDigest });
  const sent = await sendPendingMail(db, transport, settings, { now, worker: options.worker });
  return { queued, sent };
}

/** Runs a pass every MAIL_INTERVAL_SECONDS in this process; nothing when mail is off. */
export function startMailScheduler(db: Db, source: NodeJS.ProcessEnv = process.env): void {
  const settings = mailSettings(source);
  if (!settings) return;
  const transport = createTransport(settings);
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    runMailPass(db, transport, settings)
      .catch((error: unknown) =>
        console.warn(`mail: pass failed: ${error instanceof Error ? error.message : String(error)}`),
      )
      .finally(() => {
        running = false;
      });
  };
  const timer = setInterval(tick, settings.intervalSeconds * 1000);
  timer.unref();
  setTimeout(tick, 5_000).unref();
}
