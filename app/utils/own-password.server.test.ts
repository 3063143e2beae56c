import { describe, expect, it } from "vitest";
import { changePasswordSchema } from "~/schemas/org";

import { generateTemporaryPassword } from "./password.server";
import { requirePasswordCurrent } from "./own-password.server";
import { idParam } from "./guards.server";

describe("temporary passwords", () => {
  it("are 12 unambiguous characters in groups of four that pass the password rule", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const password = generateTemporaryPassword();
      expect(password).toMatch(/^[a-zA-Z2-9]{4}-[a-zA-Z2-9]{4}-[a-zA-Z2-9]{4}$/);
      expect(password).not.toMatch(/[01OIl]/);
      expect(changePasswordSchema.safeParse({ current: "x", next: password, confirm: password }).success).toBe(true);
      seen.add(password);
    }
    expect(seen.size).toBe(200);
  });
});

describe("route ids", () => {
  it("accepts positive integers and answers 404 for anything else", () => {
    expect(idParam("42")).toBe(42);
    for (const bad of [undefined, "", "0", "-1", "01", "1.0", "abc", "9".repeat(13)]) {
      let status = 0;
      try {
        idParam(bad);
      } catch (error) {
        status = (error as Response).status;
      }
      expect(status, String(bad)).toBe(404);
    }
  });
});

describe("requirePasswordCurrent", () => {
  it("lets an unknown user id through (the sign-in guard handles them)", async () => {
    await expect(requirePasswordCurrent(987654)).resolves.toBeUndefined();
  });
});
