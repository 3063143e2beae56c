// The whole integrity check of the audit log (docs/decisions/024): the hash chain, the signed checkpoints (held in the
// database and any given from outside) and the replay of every response and review stage against its table. The log
// is read once, in batches, whatever its size; the CLI and the history page both call `verifyAudit`.
import type { Db } from "#db/connection";
import type { Round } from "#db/schema";
import { describeProblem, problemSeq } from "~/text/audit-problems";
import { type Locale, translate } from "~/i18n";
import type { ChainedEvent, ChainProblem } from "~/domain/audit-chain";
import { compareRow, REPLAYED, type ReplayedEntity, replayer, type ReplayProblem } from "~/domain/audit-replay";
import { checkCheckpoints, type CheckpointProblem, type SourcedCheckpoint } from "~/domain/checkpoint";
import { chainVerifier } from "./audit-chain.server";
import { checkSignature, type SigningKeys, signingKeys, storedCheckpoints } from "./checkpoints.server";

export type AuditProblem = ChainProblem | CheckpointProblem | ReplayProblem;

export interface AuditVerdict {
  ok: boolean;
  checked: number;
  lastSeq: number;
  checkpoints: number;
  rowsCompared: number;
  problems: AuditProblem[];
}

const MAX_PROBLEMS = 100;

export async function verifyAudit(
  db: Db,
  options: { checkpoints?: SourcedCheckpoint[]; keys?: SigningKeys; batch?: number } = {},
): Promise<AuditVerdict> {
  const batch = options.batch ?? 5000;
  const keys = options.keys ?? signingKeys();
  const checkpoints = [...(await storedCheckpoints(db)), ...(options.checkpoints ?? [])];
  const wanted = new Set(checkpoints.map((c) => c.seq));
  const hashes = new Map<number, string>();
  const chain = chainVerifier(MAX_PROBLEMS);
  const replay = replayer();
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom("audit_events")
      .select([
        "seq",
        "at",
        "actor_user_id",
        "institution_id",
        "round_id",
        "entity",
        "entity_id",
        "action",
        "before_json",
        "after_json",
        "prev_hash",
        "hash",
      ])
      .where("seq", ">", after)
      .orderBy("seq")
      .limit(batch)
      .execute();
    if (rows.length === 0) break;
    chain.push(rows as ChainedEvent[]);
    replay.push(rows);
    for (const r of rows) if (wanted.has(r.seq)) hashes.set(r.seq, r.hash);
    after = rows[rows.length - 1].seq;
  }
  const verdict = chain.result();
  const problems: AuditProblem[] = [...verdict.problems];
  problems.push(
    ...checkCheckpoints(
      checkpoints,
      (c) => checkSignature(c, keys.trusted),
      verdict.lastSeq,
      (seq) => hashes.get(seq),
    ),
  );
  const compared = await compareTables(db, replay.rows, batch);
  problems.push(...compared.problems);
  return {
    ok: problems.length === 0,
    checked: verdict.checked,
    lastSeq: verdict.lastSeq,
    checkpoints: checkpoints.length,
    rowsCompared: compared.count,
    problems: problems.slice(0, MAX_PROBLEMS * 3),
  };
}

/** Reads every response and review stage in batches and compares each with its replayed state. */
async function compareTables(db: Db, replayed: ReturnType<typeof replayer>["rows"], batch: number) {
  const problems: ReplayProblem[] = [];
  let count = 0;
  const note = (p: ReplayProblem | null) => {
    if (p && problems.length < MAX_PROBLEMS) problems.push(p);
  };
  const seen: Record<ReplayedEntity, Set<number>> = { response: new Set(), review_stage: new Set() };
  for (let after = 0; ;) {
    const rows = await db
      .selectFrom("responses")
      .select([
        "id",
        "round_id",
        "indicator_code",
        "status",
        "implemented",
        "answer",
        "self_tenths",
        "narrative",
        "version",
        "carried_over",
        "reviewed_tenths",
        "review_reason",
      ])
      .where("id", ">", after)
      .orderBy("id")
      .limit(batch)
      .execute();
    if (rows.length === 0) break;
    for (const r of rows) {
      seen.response.add(r.id);
      note(compareRow("response", r, replayed.response.get(r.id), r.indicator_code));
    }
    count += rows.length;
    after = rows[rows.length - 1].id;
  }
  const stages = await db
    .selectFrom("review_stages")
    .select(["id", "round_id", "stage", "held_on", "notes", "decision", "voided_at", "void_reason"])
    .orderBy("id")
    .execute();
  for (const s of stages) {
    seen.review_stage.add(s.id);
    note(compareRow("review_stage", { ...s, voided: s.voided_at !== null }, replayed.review_stage.get(s.id), null));
  }
  count += stages.length;
  for (const entity of Object.keys(REPLAYED) as ReplayedEntity[]) {
    for (const [id, row] of replayed[entity]) {
      if (seen[entity].has(id)) continue;
      const code = typeof row.values.indicator_code === "string" ? row.values.indicator_code : null;
      note({ kind: "row-missing", entity, id, roundId: row.roundId, code, seq: row.seq });
    }
  }
  return { problems, count };
}

/**
 * The verdict as a round's history page shows it: every problem in the reader's language with the event to mark;
 * problems about another institution's rows are only counted (their details are not this reader's to see).
 */
export async function verifyForRound(db: Db, round: Round, locale: Locale) {
  const result = await verifyAudit(db);
  const own = new Set(
    (await db.selectFrom("rounds").select("id").where("institution_id", "=", round.institution_id).execute()).map(
      (r) => r.id,
    ),
  );
  const visible = result.problems.filter((p) => !("roundId" in p) || (p.roundId !== null && own.has(p.roundId)));
  return {
    ok: result.ok,
    checked: result.checked,
    lastSeq: result.lastSeq,
    checkpoints: result.checkpoints,
    rowsCompared: result.rowsCompared,
    problems: visible.map((p) => ({
      kind: p.kind,
      seq: problemSeq(p),
      message: describeProblem(locale, p, translate),
    })),
    hidden: result.problems.length - visible.length,
  };
}
