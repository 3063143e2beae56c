// The opt-in 국민행복민원실 demo (npm run seed -- --happy-office): 서대문구's earlier certificate and its 2025
// re-certification cycle up to 체험평가, written through the app's write path, audited, and the same when run twice.
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateToLatest, openDatabase } from "#db/connection";
import type { Database } from "#db/schema";
import { verifyAudit } from "~/utils/audit-replay.server";
import { syncShippedEditions } from "~/utils/editions.server";
import { cyclePage } from "~/utils/happy-office.server";
import { seedDemo } from "./demo";
import { seedHappyOfficeDemo } from "./happy-office";
import { SEODAEMUN_CODE } from "./seodaemun";

let db: Kysely<Database>;

beforeAll(async () => {
  db = openDatabase({ path: ":memory:" });
  await migrateToLatest(db);
  await syncShippedEditions(db);
  await seedDemo(db);
}, 60_000);

afterAll(async () => {
  await db.destroy();
});

describe("seedHappyOfficeDemo", () => {
  it("gives 서대문구 a re-certification cycle with stages up to 체험평가 and two visits, gold on award", async () => {
    const first = await seedHappyOfficeDemo(db);
    expect(first).toMatchObject({ created: true, certificateAdded: true, stagesAdded: 4, visitsAdded: 2 });
    const round = await db.selectFrom("rounds").selectAll().where("id", "=", first.roundId).executeTakeFirstOrThrow();
    const institution = await db
      .selectFrom("institutions")
      .select("id")
      .where("code", "=", SEODAEMUN_CODE)
      .executeTakeFirstOrThrow();
    expect(round.institution_id).toBe(institution.id);
    const page = (await cyclePage(db, round, "2025-10-01"))!;
    expect(page.stages.filter((s) => s.recorded).map((s) => s.key)).toEqual([
      "application",
      "document",
      "site",
      "mystery",
    ]);
    expect(page.next).toBe("selection");
    expect(page.visits).toHaveLength(2);
    expect(page.history).toMatchObject([{ awardDate: "2022-11-24", plaque: "silver", validUntil: "2025-11-23" }]);
    // Awarded on this year's 민원공무원의 날, it would renew the 2022 certificate: gold, valid to 2028-11-23.
    expect(page.preview).toMatchObject({ plaque: "gold", renews: "2022-11-24", validUntil: "2028-11-23" });
    // The invented data says so.
    expect(page.stages[0].recorded?.note).toMatch(/가상/);
  });

  it("adds nothing when run again, and its audit log verifies", async () => {
    const again = await seedHappyOfficeDemo(db);
    expect(again).toMatchObject({ created: false, certificateAdded: false, stagesAdded: 0, visitsAdded: 0 });
    const verdict = await verifyAudit(db);
    expect(verdict.problems).toEqual([]);
  });
});
