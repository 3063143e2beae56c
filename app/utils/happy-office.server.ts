// The 국민행복민원실 cycle of a round: the stages by month (from the scheme's data), what the coordinator recorded,
// the 체험평가 visits, and the selection that creates the certificate (plaque and 3-year validity decided by
// app/domain/happy-office.ts). Every write is one transaction with its audit event. See ADR 037.
import { type Db, inTransaction, nowIso } from "#db/connection";
import type { Round } from "#db/schema";
import {
  CYCLE_STAGES,
  type CycleStage,
  cycleCalendar,
  HAPPY_OFFICE_VALIDITY,
  happyOfficeAward,
  nextStage,
  PLAQUE_RULE,
  AWARD_DAY,
  stageProblem,
} from "~/domain/happy-office";
import type { Actor } from "~/domain/permissions";
import { schemeIdOf, HAPPY_OFFICE } from "~/domain/schemes";
import { todayInSeoul, validityChain, type CertificationFacts } from "~/domain/validity";
import type { MessageKey } from "~/i18n";
import type { CycleIntent } from "~/schemas/happy-office";
import { done, type Outcome, refuseField } from "./actions.server";
import { recordEvent } from "./audit.server";
import { getEdition } from "./editions.server";
import { insertCertifications } from "./registry-write.server";

/** The edition of a round when it is a 국민행복민원실 edition, else null (the page does not exist). */
async function happyEdition(db: Db, round: Round) {
  const edition = await getEdition(db, round.edition_id);
  return edition && schemeIdOf(edition) === "happy-office" ? edition : null;
}

/** The institution's 국민행복민원실 certificates (never its 인증), oldest first, as validity facts. */
async function happyCertificates(db: Db, institutionId: number) {
  const rows = await db
    .selectFrom("certifications")
    .select(["id", "award_date", "kind", "plaque", "revoked_at", "round_id"])
    .where("institution_id", "=", institutionId)
    .where("scheme", "=", "happy-office")
    .orderBy("award_date")
    .execute();
  return rows.map((r) => ({ ...r, awardDate: r.award_date, revokedAt: r.revoked_at }) satisfies CertificationFacts);
}

const STAGE_PROBLEM_KEY: Record<NonNullable<ReturnType<typeof stageProblem>>, MessageKey> = {
  "previous-missing": "happy.error.previousMissing",
  "before-previous": "happy.error.beforePrevious",
  "after-next": "happy.error.afterNext",
};

export async function cyclePage(db: Db, round: Round, today: string = todayInSeoul()) {
  const edition = await happyEdition(db, round);
  if (!edition) return null;
  const [stages, visits, certs] = await Promise.all([
    db.selectFrom("happy_office_stages").selectAll().where("round_id", "=", round.id).execute(),
    db
      .selectFrom("mystery_visits")
      .selectAll()
      .where("round_id", "=", round.id)
      .orderBy("visited_on")
      .orderBy("id")
      .execute(),
    happyCertificates(db, round.institution_id),
  ]);
  const calendar = cycleCalendar(round.year);
  const byStage = new Map(stages.map((s) => [s.stage, s]));
  const chain = validityChain(certs, today, HAPPY_OFFICE_VALIDITY);
  const selection = byStage.get("selection");
  const awarded = selection?.certification_id ? chain.find((e) => e.cert.id === selection.certification_id) : null;
  // Before the selection: what an award on this year's 민원공무원의 날 would be, from the earlier certificates.
  const earlier = certs.filter((c) => c.round_id !== round.id);
  const preview = selection ? null : happyOfficeAward(earlier, calendar.awardDay, today);
  const criteria = edition.indicators
    .filter((i) => i.tags.includes("mystery"))
    .map((i) => ({ code: i.item, title: i.title }));
  return {
    edition: { id: edition.id, title: edition.title, reconstruction: edition.reconstruction },
    rule: calendar.rule,
    awardDay: { date: calendar.awardDay, rule: AWARD_DAY.rule },
    validityRule: HAPPY_OFFICE.validity!.rule,
    plaqueRule: PLAQUE_RULE,
    stages: CYCLE_STAGES.map((key) => {
      const planned = calendar.stages.find((s) => s.key === key) ?? null;
      const row = byStage.get(key);
      return {
        key,
        from: planned?.from ?? null,
        until: planned?.until ?? null,
        recorded: row ? { date: row.on_date, outcome: row.outcome, note: row.note } : null,
      };
    }),
    next: nextStage(stages.map((s) => ({ key: s.stage }))),
    criteria,
    visits: visits.map((v) => ({
      id: v.id,
      visitedOn: v.visited_on,
      channel: v.channel,
      scenario: v.scenario,
      observations: JSON.parse(v.observations) as Record<string, string>,
      score: v.score,
      finding: v.finding,
      followUp: v.follow_up,
    })),
    award: awarded
      ? {
          certificationId: awarded.cert.id,
          awardDate: awarded.cert.awardDate,
          plaque: awarded.cert.plaque,
          kind: awarded.cert.kind,
          validity: awarded.validity,
        }
      : null,
    preview: preview
      ? { plaque: preview.plaque, kind: preview.kind, renews: preview.renews, validUntil: preview.validity.validUntil }
      : null,
    history: chain
      .filter((e) => e.cert.round_id !== round.id)
      .map((e) => ({
        id: e.cert.id,
        awardDate: e.cert.awardDate,
        plaque: e.cert.plaque,
        validUntil: e.validity.validUntil,
        status: e.validity.status,
      })),
  };
}

export type CyclePage = NonNullable<Awaited<ReturnType<typeof cyclePage>>>;
export interface CycleResult {
  outcome: Outcome;
  /** 409 when the change conflicts with what is already recorded; 400 for bad input. */
  refusedStatus: 400 | 409;
}
const bad = (field: string, key: MessageKey): CycleResult => ({ outcome: refuseField(field, key), refusedStatus: 400 });
const conflict = (field: string, key: MessageKey): CycleResult => ({
  outcome: refuseField(field, key),
  refusedStatus: 409,
});
const ok = (key: MessageKey, params?: Record<string, string | number>): CycleResult => ({
  outcome: done(key, params),
  refusedStatus: 400,
});

/** Runs one of the cycle page's intents. The caller has checked `manage:round:institution`. */
export async function runCycleIntent(
  db: Db,
  actor: Actor,
  round: Round,
  intent: CycleIntent,
  today: string = todayInSeoul(),
): Promise<CycleResult> {
  const edition = await happyEdition(db, round);
  if (!edition) return bad("_form", "happy.error.notHappyOffice");
  const base = { actorUserId: actor.userId, institutionId: round.institution_id, roundId: round.id };
  const inYear = (d: string) => d.startsWith(`${round.year}-`);
  return inTransaction(db, async (trx): Promise<CycleResult> => {
    const stages = await trx.selectFrom("happy_office_stages").selectAll().where("round_id", "=", round.id).execute();
    const selected = stages.find((s) => s.stage === "selection");
    const recorded = stages.map((s) => ({ key: s.stage as CycleStage, date: s.on_date }));

    if (intent.intent === "recordStage" || intent.intent === "recordSelection") {
      const stage: CycleStage = intent.intent === "recordStage" ? intent.stage : "selection";
      if (selected) return conflict("_form", "happy.error.closed");
      if (!inYear(intent.date)) return bad("date", "happy.error.dateYear");
      if (intent.date > today) return bad("date", "happy.error.future");
      const problem = stageProblem(
        recorded.filter((r) => r.key !== stage),
        stage,
        intent.date,
      );
      if (problem) return (problem === "previous-missing" ? conflict : bad)("date", STAGE_PROBLEM_KEY[problem]);
      const before = stages.find((s) => s.stage === stage) ?? null;
      let certificationId: number | null = null;
      let award: ReturnType<typeof happyOfficeAward> | null = null;
      if (intent.intent === "recordSelection" && intent.outcome === "selected") {
        const awardDate = intent.awardDate!;
        if (awardDate < intent.date) return bad("awardDate", "happy.error.awardBeforeSelection");
        if (awardDate > today) return bad("awardDate", "happy.error.future");
        const certs = await happyCertificates(trx, round.institution_id);
        if (certs.some((c) => c.awardDate === awardDate)) return conflict("awardDate", "happy.error.awardDuplicate");
        award = happyOfficeAward(certs, awardDate, today);
        [certificationId] = await insertCertifications(
          trx,
          actor.userId,
          [
            {
              institutionId: round.institution_id,
              awardDate,
              kind: award.kind,
              scoreTenths: null,
              roundId: round.id,
              note: intent.note,
              scheme: "happy-office",
              plaque: award.plaque,
            },
          ],
          "record",
        );
      }
      const row = {
        round_id: round.id,
        stage,
        on_date: intent.date,
        outcome: intent.intent === "recordSelection" ? intent.outcome : null,
        note: intent.note,
        certification_id: certificationId,
        recorded_by: actor.userId,
        recorded_at: nowIso(),
      };
      if (before)
        await trx
          .deleteFrom("happy_office_stages")
          .where("round_id", "=", round.id)
          .where("stage", "=", stage)
          .execute();
      await trx.insertInto("happy_office_stages").values(row).execute();
      await recordEvent(trx, {
        ...base,
        entity: "happy_office_stage",
        entityId: `${round.id}:${stage}`,
        action: "record",
        before: before ? { on_date: before.on_date, note: before.note } : undefined,
        after: { on_date: row.on_date, outcome: row.outcome, note: row.note, certification_id: certificationId },
      });
      if (award) return ok(award.plaque === "gold" ? "happy.selected.gold" : "happy.selected.silver");
      if (intent.intent === "recordSelection") return ok("happy.notSelected");
      return ok("happy.stageRecorded");
    }

    if (intent.intent === "addVisit") {
      if (selected) return conflict("_form", "happy.error.closed");
      if (!inYear(intent.visitedOn)) return bad("visitedOn", "happy.error.dateYear");
      if (intent.visitedOn > today) return bad("visitedOn", "happy.error.future");
      const criteria = new Set(edition.indicators.filter((i) => i.tags.includes("mystery")).map((i) => i.item));
      const observations = Object.fromEntries(Object.entries(intent.observations).filter(([, text]) => text !== ""));
      for (const code of Object.keys(observations))
        if (!criteria.has(code)) return bad(`obs_${code}`, "happy.error.criterion");
      if (Object.keys(observations).length === 0)
        return bad(`obs_${[...criteria][0] ?? "general"}`, "happy.error.observationRequired");
      if (intent.score === null && intent.finding === null) return bad("finding", "happy.error.scoreOrFinding");
      const row = {
        round_id: round.id,
        visited_on: intent.visitedOn,
        channel: intent.channel,
        scenario: intent.scenario,
        observations: JSON.stringify(observations),
        score: intent.score,
        finding: intent.finding,
        follow_up: intent.followUp,
        created_by: actor.userId,
        created_at: nowIso(),
      };
      const { id } = await trx.insertInto("mystery_visits").values(row).returning("id").executeTakeFirstOrThrow();
      await recordEvent(trx, { ...base, entity: "mystery_visit", entityId: id, action: "add", after: row });
      return ok("happy.visitAdded");
    }

    // removeVisit
    if (selected) return conflict("_form", "happy.error.closed");
    const visit = await trx
      .selectFrom("mystery_visits")
      .selectAll()
      .where("id", "=", intent.visitId)
      .where("round_id", "=", round.id)
      .executeTakeFirst();
    if (!visit) return bad("visitId", "happy.error.visit");
    await trx.deleteFrom("mystery_visits").where("id", "=", visit.id).execute();
    await recordEvent(trx, { ...base, entity: "mystery_visit", entityId: visit.id, action: "remove", before: visit });
    return ok("happy.visitRemoved");
  });
}
