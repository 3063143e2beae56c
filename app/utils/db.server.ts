import { migrateToLatest, openDatabase } from "#db/connection";
import { startPeriodicCheckpoints } from "./checkpoints.server";
import { syncShippedEditions } from "./editions.server";
import { startMailScheduler } from "./mail.server";
import { onShutdown } from "./shutdown.server";

// One database handle per server process. Pending migrations run and shipped rubric editions are registered
// before the first request is served; the handle is closed when the server shuts down (after the last answer).
export const db = openDatabase();
onShutdown("database", () => db.destroy());
await migrateToLatest(db);
await syncShippedEditions(db);
// Signs the audit chain's head every few minutes while events are appended (docs/decisions/024); not in unit tests.
if (process.env.NODE_ENV !== "test") startPeriodicCheckpoints(db);
// Mail (SMTP_HOST set): every process looks for due mail; the outbox's claims send each message once.
if (process.env.NODE_ENV !== "test") startMailScheduler(db);
