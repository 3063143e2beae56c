// The registry's settings: validity terms and the renewal schedule, each change audited.
import type { Kysely } from "kysely";
import { type Db, nowIso } from "#db/connection";
import type { Database } from "#db/schema";
import {
  DEFAULT_RENEWAL_SCHEDULE,
  DEFAULT_VALIDITY_RULES,
  type RenewalSchedule,
  type ValidityRules,
  type ValidityTerm,
} from "~/domain/validity";
import { scheduleSchema, settingsFormSchema, termFormSchema } from "~/schemas/registry";
import { recordEvent } from "./audit.server";
import { issuesToErrors, type Result } from "./registry-result.server";

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
