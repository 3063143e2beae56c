// The 서대문구 demo's 2024 민원서비스 종합평가 round (issue 13), beside its 2014 인증 round: opened, assigned and partly
// answered through the app's write path as the 2014 round is, with peer scores entered for the grade estimate.
// The peers are INVENTED (가상 기관 A…), labelled so: no per-institution scores of the 종합평가 are public.
import type { Kysely } from "kysely";
import type { Db } from "#db/connection";
import type { Database, Round } from "#db/schema";
import { isoToSeoulLocal } from "~/domain/datetime";
import { getEdition } from "~/utils/editions.server";
import { runGradeIntent } from "~/utils/grades.server";
import { createRound, getRound, runRoundIntent } from "~/utils/round-admin.server";
import { DEMO_LOGINS, seedActors } from "./demo";
import { planRound } from "./round-2014";
import { writePlan } from "./round-writes";
import { SEODAEMUN_CODE } from "./seodaemun";

export const COMPREHENSIVE_DEMO = {
  editionId: "2024-comprehensive-sigungu",
  year: 2024,
  title: "2024년 민원서비스 종합평가 (평가 기간 2023. 9. 1. ~ 2024. 8. 31.)",
  deadlineAt: "2024-08-31T09:00:00.000Z",
} as const;

/** Invented peers of the 기초자치단체 type: name, total, then the five items (scores out of 100). */
export const INVENTED_PEERS = [
  "기관,총점,1,2,3,4,5",
  "가상 기관 A,88.42,26.10,13.20,17.50,17.80,13.82",
  "가상 기관 B,86.05,25.40,12.90,17.10,17.20,13.45",
  "가상 기관 C,83.77,24.05,12.60,16.40,17.00,13.72",
  "가상 기관 D,81.30,23.80,12.10,16.00,16.20,13.20",
  "가상 기관 E,79.64,23.10,11.90,15.70,15.90,13.04",
  "가상 기관 F,78.74,22.60,11.70,15.30,16.10,13.04",
  "가상 기관 G,76.65,22.00,11.20,15.10,15.40,12.95",
  "가상 기관 H,74.20,21.30,10.80,14.60,15.00,12.50",
  "가상 기관 I,71.92,20.40,10.50,14.20,14.30,12.52",
].join("\n");

export interface ComprehensiveSeedReport {
  roundId: number;
  created: boolean;
  peersAdded: boolean;
}

async function ensureRound(trx: Db, actors: ReturnType<typeof seedActors>, institutionId: number) {
  const existing = await trx
    .selectFrom("rounds")
    .selectAll()
    .where("institution_id", "=", institutionId)
    .where("edition_id", "=", COMPREHENSIVE_DEMO.editionId)
    .executeTakeFirst();
  if (existing) return { round: existing as Round, created: false };
  const made = await createRound(trx, actors.coordinator, institutionId, {
    intent: "createRound",
    year: COMPREHENSIVE_DEMO.year,
    editionId: COMPREHENSIVE_DEMO.editionId,
    title: COMPREHENSIVE_DEMO.title,
    deadline: isoToSeoulLocal(COMPREHENSIVE_DEMO.deadlineAt),
    carryOver: "none",
  });
  if (!made.ok || !made.roundId)
    throw new Error(`demo seed: creating the 종합평가 round was refused: ${JSON.stringify(made)}`);
  const draft = await getRound(trx, made.roundId);
  const opened = await runRoundIntent(trx, actors.coordinator, draft, {
    intent: "transition",
    transition: "open",
    version: draft.version,
    reason: "",
    acknowledge: false,
  });
  if (!opened.ok) throw new Error(`demo seed: opening the 종합평가 round was refused: ${JSON.stringify(opened)}`);
  return { round: await getRound(trx, made.roundId), created: true };
}

/** Seeds the 종합평가 demo round; run after seedDemo (it needs 서대문구, its departments and the demo logins). */
export async function seedComprehensiveDemo(db: Kysely<Database>): Promise<ComprehensiveSeedReport> {
  const edition = await getEdition(db, COMPREHENSIVE_DEMO.editionId);
  if (!edition) throw new Error(`edition ${COMPREHENSIVE_DEMO.editionId} is not registered: run npm run migrate first`);
  return db.transaction().execute(async (trx) => {
    const institution = await trx
      .selectFrom("institutions")
      .select("id")
      .where("code", "=", SEODAEMUN_CODE)
      .executeTakeFirstOrThrow();
    const users = await trx
      .selectFrom("users")
      .select(["id", "username"])
      .where(
        "username",
        "in",
        DEMO_LOGINS.map((l) => l.username),
      )
      .execute();
    const departments = await trx
      .selectFrom("departments")
      .select(["id", "name"])
      .where("institution_id", "=", institution.id)
      .execute();
    const userIds = new Map(users.map((u) => [u.username, u.id]));
    const departmentIds = new Map(departments.map((d) => [d.name, d.id]));
    const actors = seedActors(userIds, institution.id, departmentIds);
    const { round, created } = await ensureRound(trx, actors, institution.id);
    const counts = { rounds: 0, assignments: 0, responses: 0, evidence: 0, comments: 0, action_items: 0 };
    if (round.state === "draft" || round.state === "open")
      await writePlan(trx, round, edition, planRound(edition), actors, departmentIds, counts);
    const peers = await trx.selectFrom("grade_peers").select("id").where("round_id", "=", round.id).limit(1).execute();
    let peersAdded = false;
    if (peers.length === 0) {
      const outcome = await runGradeIntent(trx, actors.coordinator, round, { intent: "addPeers", csv: INVENTED_PEERS });
      if (!outcome.ok) throw new Error(`demo seed: peer scores were refused: ${JSON.stringify(outcome)}`);
      peersAdded = true;
    }
    return { roundId: round.id, created, peersAdded };
  });
}
