// npm run mail -- run       queue what is due now (assignments, returns, D-7/D-1, overdue action items, the digest
//                           once it is past MAIL_DIGEST_HOUR Seoul time) and send it
// npm run mail -- digest    the same, with today's digest even before its hour
// npm run mail -- status    how many messages are waiting, sent and failing
// Reads the SMTP_* settings and DATABASE_PATH (or DATABASE_URL) like the server. Safe beside running servers: each
// message has a unique key and is claimed by one sender, so nothing goes out twice.
import { migrateToLatest, openDatabase } from "#db/connection";
import { createTransport, mailSettings, runMailPass } from "~/utils/mail.server";

const command = process.argv[2] ?? "run";
const db = openDatabase();
try {
  await migrateToLatest(db);
  if (command === "status") {
    const rows = await db.selectFrom("mail_outbox").select(["sent_at", "attempts", "last_error"]).execute();
    const waiting = rows.filter((r) => !r.sent_at).length;
    const failing = rows.filter((r) => !r.sent_at && r.attempts > 0).length;
    const skipped = rows.filter((r) => r.sent_at && r.last_error).length;
    console.log(`waiting ${waiting} (failing ${failing}), sent ${rows.length - waiting - skipped}, skipped ${skipped}`);
  } else if (command === "run" || command === "digest") {
    const settings = mailSettings();
    if (!settings) {
      console.error("mail off: set SMTP_HOST (and SMTP_PORT, MAIL_FROM, …) to send mail.");
      process.exitCode = 1;
    } else {
      const result = await runMailPass(db, createTransport(settings), settings, { forceDigest: command === "digest" });
      console.log(`queued ${result.queued}, sent ${result.sent} message(s)`);
    }
  } else {
    console.error(`unknown command "${command}": run, digest or status`);
    process.exitCode = 2;
  }
} finally {
  await db.destroy();
}
