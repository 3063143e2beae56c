// TRUST_PROXY: which reverse proxies in front of the server may tell it who the client is (X-Forwarded-For) and
// how it was reached (X-Forwarded-Proto/Host). See docs/decisions/016-sign-in-throttling-by-client-address.md.
import net from "node:net";

/** proxy-addr's (Express's) names for address ranges. */
const NAMED_RANGES = new Set(["loopback", "linklocal", "uniquelocal"]);

function validEntry(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split("/");
  const family = net.isIP(address ?? "");
  if (!family || rest.length) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * The trusted proxies: unset, "" or "false" → none (the socket's peer is the client); "true" → the same machine
 * only ("loopback", a proxy on this host); otherwise a comma-separated list of addresses, CIDR ranges and the names
 * loopback, linklocal, uniquelocal, e.g. "10.0.0.5, 10.1.0.0/16". A value that is none of these fails the start.
 */
export function trustedProxiesFromEnv(env: Record<string, string | undefined> = process.env): string[] {
  const raw = (env.TRUST_PROXY ?? "").trim();
  if (raw === "" || raw === "false") return [];
  if (raw === "true") return ["loopback"];
  const entries = raw
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = entries.filter((e) => !validEntry(e));
  if (bad.length) {
    throw new Error(
      `Invalid environment:\n  TRUST_PROXY: not an address, CIDR range, loopback, linklocal or uniquelocal: ${bad.join(", ")}`,
    );
  }
  return entries;
}

/** "::ffff:10.0.0.7" (an IPv4 client on a dual-stack socket) → "10.0.0.7", so one client has one spelling. */
export function plainAddress(address: string | undefined): string {
  if (!address) return "unknown";
  return address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, "$1");
}
