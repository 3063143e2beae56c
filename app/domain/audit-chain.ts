// The tamper-evident chain of audit events: each event's hash covers its content and the hash before it.
// Pure functions: the hash itself (SHA-256 of canonicalEvent) is passed in, so this module stays browser-safe; the
// server's binding to Node's crypto is app/utils/audit-chain.server.ts, which the writer and every verifier use.

export const GENESIS_HASH = "0".repeat(64);

export interface ChainedEventContent {
  seq: number;
  at: string;
  actor_user_id: number | null;
  institution_id: number | null;
  round_id: number | null;
  entity: string;
  entity_id: string;
  action: string;
  before_json: string | null;
  after_json: string | null;
}

export interface ChainedEvent extends ChainedEventContent {
  prev_hash: string;
  hash: string;
}

/** Canonical text of an event: fixed field order, so the same content always gives the same hash. */
export function canonicalEvent(e: ChainedEventContent, prevHash: string): string {
  return JSON.stringify([
    e.seq,
    e.at,
    e.actor_user_id,
    e.institution_id,
    e.round_id,
    e.entity,
    e.entity_id,
    e.action,
    e.before_json,
    e.after_json,
    prevHash,
  ]);
}

/** An event's hash: hex SHA-256 of canonicalEvent(e, prevHash). */
export type EventHasher = (e: ChainedEventContent, prevHash: string) => string;

export type ChainProblem =
  | { seq: number; kind: "gap"; message: string }
  | { seq: number; kind: "broken-link"; message: string }
  | { seq: number; kind: "altered"; message: string };

/** Checks events in seq order. Catches an edited row (hash mismatch), a deleted row (gap or broken link) and reordering. */
export function verifyChain(
  events: ChainedEvent[],
  hashEvent: EventHasher,
): { ok: boolean; checked: number; problems: ChainProblem[] } {
  const verifier = chainVerifier(hashEvent);
  verifier.push(events);
  return verifier.result();
}

/**
 * The same check fed in batches (the log is read page by page, never held whole): push each batch in seq order, then
 * read the result. At most `maxProblems` problems are kept; the count of events checked is always exact.
 */
export function chainVerifier(hashEvent: EventHasher, maxProblems = 100) {
  const problems: ChainProblem[] = [];
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  let lastSeq = 0;
  const note = (p: ChainProblem) => {
    if (problems.length < maxProblems) problems.push(p);
  };
  return {
    push(events: readonly ChainedEvent[]) {
      for (const e of events) {
        if (e.seq !== expectedSeq)
          note({ seq: e.seq, kind: "gap", message: `expected event #${expectedSeq}, found #${e.seq}` });
        if (e.prev_hash !== prevHash)
          note({ seq: e.seq, kind: "broken-link", message: `event #${e.seq} does not follow the event before it` });
        if (hashEvent(e, e.prev_hash) !== e.hash)
          note({ seq: e.seq, kind: "altered", message: `event #${e.seq} was changed after it was written` });
        prevHash = e.hash;
        expectedSeq = e.seq + 1;
        checked += 1;
        lastSeq = e.seq;
      }
    },
    result() {
      return { ok: problems.length === 0, checked, lastSeq, problems: [...problems] };
    },
  };
}
