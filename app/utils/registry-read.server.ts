// Reading the certification registry: the national picture with filters, one institution's standing and timeline.
// Validity itself is computed by app/domain/validity.ts only.
import type { RegistrySettings } from "./registry-settings.server";
import { z } from "zod";
import { type Db } from "#db/connection";
import type { CertificationScheme, InstitutionType } from "#db/schema";
import { type SchemeId, schemeIdOf } from "~/domain/schemes";
import { certificateRules } from "~/domain/schemes/validity";
import {
  type CertificationFacts,
  type CertificationStatus,
  currentEntry,
  isCalendarDate,
  proposeRenewal,
  todayInSeoul,
  type ValidityRules,
  validityChain,
} from "~/domain/validity";
import { compareRegions, currentRegion } from "~/schemas/regions";
import { type Certification } from "./registry-result.server";

type CertRow = Omit<Certification, "created_at"> & { term: CertificationFacts["term"] };
export const toFacts = (r: CertRow) => ({ ...r, awardDate: r.award_date, revokedAt: r.revoked_at, term: r.term });

const editionTerm = z.object({
  validity: z.object({ initialYears: z.number().int().min(1).max(10), renewalYears: z.number().int().min(1).max(10) }),
});

/** The validity term an edition states ("유효기간 2년, 재인증 3년"), or null when it states none. */
function termOfEdition(content: string | null): CertRow["term"] {
  if (!content) return null;
  try {
    const parsed = editionTerm.safeParse(JSON.parse(content));
    return parsed.success ? parsed.data.validity : null;
  } catch {
    return null;
  }
}

/** The scheme of each edition id (read from the edition's content; an edition without one is the 인증's). */
export async function editionSchemes(db: Db, editionIds: string[]): Promise<Map<string, SchemeId>> {
  const ids = [...new Set(editionIds)];
  if (!ids.length) return new Map();
  const rows = await db.selectFrom("rubric_editions").select(["id", "content"]).where("id", "in", ids).execute();
  return new Map(
    rows.map((r) => {
      try {
        return [r.id, schemeIdOf(JSON.parse(r.content) as { scheme?: string })];
      } catch {
        return [r.id, "certification" as SchemeId];
      }
    }),
  );
}

/** Certificates with the term of the edition they were won under (through their round), oldest first. */
export async function certificationsOf(db: Db, institutionIds?: number[]): Promise<CertRow[]> {
  let q = db
    .selectFrom("certifications as c")
    .leftJoin("rounds as r", "r.id", "c.round_id")
    .select([
      "c.id",
      "c.institution_id",
      "c.award_date",
      "c.kind",
      "c.score_tenths",
      "c.round_id",
      "c.revoked_at",
      "c.revoked_reason",
      "c.note",
      "c.scheme",
      "c.plaque",
      "r.edition_id",
    ]);
  if (institutionIds) q = q.where("c.institution_id", "in", institutionIds.length ? institutionIds : [-1]);
  const rows = await q.orderBy("c.award_date").execute();
  const editionIds = [...new Set(rows.map((r) => r.edition_id).filter((id): id is string => id !== null))];
  const editions = editionIds.length
    ? await db.selectFrom("rubric_editions").select(["id", "content"]).where("id", "in", editionIds).execute()
    : [];
  const terms = new Map(editions.map((e) => [e.id, termOfEdition(e.content)]));
  return rows.map(({ edition_id, ...r }) => ({ ...r, term: edition_id ? (terms.get(edition_id) ?? null) : null }));
}

export const STATUSES: CertificationStatus[] = ["valid", "expiring", "expired", "revoked"];
export const LEVELS: InstitutionType[] = ["sido", "sigungu", "central"];
/** The schemes that certify (the 종합평가 grades instead: its results live in round_grades). */
export const CERT_SCHEMES: CertificationScheme[] = ["certification", "happy-office"];

/** One institution's certificates of one scheme, as a validity chain under that scheme's rules. */
export function schemeChain(certs: CertRow[], scheme: CertificationScheme, asOf: string, rules: ValidityRules) {
  return validityChain(certs.filter((c) => c.scheme === scheme).map(toFacts), asOf, certificateRules(scheme, rules));
}

export interface RegistryFilters {
  year: number | null;
  region: string | null;
  level: InstitutionType | null;
  status: CertificationStatus | null;
  /** One certifying scheme only, or both (null; absent in older callers). */
  scheme?: CertificationScheme | null;
  /** The Seoul calendar date the statuses are computed for (default today). */
  asOf: string;
}

/** Filters from the page's query string; anything unusable is ignored. */
export function parseFilters(url: URL, now: Date = new Date()): RegistryFilters {
  const p = url.searchParams;
  const year = p.get("year") ?? "";
  const level = p.get("level") ?? "";
  const status = p.get("status") ?? "";
  const asOf = p.get("asOf") ?? "";
  const scheme = p.get("scheme") ?? "";
  return {
    scheme: (CERT_SCHEMES as string[]).includes(scheme) ? (scheme as CertificationScheme) : null,
    year: /^\d{4}$/.test(year) ? Number(year) : null,
    region: p.get("region")?.trim() || null,
    level: (LEVELS as string[]).includes(level) ? (level as InstitutionType) : null,
    status: (STATUSES as string[]).includes(status) ? (status as CertificationStatus) : null,
    asOf: isCalendarDate(asOf) ? asOf : todayInSeoul(now),
  };
}

export interface YearCount {
  year: number;
  total: number;
  initial: number;
  renewal: number;
  sido: number;
  sigungu: number;
  central: number;
}

/** Every certified institution with its standing on the as-of date, filtered; counts per award year. */
export async function registryOverview(db: Db, filters: RegistryFilters, rules: ValidityRules) {
  const institutions = await db
    .selectFrom("institutions as i")
    .select(["i.id", "i.name", "i.region", "i.type"])
    .where((eb) =>
      eb.exists(eb.selectFrom("certifications as c").select("c.id").whereRef("c.institution_id", "=", "i.id")),
    )
    .execute();
  const certs = (await certificationsOf(db)).filter((c) => c.award_date <= filters.asOf);
  const byInstitution = new Map<number, CertRow[]>();
  for (const c of certs) byInstitution.set(c.institution_id, [...(byInstitution.get(c.institution_id) ?? []), c]);
  const schemes = CERT_SCHEMES.filter((s) => !filters.scheme || s === filters.scheme);

  // Grouped under today's names: a certificate recorded under 강원도 is listed (and filtered) with 강원특별자치도.
  const regions = [...new Set(institutions.map((i) => currentRegion(i.region)))].sort(compareRegions);
  const years = [
    ...new Set(certs.filter((c) => schemes.includes(c.scheme)).map((c) => Number(c.award_date.slice(0, 4)))),
  ].sort((a, b) => a - b);
  const statusCounts: Record<CertificationStatus, number> = {
    pending: 0,
    valid: 0,
    expiring: 0,
    expired: 0,
    revoked: 0,
  };
  const yearCounts = new Map<number, YearCount>(
    years.map((y) => [y, { year: y, total: 0, initial: 0, renewal: 0, sido: 0, sigungu: 0, central: 0 }]),
  );

  const rows = [];
  for (const inst of institutions) {
    const own = byInstitution.get(inst.id);
    if (!own) continue;
    if (filters.region && currentRegion(inst.region) !== currentRegion(filters.region)) continue;
    if (filters.level && inst.type !== filters.level) continue;
    // One row per institution and scheme: a 국민행복민원실 certificate never renews an 인증 and has its own term.
    for (const scheme of schemes) {
      const chain = schemeChain(own, scheme, filters.asOf, rules);
      const current = currentEntry(chain, filters.asOf);
      if (!current) continue;
      // The year counts answer "how many were certified each year" for the region and level chosen.
      for (const e of chain) {
        const count = yearCounts.get(Number(e.cert.awardDate.slice(0, 4)))!;
        count.total += 1;
        count[e.cert.kind] += 1;
        count[inst.type] += 1;
      }
      const status = current.validity.status;
      if (filters.year && !chain.some((e) => e.cert.awardDate.startsWith(`${filters.year}-`))) continue;
      statusCounts[status] += 1;
      if (filters.status && status !== filters.status) continue;
      rows.push({
        institutionId: inst.id,
        scheme,
        name: inst.name,
        region: inst.region,
        type: inst.type,
        history: chain.map((e) => ({
          id: e.cert.id,
          year: Number(e.cert.awardDate.slice(0, 4)),
          kind: e.cert.kind,
          plaque: e.cert.plaque,
          revoked: e.validity.status === "revoked",
        })),
        current: {
          awardDate: current.cert.awardDate,
          kind: current.cert.kind,
          plaque: current.cert.plaque,
          term: current.validity.term,
          years: current.validity.years,
          validUntil: current.validity.validUntil,
          status,
          daysLeft: current.validity.daysLeft,
          showMark: current.validity.showMark,
          lapsedRenewal: current.validity.lapsedRenewal,
        },
      });
    }
  }
  rows.sort(
    (a, b) =>
      compareRegions(a.region, b.region) ||
      (a.type === b.type ? 0 : a.type === "sido" ? -1 : 1) ||
      a.name.localeCompare(b.name, "ko") ||
      CERT_SCHEMES.indexOf(a.scheme) - CERT_SCHEMES.indexOf(b.scheme),
  );
  return { rows, regions, years, yearCounts: [...yearCounts.values()], statusCounts, total: rows.length };
}

export type RegistryOverview = Awaited<ReturnType<typeof registryOverview>>;

/** An institution's standing on a date: its latest certificate's validity, or null when it has none. */
export async function institutionStanding(
  db: Db,
  institutionId: number,
  asOf: string,
  rules: ValidityRules,
  scheme: CertificationScheme = "certification",
) {
  const chain = schemeChain(await certificationsOf(db, [institutionId]), scheme, asOf, rules);
  const current = currentEntry(chain, asOf);
  if (!current) return null;
  const v = current.validity;
  return {
    awardDate: current.cert.awardDate,
    kind: current.cert.kind,
    validUntil: v.validUntil,
    status: v.status,
    daysLeft: v.daysLeft,
    showMark: v.showMark,
  };
}

/** The edition a round of that year needs for an institution of that type, if one is registered. */
async function editionFor(db: Db, year: number, type: InstitutionType) {
  return db
    .selectFrom("rubric_editions")
    .select(["id", "title"])
    .where("year", "=", year)
    .where("institution_type", "=", type)
    .where("superseded_by", "is", null)
    .orderBy("created_at", "desc")
    .executeTakeFirst();
}

/** One institution's history: certificates with their validity, renewal plans and rounds, and the next renewal. */
export async function institutionTimeline(db: Db, institutionId: number, today: string, settings: RegistrySettings) {
  const institution = await db
    .selectFrom("institutions")
    .select(["id", "name", "region", "type", "code"])
    .where("id", "=", institutionId)
    .executeTakeFirst();
  if (!institution) return null;
  // The 인증's own history: its renewal rules and plans concern only 인증 certificates (the other schemes: see
  // registry-schemes.server.ts).
  const certs = await certificationsOf(db, [institutionId]);
  const chain = schemeChain(certs, "certification", today, settings.rules);
  const current = currentEntry(chain, today);
  const [allRounds, plans] = await Promise.all([
    db
      .selectFrom("rounds")
      .select(["id", "year", "title", "state", "deadline_at", "edition_id"])
      .where("institution_id", "=", institutionId)
      .orderBy("year")
      .execute(),
    db.selectFrom("renewal_plans").selectAll().where("institution_id", "=", institutionId).orderBy("year").execute(),
  ]);
  // The 인증's timeline shows the 인증's rounds; a 종합평가 round is on the page's grades panel.
  const schemes = await editionSchemes(
    db,
    allRounds.map((r) => r.edition_id),
  );
  const rounds = allRounds.filter((r) => (schemes.get(r.edition_id) ?? "certification") === "certification");

  // A renewal is planned for the latest certificate while a consecutive renewal is still possible: until the end of
  // the grace period after its last day. Later, only a new (initial) certification remains.
  let renewal = null;
  let renewalClosed = false;
  if (current && current.validity.status !== "revoked" && current === chain.at(-1)) {
    const proposal = proposeRenewal(
      { awardDate: current.cert.awardDate, validUntil: current.validity.validUntil },
      today,
      settings.rules,
      settings.schedule,
    );
    if (today > proposal.consecutiveUntil) renewalClosed = true;
    else {
      const [edition, existing] = await Promise.all([
        editionFor(db, proposal.year, institution.type),
        db
          .selectFrom("rounds")
          .select(["id", "title"])
          .where("institution_id", "=", institutionId)
          .where("year", "=", proposal.year)
          .executeTakeFirst(),
      ]);
      renewal = {
        certificationId: current.cert.id,
        proposal,
        edition: edition ?? null,
        existingRound: existing ?? null,
      };
    }
  }

  return {
    institution,
    entries: chain.map((e) => ({
      id: e.cert.id,
      awardDate: e.cert.awardDate,
      kind: e.cert.kind,
      scoreTenths: e.cert.score_tenths,
      roundId: e.cert.round_id,
      note: e.cert.note,
      revokedReason: e.cert.revoked_reason,
      supersededOn: e.supersededOn,
      validity: e.validity,
    })),
    current: current ? { id: current.cert.id, validity: current.validity, kind: current.cert.kind } : null,
    rounds,
    plans: plans.map((p) => ({
      id: p.id,
      year: p.year,
      roundId: p.round_id,
      certificationId: p.certification_id,
      selfDiagnosisFrom: p.self_diagnosis_from,
      selfDiagnosisUntil: p.self_diagnosis_until,
      deadlineAt: p.deadline_at,
      reviewFrom: p.review_from,
      reviewUntil: p.review_until,
      awardMonth: p.award_month,
    })),
    renewal,
    renewalClosed,
  };
}

export type InstitutionTimeline = NonNullable<Awaited<ReturnType<typeof institutionTimeline>>>;

/** Every active institution (for the record form's list), by region. */
export async function institutionChoices(db: Db) {
  const rows = await db
    .selectFrom("institutions")
    .select(["id", "name", "region", "type"])
    .where("active", "=", 1)
    .execute();
  return rows.sort((a, b) => compareRegions(a.region, b.region) || a.name.localeCompare(b.name, "ko"));
}

/** Rounds that a certificate may refer to. */
export async function roundChoices(db: Db) {
  return db
    .selectFrom("rounds as r")
    .innerJoin("institutions as i", "i.id", "r.institution_id")
    .select(["r.id", "r.year", "r.title", "r.institution_id", "i.name as institution_name"])
    .orderBy("r.year", "desc")
    .execute();
}
