// The round's audit log as people read it (filtered, a page at a time, as CSV) and the integrity check of the whole
// chain, read in batches so it runs in constant memory whatever the size of the log.
import type { Db } from "#db/connection";
import type { Round } from "#db/schema";
import type { Indicator } from "#indicators/schema";
import { actionLabel, changeLines, describeChanges, describeTarget, lookupsFor } from "~/text/audit-display";
import { seoulLocalToIso } from "~/domain/datetime";
import { type Locale, translate } from "~/i18n";
import { getEdition } from "./editions.server";
import { toHistoryEntry } from "./review.server";

export const HISTORY_PAGE = 100;

export interface HistoryFilter {
  entity: string | null;
  actorId: number | null;
  /** Calendar dates in Seoul, inclusive. */
  from: string | null;
  to: string | null;
  indicator: string | null;
  page: number;
}

const date = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null);

export function historyFilterFrom(params: URLSearchParams): HistoryFilter {
  const actor = params.get("actor");
  const page = Number(params.get("page") ?? "1");
  const indicator = params.get("indicator")?.trim() ?? "";
  const entity = params.get("entity") ?? "";
  return {
    entity: /^[a-z_]{1,40}$/.test(entity) ? entity : null,
    actorId: actor && /^\d{1,9}$/.test(actor) ? Number(actor) : null,
    from: date(params.get("from")),
    to: date(params.get("to")),
    indicator: /^[0-9A-Za-z.-]{1,20}$/.test(indicator) ? indicator : null,
    page: Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
  };
}

function filtered(db: Db, round: Round, f: HistoryFilter) {
  let q = db.selectFrom("audit_events as e").where("e.round_id", "=", round.id);
  if (f.entity) q = q.where("e.entity", "=", f.entity);
  if (f.actorId !== null) q = q.where("e.actor_user_id", "=", f.actorId);
  if (f.from) q = q.where("e.at", ">=", seoulLocalToIso(`${f.from}T00:00`)!);
  if (f.to)
    q = q.where(
      "e.at",
      "<",
      new Date(new Date(seoulLocalToIso(`${f.to}T00:00`)!).getTime() + 86_400_000).toISOString(),
    );
  // Events name their indicator in their JSON ("indicator" or "code"): a text match, the same on SQLite and PostgreSQL.
  if (f.indicator) {
    const needles = [`"indicator":"${f.indicator}"`, `"code":"${f.indicator}"`];
    q = q.where((eb) =>
      eb.or(needles.flatMap((n) => [eb("e.after_json", "like", `%${n}%`), eb("e.before_json", "like", `%${n}%`)])),
    );
  }
  return q;
}

/**
 * What the events' descriptions need, read once for a page or a whole export whatever its length: the round's
 * indicators (its edition, cached per process) and every department of its institution, past ones included.
 */
async function displaySources(
  db: Db,
  round: Round,
): Promise<{ indicators: readonly Indicator[]; departments: { id: number; name: string }[] }> {
  const [edition, departments] = await Promise.all([
    getEdition(db, round.edition_id),
    db.selectFrom("departments").select(["id", "name"]).where("institution_id", "=", round.institution_id).execute(),
  ]);
  return { indicators: edition?.indicators ?? [], departments };
}

/** One page of the round's log, newest first, with the filter's choices and the names its descriptions need. */
export async function roundHistory(db: Db, round: Round, f: HistoryFilter) {
  const [rows, total, entities, actors, sources] = await Promise.all([
    filtered(db, round, f)
      .leftJoin("users as u", "u.id", "e.actor_user_id")
      .select([
        "e.seq",
        "e.at",
        "e.entity",
        "e.entity_id",
        "e.action",
        "e.before_json",
        "e.after_json",
        "u.display_name",
      ])
      .orderBy("e.seq", "desc")
      .limit(HISTORY_PAGE)
      .offset((f.page - 1) * HISTORY_PAGE)
      .execute(),
    filtered(db, round, f)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("audit_events")
      .select("entity")
      .distinct()
      .where("round_id", "=", round.id)
      .orderBy("entity")
      .execute(),
    db
      .selectFrom("audit_events as e")
      .innerJoin("users as u", "u.id", "e.actor_user_id")
      .select(["u.id", "u.display_name"])
      .distinct()
      .where("e.round_id", "=", round.id)
      .orderBy("u.display_name")
      .execute(),
    displaySources(db, round),
  ]);
  const entries = rows.map((r) => toHistoryEntry(r, r.display_name));
  return {
    entries,
    lookups: lookupsFor(sources.indicators, sources.departments, entries),
    total: Number(total.n),
    entities: entities.map((e) => e.entity),
    actors: actors.map((a) => ({ id: a.id, name: a.display_name })),
    /** A filter code the round's edition does not have (a typo such as 1.1.7 for 1.1.07), with a code it does. */
    unknownIndicator:
      f.indicator && sources.indicators.length && !sources.indicators.some((i) => i.code === f.indicator)
        ? { code: f.indicator, example: sources.indicators[0].code }
        : null,
  };
}

export const csvCell = (v: unknown) => {
  let text = v === null || v === undefined ? "" : typeof v === "string" ? v : JSON.stringify(v);
  // A name or title starting like a formula would run as one when Excel opens the file: keep it text.
  if (/^[=+\-@\t]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/**
 * Seoul time as a spreadsheet reads a date-time: "2026-12-02 12:29:05" (Excel and LibreOffice parse it as a date-time
 * cell that sorts and filters; the header says KST). Korea keeps no daylight saving, so it is UTC + 9 hours.
 */
export function seoulDateTimeCell(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : new Date(t + 9 * 3_600_000).toISOString().slice(0, 19).replace("T", " ");
}

const CSV_COLUMNS = [
  "seq",
  "at",
  "actor",
  "entity",
  "indicator",
  "indicatorTitle",
  "action",
  "before",
  "after",
  "hash",
  "rawAt",
  "rawEntity",
  "rawAction",
  "rawBefore",
  "rawAfter",
] as const;

/** The file name of the export in the reader's language. */
export function historyCsvName(round: Round, locale: Locale): string {
  return translate(locale, "history.csv.file", { year: round.year, id: round.id });
}

/**
 * The filtered log as CSV with a BOM (Excel opens it as UTF-8), every matching event, read in batches. Each row reads
 * as the page does (Seoul time, the indicator, the action and the changed fields in words, one per line of the before
 * and after cells), followed by the event as stored (hash, UTC time, entity and id, action, before and after JSON), so
 * nothing is lost for whoever checks the chain.
 */
export async function* historyCsv(
  db: Db,
  round: Round,
  f: HistoryFilter,
  batch = 1000,
  locale: Locale = "ko",
): AsyncGenerator<string> {
  const sources = await displaySources(db, round);
  const lookups = lookupsFor(sources.indicators, sources.departments);
  yield `\uFEFF${CSV_COLUMNS.map((c) => csvCell(translate(locale, `history.csv.${c}`))).join(",")}\r\n`;
  // Newest first, a batch at a time, each batch below the last one's oldest (no bound for the first: seq is a 32-bit
  // integer on PostgreSQL, which refuses a larger literal).
  let below: number | null = null;
  for (;;) {
    let query = filtered(db, round, f)
      .leftJoin("users as u", "u.id", "e.actor_user_id")
      .select([
        "e.seq",
        "e.at",
        "e.entity",
        "e.entity_id",
        "e.action",
        "e.before_json",
        "e.after_json",
        "e.hash",
        "u.display_name",
      ]);
    if (below !== null) query = query.where("e.seq", "<", below);
    const rows = await query.orderBy("e.seq", "desc").limit(batch).execute();
    if (rows.length === 0) return;
    yield (
      rows
        .map((r) => {
          const entry = toHistoryEntry(r, r.display_name);
          const target = describeTarget(locale, entry, lookups);
          const changes = describeChanges(locale, entry, lookups);
          return [
            r.seq,
            seoulDateTimeCell(r.at),
            r.display_name ?? translate(locale, "history.system"),
            target.entity,
            target.code ?? target.ref ?? "",
            target.title ?? "",
            actionLabel(locale, r.action),
            changeLines(changes, "before"),
            changeLines(changes, "after"),
            r.hash,
            r.at,
            `${r.entity}:${r.entity_id}`,
            r.action,
            r.before_json,
            r.after_json,
          ]
            .map(csvCell)
            .join(",");
        })
        .join("\r\n") + "\r\n"
    );
    below = rows[rows.length - 1].seq;
  }
}
