// The home page with several open rounds (ADR 038): 서대문구's 2014 인증 round and its 2024 종합평가 round. The
// default stays the 2014 round (its deadline comes first), a list lets the person choose, the choice lives in
// `?round=ID`; a round of another institution is not found, a malformed one is refused.
import { beforeAll, describe, expect, it } from "vitest";
import { seedComprehensiveDemo } from "../../seeds/comprehensive";
import { seedDemo } from "../../seeds/demo";
import { loader as homeLoader } from "~/routes/_index";
import { createInstitution, createUser, db, outcome, requestAs, routeArgs } from "../utils";

type Home = Awaited<ReturnType<typeof homeLoader>>;
let certRound: number, compRound: number;
const userId = async (username: string) =>
  (await db.selectFrom("users").select("id").where("username", "=", username).executeTakeFirstOrThrow()).id;
const home = async (user: number, url = "/") => outcome(async () => homeLoader(routeArgs(await requestAs(user, url))));

beforeAll(async () => {
  certRound = (await seedDemo(db)).round!.id;
  compRound = (await seedComprehensiveDemo(db)).roundId;
});

describe("the home page with several open rounds", () => {
  it("shows the coordinator both rounds with scheme, deadline and progress, the 2014 round by default", async () => {
    const page = (await home(await userId("coordinator"))).body as Home;
    expect(page.kind).toBe("coordinator");
    expect(page.choices.map((c) => [c.id, c.scheme, c.deadlineAt])).toEqual([
      [certRound, "certification", "2014-08-29T09:00:00.000Z"],
      [compRound, "comprehensive", "2024-08-31T09:00:00.000Z"],
    ]);
    for (const c of page.choices) {
      expect(c.total).toBeGreaterThan(0);
      expect(c.done).toBeGreaterThanOrEqual(0);
      expect(c.done).toBeLessThanOrEqual(c.total);
    }
    expect(page.data && "round" in page.data ? page.data.round?.id : null).toBe(certRound);
  });

  it("shows the chosen round from ?round=ID to the coordinator, the auditor and department staff", async () => {
    for (const username of ["coordinator", "auditor", "member"]) {
      const page = (await home(await userId(username), `/?round=${compRound}`)).body as Home;
      expect(page.data && "round" in page.data ? page.data.round?.id : null, username).toBe(compRound);
      expect(page.choices, username).toHaveLength(2);
    }
  });

  it("counts a department's own indicators for its staff", async () => {
    const coordinator = (await home(await userId("coordinator"))).body as Home;
    const member = (await home(await userId("member"))).body as Home;
    const of = (p: Home) => p.choices.find((c) => c.id === certRound)!.total;
    expect(of(member)).toBeGreaterThan(0);
    expect(of(member)).toBeLessThan(of(coordinator));
  });

  it("does not show another institution's round, and refuses a malformed one", async () => {
    const other = await createInstitution("남의구");
    const stranger = await createUser({ role: "coordinator", institutionId: other.id });
    expect((await home(stranger.id, `/?round=${certRound}`)).status).toBe(404);
    expect((await home(await userId("coordinator"), "/?round=abc")).status).toBe(400);
    expect((await home(await userId("coordinator"), "/?round=0")).status).toBe(400);
  });

  it("shows no list when an institution has one open round, as before", async () => {
    await db.updateTable("rounds").set({ state: "concluded" }).where("id", "=", compRound).execute();
    try {
      const page = (await home(await userId("coordinator"))).body as Home;
      expect(page.choices).toEqual([]);
      expect(page.data && "round" in page.data ? page.data.round?.id : null).toBe(certRound);
    } finally {
      await db.updateTable("rounds").set({ state: "open" }).where("id", "=", compRound).execute();
    }
  });
});
