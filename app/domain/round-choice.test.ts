import { describe, expect, it } from "vitest";
import { defaultRound } from "./round-choice";

const round = (id: number, year: number, state: string, deadline_at: string | null) => ({
  id,
  year,
  state,
  deadline_at,
});

describe("the home page's default round", () => {
  it("is the one open round, whatever its year (today's rule)", () => {
    expect(defaultRound([round(2, 2024, "concluded", null), round(1, 2014, "open", "2014-08-29T09:00:00Z")])?.id).toBe(
      1,
    );
  });

  it("is the open round whose deadline comes first when several are open, a round without one last", () => {
    const rounds = [
      round(3, 2025, "open", null),
      round(2, 2024, "open", "2024-08-31T09:00:00Z"),
      round(1, 2014, "open", "2014-08-29T09:00:00Z"),
    ];
    expect(defaultRound(rounds)?.id).toBe(1);
    expect(defaultRound(rounds.slice(0, 2))?.id).toBe(2);
    expect(defaultRound([round(4, 2023, "open", null), round(5, 2024, "open", null)])?.id).toBe(5);
  });

  it("is the newest round when none is open, and nothing without rounds", () => {
    expect(defaultRound([round(2, 2024, "concluded", null), round(1, 2014, "submitted", null)])?.id).toBe(2);
    expect(defaultRound([])).toBeNull();
  });
});
