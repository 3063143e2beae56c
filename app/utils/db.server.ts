import { migrateToLatest, openDatabase } from "#db/connection";
import { syncShippedEditions } from "./editions.server";

// One database handle per server process. Pending migrations run and shipped rubric editions are registered
// before the first request is served.
export const db = openDatabase();
await migrateToLatest(db);
await syncShippedEditions(db);
