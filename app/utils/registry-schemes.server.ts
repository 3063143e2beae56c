// The registry across schemes (issue 13 part 4, ADR 038): an institution's 국민행복민원실 certificates and 종합평가
// grades beside its 인증, the national picture per scheme, and the data of the one calendar. Reads only; the rules
// (validity, publication, the calendar's events) are pure functions in app/domain.
import { type Db } from "#db/connection";
import type { CertificationScheme } from "#db/schema";
import { type CalendarInput, calendarEvents } from "~/domain/calendar";
import { COMPREHENSIVE, HAPPY_OFFICE, nationalPicture, publicationDuty } from "~/domain/schemes";
import { certificateRules } from "~/domain/schemes/validity";
import { seoulDateOf, type ValidityRules } from "~/domain/validity";
import { CERT_SCHEMES, certificationsOf, editionSchemes, schemeChain } from "./registry-read.server";

export { editionSchemes };

/** An institution's 종합평가 rounds with the grades received (overall and per item) and the duty to publish. */
async function comprehensiveGrades(db: Db, institutionId: number, today: string) {
  const rounds = await db
    .selectFrom("rounds")
    .select(["id", "year", "title", "state", "edition_id"])
    .where("institution_id", "=", institutionId)
    .orderBy("year")
    .execute();
  const schemes = await editionSchemes(
    db,
    rounds.map((r) => r.edition_id),
  );
  const own = rounds.filter((r) => schemes.get(r.edition_id) === "comprehensive");
  const ids = own.length ? own.map((r) => r.id) : [-1];
  const [grades, publications] = await Promise.all([
    db
      .selectFrom("round_grades")
      .select(["round_id", "part", "grade", "score_hundredths"])
      .where("round_id", "in", ids)
      .execute(),
    db
      .selectFrom("round_publications")
      .select(["round_id", "notified_on", "published_on", "published_until", "url"])
      .where("round_id", "in", ids)
      .execute(),
  ]);
  const rule = COMPREHENSIVE.publication!;
  return own.map((r) => {
    const mine = grades.filter((g) => g.round_id === r.id);
    const overall = mine.find((g) => g.part === "total") ?? null;
    const p = publications.find((x) => x.round_id === r.id);
    const facts = {
      notifiedOn: p?.notified_on ?? null,
      publishedOn: p?.published_on ?? null,
      publishedUntil: p?.published_until ?? null,
    };
    return {
      roundId: r.id,
      year: r.year,
      title: r.title,
      state: r.state,
      overall: overall ? { grade: overall.grade, scoreHundredths: overall.score_hundredths } : null,
      items: mine
        .filter((g) => g.part !== "total")
        .sort((a, b) => a.part.localeCompare(b.part, "ko", { numeric: true }))
        .map((g) => ({ part: g.part, grade: g.grade })),
      publication: { ...facts, url: p?.url ?? null, duty: publicationDuty(facts, rule, today) },
    };
  });
}

/** What an institution's registry page shows beside its 인증 history. */
export async function institutionSchemes(db: Db, institutionId: number, asOf: string, rules: ValidityRules) {
  const certs = await certificationsOf(db, [institutionId]);
  const happyOffice = schemeChain(certs, "happy-office", asOf, rules).map((e) => ({
    id: e.cert.id,
    awardDate: e.cert.awardDate,
    kind: e.cert.kind,
    plaque: e.cert.plaque,
    note: e.cert.note,
    validity: e.validity,
  }));
  return {
    happyOffice,
    happyOfficeRule: HAPPY_OFFICE.validity!.rule,
    grades: await comprehensiveGrades(db, institutionId, asOf),
  };
}

export type InstitutionSchemes = Awaited<ReturnType<typeof institutionSchemes>>;

/** Per scheme and year: the count a source gives, how many the registry names, and the source (ADR 038). */
export async function nationalPictures(db: Db) {
  const certs = await db.selectFrom("certifications").select(["scheme", "award_date"]).execute();
  const named = (scheme: CertificationScheme) => {
    const m = new Map<number, number>();
    for (const c of certs)
      if (c.scheme === scheme)
        m.set(Number(c.award_date.slice(0, 4)), (m.get(Number(c.award_date.slice(0, 4))) ?? 0) + 1);
    return m;
  };
  // 종합평가: an institution is named for a year when a grade it received is recorded (round_grades, overall).
  const graded = await db
    .selectFrom("round_grades as g")
    .innerJoin("rounds as r", "r.id", "g.round_id")
    .select(["r.year", "r.institution_id", "r.edition_id"])
    .where("g.part", "=", "total")
    .execute();
  const schemes = await editionSchemes(
    db,
    graded.map((g) => g.edition_id),
  );
  const gradedByYear = new Map<number, Set<number>>();
  for (const g of graded)
    if (schemes.get(g.edition_id) === "comprehensive")
      gradedByYear.set(g.year, (gradedByYear.get(g.year) ?? new Set()).add(g.institution_id));
  return {
    certification: nationalPicture("certification", named("certification")),
    comprehensive: nationalPicture("comprehensive", new Map([...gradedByYear].map(([year, set]) => [year, set.size]))),
    "happy-office": nationalPicture("happy-office", named("happy-office")),
  };
}

/** Everything the calendar's events are built from, for every institution. */
export async function calendarInput(db: Db, rules: ValidityRules, asOf: string): Promise<CalendarInput> {
  const [institutions, certs, plans, openRounds, publications] = await Promise.all([
    db.selectFrom("institutions").select(["id", "name"]).execute(),
    certificationsOf(db),
    db
      .selectFrom("renewal_plans")
      .select(["institution_id", "round_id", "deadline_at", "review_from", "review_until", "award_month"])
      .execute(),
    db
      .selectFrom("rounds")
      .select(["id", "institution_id", "title", "deadline_at", "edition_id"])
      .where("state", "=", "open")
      .where("deadline_at", "is not", null)
      .execute(),
    db
      .selectFrom("round_publications as p")
      .innerJoin("rounds as r", "r.id", "p.round_id")
      .select(["p.round_id", "r.institution_id", "p.notified_on", "p.published_on", "p.published_until"])
      .execute(),
  ]);
  const byInstitution = new Map<number, typeof certs>();
  for (const c of certs) byInstitution.set(c.institution_id, [...(byInstitution.get(c.institution_id) ?? []), c]);
  const latest: CalendarInput["latest"] = [];
  for (const [institutionId, own] of byInstitution)
    for (const scheme of CERT_SCHEMES) {
      const end = schemeChain(own, scheme, asOf, rules).at(-1);
      if (end)
        latest.push({
          institutionId,
          scheme,
          awardDate: end.cert.awardDate,
          validUntil: end.validity.validUntil,
          revoked: end.validity.status === "revoked",
          // The seeded award dates that no source gives carry the note "가정값" (seeds/registry.ts).
          assumedDate: end.cert.note?.includes("가정값") ?? false,
        });
    }
  const schemes = await editionSchemes(
    db,
    openRounds.map((r) => r.edition_id),
  );
  const rule = COMPREHENSIVE.publication!;
  return {
    institutions: new Map(institutions.map((i) => [i.id, i.name])),
    latest,
    graceMonths: {
      certification: certificateRules("certification", rules).graceMonths,
      "happy-office": certificateRules("happy-office", rules).graceMonths,
    },
    happyOfficeStages: HAPPY_OFFICE.years.at(-1)!.stages.keys,
    renewalPlans: plans.map((p) => ({
      institutionId: p.institution_id,
      roundId: p.round_id,
      deadlineDate: seoulDateOf(p.deadline_at),
      reviewFrom: p.review_from,
      reviewUntil: p.review_until,
      awardMonth: p.award_month,
    })),
    openRounds: openRounds.map((r) => ({
      institutionId: r.institution_id,
      roundId: r.id,
      scheme: schemes.get(r.edition_id) ?? "certification",
      title: r.title,
      deadlineDate: seoulDateOf(r.deadline_at!),
    })),
    publications: publications.map((p) => {
      const duty = publicationDuty(
        { notifiedOn: p.notified_on, publishedOn: p.published_on, publishedUntil: p.published_until },
        rule,
        asOf,
      );
      return {
        institutionId: p.institution_id,
        roundId: p.round_id,
        deadline: duty.deadline,
        keepUntil: duty.keepUntil,
      };
    }),
  };
}

/** The calendar's events for every institution (unsorted, unfiltered). */
export async function registryCalendar(db: Db, rules: ValidityRules, asOf: string) {
  return calendarEvents(await calendarInput(db, rules, asOf));
}
