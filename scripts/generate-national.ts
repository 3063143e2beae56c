// npm run generate:national -- [--institutions 300] [--years 3] [--events 1000000]
// A national-scale dataset for load tests, into the database at DATABASE_PATH (or DATABASE_URL), which should be
// empty: every local government and central agency (300 institutions) with departments and people, three years of
// rounds each on the 2014 edition (≈120,000 responses), evidence metadata for each answer, and about 1,000,000 audit
// events forming one valid hash chain. Everyone's password is "bench1234!". Prints what it made and how long it took.
// It also writes invented 민원서비스 종합평가 scores for every institution type (data/national-comprehensive/, or
// NATIONAL_OUT_DIR) in the grade page's CSV format.
import fs from "node:fs";
import path from "node:path";
import { databasePathFromEnv, databaseUrlFromEnv, type Db, migrateToLatest, openDatabase } from "#db/connection";
import type { Database } from "#db/schema";
import { toTenths } from "#indicators/points";
import { GENESIS_HASH, type ChainedEventContent } from "~/domain/audit-chain";
import { hashEvent } from "~/utils/audit-chain.server";
import { getEdition, syncShippedEditions } from "~/utils/editions.server";
import { hashPassword } from "~/utils/password.server";
import { REGIONS } from "~/schemas/regions";
import { SEODAEMUN_DEPARTMENTS } from "../seeds/seodaemun";
import { comprehensiveScoreFiles } from "./national-comprehensive";

export const BENCH_PASSWORD = "bench1234!";
const DEPARTMENTS = SEODAEMUN_DEPARTMENTS.slice(0, 10);
const EDITION = "2014-sigungu-v2";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
}

/** Inserts rows in chunks small enough for every engine's limit on bound parameters. */
async function insertMany<T extends keyof Database & string>(
  db: Db,
  table: T,
  rows: Record<string, unknown>[],
  chunk = 400,
) {
  for (let i = 0; i < rows.length; i += chunk)
    await db
      .insertInto(table)
      .values(rows.slice(i, i + chunk) as never)
      .execute();
}

/** Deterministic pseudo-random numbers, so two runs make the same dataset. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export async function generateNational(db: Db, options: { institutions: number; years: number; events: number }) {
  const started = Date.now();
  const rand = random(2014);
  const edition = (await getEdition(db, EDITION))!;
  const now = new Date().toISOString();
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const years = Array.from({ length: options.years }, (_, i) => 2014 + i);
  const counts = { institutions: 0, departments: 0, users: 0, rounds: 0, responses: 0, evidence: 0, events: 0 };

  for (let n = 1; n <= options.institutions; n++) {
    const code = `nat-${String(n).padStart(3, "0")}`;
    await db.transaction().execute(async (trx) => {
      const inst = await trx
        .insertInto("institutions")
        .values({
          code,
          name: `전국기관 ${String(n).padStart(3, "0")}`,
          region: REGIONS[n % REGIONS.length],
          type: n % 12 === 0 ? "sido" : "sigungu",
          created_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const depts = await trx
        .insertInto("departments")
        .values(
          DEPARTMENTS.map((name, i) => ({
            institution_id: inst.id,
            name,
            is_lead: i === 0 ? 1 : 0,
            sort_order: i,
            created_at: now,
          })),
        )
        .returning(["id", "name"])
        .execute();
      const people = [
        { username: `${code}-coordinator`, role: "coordinator" as const, departmentId: depts[0].id },
        { username: `${code}-auditor`, role: "auditor" as const, departmentId: null },
        ...depts.map((d, i) => ({
          username: `${code}-member${i + 1}`,
          role: "department_member" as const,
          departmentId: d.id,
        })),
      ];
      const users = await trx
        .insertInto("users")
        .values(
          people.map((p) => ({
            username: p.username,
            display_name: `${p.username} 담당`,
            password_hash: passwordHash,
            created_at: now,
            updated_at: now,
          })),
        )
        .returning(["id", "username"])
        .execute();
      await insertMany(
        trx,
        "memberships",
        people.map((p, i) => ({
          user_id: users[i].id,
          institution_id: inst.id,
          role: p.role,
          department_id: p.departmentId,
          created_at: now,
        })),
      );
      for (const year of years) {
        const open = year === years[years.length - 1];
        const round = await trx
          .insertInto("rounds")
          .values({
            institution_id: inst.id,
            edition_id: EDITION,
            year,
            title: `${year}년 자율진단`,
            state: open ? "open" : "concluded",
            deadline_at: `${year}-08-29T09:00:00.000Z`,
            created_at: now,
            updated_at: now,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        const leadOf = (i: number) => depts[i % depts.length];
        await insertMany(
          trx,
          "assignments",
          edition.indicators.map((ind, i) => ({
            round_id: round.id,
            indicator_code: ind.code,
            department_id: leadOf(i).id,
            role: "lead",
            created_at: now,
          })),
        );
        const responses = await trx
          .insertInto("responses")
          .values(
            edition.indicators.map((ind, i) => {
              const max = toTenths(ind.maxPoints);
              const self = Math.round(max * (0.6 + 0.4 * rand()));
              const status = open ? (["draft", "submitted", "approved", "not_started"] as const)[i % 4] : "approved";
              return {
                round_id: round.id,
                indicator_code: ind.code,
                status,
                implemented: status === "not_started" ? null : 1,
                answer: null,
                self_tenths: status === "not_started" ? null : self,
                reviewed_tenths: status === "approved" ? self : null,
                narrative: status === "not_started" ? null : `${ind.title}: ${year}년 추진 실적`,
                updated_by: users[2 + (i % depts.length)].id,
                updated_at: now,
                submitted_at: status === "submitted" || status === "approved" ? now : null,
              };
            }),
          )
          .returning(["id", "status"])
          .execute();
        await insertMany(
          trx,
          "evidence",
          responses
            .filter((r) => r.status !== "not_started")
            .map((r, i) => ({
              response_id: r.id,
              kind: "note",
              title: "내부 결재 문서",
              note: `결재 문서 ${year}-${i}`,
              created_by: users[0].id,
              created_at: now,
            })),
        );
        counts.rounds += 1;
        counts.responses += responses.length;
        counts.evidence += responses.filter((r) => r.status !== "not_started").length;
      }
      counts.institutions += 1;
      counts.departments += depts.length;
      counts.users += users.length;
    });
  }

  // The audit log: one valid chain of events spread over every response (about eight saves each), as years of work
  // would have left it: each event names a real response of its round and that response's indicator.
  const responses = await db
    .selectFrom("responses as r")
    .innerJoin("rounds as ro", "ro.id", "r.round_id")
    .select(["r.id", "r.round_id", "r.indicator_code", "ro.institution_id"])
    .orderBy("r.id")
    .execute();
  const last = await db
    .selectFrom("audit_events")
    .select(["seq", "hash"])
    .orderBy("seq", "desc")
    .limit(1)
    .executeTakeFirst();
  let prev = last?.hash ?? GENESIS_HASH;
  let seq = last?.seq ?? 0;
  const batch: Record<string, unknown>[] = [];
  const base = Date.parse("2014-03-01T00:00:00.000Z");
  for (let i = 0; i < options.events; i++) {
    const response = responses[(i * 7919) % responses.length];
    const content: ChainedEventContent = {
      seq: ++seq,
      at: new Date(base + i * 60_000).toISOString(),
      actor_user_id: null,
      institution_id: response.institution_id,
      round_id: response.round_id,
      entity: "response",
      entity_id: String(response.id),
      action: i % 5 === 0 ? "submit" : "save",
      before_json: null,
      after_json: JSON.stringify({ indicator: response.indicator_code, version: 1 + (i % 9) }),
    };
    const hash = hashEvent(content, prev);
    batch.push({ ...content, prev_hash: prev, hash });
    prev = hash;
    if (batch.length === 2000) {
      await db.transaction().execute((trx) => insertMany(trx, "audit_events", batch.splice(0)));
    }
  }
  if (batch.length) await db.transaction().execute((trx) => insertMany(trx, "audit_events", batch.splice(0)));
  counts.events = options.events;
  return { ...counts, seconds: Math.round((Date.now() - started) / 100) / 10 };
}

async function main() {
  const options = { institutions: arg("institutions", 300), years: arg("years", 3), events: arg("events", 1_000_000) };
  const db = openDatabase();
  try {
    console.log(`Database: ${databaseUrlFromEnv() ? "PostgreSQL (DATABASE_URL)" : databasePathFromEnv()}`);
    await migrateToLatest(db);
    await syncShippedEditions(db);
    const existing = Number(
      (
        await db
          .selectFrom("institutions")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("code", "like", "nat-%")
          .executeTakeFirstOrThrow()
      ).n,
    );
    if (existing > 0)
      throw new Error(`the database already holds ${existing} generated institutions: generate into an empty database`);
    const made = await generateNational(db, options);
    // 종합평가 peer scores for every institution type (invented), ready for the grade page's CSV import.
    const outDir = path.resolve(process.env.NATIONAL_OUT_DIR ?? path.join("data", "national-comprehensive"));
    fs.mkdirSync(outDir, { recursive: true });
    for (const file of comprehensiveScoreFiles(random(2024))) {
      fs.writeFileSync(path.join(outDir, `2024-${file.type}.csv`), file.csv);
      console.log(`종합평가 scores (invented) of ${file.label}: ${path.join(outDir, `2024-${file.type}.csv`)}`);
    }
    console.log(
      `Generated ${made.institutions} institutions, ${made.departments} departments, ${made.users} people, ${made.rounds} rounds, ` +
        `${made.responses} responses, ${made.evidence} evidence records and ${made.events} audit events in ${made.seconds} s.`,
    );
  } finally {
    await db.destroy();
  }
}

if (process.argv[1]?.endsWith("generate-national.ts")) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
