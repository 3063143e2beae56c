// Relative grading of a round (민원서비스 종합평가): the peer scores behind the estimate, the estimate overall and per
// item, the grades received and the duty to publish them. Reads from a fixed number of queries; every write is one
// transaction with its audit event. See docs/decisions/030-relative-grading-and-publication.md.
import { type Db, inTransaction, nowIso } from "#db/connection";
import type { Round } from "#db/schema";
import type { Actor } from "~/domain/permissions";
import {
  editionScheme,
  estimateGrade,
  gradeCutoffs,
  parsePeerScores,
  publicationDuty,
  type PeerProblem,
} from "~/domain/schemes";
import { todayInSeoul } from "~/domain/validity";
import type { MessageKey } from "~/i18n";
import type { GradeIntent } from "~/schemas/grades";
import { type Outcome, done, refuseField } from "./actions.server";
import { recordEvent } from "./audit.server";
import { getEdition } from "./editions.server";
import { roundOverview } from "./rounds.server";

/** The edition of a round and its scheme's rules, or null when the scheme does not grade relatively. */
export async function gradingOf(db: Db, round: Round) {
  const edition = await getEdition(db, round.edition_id);
  if (!edition) return null;
  const { scheme, rules } = editionScheme(edition);
  if (!rules.grading) return null;
  return { edition, scheme, rules, grading: rules.grading };
}

export async function gradePage(db: Db, round: Round, today: string = todayInSeoul()) {
  const of = await gradingOf(db, round);
  if (!of) return null;
  const { edition, scheme, grading } = of;
  const [overview, peers, grades, publication] = await Promise.all([
    roundOverview(db, round),
    db
      .selectFrom("grade_peers")
      .select(["name", "part", "score_hundredths"])
      .where("round_id", "=", round.id)
      .orderBy("id")
      .execute(),
    db
      .selectFrom("round_grades")
      .select(["part", "grade", "score_hundredths"])
      .where("round_id", "=", round.id)
      .execute(),
    db
      .selectFrom("round_publications")
      .select(["notified_on", "published_on", "published_until", "url"])
      .where("round_id", "=", round.id)
      .executeTakeFirst(),
  ]);
  // Own scores: the round's self-assessed totals, tenths → hundredths.
  const own: Record<string, number> = { total: overview.totals.selfTenths * 10 };
  for (const item of overview.totals.items) own[item.code] = item.selfTenths * 10;
  const parts = [
    { code: "total", title: null as string | null, maxHundredths: overview.totals.maxTenths * 10 },
    ...edition.items.map((i) => ({ code: i.code, title: i.title, maxHundredths: Math.round(i.points * 100) })),
  ];
  const byPart = new Map<string, number[]>();
  for (const p of peers) byPart.set(p.part, [...(byPart.get(p.part) ?? []), p.score_hundredths]);
  const estimates = parts.map((part) => {
    const others = byPart.get(part.code) ?? [];
    const estimate = others.length ? estimateGrade(own[part.code] ?? 0, others, grading.bands) : null;
    const cutoffs = others.length
      ? gradeCutoffs([...others, own[part.code] ?? 0], (s) => s, grading.bands).map((c) => ({
          grade: c.grade,
          lowest: c.lowest,
          count: c.count,
        }))
      : [];
    return { ...part, own: own[part.code] ?? 0, peers: others.length, estimate, cutoffs };
  });
  const names = [...new Set(peers.map((p) => p.name))];
  const peerTable = names.map((name) => ({
    name,
    scores: Object.fromEntries(peers.filter((p) => p.name === name).map((p) => [p.part, p.score_hundredths])),
  }));
  const rule = scheme.publication;
  const facts = {
    notifiedOn: publication?.notified_on ?? null,
    publishedOn: publication?.published_on ?? null,
    publishedUntil: publication?.published_until ?? null,
  };
  return {
    edition: { id: edition.id, title: edition.title, year: edition.year, reconstruction: edition.reconstruction },
    grading: { bands: grading.bands, rule: grading.rule },
    estimates,
    peers: peerTable,
    items: edition.items.map((i) => ({ code: i.code, title: i.title })),
    received: Object.fromEntries(grades.map((g) => [g.part, { grade: g.grade, score: g.score_hundredths }])),
    publication: rule
      ? {
          rule: {
            withinDays: rule.withinDays,
            minimumMonths: rule.minimumMonths,
            perItem: rule.perItem,
            source: rule.rule,
          },
          facts,
          url: publication?.url ?? null,
          duty: publicationDuty(facts, rule, today),
        }
      : null,
  };
}

const PROBLEM_KEY: Record<PeerProblem["kind"], MessageKey> = {
  name: "grades.error.name",
  score: "grades.error.score",
  columns: "grades.error.columns",
  duplicate: "grades.error.duplicate",
  tooMany: "grades.error.tooMany",
};

/** Runs one of the grade page's intents. The caller has checked `manage:round:institution`. */
export async function runGradeIntent(db: Db, actor: Actor, round: Round, intent: GradeIntent): Promise<Outcome> {
  const of = await gradingOf(db, round);
  if (!of) return refuseField("_form", "grades.error.notGraded");
  const itemCodes = of.edition.items.map((i) => i.code);
  const base = { actorUserId: actor.userId, institutionId: round.institution_id, roundId: round.id };
  return inTransaction(db, async (trx) => {
    if (intent.intent === "addPeers") {
      const { rows, problems } = parsePeerScores(intent.csv, itemCodes);
      // The page parses the posted text again with the same function to name every line at fault.
      if (problems.length) return refuseField("csv", PROBLEM_KEY[problems[0].kind]);
      if (rows.length === 0) return refuseField("csv", "grades.error.csvEmpty");
      const now = nowIso();
      for (const row of rows) {
        // A name entered again replaces that peer's scores.
        await trx.deleteFrom("grade_peers").where("round_id", "=", round.id).where("name", "=", row.name).execute();
        await trx
          .insertInto("grade_peers")
          .values(
            Object.entries(row.scores).map(([part, score]) => ({
              round_id: round.id,
              name: row.name,
              part,
              score_hundredths: score,
              created_by: actor.userId,
              created_at: now,
            })),
          )
          .execute();
      }
      await recordEvent(trx, { ...base, entity: "grade_peers", entityId: round.id, action: "add", after: { rows } });
      return done("grades.peersAdded", { count: rows.length });
    }
    if (intent.intent === "removePeer") {
      const removed = await trx
        .deleteFrom("grade_peers")
        .where("round_id", "=", round.id)
        .where("name", "=", intent.name)
        .executeTakeFirst();
      if (Number(removed.numDeletedRows) === 0) return refuseField("name", "grades.error.name");
      await recordEvent(trx, {
        ...base,
        entity: "grade_peers",
        entityId: round.id,
        action: "remove",
        before: { name: intent.name },
      });
      return done("grades.peerRemoved", { name: intent.name });
    }
    if (intent.intent === "clearPeers") {
      await trx.deleteFrom("grade_peers").where("round_id", "=", round.id).execute();
      await recordEvent(trx, { ...base, entity: "grade_peers", entityId: round.id, action: "clear" });
      return done("grades.peersCleared");
    }
    if (intent.intent === "recordGrades") {
      const keys = new Set(of.grading.bands.map((b) => b.key));
      const parts = new Set(["total", ...itemCodes]);
      const entries = Object.entries(intent.grades).filter(([, g]) => g !== "");
      for (const [part, grade] of entries) {
        if (!parts.has(part) || !keys.has(grade)) return refuseField(`grade_${part}`, "grades.error.grade");
      }
      if (!entries.some(([part]) => part === "total")) return refuseField("grade_total", "grades.error.gradeTotal");
      const now = nowIso();
      await trx.deleteFrom("round_grades").where("round_id", "=", round.id).execute();
      await trx
        .insertInto("round_grades")
        .values(
          entries.map(([part, grade]) => ({
            round_id: round.id,
            part,
            grade,
            score_hundredths: part === "total" ? intent.totalScore : null,
            recorded_by: actor.userId,
            recorded_at: now,
          })),
        )
        .execute();
      await recordEvent(trx, {
        ...base,
        entity: "round_grades",
        entityId: round.id,
        action: "record",
        after: { grades: Object.fromEntries(entries), score_hundredths: intent.totalScore },
      });
      return done("grades.recorded");
    }
    // recordPublication
    const { notifiedOn, publishedOn, publishedUntil, url } = intent;
    if (publishedOn && !notifiedOn) return refuseField("notifiedOn", "grades.error.notifiedFirst");
    if (notifiedOn && publishedOn && publishedOn < notifiedOn) return refuseField("publishedOn", "grades.error.order");
    if (publishedUntil && (!publishedOn || publishedUntil < publishedOn))
      return refuseField("publishedUntil", "grades.error.order");
    const today = todayInSeoul();
    for (const [field, value] of [
      ["notifiedOn", notifiedOn],
      ["publishedOn", publishedOn],
      ["publishedUntil", publishedUntil],
    ] as const)
      if (value && value > today) return refuseField(field, "grades.error.future");
    const row = {
      notified_on: notifiedOn,
      published_on: publishedOn,
      published_until: publishedUntil,
      url,
      updated_by: actor.userId,
      updated_at: nowIso(),
    };
    await trx.deleteFrom("round_publications").where("round_id", "=", round.id).execute();
    await trx
      .insertInto("round_publications")
      .values({ round_id: round.id, ...row })
      .execute();
    await recordEvent(trx, {
      ...base,
      entity: "round_publication",
      entityId: round.id,
      action: "record",
      after: { notified_on: notifiedOn, published_on: publishedOn, published_until: publishedUntil, url },
    });
    return done("grades.publicationSaved");
  });
}
