import { describe, expect, it } from "vitest";
import { throttled } from "./sign-in-throttle";

const none = { pair: 0, address: 0, username: 0 };

describe("sign-in throttling rule", () => {
  it("gives one person max tries at one account from one address", () => {
    expect(throttled({ pair: 4, address: 4, username: 4 }, 5)).toBe(false);
    expect(throttled({ pair: 5, address: 5, username: 5 }, 5)).toBe(true);
  });

  it("refuses an address spraying many usernames only at max × 4, and only that address", () => {
    expect(throttled({ ...none, address: 19 }, 5)).toBe(false);
    expect(throttled({ ...none, address: 20 }, 5)).toBe(true);
    // The same accounts from another address: nothing counted there.
    expect(throttled({ ...none, username: 1 }, 5)).toBe(false);
  });

  it("never locks an account for an address without failures, however many failures the account has", () => {
    expect(throttled({ pair: 0, address: 0, username: 1000 }, 5)).toBe(false);
  });

  it("refuses an account under a distributed attack from every address that has already failed", () => {
    expect(throttled({ pair: 0, address: 1, username: 20 }, 5)).toBe(true);
    expect(throttled({ pair: 0, address: 1, username: 19 }, 5)).toBe(false);
  });
});
