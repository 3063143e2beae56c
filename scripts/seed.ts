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
    // The 2024 종합평가 demo round sits beside the 2014 인증 round (issue 13): the home pages list both open rounds and
    // show the one whose deadline comes first by default, the 2014 round (ADR 038). So does the 국민행복민원실
    // re-certification cycle (a draft round: its cycle page holds the stages, ADR 037). `--comprehensive` and
    // `--happy-office`, which made them opt-in before, are still accepted and change nothing.
    const comprehensive = await seedComprehensiveDemo(db);
    const happyOffice = await seedHappyOfficeDemo(db);

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

    console.log(
      `\n민원서비스 종합평가 round ${comprehensive.roundId}${comprehensive.created ? " (created)" : ""}` +
        (comprehensive.peersAdded ? ", invented peer scores entered for the grade estimate" : ""),
    );

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
