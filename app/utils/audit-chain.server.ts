// The audit chain's hash, computed with Node's crypto, and the chain's checks bound to it. The rules themselves
// (canonical text, what a gap, a broken link or an altered event is) are the pure app/domain/audit-chain.ts.
import { createHash } from "node:crypto";
import {
  canonicalEvent,
  type ChainedEvent,
  type ChainedEventContent,
  chainVerifier as verifierWith,
  verifyChain as verifyWith,
} from "~/domain/audit-chain";

/** Hex SHA-256 of the event's canonical text, which includes the hash of the event before it. */
export function hashEvent(e: ChainedEventContent, prevHash: string): string {
  return createHash("sha256").update(canonicalEvent(e, prevHash)).digest("hex");
}

/** Checks events in seq order (see app/domain/audit-chain.ts). */
export const verifyChain = (events: ChainedEvent[]) => verifyWith(events, hashEvent);

/** The same check fed in batches. */
export const chainVerifier = (maxProblems = 100) => verifierWith(hashEvent, maxProblems);
