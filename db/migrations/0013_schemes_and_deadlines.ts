import { type Kysely, sql } from "kysely";

/**
 * The registry across schemes (issue 13) and the round's late hand-in rule (issue 15). Frozen in time.
 *
 * - `certifications.scheme`: which certification a row records — the 민원서비스 우수기관 인증 (2012–2015, every row
 *   before this migration) or the 국민행복민원실 인증. The 종합평가 grades live in `round_grades`, not here.
 * - `certifications.plaque`: the 국민행복민원실 plaque (은판 for a new certification, 금판 for a re-certification);
 *   null for the 인증, which had none.
 * - `rounds.late_policy`: what a hand-in after the deadline does — `accept` (taken, marked 기한 후 제출; the rule
 *   before this migration) or `refuse` (refused with the deadline named; the coordinator may change it at any time).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("certifications")
    .addColumn("scheme", "text", (c) =>
      c
        .notNull()
        .defaultTo("certification")
        .check(sql`scheme in ('certification','happy-office')`),
    )
    .execute();
  await db.schema
    .alterTable("certifications")
    .addColumn("plaque", "text", (c) => c.check(sql`plaque in ('silver','gold')`))
    .execute();
  await db.schema
    .createIndex("certifications_scheme_award")
    .ifNotExists()
    .on("certifications")
    .columns(["scheme", "award_date"])
    .execute();
  await db.schema
    .alterTable("rounds")
    .addColumn("late_policy", "text", (c) =>
      c
        .notNull()
        .defaultTo("accept")
        .check(sql`late_policy in ('accept','refuse')`),
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("rounds").dropColumn("late_policy").execute();
  await db.schema.dropIndex("certifications_scheme_award").ifExists().execute();
  await db.schema.alterTable("certifications").dropColumn("plaque").execute();
  await db.schema.alterTable("certifications").dropColumn("scheme").execute();
}
