// The audit chain's signing keys and its signed checkpoints (docs/decisions/024). The private key lives outside the
// database: AUDIT_SIGNING_KEY (PEM in the environment) or the file AUDIT_SIGNING_KEY_FILE, by default generated
// beside the database like the session secret (data/.audit-signing-key). A file or variable may hold several PEM
// keys, newest first: the newest signs, all are trusted; retired public keys can be listed in
// AUDIT_TRUSTED_KEYS_FILE so their old checkpoints still verify after the private key is destroyed.
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Kysely } from "kysely";
import { type Db, databasePathFromEnv, nowIso } from "#db/connection";
import type { Database } from "#db/schema";
import { lockAuditChain } from "#db/dialect";
import {
  type ChainHead,
  type Checkpoint,
  type CheckpointFile,
  checkpointMessage,
  type SourcedCheckpoint,
} from "~/domain/checkpoint";

export interface SigningKeys {
  /** The newest private key: it signs. */
  signer: KeyObject;
  /** Every trusted public key by id (the signer's, older signing keys', retired ones'). */
  trusted: Map<string, KeyObject>;
}

/** A key's id: the first 16 hex digits of SHA-256 over its public key (SPKI DER), the same for the private key. */
export function keyIdOf(key: KeyObject): string {
  const pub = key.type === "private" ? createPublicKey(key) : key;
  return createHash("sha256")
    .update(pub.export({ type: "spki", format: "der" }))
    .digest("hex")
    .slice(0, 16);
}

export function signCheckpoint(head: ChainHead, signedAt: string, privateKey: KeyObject): Checkpoint {
  const unsigned = { seq: head.seq, hash: head.hash, signedAt, keyId: keyIdOf(privateKey) };
  return {
    ...unsigned,
    signature: sign(null, Buffer.from(checkpointMessage(unsigned), "utf8"), privateKey).toString("base64"),
  };
}

/** "ok", or why the signature cannot be trusted: a key not among the trusted ones, or a signature that does not verify. */
export function checkSignature(
  c: Checkpoint,
  trusted: ReadonlyMap<string, KeyObject>,
): "ok" | "unknown-key" | "bad-signature" {
  const key = trusted.get(c.keyId);
  if (!key) return "unknown-key";
  try {
    return verify(null, Buffer.from(checkpointMessage(c), "utf8"), key, Buffer.from(c.signature, "base64"))
      ? "ok"
      : "bad-signature";
  } catch {
    return "bad-signature";
  }
}

const PEM = /-----BEGIN ([A-Z ]+)-----[\s\S]+?-----END \1-----/g;

function pemBlocks(text: string): string[] {
  return [...text.matchAll(PEM)].map((m) => m[0]);
}

export function defaultKeyFile(env: NodeJS.ProcessEnv = process.env): string {
  return (
    env.AUDIT_SIGNING_KEY_FILE?.trim() ||
    path.join(path.dirname(path.resolve(databasePathFromEnv(env))), ".audit-signing-key")
  );
}

/** Generates a key file (mode 0600) unless one exists; two processes racing both end up reading the same one. */
function ensureKeyFile(file: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const { privateKey } = generateKeyPairSync("ed25519");
    try {
      fs.writeFileSync(file, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600, flag: "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    return fs.readFileSync(file, "utf8");
  }
}

/** The signing keys from the environment or the key file; throws with the variable's name when a key is unreadable. */
export function loadSigningKeys(env: NodeJS.ProcessEnv = process.env): SigningKeys {
  const fromEnv = env.AUDIT_SIGNING_KEY?.trim();
  const source = fromEnv ? "AUDIT_SIGNING_KEY" : defaultKeyFile(env);
  const privates = pemBlocks(fromEnv ? fromEnv.replace(/\\n/g, "\n") : ensureKeyFile(source)).map((pem) => {
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyType !== "ed25519") throw new Error(`${source}: the audit signing key must be Ed25519`);
    return key;
  });
  if (privates.length === 0) throw new Error(`${source}: no PEM private key found`);
  const trusted = new Map<string, KeyObject>();
  for (const key of privates) trusted.set(keyIdOf(key), createPublicKey(key));
  const retired = env.AUDIT_TRUSTED_KEYS_FILE?.trim();
  if (retired) {
    for (const pem of pemBlocks(fs.readFileSync(retired, "utf8"))) {
      const key = createPublicKey(pem);
      trusted.set(keyIdOf(key), key);
    }
  }
  return { signer: privates[0], trusted };
}

let cached: SigningKeys | null = null;
/** The process's keys, read once. */
export function signingKeys(): SigningKeys {
  cached ??= loadSigningKeys();
  return cached;
}

export type CheckpointReason = "periodic" | "round-state" | "manual";

/**
 * Signs the chain's current head and stores the checkpoint, in the caller's transaction (so a round's state change and
 * the checkpoint of the event recording it commit together). Null when the log is empty.
 */
export async function recordCheckpoint(
  db: Db,
  reason: CheckpointReason,
  keys: SigningKeys = signingKeys(),
): Promise<Checkpoint | null> {
  const work = async (trx: Db) => {
    await lockAuditChain(trx);
    const head = await trx
      .selectFrom("audit_events")
      .select(["seq", "hash"])
      .orderBy("seq", "desc")
      .limit(1)
      .executeTakeFirst();
    if (!head) return null;
    const checkpoint = signCheckpoint(head, nowIso(), keys.signer);
    await trx
      .insertInto("audit_checkpoints")
      .values({
        seq: checkpoint.seq,
        hash: checkpoint.hash,
        signed_at: checkpoint.signedAt,
        key_id: checkpoint.keyId,
        signature: checkpoint.signature,
        reason,
      })
      .execute();
    return checkpoint;
  };
  return db.isTransaction ? work(db) : (db as Kysely<Database>).transaction().execute(work);
}

/** Signs a periodic checkpoint when events were appended since the latest one; null when there was nothing new. */
export async function checkpointIfBehind(db: Db, keys?: SigningKeys): Promise<Checkpoint | null> {
  const [head, latest] = await Promise.all([
    db.selectFrom("audit_events").select("seq").orderBy("seq", "desc").limit(1).executeTakeFirst(),
    db.selectFrom("audit_checkpoints").select("seq").orderBy("seq", "desc").limit(1).executeTakeFirst(),
  ]);
  if (!head || (latest && latest.seq >= head.seq)) return null;
  return recordCheckpoint(db, "periodic", keys);
}

/**
 * Every N minutes (AUDIT_CHECKPOINT_MINUTES, default 10; 0 turns it off) each server process signs the head if events
 * were appended since the last checkpoint. No extra daemon: a timer in the worker that never keeps it alive.
 */
export function startPeriodicCheckpoints(db: Db, env: NodeJS.ProcessEnv = process.env): void {
  const minutes = Number(env.AUDIT_CHECKPOINT_MINUTES ?? "10");
  if (!Number.isFinite(minutes) || minutes <= 0) return;
  const timer = setInterval(() => {
    checkpointIfBehind(db).catch((error: unknown) =>
      console.warn(`audit checkpoint failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  }, minutes * 60_000);
  timer.unref();
}

/** The checkpoints the database holds, oldest first. */
export async function storedCheckpoints(db: Db): Promise<SourcedCheckpoint[]> {
  const rows = await db.selectFrom("audit_checkpoints").selectAll().orderBy("seq").orderBy("id").execute();
  return rows.map((r) => ({
    seq: r.seq,
    hash: r.hash,
    signedAt: r.signed_at,
    keyId: r.key_id,
    signature: r.signature,
    source: "database",
  }));
}

/** The latest stored checkpoint (for the report), or null. */
export async function latestCheckpoint(db: Db): Promise<Checkpoint | null> {
  const r = await db
    .selectFrom("audit_checkpoints")
    .selectAll()
    .orderBy("seq", "desc")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  return r ? { seq: r.seq, hash: r.hash, signedAt: r.signed_at, keyId: r.key_id, signature: r.signature } : null;
}

/** A checkpoint as the file an institution keeps elsewhere. */
export function checkpointFile(c: Checkpoint, keys: SigningKeys = signingKeys()): CheckpointFile {
  const pub = keys.trusted.get(c.keyId);
  return {
    format: "injeungjigi-audit-checkpoint-v1",
    ...c,
    publicKey: pub ? String(pub.export({ type: "spki", format: "pem" })) : "",
  };
}
