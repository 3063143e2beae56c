// npm run create-admin -- --username admin --name "시스템 관리자" [--email a@b.kr]   (bin/create-admin in a release)
// Creates a system administrator on the database at DATABASE_PATH / DATABASE_URL (migrating it first, so it works on
// a new, empty one) and prints a temporary password once; it must be changed at the first sign-in.
import { describeDatabase, migrateToLatest, openDatabase } from "#db/connection";
import { createSystemAdmin } from "~/utils/system-admin.server";

const USAGE = 'usage: create-admin --username NAME --name "DISPLAY NAME" [--email ADDRESS]';

function parseArgs(argv: string[]): Record<string, string> {
  const args: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (!["--username", "--name", "--email"].includes(flag) || value === undefined) throw new Error(USAGE);
    args[flag.slice(2)] = value;
    i++;
  }
  return args;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!args.username || !args.name) throw new Error(USAGE);
  const db = openDatabase();
  try {
    await migrateToLatest(db);
    const result = await createSystemAdmin(db, {
      username: args.username,
      displayName: args.name,
      email: args.email ?? null,
    });
    if (!result.ok) throw new Error(`Not created:\n${result.errors.map((e) => `  ${e}`).join("\n")}`);
    console.log(`Database: ${describeDatabase()}`);
    console.log(`System administrator created: ${result.username}`);
    console.log(`Temporary password (shown once; to be changed at the first sign-in): ${result.temporaryPassword}`);
  } finally {
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
