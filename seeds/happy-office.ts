// The 서대문구 demo's 국민행복민원실 re-certification cycle (issue 13, ADR 037), beside its 2014 인증 round: an earlier
// 국민행복민원실 certificate awarded three years before (2022-11-24, silver), and the 2025 cycle on the 2025 edition
// with 신청 → 서면심사 → 현지실사 → 체험평가 recorded and two 체험평가 visits; the selection is left for the coordinator
// (it would be a re-certification: gold, valid to 2028-11-23). Everything goes through the app's write path, one audit
// event per change. The dates follow the yearly schedule (schemes.md C: mby.co.kr ncd=455523); the certificate,
// the stage days and the visits are INVENTED for the demo and labelled so: 서대문구's real history is not in the sources.
import type { Kysely } from "kysely";
import type { Database, Round } from "#db/schema";
import { isoToSeoulLocal } from "~/domain/datetime";
import type { CycleIntent } from "~/schemas/happy-office";
import { getEdition } from "~/utils/editions.server";
import { runCycleIntent } from "~/utils/happy-office.server";
import { insertCertifications } from "~/utils/registry-write.server";
import { createRound, getRound } from "~/utils/round-admin.server";
import { DEMO_LOGINS, seedActors } from "./demo";
import { SEODAEMUN_CODE } from "./seodaemun";

const INVENTED = "데모용 가상 기록 (출처 없음)";

export const HAPPY_OFFICE_DEMO = {
  editionId: "2025-happy-office",
  year: 2025,
  title: "2025년 국민행복민원실 재인증",
  deadlineAt: "2025-06-30T09:00:00.000Z",
  /** The earlier certificate, three years before this cycle's award day (11-24). */
  earlierAward: "2022-11-24",
  stages: [
    { stage: "application", date: "2025-06-20", note: `신청서 제출 — ${INVENTED}` },
    { stage: "document", date: "2025-07-18", note: `서면심사 통과 — ${INVENTED}` },
    { stage: "site", date: "2025-08-21", note: `현지실사 — ${INVENTED}` },
    { stage: "mystery", date: "2025-09-16", note: `체험평가 2회 — ${INVENTED}` },
  ],
  visits: [
    {
      visitedOn: "2025-09-16",
      channel: "visit",
      scenario: "휠체어를 쓰는 고령 민원인으로 주민등록등본 발급 (가상)",
      observations: {
        "III-1": "입구에서 안내 직원이 먼저 다가와 용건을 묻고 낮은 창구로 안내함",
        "III-2": "등본 발급까지 6분, 수수료 면제 대상 여부를 먼저 확인함",
        "III-4": "경사로와 자동문 이용 가능, 점자 안내는 민원실 안쪽에만 있음",
      },
      score: 88,
      finding: "점자 안내판이 입구에 없음",
      followUp: "입구에 점자 안내판 설치 (11월 예정)",
    },
    {
      visitedOn: "2025-09-18",
      channel: "phone",
      scenario: "여권 재발급 구비서류 전화 문의 (가상)",
      observations: { "III-3": "세 번째 연결음에 받음, 구비서류를 정확히 안내하고 문자로도 보내 줌" },
      score: 94,
      finding: null,
      followUp: null,
    },
  ],
} as const;

export interface HappyOfficeSeedReport {
  roundId: number;
  created: boolean;
  certificateAdded: boolean;
  stagesAdded: number;
  visitsAdded: number;
}

/** Seeds the 국민행복민원실 demo cycle; run after seedDemo (it needs 서대문구 and the demo logins). Idempotent. */
export async function seedHappyOfficeDemo(db: Kysely<Database>): Promise<HappyOfficeSeedReport> {
  const edition = await getEdition(db, HAPPY_OFFICE_DEMO.editionId);
  if (!edition) throw new Error(`edition ${HAPPY_OFFICE_DEMO.editionId} is not registered: run npm run migrate first`);
  // Each step is its own transaction (the cycle's writes open theirs), so a refusal stops the seed loudly.
  const institution = await db
    .selectFrom("institutions")
    .select("id")
    .where("code", "=", SEODAEMUN_CODE)
    .executeTakeFirstOrThrow();
  const users = await db
    .selectFrom("users")
    .select(["id", "username"])
    .where(
      "username",
      "in",
      DEMO_LOGINS.map((l) => l.username),
    )
    .execute();
  const departments = await db
    .selectFrom("departments")
    .select(["id", "name"])
    .where("institution_id", "=", institution.id)
    .execute();
  const actors = seedActors(
    new Map(users.map((u) => [u.username, u.id])),
    institution.id,
    new Map(departments.map((d) => [d.name, d.id])),
  );

  let certificateAdded = false;
  const earlier = await db
    .selectFrom("certifications")
    .select("id")
    .where("institution_id", "=", institution.id)
    .where("scheme", "=", "happy-office")
    .where("award_date", "=", HAPPY_OFFICE_DEMO.earlierAward)
    .executeTakeFirst();
  if (!earlier) {
    await db.transaction().execute((trx) =>
      insertCertifications(
        trx,
        actors.coordinator.userId,
        [
          {
            institutionId: institution.id,
            awardDate: HAPPY_OFFICE_DEMO.earlierAward,
            kind: "initial",
            scoreTenths: null,
            roundId: null,
            note: `국민행복민원실 신규 인증(은판) — ${INVENTED}`,
            scheme: "happy-office",
            plaque: "silver",
          },
        ],
        "record",
      ),
    );
    certificateAdded = true;
  }

  let round = (await db
    .selectFrom("rounds")
    .selectAll()
    .where("institution_id", "=", institution.id)
    .where("edition_id", "=", HAPPY_OFFICE_DEMO.editionId)
    .executeTakeFirst()) as Round | undefined;
  const created = !round;
  if (!round) {
    const made = await createRound(db, actors.coordinator, institution.id, {
      intent: "createRound",
      year: HAPPY_OFFICE_DEMO.year,
      editionId: HAPPY_OFFICE_DEMO.editionId,
      title: HAPPY_OFFICE_DEMO.title,
      deadline: isoToSeoulLocal(HAPPY_OFFICE_DEMO.deadlineAt),
      carryOver: "none",
    });
    if (!made.ok || !made.roundId)
      throw new Error(`demo seed: creating the 국민행복민원실 round was refused: ${JSON.stringify(made)}`);
    round = await getRound(db, made.roundId);
  }

  const run = async (intent: CycleIntent) => {
    const result = await runCycleIntent(db, actors.coordinator, round, intent);
    if (!result.outcome.ok) throw new Error(`demo seed: ${intent.intent} was refused: ${JSON.stringify(result)}`);
  };
  const recorded = new Set(
    (await db.selectFrom("happy_office_stages").select("stage").where("round_id", "=", round.id).execute()).map(
      (s) => s.stage,
    ),
  );
  let stagesAdded = 0;
  for (const s of HAPPY_OFFICE_DEMO.stages) {
    if (recorded.has(s.stage)) continue;
    await run({ intent: "recordStage", stage: s.stage, date: s.date, note: s.note });
    stagesAdded += 1;
  }
  let visitsAdded = 0;
  const visits = await db.selectFrom("mystery_visits").select("id").where("round_id", "=", round.id).execute();
  if (visits.length === 0)
    for (const v of HAPPY_OFFICE_DEMO.visits) {
      await run({ intent: "addVisit", ...v, observations: { ...v.observations } });
      visitsAdded += 1;
    }
  return { roundId: round.id, created, certificateAdded, stagesAdded, visitsAdded };
}
