import { describe, expect, it } from "vitest";
import { plainAddress, trustedProxiesFromEnv } from "./trust-proxy.server";

describe("TRUST_PROXY", () => {
  it("trusts nobody unless told, and only this machine for true", () => {
    expect(trustedProxiesFromEnv({})).toEqual([]);
    expect(trustedProxiesFromEnv({ TRUST_PROXY: "" })).toEqual([]);
    expect(trustedProxiesFromEnv({ TRUST_PROXY: "false" })).toEqual([]);
    expect(trustedProxiesFromEnv({ TRUST_PROXY: "true" })).toEqual(["loopback"]);
  });

  it("takes addresses, CIDR ranges and named ranges, and fails loudly on anything else", () => {
    expect(trustedProxiesFromEnv({ TRUST_PROXY: " 10.0.0.5, 10.1.0.0/16 ,fd00::/8,uniquelocal" })).toEqual([
      "10.0.0.5",
      "10.1.0.0/16",
      "fd00::/8",
      "uniquelocal",
    ]);
    for (const bad of ["yes", "10.0.0.0/33", "10.0.0.300", "10.0.0.0/8/1", "proxy.example.go.kr", "1"]) {
      expect(() => trustedProxiesFromEnv({ TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY/);
    }
  });

  it("spells an IPv4 client the same on IPv4 and dual-stack sockets", () => {
    expect(plainAddress("::ffff:10.0.0.7")).toBe("10.0.0.7");
    expect(plainAddress("10.0.0.7")).toBe("10.0.0.7");
    expect(plainAddress("::1")).toBe("::1");
    expect(plainAddress(undefined)).toBe("unknown");
  });
});
