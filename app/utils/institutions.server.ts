// Institutions: the administrator's list and the changes to it, each in one transaction with its audit event.
import { type Db, inTransaction, nowIso } from "#db/connection";
import type { InstitutionType } from "#db/schema";
import { type InstitutionIntent } from "~/schemas/org";
import type { Actor } from "~/domain/permissions";
import type { Outcome } from "./actions.server";
import { recordEvent } from "./audit.server";
import { found } from "./guards.server";
import { done, refuse } from "./actions.server";
import { asFlag as flag } from "#db/connection";

export async function listInstitutions(db: Db) {
  const rows = await db
    .selectFrom("institutions as i")
    .select((eb) => [
      "i.id",
      "i.code",
      "i.name",
      "i.region",
      "i.type",
      "i.active",
      eb
        .selectFrom("departments as d")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("d.institution_id", "=", "i.id")
        .where("d.active", "=", 1)
        .as("departments"),
      eb
        .selectFrom("memberships as m")
        .innerJoin("users as u", "u.id", "m.user_id")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("m.institution_id", "=", "i.id")
        .where("u.active", "=", 1)
        .as("users"),
    ])
    .orderBy("i.active", "desc")
    .orderBy("i.region")
    .orderBy("i.name")
    .execute();
  return rows.map((r) => ({
    ...r,
    active: r.active === 1,
    departments: Number(r.departments ?? 0),
    users: Number(r.users ?? 0),
  }));
}

export async function getInstitution(db: Db, institutionId: number) {
  const row = found(
    await db
      .selectFrom("institutions")
      .select(["id", "code", "name", "region", "type", "active"])
      .where("id", "=", institutionId)
      .executeTakeFirst(),
  );
  return { ...row, active: row.active === 1 };
}

export async function createInstitution(
  db: Db,
  actor: Actor,
  input: { code: string; name: string; region: string; type: InstitutionType },
): Promise<Outcome> {
  return inTransaction(db, async (trx) => {
    const taken = await trx.selectFrom("institutions").select("id").where("code", "=", input.code).executeTakeFirst();
    if (taken) return refuse({ code: "org.error.codeTaken" });
    const row = await trx
      .insertInto("institutions")
      .values({ ...input, created_at: nowIso() })
      .returning(["id", "code", "name", "region", "type", "active"])
      .executeTakeFirstOrThrow();
    await recordEvent(trx, {
      actorUserId: actor.userId,
      institutionId: row.id,
      entity: "institution",
      entityId: row.id,
      action: "create",
      before: null,
      after: row,
    });
    return done("org.institutions.created", { name: row.name });
  });
}

export async function setInstitutionActive(
  db: Db,
  actor: Actor,
  institutionId: number,
  active: boolean,
): Promise<Outcome> {
  return inTransaction(db, async (trx) => {
    const row = found(
      await trx
        .selectFrom("institutions")
        .select(["id", "name", "active"])
        .where("id", "=", institutionId)
        .executeTakeFirst(),
    );
    const notice = active ? "org.institutions.reactivated" : "org.institutions.deactivated";
    if (row.active === flag(active)) return done(notice, { name: row.name });
    await trx
      .updateTable("institutions")
      .set({ active: flag(active) })
      .where("id", "=", row.id)
      .execute();
    await recordEvent(trx, {
      actorUserId: actor.userId,
      institutionId: row.id,
      entity: "institution",
      entityId: row.id,
      action: active ? "reactivate" : "deactivate",
      before: { active: row.active },
      after: { active: flag(active) },
    });
    return done(notice, { name: row.name });
  });
}

export async function runInstitutionIntent(db: Db, actor: Actor, intent: InstitutionIntent): Promise<Outcome> {
  switch (intent.intent) {
    case "createInstitution":
      return createInstitution(db, actor, {
        code: intent.code,
        name: intent.name,
        region: intent.region,
        type: intent.type,
      });
    case "deactivateInstitution":
    case "reactivateInstitution":
      return setInstitutionActive(db, actor, intent.institutionId, intent.intent === "reactivateInstitution");
  }
}
