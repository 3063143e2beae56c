import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import { type Db, nowIso } from "#db/connection";
import type { Database, EditionSource } from "#db/schema";
import { loadShippedEditions } from "#indicators/load";
import { toTenths } from "#indicators/points";
import { type Edition, validateEdition } from "#indicators/schema";
import { recordEvent } from "./audit.server";

// Rubric editions in the database. An edition's content never changes once a round uses it: a new edition
// supersedes it instead.

const hashContent = (content: string) => createHash("sha256").update(content).digest("hex");

export async function editionInUse(db: Db, id: string): Promise<boolean> {
  const row = await db.selectFrom("rounds").select("id").where("edition_id", "=", id).limit(1).executeTakeFirst();
  return Boolean(row);
}

/** Stores a validated edition (its row and its indicators' index rows). Call it inside a transaction. */
export async function writeEdition(trx: Db, edition: Edition, source: EditionSource, importedBy: number | null) {
  const content = JSON.stringify(edition);
  const row = {
    id: edition.id,
    year: edition.year,
    institution_type: edition.institutionType,
    title: edition.title,
    source,
    reconstruction: edition.reconstruction ? 1 : 0,
    content,
    content_hash: hashContent(content),
    total_tenths: edition.indicators.reduce((sum, i) => sum + toTenths(i.maxPoints), 0),
    indicator_count: edition.indicators.length,
    supersedes: edition.supersedes ?? null,
    superseded_by: null,
    imported_by: importedBy,
    created_at: nowIso(),
  };
  await trx.deleteFrom("edition_indicators").where("edition_id", "=", edition.id).execute();
  await trx.deleteFrom("rubric_editions").where("id", "=", edition.id).execute();
  await trx.insertInto("rubric_editions").values(row).execute();
  const indicators = edition.indicators.map((indicator, index) => ({
    edition_id: edition.id,
    code: indicator.code,
    area_code: indicator.area,
    item_code: indicator.item,
    title: indicator.title,
    max_tenths: toTenths(indicator.maxPoints),
    scoring_kind: indicator.scoring.kind,
    owner_department: indicator.ownerDepartment,
    tags: `,${indicator.tags.join(",")},`,
    sort_order: index,
  }));
  // Chunked so the statement stays under SQLite's and PostgreSQL's bound-parameter limits.
  for (let i = 0; i < indicators.length; i += 50) {
    await trx
      .insertInto("edition_indicators")
      .values(indicators.slice(i, i + 50))
      .execute();
  }
  if (edition.supersedes) {
    await trx
      .updateTable("rubric_editions")
      .set({ superseded_by: edition.id })
      .where("id", "=", edition.supersedes)
      .execute();
  }
  return row;
}

/** Registers the editions shipped in indicators/ (idempotent). A shipped edition already used by a round is left as it is. */
export async function syncShippedEditions(db: Kysely<Database>): Promise<void> {
  const editions = await loadShippedEditions();
  for (const edition of editions) {
    const content = JSON.stringify(edition);
    const existing = await db
      .selectFrom("rubric_editions")
      .select(["content_hash", "source"])
      .where("id", "=", edition.id)
      .executeTakeFirst();
    if (existing?.content_hash === hashContent(content)) continue;
    if (existing && (existing.source !== "shipped" || (await editionInUse(db, edition.id)))) continue;
    await db.transaction().execute((trx) => writeEdition(trx, edition, "shipped", null));
  }
}

export type ImportResult =
  { ok: true; id: string } | { ok: false; errors: { indicator?: string; field: string; message: string }[] };

/** Validates and stores an edition imported by a system admin. The same id may be replaced only while no round uses it. */
export async function importEdition(db: Kysely<Database>, raw: unknown, actorUserId: number): Promise<ImportResult> {
  const result = validateEdition(raw);
  if (!result.ok) return { ok: false, errors: result.errors };
  const edition = result.edition;
  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom("rubric_editions")
      .select(["id", "source"])
      .where("id", "=", edition.id)
      .executeTakeFirst();
    // Only an imported edition no round uses may be replaced; shipped ones and those published from a draft never change.
    if (existing && (existing.source !== "imported" || (await editionInUse(trx, edition.id)))) {
      return {
        ok: false as const,
        errors: [
          {
            field: "id",
            message: `edition ${edition.id} is already in use; import it under a new id with "supersedes: ${edition.id}"`,
          },
        ],
      };
    }
    if (edition.supersedes) {
      const target = await trx
        .selectFrom("rubric_editions")
        .select("id")
        .where("id", "=", edition.supersedes)
        .executeTakeFirst();
      if (!target)
        return {
          ok: false as const,
          errors: [{ field: "supersedes", message: `edition ${edition.supersedes} does not exist` }],
        };
    }
    const row = await writeEdition(trx, edition, "imported", actorUserId);
    await recordEvent(trx, {
      actorUserId,
      entity: "rubric_edition",
      entityId: edition.id,
      action: existing ? "replace" : "import",
      after: {
        id: row.id,
        year: row.year,
        institution_type: row.institution_type,
        indicator_count: row.indicator_count,
        content_hash: row.content_hash,
      },
    });
    return { ok: true as const, id: edition.id };
  });
}

const parsedCache = new Map<string, Edition>();

/** The full edition; content is immutable per hash, so the parsed copy can be cached safely. */
export async function getEdition(db: Db, id: string): Promise<Edition | null> {
  // Only the hash on every call: the content (hundreds of kilobytes) is read once per edition and process.
  const row = await db.selectFrom("rubric_editions").select("content_hash").where("id", "=", id).executeTakeFirst();
  if (!row) return null;
  const cached = parsedCache.get(row.content_hash);
  if (cached) return cached;
  const content = await db
    .selectFrom("rubric_editions")
    .select("content")
    .where("id", "=", id)
    .where("content_hash", "=", row.content_hash)
    .executeTakeFirst();
  if (!content) return null;
  const edition = JSON.parse(content.content) as Edition;
  parsedCache.set(row.content_hash, edition);
  return edition;
}

export async function listEditions(db: Db) {
  return db
    .selectFrom("rubric_editions as e")
    .select((eb) => [
      "e.id",
      "e.year",
      "e.institution_type",
      "e.title",
      "e.source",
      "e.reconstruction",
      "e.indicator_count",
      "e.total_tenths",
      "e.supersedes",
      "e.superseded_by",
      "e.created_at",
      eb
        .selectFrom("rounds")
        .select((r) => r.fn.countAll<number>().as("n"))
        .whereRef("rounds.edition_id", "=", "e.id")
        .as("round_count"),
    ])
    .orderBy("e.year", "desc")
    .orderBy("e.institution_type")
    .execute();
}
