// The seeded national history (seed 002) as the registry shows it: 15 certified in 2012, 20 in 2013 and 35 in 2014,
// of which the twelve re-certifications are renewals that count as consecutive (three years to 2017-12-07).
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../seeds/demo";
import { loader as registryLoader } from "~/routes/registry._index";
import { getRegistrySettings } from "~/utils/registry-settings.server";
import { registryOverview } from "~/utils/registry-read.server";
import { db, requestAs, routeArgs } from "../utils";

const all = { year: null, region: null, level: null, status: null } as const;

beforeAll(async () => {
  await seedDemo(db);
});

describe("the seeded registry", () => {
  it("counts 15, 20 and 35 certifications per year, with the twelve 2014 renewals", async () => {
    const { rules } = await getRegistrySettings(db);
    const overview = await registryOverview(db, { ...all, asOf: "2015-01-01" }, rules);
    expect(overview.yearCounts).toEqual([
      { year: 2012, total: 15, initial: 15, renewal: 0, sido: 0, sigungu: 15, central: 0 },
      { year: 2013, total: 20, initial: 20, renewal: 0, sido: 3, sigungu: 17, central: 0 },
      { year: 2014, total: 35, initial: 23, renewal: 12, sido: 1, sigungu: 34, central: 0 },
    ]);
    expect(overview.total).toBe(58);
    // On 2015-01-01 the three 2012 institutions not re-certified have expired; the other 55 hold valid certificates.
    expect(overview.statusCounts).toMatchObject({ valid: 55, expiring: 0, expired: 3, revoked: 0 });
  });

  it("gives the twelve re-certified institutions three years from 2014-12-08 (consecutive within the grace period)", async () => {
    const { rules } = await getRegistrySettings(db);
    const renewed = await registryOverview(db, { ...all, year: 2012, asOf: "2015-01-01" }, rules);
    const renewals = renewed.rows.filter((r) => r.current.kind === "renewal");
    expect(renewals).toHaveLength(12);
    for (const r of renewals)
      expect(r.current).toMatchObject({
        awardDate: "2014-12-08",
        term: "renewal",
        years: 3,
        validUntil: "2017-12-07",
        lapsedRenewal: false,
      });
    // 부산 강서구, 구미시 and 영덕군 were not re-certified in 2014: their 2012 certificates ended on 2014-11-29.
    const lapsed = renewed.rows
      .filter((r) => r.current.kind === "initial")
      .map((r) => [r.name, r.current.validUntil, r.current.status]);
    expect(lapsed).toEqual([
      ["부산광역시 강서구", "2014-11-29", "expired"],
      ["경상북도 구미시", "2014-11-29", "expired"],
      ["경상북도 영덕군", "2014-11-29", "expired"],
    ]);
  });

  it("filters the 2014 picture by level and region as the page does", async () => {
    const { rules } = await getRegistrySettings(db);
    const metro2014 = await registryOverview(db, { ...all, year: 2014, level: "sido", asOf: "2015-01-01" }, rules);
    expect(metro2014.rows.map((r) => r.name)).toEqual(["대구광역시"]);
    const seoul = await registryOverview(db, { ...all, region: "서울특별시", asOf: "2015-01-01" }, rules);
    expect(seoul.rows).toHaveLength(16); // 서울특별시 itself and 15 of its districts
    expect(seoul.rows[0].name).toBe("서울특별시");
    expect(seoul.yearCounts.map((c) => c.total)).toEqual([6, 6, 10]);
    const expiring2016 = await registryOverview(db, { ...all, status: "expiring", asOf: "2016-07-01" }, rules);
    // The 2013 cohort (to 2015-12-05) has expired by then; 2014's 23 new certificates end on 2016-12-07.
    expect(expiring2016.rows).toHaveLength(23);
  });

  it("serves the page's loader with the same numbers", async () => {
    const member = await db.selectFrom("users").select("id").where("username", "=", "member").executeTakeFirstOrThrow();
    const page = (await registryLoader(
      routeArgs(await requestAs(member.id, "/registry?asOf=2015-01-01&year=2014")),
    )) as Awaited<ReturnType<typeof registryLoader>>;
    expect(page.overview.rows).toHaveLength(35);
    expect(page.mine).toMatchObject({
      name: "서울특별시 서대문구",
      current: { awardDate: "2014-12-08", validUntil: "2016-12-07", status: "valid" },
    });
  });
});
