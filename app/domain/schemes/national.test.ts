import { describe, expect, it } from "vitest";
import { NATIONAL_COUNTS, nationalPicture } from "./national";

describe("national picture per scheme", () => {
  it("counts 36 certified in 2015, of which the registry names 3 and 33 are not named in public sources", () => {
    const years = nationalPicture(
      "certification",
      new Map([
        [2012, 15],
        [2013, 20],
        [2014, 35],
        [2015, 3],
      ]),
    );
    expect(years.map((y) => [y.year, y.total, y.named, y.unnamed])).toEqual([
      [2012, 15, 15, 0],
      [2013, 20, 20, 0],
      [2014, 35, 35, 0],
      [2015, 36, 3, 33],
    ]);
    expect(years.at(-1)!.source).toContain("ajunews");
  });

  it("keeps a year the sources do not count, with only the named ones, and flags more named than counted", () => {
    const years = nationalPicture(
      "happy-office",
      new Map([
        [2024, 1],
        [2015, 9],
      ]),
    );
    expect(years.find((y) => y.year === 2024)).toMatchObject({ total: null, named: 1, unnamed: null, source: null });
    expect(years.find((y) => y.year === 2015)).toMatchObject({ total: 7, named: 9, unnamed: 0, conflict: true });
    expect(years.find((y) => y.year === 2020)).toMatchObject({ total: 29, named: 0, unnamed: 29 });
  });

  it("names a source for every count", () => {
    for (const c of NATIONAL_COUNTS) expect(c.source.length, `${c.scheme} ${c.year}`).toBeGreaterThan(5);
  });
});
