// The certification registry: settings, the national picture, one institution's timeline, recording and revoking
// certificates, and creating a renewal round. Validity itself is computed by app/domain/validity.ts only.
// Every write runs in one transaction with its audit event.
import type { Kysely, Selectable } from "kysely";
import { z } from "zod";
import { type Db, nowIso } from "#db/connection";
import type { CertificationKind, CertificationTable, Database, InstitutionType } from "#db/schema";
import { seoulLocalToIso } from "~/domain/datetime";
import {
  type CertificationFacts,
  type CertificationStatus,
  currentEntry,
  isCalendarDate,
  DEFAULT_RENEWAL_SCHEDULE,
  DEFAULT_VALIDITY_RULES,
  kindConflict,
  proposeRenewal,
  type RenewalSchedule,
  todayInSeoul,
  type ValidityRules,
  type ValidityTerm,
  validityChain,
} from "~/domain/validity";
import type { MessageKey, Params } from "~/i18n";
import { compareRegions, currentRegion } from "~/schemas/regions";
import {
  certificationFormSchema,
  renewalFormSchema,
  revokeFormSchema,
  scheduleSchema,
  settingsFormSchema,
  termFormSchema,
} from "~/schemas/registry";
import { recordEvent } from "./audit.server";
import { carryAssignments } from "./round-admin.server";

type Certification = Selectable<CertificationTable>;

export interface Message {
  key: MessageKey;
  params?: Params;
}
export type Errors = Record<string, Message>;
export type Result<T> = ({ ok: true } & T) | { ok: false; errors: Errors };

/** zod issues (whose messages are translation keys) → one message per field. */
function issuesToErrors(issues: { path: PropertyKey[]; message: string }[]): Errors {
  const out: Errors = {};
  for (const issue of issues) {
    const field = issue.path.map(String).join(".") || "_form";
    out[field] ??= { key: issue.message as MessageKey };
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Settings

export interface RegistrySettings {
  rules: ValidityRules;
  schedule: RenewalSchedule;
}

const KEYS = {
  terms: "validity.terms",
  expiring: "validity.expiringMonths",
  grace: "validity.graceMonths",
  schedule: "renewal.schedule",
} as const;

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The registry's settings: stored values where valid, the documented defaults elsewhere. */
export async function getRegistrySettings(db: Db): Promise<RegistrySettings> {
  const rows = await db.selectFrom("registry_settings").select(["key", "value"]).execute();
  const stored = new Map(rows.map((r) => [r.key, parseJson(r.value)]));
  const terms = termFormSchema.array().min(1).safeParse(stored.get(KEYS.terms));
  const num = (key: string, fallback: number, max: number) => {
    const v = stored.get(key);
    return typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= max ? v : fallback;
  };
  const schedule = scheduleSchema.safeParse(stored.get(KEYS.schedule));
  return {
    rules: {
      terms: terms.success ? terms.data : DEFAULT_VALIDITY_RULES.terms,
      expiringMonths: num(KEYS.expiring, DEFAULT_VALIDITY_RULES.expiringMonths, 24),
      graceMonths: num(KEYS.grace, DEFAULT_VALIDITY_RULES.graceMonths, 12),
    },
    schedule: schedule.success ? schedule.data : DEFAULT_RENEWAL_SCHEDULE,
  };
}

async function putSetting(trx: Db, key: string, value: unknown, userId: number, now: string) {
  await trx
    .insertInto("registry_settings")
    .values({ key, value: JSON.stringify(value), updated_by: userId, updated_at: now })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet({ value: JSON.stringify(value), updated_by: userId, updated_at: now }),
    )
    .execute();
}

/** Saves the expiring window, the grace period and the renewal calendar. */
export async function updateRegistrySettings(
  db: Kysely<Database>,
  userId: number,
  input: Record<string, unknown>,
): Promise<Result<object>> {
  const parsed = settingsFormSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: issuesToErrors(parsed.error.issues) };
  const { expiringMonths, graceMonths, ...schedule } = parsed.data;
  await db.transaction().execute(async (trx) => {
    const before = await getRegistrySettings(trx);
    const now = nowIso();
    await putSetting(trx, KEYS.expiring, expiringMonths, userId, now);
    await putSetting(trx, KEYS.grace, graceMonths, userId, now);
    await putSetting(trx, KEYS.schedule, schedule, userId, now);
    await recordEvent(trx, {
      actorUserId: userId,
      entity: "registry_settings",
      entityId: "registry",
      action: "update",
      before: {
        expiringMonths: before.rules.expiringMonths,
        graceMonths: before.rules.graceMonths,
        schedule: before.schedule,
      },
      after: { expiringMonths, graceMonths, schedule },
    });
  });
  return { ok: true };
}

/** Adds a validity term for certificates awarded from a date on (a later rule of the Ministry). */
export async function addValidityTerm(
  db: Kysely<Database>,
  userId: number,
  input: Record<string, unknown>,
): Promise<Result<object>> {
  const parsed = termFormSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: issuesToErrors(parsed.error.issues) };
  const term: ValidityTerm = parsed.data;
  return db.transaction().execute(async (trx): Promise<Result<object>> => {
    const before = (await getRegistrySettings(trx)).rules.terms;
    if (before.some((t) => t.from === term.from))
      return { ok: false, errors: { from: { key: "registry.error.termExists" } } };
    const after = [...before, term].sort((a, b) => a.from.localeCompare(b.from));
    await putSetting(trx, KEYS.terms, after, userId, nowIso());
    await recordEvent(trx, {
      actorUserId: userId,
      entity: "registry_settings",
      entityId: "registry",
      action: "add_term",
      before: { terms: before },
      after: { terms: after },
    });
    return { ok: true as const };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

type CertRow = Omit<Certification, "created_at"> & { term: CertificationFacts["term"] };
const toFacts = (r: CertRow) => ({ ...r, awardDate: r.award_date, revokedAt: r.revoked_at, term: r.term });

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

/** Certificates with the term of the edition they were won under (through their round), oldest first. */
async function certificationsOf(db: Db, institutionIds?: number[]): Promise<CertRow[]> {
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

export interface RegistryFilters {
  year: number | null;
  region: string | null;
  level: InstitutionType | null;
  status: CertificationStatus | null;
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
  return {
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

  // Grouped under today's names: a certificate recorded under 강원도 is listed (and filtered) with 강원특별자치도.
  const regions = [...new Set(institutions.map((i) => currentRegion(i.region)))].sort(compareRegions);
  const years = [...new Set(certs.map((c) => Number(c.award_date.slice(0, 4))))].sort((a, b) => a - b);
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
    const chain = validityChain(own.map(toFacts), filters.asOf, rules);
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
      name: inst.name,
      region: inst.region,
      type: inst.type,
      history: chain.map((e) => ({
        id: e.cert.id,
        year: Number(e.cert.awardDate.slice(0, 4)),
        kind: e.cert.kind,
        revoked: e.validity.status === "revoked",
      })),
      current: {
        awardDate: current.cert.awardDate,
        kind: current.cert.kind,
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
  rows.sort(
    (a, b) =>
      compareRegions(a.region, b.region) ||
      (a.type === b.type ? 0 : a.type === "sido" ? -1 : 1) ||
      a.name.localeCompare(b.name, "ko"),
  );
  return { rows, regions, years, yearCounts: [...yearCounts.values()], statusCounts, total: rows.length };
}

export type RegistryOverview = Awaited<ReturnType<typeof registryOverview>>;

/** An institution's standing on a date: its latest certificate's validity, or null when it has none. */
export async function institutionStanding(db: Db, institutionId: number, asOf: string, rules: ValidityRules) {
  const chain = validityChain((await certificationsOf(db, [institutionId])).map(toFacts), asOf, rules);
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
  const certs = await certificationsOf(db, [institutionId]);
  const chain = validityChain(certs.map(toFacts), today, settings.rules);
  const current = currentEntry(chain, today);
  const [rounds, plans] = await Promise.all([
    db
      .selectFrom("rounds")
      .select(["id", "year", "title", "state", "deadline_at", "edition_id"])
      .where("institution_id", "=", institutionId)
      .orderBy("year")
      .execute(),
    db.selectFrom("renewal_plans").selectAll().where("institution_id", "=", institutionId).orderBy("year").execute(),
  ]);

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

// ---------------------------------------------------------------------------------------------------------------
// Writing

/** Points text ("937.8") → tenths (9378); "" → null. */
export const scoreToTenths = (text: string): number | null =>
  text.trim() === "" ? null : Math.round(Number(text) * 10);

export interface NewCertification {
  institutionId: number;
  awardDate: string;
  kind: CertificationKind;
  scoreTenths: number | null;
  roundId: number | null;
  note: string | null;
}

/**
 * Checks one certificate against the institution's history (its own earlier certificates and, for an import, those
 * listed before it): no second certificate on the same day, no award in the future, a renewal only after an earlier
 * certificate, no new initial certificate while one is in force. Returns the field in error and its message.
 */
export function checkAgainstHistory(
  cert: Pick<NewCertification, "awardDate" | "kind">,
  history: CertificationFacts[],
  today: string,
  rules: ValidityRules,
): [field: "awardDate" | "kind", message: Message] | null {
  if (cert.awardDate > today) return ["awardDate", { key: "registry.error.awardDateFuture" }];
  if (history.some((h) => h.awardDate === cert.awardDate)) return ["awardDate", { key: "registry.error.duplicate" }];
  const conflict = kindConflict(cert.kind, cert.awardDate, validityChain(history, today, rules));
  if (conflict === "renewal-without-previous") return ["kind", { key: "registry.error.renewalWithoutPrevious" }];
  if (conflict === "initial-while-valid") return ["kind", { key: "registry.error.initialWhileValid" }];
  return null;
}

/** Inserts certificates and their audit events; the caller holds the transaction. */
export async function insertCertifications(
  trx: Db,
  userId: number,
  certs: NewCertification[],
  action: "record" | "import",
) {
  const ids: number[] = [];
  const now = nowIso();
  for (const c of certs) {
    const row = {
      institution_id: c.institutionId,
      award_date: c.awardDate,
      kind: c.kind,
      score_tenths: c.scoreTenths,
      round_id: c.roundId,
      revoked_at: null,
      revoked_reason: null,
      note: c.note,
      created_at: now,
    };
    const { id } = await trx.insertInto("certifications").values(row).returning("id").executeTakeFirstOrThrow();
    await recordEvent(trx, {
      actorUserId: userId,
      institutionId: c.institutionId,
      roundId: c.roundId,
      entity: "certification",
      entityId: id,
      action,
      after: row,
    });
    ids.push(id);
  }
  return ids;
}

/** Records one certificate (the Ministry's decision) for an institution. */
export async function recordCertification(
  db: Kysely<Database>,
  userId: number,
  input: Record<string, unknown>,
  now: Date = new Date(),
): Promise<Result<{ id: number }>> {
  const parsed = certificationFormSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: issuesToErrors(parsed.error.issues) };
  const v = parsed.data;
  const settings = await getRegistrySettings(db);
  const institutionId = Number(v.institutionId);
  const roundId = v.roundId ? Number(v.roundId) : null;
  return db.transaction().execute(async (trx): Promise<Result<{ id: number }>> => {
    const institution = await trx
      .selectFrom("institutions")
      .select("id")
      .where("id", "=", institutionId)
      .where("active", "=", 1)
      .executeTakeFirst();
    if (!institution) return { ok: false, errors: { institutionId: { key: "registry.error.institutionRequired" } } };
    if (roundId !== null) {
      const round = await trx
        .selectFrom("rounds")
        .select("id")
        .where("id", "=", roundId)
        .where("institution_id", "=", institutionId)
        .executeTakeFirst();
      if (!round) return { ok: false, errors: { roundId: { key: "registry.error.round" } } };
    }
    const history = (await certificationsOf(trx, [institutionId])).map(toFacts);
    const problem = checkAgainstHistory(
      { awardDate: v.awardDate, kind: v.kind },
      history,
      todayInSeoul(now),
      settings.rules,
    );
    if (problem) return { ok: false, errors: { [problem[0]]: problem[1] } };
    const [id] = await insertCertifications(
      trx,
      userId,
      [
        {
          institutionId,
          awardDate: v.awardDate,
          kind: v.kind,
          scoreTenths: scoreToTenths(v.score),
          roundId,
          note: v.note || null,
        },
      ],
      "record",
    );
    return { ok: true as const, id };
  });
}

/** Revokes a certificate with a reason; the record stays, marked. */
export async function revokeCertification(
  db: Kysely<Database>,
  userId: number,
  input: Record<string, unknown>,
): Promise<Result<{ institutionId: number }>> {
  const parsed = revokeFormSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: issuesToErrors(parsed.error.issues) };
  const id = Number(parsed.data.certificationId);
  return db.transaction().execute(async (trx): Promise<Result<{ institutionId: number }>> => {
    const cert = await trx
      .selectFrom("certifications")
      .select(["id", "institution_id", "revoked_at"])
      .where("id", "=", id)
      .executeTakeFirst();
    if (!cert) return { ok: false, errors: { certificationId: { key: "registry.error.certification" } } };
    if (cert.revoked_at) return { ok: false, errors: { certificationId: { key: "registry.error.alreadyRevoked" } } };
    const after = { revoked_at: nowIso(), revoked_reason: parsed.data.reason };
    await trx.updateTable("certifications").set(after).where("id", "=", id).where("revoked_at", "is", null).execute();
    await recordEvent(trx, {
      actorUserId: userId,
      institutionId: cert.institution_id,
      entity: "certification",
      entityId: id,
      action: "revoke",
      before: { revoked_at: null },
      after,
    });
    return { ok: true as const, institutionId: cert.institution_id };
  });
}

export const renewalRoundTitle = (year: number) => `${year}년 민원서비스 우수기관 재인증 자율진단`;

/**
 * Creates the renewal round proposed for an institution's current certificate, in one step: the round (draft) on
 * the edition of that year and institution type, the assignments of the institution's latest round for every
 * indicator the new edition still has, and the renewal plan with the cycle's calendar.
 */
export async function createRenewalRound(
  db: Kysely<Database>,
  userId: number,
  institutionId: number,
  input: Record<string, unknown>,
  now: Date = new Date(),
): Promise<Result<{ roundId: number; carried: number; dropped: number }>> {
  const parsed = renewalFormSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: issuesToErrors(parsed.error.issues) };
  const v = parsed.data;
  const fail = (field: string, key: MessageKey, params?: Params): { ok: false; errors: Errors } => ({
    ok: false,
    errors: { [field]: { key, params } },
  });
  const settings = await getRegistrySettings(db);
  const timeline = await institutionTimeline(db, institutionId, todayInSeoul(now), settings);
  const renewal = timeline?.renewal;
  if (!timeline || !renewal || renewal.certificationId !== Number(v.certificationId))
    return fail("_form", "registry.error.notRenewable");
  const year = renewal.proposal.year;
  const deadlineAt = seoulLocalToIso(v.deadline);
  if (!deadlineAt) return fail("deadline", "registry.error.deadlineInvalid");
  const deadlineDate = v.deadline.slice(0, 10);
  if (!v.selfDiagnosisFrom.startsWith(`${year}-`))
    return fail("selfDiagnosisFrom", "registry.error.notInYear", { year });
  if (!deadlineDate.startsWith(`${year}-`)) return fail("deadline", "registry.error.notInYear", { year });
  if (deadlineDate < v.selfDiagnosisFrom) return fail("deadline", "registry.error.deadlineBeforeStart");
  if (v.reviewFrom < deadlineDate.slice(0, 7)) return fail("reviewFrom", "registry.error.reviewBeforeDeadline");
  if (v.reviewUntil < v.reviewFrom) return fail("reviewUntil", "registry.error.monthOrder");
  if (v.awardMonth < v.reviewUntil) return fail("awardMonth", "registry.error.monthOrder");
  if (!renewal.edition) return fail("_form", "registry.error.noEdition", { year });
  if (renewal.existingRound) return fail("_form", "registry.error.roundExists", { year });
  const editionId = renewal.edition.id;

  try {
    return await db.transaction().execute(async (trx) => {
      const stamp = nowIso();
      const round = await trx
        .insertInto("rounds")
        .values({
          institution_id: institutionId,
          edition_id: editionId,
          year,
          title: renewalRoundTitle(year),
          state: "draft",
          deadline_at: deadlineAt,
          created_by: userId,
          created_at: stamp,
          updated_at: stamp,
        })
        .returning("id")
        .executeTakeFirstOrThrow();

      const codes = new Set(
        (await trx.selectFrom("edition_indicators").select("code").where("edition_id", "=", editionId).execute()).map(
          (c) => c.code,
        ),
      );
      const { source, carried, dropped } = await carryAssignments(
        trx,
        { id: round.id, institution_id: institutionId, year },
        codes,
      );

      const plan = {
        institution_id: institutionId,
        certification_id: renewal.certificationId,
        round_id: round.id,
        year,
        self_diagnosis_from: v.selfDiagnosisFrom,
        self_diagnosis_until: deadlineDate,
        deadline_at: deadlineAt,
        review_from: v.reviewFrom,
        review_until: v.reviewUntil,
        award_month: v.awardMonth,
        created_by: userId,
        created_at: stamp,
      };
      const { id: planId } = await trx
        .insertInto("renewal_plans")
        .values(plan)
        .returning("id")
        .executeTakeFirstOrThrow();
      await recordEvent(trx, {
        actorUserId: userId,
        institutionId,
        roundId: round.id,
        entity: "round",
        entityId: round.id,
        action: "create_renewal",
        after: {
          title: renewalRoundTitle(year),
          year,
          edition: editionId,
          state: "draft",
          deadline_at: deadlineAt,
          certification_id: renewal.certificationId,
        },
      });
      await recordEvent(trx, {
        actorUserId: userId,
        institutionId,
        roundId: round.id,
        entity: "assignment",
        entityId: `round:${round.id}`,
        action: "carry_over",
        after: { from_round_id: source?.id ?? null, carried, dropped },
      });
      await recordEvent(trx, {
        actorUserId: userId,
        institutionId,
        roundId: round.id,
        entity: "renewal_plan",
        entityId: planId,
        action: "create",
        after: plan,
      });
      return { ok: true as const, roundId: round.id, carried, dropped };
    });
  } catch (error) {
    if (error instanceof Error && /UNIQUE|duplicate key/i.test(error.message))
      return fail("_form", "registry.error.roundExists", { year });
    throw error;
  }
}
