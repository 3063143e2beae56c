// When a password check (sign-in, or the current password on /account/password) is refused before it runs.
// See docs/decisions/016-sign-in-throttling-by-client-address.md. Pure: the counts come from the caller.

/** Failures inside the window that bear on one attempt by `username` from `address`. */
export interface FailureCounts {
  /** This username from this address. */
  pair: number;
  /** Any username from this address. */
  address: number;
  /** This username from any address. */
  username: number;
}

/** An address may spray this many times more failures than one username gets from it (an office shares one address). */
export const ADDRESS_FACTOR = 4;
/** A username under attack from many addresses is closed this many times later than one pair. */
export const USERNAME_FACTOR = 4;

/**
 * Whether an attempt must be refused unchecked. `max` is LOGIN_MAX_FAILURES.
 * - one person guessing one account from one address gets `max` tries;
 * - one address guessing many accounts gets `max × ADDRESS_FACTOR`, then only that address is refused;
 * - one account guessed from many addresses: past `max × USERNAME_FACTOR` failures, every address that has failed
 *   in the window is refused, but an address without a failure still gets its check, so nobody can lock a person
 *   out of the institution by failing on their username; each fresh address of an attacker gets one guess.
 */
export function throttled(counts: FailureCounts, max: number): boolean {
  if (counts.pair >= max) return true;
  if (counts.address >= max * ADDRESS_FACTOR) return true;
  return counts.username >= max * USERNAME_FACTOR && counts.address > 0;
}
