// Signed checkpoints of the audit chain, after Certificate Transparency's signed tree heads (RFC 6962 §3.5): the
// server signs the chain's head — its sequence number and hash, which commits to every event up to it — with a key
// held outside the database. A copy kept elsewhere then proves that the log once reached that far with exactly that
// content: cutting events off the end, or rewriting one and recomputing every later hash, no longer matches it.
// Pure: the signed message, the checkpoint file and the comparison with the chain. The Ed25519 signing and checking
// (node:crypto) are in app/utils/checkpoints.server.ts and passed in, as the audit chain's hash is.

export interface ChainHead {
  seq: number;
  hash: string;
}

export interface Checkpoint extends ChainHead {
  /** ISO UTC. */
  signedAt: string;
  keyId: string;
  /** Ed25519 signature over `checkpointMessage`, base64. */
  signature: string;
}

/** The exact text signed (as UTF-8): versioned and line-separated, so no field can bleed into another. */
export function checkpointMessage(c: Omit<Checkpoint, "signature">): string {
  return `injeungjigi-audit-checkpoint-v1\n${c.seq}\n${c.hash}\n${c.signedAt}\n${c.keyId}\n`;
}

/** "ok", or why a checkpoint's signature cannot be trusted: a key not among the trusted ones, or a bad signature. */
export type SignatureCheck = (c: Checkpoint) => "ok" | "unknown-key" | "bad-signature";

export type CheckpointProblem =
  | {
      kind: "checkpoint-signature";
      seq: number;
      keyId: string;
      source: string;
      reason: "unknown-key" | "bad-signature";
    }
  | { kind: "checkpoint-truncated"; seq: number; lastSeq: number; signedAt: string; source: string }
  | { kind: "checkpoint-rewritten"; seq: number; signedAt: string; source: string }
  | { kind: "checkpoint-missing"; seq: number; signedAt: string; source: string };

export interface SourcedCheckpoint extends Checkpoint {
  /** Where it came from: "database" or a file name. */
  source: string;
}

/**
 * Compares checkpoints with the chain as stored. `hashAt` gives the stored hash of an event (undefined when there is
 * no such event); `lastSeq` is the chain's end. A checkpoint with an untrusted signature is reported and not used.
 */
export function checkCheckpoints(
  checkpoints: readonly SourcedCheckpoint[],
  checkSignature: SignatureCheck,
  lastSeq: number,
  hashAt: (seq: number) => string | undefined,
): CheckpointProblem[] {
  const problems: CheckpointProblem[] = [];
  for (const c of checkpoints) {
    const signature = checkSignature(c);
    if (signature !== "ok") {
      problems.push({ kind: "checkpoint-signature", seq: c.seq, keyId: c.keyId, source: c.source, reason: signature });
      continue;
    }
    if (c.seq > lastSeq)
      problems.push({ kind: "checkpoint-truncated", seq: c.seq, lastSeq, signedAt: c.signedAt, source: c.source });
    else {
      const stored = hashAt(c.seq);
      if (stored === undefined)
        problems.push({ kind: "checkpoint-missing", seq: c.seq, signedAt: c.signedAt, source: c.source });
      else if (stored !== c.hash)
        problems.push({ kind: "checkpoint-rewritten", seq: c.seq, signedAt: c.signedAt, source: c.source });
    }
  }
  return problems;
}

/** A checkpoint file as `npm run audit -- checkpoint --out FILE` writes it (JSON). */
export interface CheckpointFile extends Checkpoint {
  format: "injeungjigi-audit-checkpoint-v1";
  /** The signing public key (PEM), for reference only: verification trusts only the keys configured on the server. */
  publicKey: string;
}

/** Reads a checkpoint file's JSON; null when it is not one. */
export function parseCheckpointFile(text: string): Checkpoint | null {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof v !== "object" || v === null) return null;
  const o = v as Record<string, unknown>;
  if (
    o.format !== "injeungjigi-audit-checkpoint-v1" ||
    !Number.isInteger(o.seq) ||
    typeof o.hash !== "string" ||
    typeof o.signedAt !== "string" ||
    typeof o.keyId !== "string" ||
    typeof o.signature !== "string"
  )
    return null;
  return { seq: o.seq as number, hash: o.hash, signedAt: o.signedAt, keyId: o.keyId, signature: o.signature };
}
