import { describe, expect, it } from "vitest";
import { checkTransition, isRoundEditable, isRoundLocked, transitionsFrom } from "./round-state";

describe("round lifecycle", () => {
  it("walks draft → open → submitted → under review → concluded", () => {
    expect(checkTransition("draft", "open")).toEqual({ ok: true, to: "open" });
    expect(checkTransition("open", "submit")).toEqual({ ok: true, to: "submitted" });
    expect(checkTransition("submitted", "start_review")).toEqual({ ok: true, to: "under_review" });
    expect(checkTransition("under_review", "conclude")).toEqual({ ok: true, to: "concluded" });
  });

  it("refuses skipping a state or going back without a reopen", () => {
    expect(checkTransition("draft", "submit")).toEqual({ ok: false, reason: "not_allowed" });
    expect(checkTransition("open", "conclude")).toEqual({ ok: false, reason: "not_allowed" });
    expect(checkTransition("concluded", "reopen", "late evidence")).toEqual({ ok: false, reason: "not_allowed" });
    expect(checkTransition("open", "reopen", "why")).toEqual({ ok: false, reason: "not_allowed" });
  });

  it("reopens a submitted or under-review round only with a reason", () => {
    expect(checkTransition("submitted", "reopen")).toEqual({ ok: false, reason: "reason_required" });
    expect(checkTransition("submitted", "reopen", "   ")).toEqual({ ok: false, reason: "reason_required" });
    expect(checkTransition("submitted", "reopen", "감사담당관 증빙 보완 요청")).toEqual({ ok: true, to: "open" });
    expect(checkTransition("under_review", "reopen", "보완")).toEqual({ ok: true, to: "open" });
  });

  it("lists what can happen next and who may edit", () => {
    expect(transitionsFrom("submitted")).toEqual(["start_review", "reopen"]);
    expect(transitionsFrom("concluded")).toEqual([]);
    expect(isRoundEditable("open")).toBe(true);
    expect(isRoundEditable("submitted")).toBe(false);
    expect(isRoundLocked("draft")).toBe(false);
    expect(isRoundLocked("under_review")).toBe(true);
  });
});
