import { describe, expect, it } from "vitest";
import type { Indicator } from "#indicators/schema";
import { checkGridRow, parseTsv } from "./grid";

const levels = {
  code: "1.1.01",
  title: "t",
  area: "1",
  item: "1.1",
  maxPoints: 8,
  scoring: {
    kind: "levels",
    levels: [
      { code: "A", label: "a", fraction: 1 },
      { code: "B", label: "b", fraction: 0.5 },
    ],
  },
} as unknown as Indicator;
const yesno = { ...levels, code: "1.1.02", scoring: { kind: "yesno" } } as unknown as Indicator;

describe("parseTsv", () => {
  it("reads Excel's copied column with CRLF and a trailing newline as one cell per row", () => {
    expect(parseTsv("시행\r\n미시행\r\n")).toEqual([["시행"], ["미시행"]]);
  });
  it("keeps tabs and newlines inside quoted cells and doubled quotes", () => {
    expect(parseTsv('A\t"두 줄\n설명 ""따옴표"""\nB\t')).toEqual([
      ["A", '두 줄\n설명 "따옴표"'],
      ["B", ""],
    ]);
  });
});

describe("checkGridRow", () => {
  it("reads the words a clerk types for implemented and yes/no, in any width or case", () => {
    const r = checkGridRow(yesno, { implemented: " 시행 ", answer: "Ｙ" }, 0);
    expect(r).toMatchObject({ ok: true, draft: { implemented: true, answer: { yes: true } } });
  });
  it("names the implemented column for a word it does not know", () => {
    expect(checkGridRow(yesno, { implemented: "아마도" }, 0)).toEqual({
      ok: false,
      problems: [{ field: "implemented", key: "grid.error.implemented" }],
    });
  });
  it("accepts a level code with a trailing dot and refuses one the rubric lacks", () => {
    expect(checkGridRow(levels, { implemented: "시행", answer: "b." }, 0)).toMatchObject({
      ok: true,
      draft: { answer: { level: "B" } },
    });
    expect(checkGridRow(levels, { implemented: "시행", answer: "Z" }, 0)).toMatchObject({
      ok: false,
      problems: [{ field: "level", key: "work.error.levelUnknown" }],
    });
  });
  it("flags text in a column the indicator does not use (a shifted paste) instead of dropping it", () => {
    expect(checkGridRow(levels, { implemented: "시행", input0: "12" }, 0)).toMatchObject({
      ok: false,
      problems: [{ key: "grid.error.unusedCell" }],
    });
  });
  it("scores a complete row like the form", () => {
    expect(checkGridRow(levels, { implemented: "시행", answer: "A" }, 0)).toMatchObject({ ok: true, selfTenths: 80 });
  });
});
