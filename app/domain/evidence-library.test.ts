import { describe, expect, it } from "vitest";
import { linksToOffer, planLinks } from "./evidence-library";

const targets = [
  { code: "1.1.1", status: "draft" as const },
  { code: "1.1.2", status: "not_started" as const },
  { code: "2.1.1", status: "submitted" as const },
  { code: "2.1.2", status: "approved" as const },
  { code: "3.1.1", status: "returned" as const },
];

describe("planLinks", () => {
  it("links the department's open indicators and drops the ones already linked", () => {
    expect(
      planLinks({
        roundState: "open",
        requested: ["1.1.1", "1.1.2", "3.1.1", "1.1.1"],
        targets,
        alreadyLinked: new Set(["1.1.2"]),
      }),
    ).toEqual({ ok: true, codes: ["1.1.1", "3.1.1"] });
  });

  it("refuses everything when the round is not open", () => {
    for (const roundState of ["draft", "submitted", "under_review", "concluded"] as const)
      expect(planLinks({ roundState, requested: ["1.1.1"], targets })).toEqual({ ok: false, reason: "round-locked" });
  });

  it("refuses an indicator that is not the department's, naming it, and links nothing else", () => {
    expect(planLinks({ roundState: "open", requested: ["1.1.1", "9.9.9"], targets })).toEqual({
      ok: false,
      reason: "not-assigned",
      codes: ["9.9.9"],
    });
  });

  it("refuses handed-in and approved indicators, naming them", () => {
    expect(planLinks({ roundState: "open", requested: ["1.1.1", "2.1.1", "2.1.2"], targets })).toEqual({
      ok: false,
      reason: "response-locked",
      codes: ["2.1.1", "2.1.2"],
    });
  });

  it("says when nothing was chosen", () => {
    expect(planLinks({ roundState: "open", requested: [], targets })).toEqual({ ok: false, reason: "none" });
  });
});

describe("linksToOffer", () => {
  it("offers last round's codes that are still the department's and not linked yet, in rubric order", () => {
    expect(
      linksToOffer({
        previous: new Set(["3.1.1", "1.1.1", "8.8.8", "1.1.2"]),
        current: new Set(["1.1.2"]),
        targets,
      }),
    ).toEqual(["1.1.1", "3.1.1"]);
  });

  it("offers nothing without a previous round", () => {
    expect(linksToOffer({ previous: new Set(), current: new Set(), targets })).toEqual([]);
  });
});
