// The report's 결재 fields: saved by the coordinator with a version check and an audit event, refused field by field
// with nothing changed, refused to the auditor, and printed on the report the PDF is made from.
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../seeds/demo";
import { action as reportAction, loader as reportLoader } from "~/routes/rounds.$roundId.report";
import { db, outcome, requestAs, routeArgs } from "../utils";

let roundId: number;
const ids: Record<string, number> = {};
const post = async (user: number, form: Record<string, string>) =>
  outcome(async () =>
    reportAction(
      routeArgs(await requestAs(user, `/rounds/${roundId}/report`, { intent: "saveSignoff", ...form }), {
        roundId: String(roundId),
      }),
    ),
  );
const load = async (user: number) =>
  outcome(async () =>
    reportLoader(routeArgs(await requestAs(user, `/rounds/${roundId}/report`), { roundId: String(roundId) })),
  );
const events = async () =>
  db.selectFrom("audit_events").selectAll().where("entity", "=", "report_signoff").orderBy("seq").execute();
const fields = {
  documentNumber: "민원여권과-2014-1234",
  effectiveDate: "2014-09-01",
  drafter: "김민원",
  reviewer: "박검토",
  approver: "이결재",
};

beforeAll(async () => {
  roundId = (await seedDemo(db)).round!.id;
  for (const name of ["coordinator", "auditor"])
    ids[name] = (await db.selectFrom("users").select("id").where("username", "=", name).executeTakeFirstOrThrow()).id;
});

describe("report 결재 fields", () => {
  it("saves them with an audit event and shows them on the report; a stale form is refused", async () => {
    const saved = await post(ids.coordinator!, { ...fields, version: "0" });
    expect(saved.status).toBe(200);
    const { body } = await load(ids.auditor!);
    expect(body.signoff).toEqual({ ...fields, version: 1 });
    expect(body.mayEdit).toBe(false);
    const [created] = await events();
    expect(created).toMatchObject({ action: "create", actor_user_id: ids.coordinator, round_id: roundId });
    expect(JSON.parse(created!.after_json!)).toEqual(fields);

    const changed = await post(ids.coordinator!, { ...fields, approver: "최결재", version: "1" });
    expect(changed.status).toBe(200);
    const stale = await post(ids.coordinator!, { ...fields, approver: "엉뚱", version: "1" });
    expect(stale.status).toBe(400);
    expect(stale.body.errors._form).toBe("signoff.error.stale");
    expect((await load(ids.coordinator!)).body.signoff).toMatchObject({ approver: "최결재", version: 2 });
    const log = await events();
    expect(log).toHaveLength(2);
    expect(JSON.parse(log[1]!.before_json!)).toMatchObject({ approver: "이결재" });
  });

  it("refuses an impossible date or an overlong field, naming it, and the auditor; nothing changes", async () => {
    const before = await load(ids.coordinator!);
    const cases: [Record<string, string>, string, string][] = [
      [{ effectiveDate: "2014-02-30" }, "effectiveDate", "signoff.error.effectiveDate"],
      [{ documentNumber: "가".repeat(61) }, "documentNumber", "signoff.error.documentNumber"],
      [{ drafter: "가".repeat(41) }, "drafter", "signoff.error.name"],
    ];
    for (const [change, field, key] of cases) {
      const res = await post(ids.coordinator!, { ...fields, version: "2", ...change });
      expect(res.status, field).toBe(400);
      expect(res.body.errors[field], field).toBe(key);
    }
    expect((await post(ids.auditor!, { ...fields, version: "2" })).status).toBe(403);
    expect((await load(ids.coordinator!)).body.signoff).toEqual(before.body.signoff);
    expect(await events()).toHaveLength(2);
  });
});
