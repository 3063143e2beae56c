import { describe, expect, it } from "vitest";
import { parsePeerScores } from "~/domain/schemes";
import { COMPREHENSIVE_TYPES, comprehensiveScoreFiles } from "./national-comprehensive";

let s = 7;
const rand = () => ((s = (s * 1664525 + 1013904223) >>> 0), s / 2 ** 32);

describe("national 종합평가 scores", () => {
  it("gives every institution type its 2024 count, in a CSV the grade page imports without a problem", () => {
    const files = comprehensiveScoreFiles(rand);
    expect(files.map((f) => f.type)).toEqual(COMPREHENSIVE_TYPES.map((t) => t.key));
    for (const [i, file] of files.entries()) {
      const { rows, problems } = parsePeerScores(file.csv, ["1", "2", "3", "4", "5"]);
      expect(problems, file.type).toEqual([]);
      expect(rows).toHaveLength(COMPREHENSIVE_TYPES[i].count);
      for (const row of rows) {
        const items = ["1", "2", "3", "4", "5"].reduce((sum, k) => sum + row.scores[k], 0);
        expect(row.scores.total).toBe(items);
        expect(row.scores.total).toBeLessThanOrEqual(10000);
        expect(row.name).toMatch(/^가상 /);
      }
    }
  });
});
