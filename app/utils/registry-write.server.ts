// Writing the certification registry: recording and revoking certificates, and creating a renewal round.
// Every write runs in one transaction with its audit event.
import { certificationsOf, institutionTimeline, toFacts } from "./registry-read.server";
import { type Message } from "./registry-result.server";
import { getRegistrySettings } from "./registry-settings.server";
import type { Kysely } from "kysely";
import { type Db, nowIso } from "#db/connection";
import type { CertificationKind, CertificationPlaque, CertificationScheme, Database } from "#db/schema";
import { seoulLocalToIso } from "~/domain/datetime";
import {
  type CertificationFacts,
  kindConflict,
  todayInSeoul,
  type ValidityRules,
  validityChain,
} from "~/domain/validity";
import type { MessageKey, Params } from "~/i18n";
import { certificationFormSchema, renewalFormSchema, revokeFormSchema } from "~/schemas/registry";
import { recordEvent } from "./audit.server";
import { carryAssignments } from "./round-admin.server";
import { type Errors, issuesToErrors, type Result } from "./registry-result.server";

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
  /** Absent: the 인증. A 국민행복민원실 certificate names its scheme and plaque (ADR 037). */
  scheme?: CertificationScheme;
  plaque?: CertificationPlaque | null;
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
      scheme: c.scheme ?? "certification",
      plaque: c.plaque ?? null,
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
    // This form records 인증 certificates: a 국민행복민원실 certificate is another chain and never conflicts.
    const history = (await certificationsOf(trx, [institutionId]))
      .filter((c) => c.scheme === "certification")
      .map(toFacts);
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
