// npm run seed: migrates, registers the shipped rubric editions and loads the demo data (idempotent), then prints
// what it added, the state of the demo round and the demo logins.
import { describeDatabase, migrateToLatest, openDatabase } from "#db/connection";
import { formatPoints } from "#indicators/points";
import { seedComprehensiveDemo } from "../seeds/comprehensive";
import { DEMO_LOGINS, seedDemo, SEEDED_TABLES } from "../seeds/demo";
import { seedHappyOfficeDemo } from "../seeds/happy-office";
import { syncShippedEditions } from "~/utils/editions.server";

async function main() {
  const db = openDatabase();
  try {
    console.log(`Database: ${describeDatabase()}`);
    const applied = await migrateToLatest(db);
    if (applied.length) console.log(`Applied migrations: ${applied.join(", ")}`);
    await syncShippedEditions(db);
    const report = await seedDemo(db);
    // The 2024 종합평가 demo round is opt-in (`npm run seed -- --comprehensive`): the home pages still show one current
    // round (the open one of the latest year), which would then be the 종합평가 round rather than the 2014 인증 round
    // every demo login and browser journey starts from.
    const comprehensive = process.argv.includes("--comprehensive") ? await seedComprehensiveDemo(db) : null;
    // The 국민행복민원실 re-certification cycle (2025) is opt-in too (`npm run seed -- --happy-office`), for now.
    const happyOffice = process.argv.includes("--happy-office") ? await seedHappyOfficeDemo(db) : null;

    console.log(report.addedTotal ? "Added:" : "Nothing to add: the demo data is already there.");
    for (const table of SEEDED_TABLES)
      if (report.added[table]) console.log(`  ${table.padEnd(15)} ${report.added[table]}`);
    for (const warning of report.warnings) console.log(`Warning: ${warning}`);

    const round = report.round;
    if (round) {
      const s = round.byStatus;
      console.log(
        `\nRound ${round.id}: ${round.title} (${round.editionId}, ${round.state}, deadline ${round.deadlineAt})`,
      );
      console.log(
        `  indicators ${round.indicators}, with a lead department ${round.leadAssigned}, answered ${round.answered}`,
      );
      console.log(
        `  status: not_started ${s.not_started}, draft ${s.draft}, submitted ${s.submitted}, returned ${s.returned}, approved ${s.approved}`,
      );
      console.log(`  self-assessed total so far: ${formatPoints(round.selfTenths)} / ${formatPoints(round.maxTenths)}`);
    }

    if (comprehensive)
      console.log(
        `\n민원서비스 종합평가 round ${comprehensive.roundId}${comprehensive.created ? " (created)" : ""}` +
          (comprehensive.peersAdded ? ", invented peer scores entered for the grade estimate" : ""),
      );

    if (happyOffice)
      console.log(
        `\n국민행복민원실 cycle round ${happyOffice.roundId}${happyOffice.created ? " (created)" : ""}: ` +
          `${happyOffice.stagesAdded} stages and ${happyOffice.visitsAdded} 체험평가 visits recorded` +
          (happyOffice.certificateAdded ? ", the earlier 2022-11-24 certificate added" : ""),
      );

    console.log("\nDemo logins:");
    for (const login of DEMO_LOGINS) {
      const where = login.department ? `, ${login.department}` : "";
      console.log(
        `  ${login.username.padEnd(12)} ${login.password}  ${login.roleEn} (${login.roleKo}): ${login.displayName}${where}`,
      );
    }
  } finally {
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
