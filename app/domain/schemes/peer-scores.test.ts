import { describe, expect, it } from "vitest";
import { parsePeerScores } from "./peer-scores";

const items = ["1", "2", "3", "4", "5"];

describe("peer scores typed or pasted as CSV", () => {
  it("reads name, total and optional item scores in hundredths, skipping a header and blank lines", () => {
    const { rows, problems } = parsePeerScores(
      '기관,총점,1,2,3,4,5\n종로구,82.86,24.05,12,18.5,,14\n\n"중구, 서울",76.6\n',
      items,
    );
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { name: "종로구", scores: { total: 8286, "1": 2405, "2": 1200, "3": 1850, "5": 1400 } },
      { name: "중구, 서울", scores: { total: 7660 } },
    ]);
  });
  it("names the line of a bad score, a score over the scale, a duplicate and too many columns", () => {
    const { rows, problems } = parsePeerScores(
      "가구,80\n나구,8O\n다구,100.01\n가구,70\n라구,70,1,2,3,4,5,6\n마구,99.999\n",
      items,
    );
    expect(rows.map((r) => r.name)).toEqual(["가구"]);
    expect(problems).toEqual([
      { line: 2, kind: "score" },
      { line: 3, kind: "score" },
      { line: 4, kind: "duplicate" },
      { line: 5, kind: "columns" },
      { line: 6, kind: "score" },
    ]);
  });
});
