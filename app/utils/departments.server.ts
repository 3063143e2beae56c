// An institution's departments: list, create, rename, the lead department, deactivate. Each write checks the
// department lies in the institution (404 otherwise), runs in one transaction and records its audit event.
import { type Db, inTransaction, nowIso } from "#db/connection";
import type { Actor } from "~/domain/permissions";
import type { Outcome } from "./actions.server";
import { recordEvent } from "./audit.server";
import { found } from "./guards.server";
import { done, refuse } from "./actions.server";
import { asFlag as flag } from "#db/connection";

export async function listDepartments(db: Db, institutionIds: number[]) {
  if (institutionIds.length === 0) return [];
  const rows = await db
    .selectFrom("departments as d")
    .select((eb) => [
      "d.id",
      "d.institution_id as institutionId",
      "d.name",
      "d.is_lead",
      "d.active",
      eb
        .selectFrom("memberships as m")
        .innerJoin("users as u", "u.id", "m.user_id")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("m.department_id", "=", "d.id")
        .where("u.active", "=", 1)
        .as("members"),
    ])
    .where("d.institution_id", "in", institutionIds)
    .orderBy("d.active", "desc")
    .orderBy("d.is_lead", "desc")
    .orderBy("d.sort_order")
    .orderBy("d.name")
    .execute();
  return rows.map(({ is_lead, ...r }) => ({
    ...r,
    isLead: is_lead === 1,
    active: r.active === 1,
    members: Number(r.members ?? 0),
  }));
}

async function departmentIn(trx: Db, institutionId: number, departmentId: number) {
  return found(
    await trx
      .selectFrom("departments")
      .select(["id", "name", "is_lead", "active"])
      .where("id", "=", departmentId)
      .where("institution_id", "=", institutionId)
      .executeTakeFirst(),
  );
}

async function nameTaken(trx: Db, institutionId: number, name: string, exceptId = 0) {
  const row = await trx
    .selectFrom("departments")
    .select("id")
    .where("institution_id", "=", institutionId)
    .where("name", "=", name)
    .where("id", "!=", exceptId)
    .executeTakeFirst();
  return Boolean(row);
}

export async function createDepartment(db: Db, actor: Actor, institutionId: number, name: string): Promise<Outcome> {
  return inTransaction(db, async (trx) => {
    if (await nameTaken(trx, institutionId, name)) return refuse({ name: "org.error.departmentTaken" });
    const last = await trx
      .selectFrom("departments")
      .select((eb) => eb.fn.max("sort_order").as("n"))
      .where("institution_id", "=", institutionId)
      .executeTakeFirst();
    const row = await trx
      .insertInto("departments")
      .values({ institution_id: institutionId, name, sort_order: Number(last?.n ?? 0) + 1, created_at: nowIso() })
      .returning(["id", "institution_id", "name", "is_lead", "active", "sort_order"])
      .executeTakeFirstOrThrow();
    await recordEvent(trx, {
      actorUserId: actor.userId,
      institutionId,
      entity: "department",
      entityId: row.id,
      action: "create",
      before: null,
      after: row,
    });
    return done("org.departments.created", { name });
  });
}

export async function renameDepartment(
  db: Db,
  actor: Actor,
  institutionId: number,
  departmentId: number,
  name: string,
): Promise<Outcome> {
  return inTransaction(db, async (trx) => {
    const row = await departmentIn(trx, institutionId, departmentId);
    if (row.name === name) return done("org.departments.renamed", { name });
    if (await nameTaken(trx, institutionId, name, row.id)) return refuse({ name: "org.error.departmentTaken" });
    await trx.updateTable("departments").set({ name }).where("id", "=", row.id).execute();
    await recordEvent(trx, {
      actorUserId: actor.userId,
      institutionId,
      entity: "department",
      entityId: row.id,
      action: "rename",
      before: { name: row.name },
      after: { name },
    });
    return done("org.departments.renamed", { name });
  });
}

/** One lead department per institution: marking one unmarks the others, each with its own event. */
export async function setLeadDepartment(
  db: Db,
  actor: Actor,
  institutionId: number,
  departmentId: number,
): Promise<Outcome> {
  return inTransaction(db, async (trx) => {
    const row = await departmentIn(trx, institutionId, departmentId);
    if (row.active !== 1) return refuse({ _form: "org.error.departmentInactive" });
    if (row.is_lead === 1) return done("org.departments.leadSet", { name: row.name });
    const previous = await trx
      .selectFrom("departments")
      .select("id")
      .where("institution_id", "=", institutionId)
      .where("is_lead", "=", 1)
      .execute();
    for (const p of previous) {
      await trx.updateTable("departments").set({ is_lead: 0 }).where("id", "=", p.id).execute();
      await recordEvent(trx, {
        actorUserId: actor.userId,
        institutionId,
        entity: "department",
        entityId: p.id,
        action: "lead.unset",
        before: { is_lead: 1 },
        after: { is_lead: 0 },
      });
    }
    await trx.updateTable("departments").set({ is_lead: 1 }).where("id", "=", row.id).execute();
    await recordEvent(trx, {
      actorUserId: actor.userId,
      institutionId,
      entity: "department",
      entityId: row.id,
      action: "lead.set",
      before: { is_lead: 0 },
      after: { is_lead: 1 },
    });
    return done("org.departments.leadSet", { name: row.name });
  });
}

export async function setDepartmentActive(
  db: Db,
  actor: Actor,
  institutionId: number,
  departmentId: number,
  active: boolean,
): Promise<Outcome> {
  return inTransaction(db, async (trx) => {
    const row = await departmentIn(trx, institutionId, departmentId);
    const notice = active ? "org.departments.reactivated" : "org.departments.deactivated";
    if (row.active === flag(active)) return done(notice, { name: row.name });
    if (!active) {
      const members = await trx
        .selectFrom("memberships as m")
        .innerJoin("users as u", "u.id", "m.user_id")
        .select("m.id")
        .where("m.department_id", "=", row.id)
        .where("u.active", "=", 1)
        .executeTakeFirst();
      if (members) return refuse({ _form: "org.error.departmentHasMembers" });
    }
    await trx
      .updateTable("departments")
      .set({ active: flag(active) })
      .where("id", "=", row.id)
      .execute();
    await recordEvent(trx, {
      actorUserId: actor.userId,
      institutionId,
      entity: "department",
      entityId: row.id,
      action: active ? "reactivate" : "deactivate",
      before: { active: row.active },
      after: { active: flag(active) },
    });
    return done(notice, { name: row.name });
  });
}
