import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import {
  canonicalEvent,
  type ChainedEvent,
  type ChainedEventContent,
  GENESIS_HASH,
  verifyChain as verifyWith,
} from "./audit-chain";

// The domain takes the hash as a function; the test gives it the same SHA-256 the server uses.
const hashEvent = (e: ChainedEventContent, prev: string) =>
  createHash("sha256").update(canonicalEvent(e, prev)).digest("hex");
const verifyChain = (events: ChainedEvent[]) => verifyWith(events, hashEvent);

function chain(n: number): ChainedEvent[] {
  const events: ChainedEvent[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const content = {
      seq,
      at: `2014-08-0${seq}T00:00:00.000Z`,
      actor_user_id: 1,
      institution_id: 1,
      round_id: 1,
      entity: "response",
      entity_id: String(seq),
      action: "save",
      before_json: null,
      after_json: JSON.stringify({ self_tenths: seq * 10 }),
    };
    const hash = hashEvent(content, prev);
    events.push({ ...content, prev_hash: prev, hash });
    prev = hash;
  }
  return events;
}

describe("verifyChain", () => {
  it("accepts an untouched chain", () => {
    expect(verifyChain(chain(5))).toEqual({ ok: true, checked: 5, lastSeq: 5, problems: [] });
  });

  it("catches an edited row", () => {
    const events = chain(5);
    events[2] = { ...events[2], after_json: JSON.stringify({ self_tenths: 999 }) };
    const result = verifyChain(events);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([expect.objectContaining({ seq: 3, kind: "altered" })]);
  });

  it("catches a deleted row", () => {
    const events = chain(5);
    events.splice(1, 1);
    const result = verifyChain(events);
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => [p.seq, p.kind])).toEqual([
      [3, "gap"],
      [3, "broken-link"],
    ]);
  });

  it("catches reordered rows even when their sequence numbers are swapped too", () => {
    const events = chain(4);
    const [a, b] = [events[1], events[2]];
    events[1] = { ...b, seq: 2 };
    events[2] = { ...a, seq: 3 };
    const result = verifyChain(events);
    expect(result.ok).toBe(false);
    expect(result.problems.some((p) => p.kind === "altered")).toBe(true);
  });

  it("catches a rewritten row whose hash was recomputed, because the next link breaks", () => {
    const events = chain(4);
    const edited = { ...events[1], after_json: "{}" };
    edited.hash = hashEvent(edited, edited.prev_hash);
    events[1] = edited;
    const result = verifyChain(events);
    expect(result.problems).toEqual([expect.objectContaining({ seq: 3, kind: "broken-link" })]);
  });
});
