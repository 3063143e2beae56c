import { describe, expect, it } from "vitest";
import { reviewWindow, type StageEntry, stageProblems } from "./stage-rules";

const today = "2015-06-30";
const entry = (
  stage: StageEntry["stage"],
  heldOn: string,
  decision: string | null = null,
  voided = false,
): StageEntry => ({ stage, heldOn, decision, voided });
const keys = (existing: StageEntry[], e: Omit<StageEntry, "voided">) =>
  stageProblems(existing, e, 2014, today).map((p) => `${p.field}:${p.key}`);

describe("stage plausibility", () => {
  it("accepts the stages in order within the round's review period", () => {
    const done = [entry("document", "2014-09-15"), entry("cross", "2014-10-01"), entry("site", "2014-10-20")];
    expect(keys(done, { stage: "committee", heldOn: "2014-11-28", decision: "certified" })).toEqual([]);
    expect(keys([], { stage: "document", heldOn: "2014-01-01", decision: null })).toEqual([]);
    expect(keys(done, { stage: "site", heldOn: "2014-10-20", decision: null })).toEqual([]); // the same day is not out of order
  });

  it("refuses a date outside the period: 1999, before the round's year, after the next year, after today", () => {
    expect(keys([], { stage: "document", heldOn: "1999-01-01", decision: null })).toEqual(["heldOn:stageRules.window"]);
    expect(keys([], { stage: "document", heldOn: "2013-12-31", decision: null })).toEqual(["heldOn:stageRules.window"]);
    expect(
      stageProblems([], { stage: "document", heldOn: "2016-01-01", decision: null }, 2014, "2020-01-01").map(
        (p) => p.key,
      ),
    ).toEqual(["stageRules.window"]);
    expect(keys([], { stage: "document", heldOn: "2015-07-01", decision: null })).toEqual(["heldOn:stageRules.window"]);
    expect(reviewWindow(2014, "2020-01-01")).toEqual({ from: "2014-01-01", until: "2015-12-31" });
  });

  it("refuses 현지심사 before 서면심사, and 서면심사 after a 현지심사 already recorded", () => {
    expect(keys([entry("document", "2014-09-15")], { stage: "site", heldOn: "2014-09-01", decision: null })).toEqual([
      "heldOn:stageRules.order",
    ]);
    expect(keys([entry("site", "2014-10-20")], { stage: "document", heldOn: "2014-11-01", decision: null })).toEqual([
      "heldOn:stageRules.order",
    ]);
  });

  it("allows one committee decision; a voided one no longer counts, nor does a voided stage's date", () => {
    const decided = [entry("committee", "2014-11-28", "certified")];
    expect(keys(decided, { stage: "committee", heldOn: "2014-12-05", decision: "not_certified" })).toEqual([
      "decision:stageRules.oneDecision",
    ]);
    expect(
      keys([entry("committee", "2014-11-28", "certified", true)], {
        stage: "committee",
        heldOn: "2014-12-05",
        decision: "certified",
      }),
    ).toEqual([]);
    expect(
      keys([entry("document", "2014-12-01", null, true)], { stage: "site", heldOn: "2014-10-20", decision: null }),
    ).toEqual([]);
    // A committee meeting without a decision (adjourned) is not a second decision.
    expect(keys(decided, { stage: "committee", heldOn: "2014-12-05", decision: null })).toEqual([]);
  });
});
