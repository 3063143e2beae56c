// npm run migrate: brings the database at DATABASE_PATH (default data/injeungjigi.sqlite) to the latest schema and
// registers the rubric editions shipped in indicators/. Safe to run any number of times.
import { describeDatabase, migrateToLatest, openDatabase } from "#db/connection";
import { listEditions, syncShippedEditions } from "~/utils/editions.server";

async function main() {
  const db = openDatabase();
  try {
    console.log(`Database: ${describeDatabase()}`);
    const applied = await migrateToLatest(db);
    console.log(applied.length ? `Applied migrations: ${applied.join(", ")}` : "Migrations: already up to date");
    await syncShippedEditions(db);
    const editions = await listEditions(db);
    console.log(`Rubric editions: ${editions.map((e) => `${e.id} (${e.indicator_count})`).join(", ") || "none"}`);
  } finally {
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
