// npm run audit -- verify [--json]: checks the audit log's hash chain (every event carries the hash of the one
// before it) and exits 1 listing what is wrong: an edited, deleted or reordered row. Reads the database at
// DATABASE_PATH (or DATABASE_URL for PostgreSQL) in batches, so it runs in constant memory on any size of log.
import { openDatabase } from "#db/connection";
import { verifyAuditLog } from "~/utils/history.server";

const USAGE = "usage: npm run audit -- verify [--json]";

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  const json = rest.includes("--json");
  if (command !== "verify") {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const db = openDatabase();
  try {
    const started = Date.now();
    const result = await verifyAuditLog(db);
    const ms = Date.now() - started;
    if (json) console.log(JSON.stringify({ ...result, ms }, null, 2));
    else if (result.ok) console.log(`audit log OK: ${result.checked} events, chain unbroken up to #${result.lastSeq} (${ms} ms)`);
    else {
      console.log(`audit log BROKEN: ${result.problems.length} problem(s) in ${result.checked} events`);
      for (const p of result.problems) console.log(`  #${p.seq} ${p.kind}: ${p.message}`);
    }
    process.exitCode = result.ok ? 0 : 1;
  } finally {
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 2;
});
