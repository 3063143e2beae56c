// A writer for the backup test, standing in for a running app server: appends an audit event and changes a response
// in one transaction each, as fast as it can, until told to stop (SIGTERM), then prints how many committed.
// With `--count N` it commits N transactions, prints "idle" and keeps the database open (its last writes still in
// the WAL, as on a live server between requests) until SIGTERM.
import { migrateToLatest, openDatabase } from "#db/connection";
import { recordEvent } from "~/utils/audit.server";

const db = openDatabase();
await migrateToLatest(db);
const limit = process.argv.includes("--count") ? Number(process.argv[process.argv.indexOf("--count") + 1]) : Infinity;
let stop = false;
let committed = 0;
process.on("SIGTERM", () => {
  stop = true;
});
const response = await db.selectFrom("responses").select(["id", "round_id"]).orderBy("id").executeTakeFirstOrThrow();
process.stdout.write("ready\n");
while (!stop && committed < limit) {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("responses")
      .set((eb) => ({ version: eb("version", "+", 1), updated_at: new Date().toISOString() }))
      .where("id", "=", response.id)
      .execute();
    await recordEvent(trx, {
      actorUserId: null,
      roundId: response.round_id,
      entity: "response",
      entityId: response.id,
      action: "touch",
      after: { n: committed },
    });
  });
  committed++;
  if (committed % 20 === 0) await new Promise((r) => setImmediate(r));
}
if (!stop) {
  process.stdout.write("idle\n");
  const keepAlive = setInterval(() => {}, 1000);
  await new Promise<void>((resolve) => process.on("SIGTERM", () => resolve()));
  clearInterval(keepAlive);
}
process.stdout.write(`committed ${committed}\n`);
await db.destroy();
