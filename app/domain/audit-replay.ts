// State replay: what the audit log says each row should hold now. Every write of a response (save, submit, import,
// carry-over, review) and of a review stage records the row's fields after it; folding the events in order gives the
// row's current state, which the verifier compares with the table. A field changed behind the app's back (an UPDATE
// of responses.reviewed_tenths with the database open) no longer matches what the log says. Pure and browser-safe.

/** The tables replayed, and for each the event fields that name its columns (event field → column). */
export const REPLAYED = {
  response: {
    table: "responses",
    fields: {
      indicator: "indicator_code",
      status: "status",
      implemented: "implemented",
      answer: "answer",
      self_tenths: "self_tenths",
      narrative: "narrative",
      version: "version",
      carried_over: "carried_over",
      reviewed_tenths: "reviewed_tenths",
      review_reason: "review_reason",
    },
  },
  review_stage: {
    table: "review_stages",
    fields: {
      stage: "stage",
      held_on: "held_on",
      notes: "notes",
      decision: "decision",
      voided: "voided",
      void_reason: "void_reason",
    },
  },
} as const;

export type ReplayedEntity = keyof typeof REPLAYED;

export interface ReplayEvent {
  seq: number;
  round_id: number | null;
  entity: string;
  entity_id: string;
  action: string;
  after_json: string | null;
}

export interface ReplayedRow {
  /** The event that last changed it. */
  seq: number;
  roundId: number | null;
  /** Column → value the log says it holds. */
  values: Record<string, unknown>;
}

const parse = (text: string | null): Record<string, unknown> | null => {
  if (!text) return null;
  try {
    const v = JSON.parse(text) as unknown;
    return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
};

/** Folds events (in seq order, in batches) into each replayed row's state. */
export function replayer() {
  const rows: Record<ReplayedEntity, Map<number, ReplayedRow>> = { response: new Map(), review_stage: new Map() };
  const apply = (entity: ReplayedEntity, id: number, e: ReplayEvent, values: Record<string, unknown>) => {
    const row = rows[entity].get(id) ?? { seq: e.seq, roundId: e.round_id, values: {} };
    row.seq = e.seq;
    Object.assign(row.values, values);
    rows[entity].set(id, row);
  };
  return {
    push(events: readonly ReplayEvent[]) {
      for (const e of events) {
        if (!/^\d{1,12}$/.test(e.entity_id) && e.entity !== "evidence") continue;
        const after = parse(e.after_json);
        if (e.entity === "evidence" && e.action === "add" && after && typeof after.response_id === "number") {
          // Evidence added to a response nobody has answered makes it a draft (evidence.server.ts: addEvidence).
          const response = rows.response.get(after.response_id);
          if (response?.values.status === "not_started") apply("response", after.response_id, e, { status: "draft" });
          continue;
        }
        if (!(e.entity in REPLAYED) || !after) continue;
        const entity = e.entity as ReplayedEntity;
        const fields = REPLAYED[entity].fields as Record<string, string>;
        const values: Record<string, unknown> = {};
        for (const [field, column] of Object.entries(fields)) if (field in after) values[column] = after[field] ?? null;
        if (entity === "review_stage" && e.action === "void") values.voided = true;
        apply(entity, Number(e.entity_id), e, values);
      }
    },
    rows,
  };
}

export interface FieldDifference {
  column: string;
  log: unknown;
  table: unknown;
}

export type ReplayProblem =
  | {
      kind: "row-differs";
      entity: ReplayedEntity;
      id: number;
      roundId: number | null;
      code: string | null;
      seq: number;
      differences: FieldDifference[];
    }
  | { kind: "row-unlogged"; entity: ReplayedEntity; id: number; roundId: number | null; code: string | null }
  | {
      kind: "row-missing";
      entity: ReplayedEntity;
      id: number;
      roundId: number | null;
      code: string | null;
      seq: number;
    };

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Compares one table row with what the log says (only the columns the log has stated; a column no event recorded is
 * not judged). `row` carries the columns of REPLAYED[entity] plus id and round_id; review stages give `voided` as a flag.
 */
export function compareRow(
  entity: ReplayedEntity,
  row: Record<string, unknown> & { id: number; round_id: number },
  replayed: ReplayedRow | undefined,
  code: string | null,
): ReplayProblem | null {
  if (!replayed) return { kind: "row-unlogged", entity, id: row.id, roundId: row.round_id, code };
  const differences: FieldDifference[] = [];
  if (replayed.roundId !== null && row.round_id !== replayed.roundId)
    differences.push({ column: "round_id", log: replayed.roundId, table: row.round_id });
  for (const [column, value] of Object.entries(replayed.values)) {
    if (!same(value, row[column])) differences.push({ column, log: value ?? null, table: row[column] ?? null });
  }
  return differences.length
    ? { kind: "row-differs", entity, id: row.id, roundId: row.round_id, code, seq: replayed.seq, differences }
    : null;
}
