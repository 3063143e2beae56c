// The edition editor against a real database: only a system admin may use it; a save made on an old version is
// refused (409); publishing is refused while the sums do not balance, and changes nothing; a published edition
// never changes; and the Excel file the editor exports comes back into a draft as the same edition.
import { beforeAll, describe, expect, it } from "vitest";
import { loadShippedEditions } from "#indicators/load";
import type { Edition, Indicator } from "#indicators/schema";
import { indicatorFormFields } from "~/domain/edition-edit";
import { action as draftAction, loader as draftLoader } from "~/routes/editions.drafts.$draftId._index";
import {
  action as indicatorAction,
  loader as indicatorLoader,
} from "~/routes/editions.drafts.$draftId.indicators.$code";
import { loader as workbookLoader } from "~/routes/editions.drafts.$draftId.workbook[.]xlsx";
import { action as newAction, loader as newLoader } from "~/routes/editions.drafts.new";
import { getDraft } from "~/utils/edition-drafts.server";
import { importEdition } from "~/utils/editions.server";
import { cookieFor, createInstitution, createUser, db, outcome, requestAs, routeArgs } from "../utils";

let admin: number;
let others: Record<string, number>;
let base: Edition;

const count = async (table: "edition_drafts" | "rubric_editions" | "audit_events") =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
const snapshot = async () => ({
  drafts: await db.selectFrom("edition_drafts").selectAll().orderBy("id").execute(),
  editions: await count("rubric_editions"),
  events: await count("audit_events"),
});

async function createDraft(user: number, id: string, year = "2015") {
  return outcome(async () =>
    newAction(
      routeArgs(
        await requestAs(user, "/editions/drafts/new", {
          baseId: base.id,
          id,
          year,
          institutionType: "sigungu",
          title: `${year}년 시·군·구 지표(${id})`,
        }),
      ),
    ),
  );
}
const draftIdOf = (location: string | null) => Number(/\/editions\/drafts\/(\d+)$/.exec(location ?? "")?.[1]);
const draftPost = async (user: number, draftId: number, form: Record<string, string>) =>
  outcome(async () =>
    draftAction(routeArgs(await requestAs(user, `/editions/drafts/${draftId}`, form), { draftId: String(draftId) })),
  );
const indicatorPost = async (user: number, draftId: number, code: string, form: Record<string, string>) =>
  outcome(async () =>
    indicatorAction(
      routeArgs(await requestAs(user, `/editions/drafts/${draftId}/indicators/${code}`, form), {
        draftId: String(draftId),
        code,
      }),
    ),
  );
const saveIndicator = (draftId: number, version: number, indicator: Indicator, change: Record<string, string>) =>
  indicatorPost(admin, draftId, indicator.code, {
    intent: "save",
    version: String(version),
    ...indicatorFormFields(indicator),
    ...change,
  });

const NEW_SOURCE = {
  id: "e2e-press",
  title: "민원서비스 우수기관 인증 결과 보도자료",
  kind: "press" as const,
  date: "2014-12",
  address: "https://www.mois.go.kr/",
  says: "인증 결과 발표(시험용 출처)",
};

/** Two indicators of one item, the first scored by levels: one to raise, one to lower. */
function pair(edition: Edition): [Indicator, Indicator] {
  for (const item of edition.items) {
    const inItem = edition.indicators.filter((i) => i.item === item.code);
    const levels = inItem.find((i) => i.scoring.kind === "levels");
    const other = inItem.find((i) => i !== levels && i.maxPoints >= 1);
    if (levels && other) return [levels, other];
  }
  throw new Error("no item with a levels indicator and another indicator");
}

beforeAll(async () => {
  base = (await loadShippedEditions()).find((e) => e.year === 2014 && e.institutionType === "sigungu")!;
  admin = (await createUser({ admin: true })).id;
  const inst = await createInstitution();
  others = {
    coordinator: (await createUser({ role: "coordinator", institutionId: inst.id })).id,
    member: (await createUser({ role: "department_member", institutionId: inst.id })).id,
    auditor: (await createUser({ role: "auditor", institutionId: inst.id })).id,
    noRole: (await createUser()).id,
  };
});

describe("who may edit editions", () => {
  it("only a system admin: everyone else is refused every page and every change, and nothing changes", async () => {
    const created = await createDraft(admin, "authz-draft");
    expect(created.status).toBe(302);
    const draftId = draftIdOf(created.location);
    const code = base.indicators[0].code;
    const before = await snapshot();
    for (const [who, user] of Object.entries(others)) {
      const pages = [
        () => requestAs(user, "/editions/drafts/new").then((r) => newLoader(routeArgs(r))),
        () =>
          requestAs(user, `/editions/drafts/${draftId}`).then((r) =>
            draftLoader(routeArgs(r, { draftId: String(draftId) })),
          ),
        () =>
          requestAs(user, `/editions/drafts/${draftId}/indicators/${code}`).then((r) =>
            indicatorLoader(routeArgs(r, { draftId: String(draftId), code })),
          ),
        () =>
          requestAs(user, `/editions/drafts/${draftId}/workbook.xlsx`).then((r) =>
            workbookLoader(routeArgs(r, { draftId: String(draftId) })),
          ),
      ];
      for (const page of pages) expect((await outcome(page)).status, who).toBe(403);
      expect((await createDraft(user, `by-${who}`)).status, who).toBe(403);
      expect((await draftPost(user, draftId, { intent: "publish", version: "1" })).status, who).toBe(403);
      // Made on the current version, so it would be saved if the person were allowed to.
      const change = { intent: "save", version: "1", ...indicatorFormFields(base.indicators[0]), title: "바꿈" };
      expect((await indicatorPost(user, draftId, code, change)).status, who).toBe(403);
      expect((await indicatorPost(user, draftId, code, { intent: "remove", version: "1" })).status, who).toBe(403);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("a stranger is sent to sign in", async () => {
    const result = await outcome(async () => newLoader(routeArgs(await requestAs(null, "/editions/drafts/new"))));
    expect(result.status).toBe(302);
    expect(result.location).toMatch(/^\/login/);
  });
});

describe("a draft of the 2014 edition", () => {
  let draftId: number;
  let raised: Indicator;
  let lowered: Indicator;

  it("starts as a copy under its new id, year and title, and the copy is audited", async () => {
    const events = await count("audit_events");
    const created = await createDraft(admin, "2015-sigungu-test");
    expect(created.status).toBe(302);
    draftId = draftIdOf(created.location);
    const draft = (await getDraft(db, draftId))!;
    expect(draft.version).toBe(1);
    expect(draft.edition).toMatchObject({ id: "2015-sigungu-test", year: 2015, institutionType: "sigungu" });
    expect(draft.edition.indicators).toEqual(base.indicators);
    expect(await count("audit_events")).toBe(events + 1);
    // The same id twice is refused.
    expect((await createDraft(admin, "2015-sigungu-test")).status).toBe(409);
    [raised, lowered] = pair(draft.edition);
  });

  it("saves an indicator's points and a level's label, raising the version", async () => {
    const result = await saveIndicator(draftId, 1, raised, {
      maxPoints: String(raised.maxPoints + 2),
      "level.0.label": "관련 규정을 마련하고 전 부서에 시행함",
    });
    expect(result.status).toBe(302);
    const draft = (await getDraft(db, draftId))!;
    expect(draft.version).toBe(2);
    const saved = draft.edition.indicators.find((i) => i.code === raised.code)!;
    expect(saved.maxPoints).toBe(raised.maxPoints + 2);
    expect(saved.scoring.kind === "levels" && saved.scoring.levels[0].label).toBe(
      "관련 규정을 마련하고 전 부서에 시행함",
    );
    const event = await db
      .selectFrom("audit_events")
      .selectAll()
      .orderBy("seq", "desc")
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({
      entity: "edition_draft",
      entity_id: String(draftId),
      action: "save",
      actor_user_id: admin,
    });
    expect(event.after_json).toContain(`edit:indicator ${raised.code}`);
  });

  it("refuses a save made on the version before (409) and keeps the other person's change", async () => {
    const before = await snapshot();
    const result = await saveIndicator(draftId, 1, raised, { title: "먼저 열어 둔 화면에서 고친 이름" });
    expect(result.status).toBe(409);
    expect(result.body).toMatchObject({ ok: false, reason: "stale" });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a field that is not a number, naming it, and changes nothing", async () => {
    const before = await snapshot();
    const result = await saveIndicator(draftId, 2, raised, { maxPoints: "열두" });
    expect(result.status).toBe(400);
    expect(result.body.errors).toEqual({ maxPoints: "draft.error.number" });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses provenance citing a source the edition does not list, naming the field, and changes nothing", async () => {
    const before = await snapshot();
    const result = await saveIndicator(draftId, 2, raised, {
      "provenance.status": "sourced",
      "source.not-in-the-list": "on",
    });
    expect(result.status).toBe(400);
    expect(result.body.errors).toEqual({ "provenance.sources": "draft.error.unknownSource" });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses to publish while the item's sum is off, naming the item, and changes nothing", async () => {
    const before = await snapshot();
    const result = await draftPost(admin, draftId, { intent: "publish", version: "2" });
    expect(result.status).toBe(400);
    expect(result.body.reason).toBe("unbalanced");
    expect(result.body.sums).toEqual([
      expect.objectContaining({ kind: "item", code: raised.item, sumTenths: expect.any(Number) }),
    ]);
    const [sum] = result.body.sums;
    expect(sum.sumTenths - sum.expectedTenths).toBe(20);
    expect(await snapshot()).toEqual(before);
    // The page says the same before anyone presses the button.
    const page = await outcome(async () =>
      draftLoader(routeArgs(await requestAs(admin, `/editions/drafts/${draftId}`), { draftId: String(draftId) })),
    );
    expect(
      page.body.sums.filter((s: { sumTenths: number; expectedTenths: number }) => s.sumTenths !== s.expectedTenths),
    ).toHaveLength(1);
    expect(page.body.diff.changed.map((c: { code: string }) => c.code)).toEqual([raised.code]);
  });

  it("publishes once another indicator of the item gives the points back; the edition never changes afterwards", async () => {
    expect((await saveIndicator(draftId, 2, lowered, { maxPoints: String(lowered.maxPoints - 2) })).status).toBe(302);
    const published = await draftPost(admin, draftId, { intent: "publish", version: "3" });
    expect(published.status).toBe(302);
    expect(published.location).toBe("/editions/2015-sigungu-test?published=1");
    const row = await db
      .selectFrom("rubric_editions")
      .selectAll()
      .where("id", "=", "2015-sigungu-test")
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      source: "edited",
      year: 2015,
      imported_by: admin,
      indicator_count: base.indicators.length,
    });
    const event = await db
      .selectFrom("audit_events")
      .selectAll()
      .orderBy("seq", "desc")
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({ entity: "rubric_edition", entity_id: "2015-sigungu-test", action: "publish" });

    const before = await snapshot();
    const content = row.content;
    // The draft is read-only: a save, another publish, and an import under the same id are all refused.
    expect((await saveIndicator(draftId, 3, lowered, { title: "게시 후 고침" })).status).toBe(409);
    expect((await draftPost(admin, draftId, { intent: "publish", version: "3" })).status).toBe(409);
    expect((await draftPost(admin, draftId, { intent: "structure", version: "3" })).status).toBe(400);
    const replaced = await importEdition(db, { ...JSON.parse(content), title: "덮어쓰기" }, admin);
    expect(replaced.ok).toBe(false);
    expect(await snapshot()).toEqual(before);
    expect(
      (
        await db
          .selectFrom("rubric_editions")
          .select("content")
          .where("id", "=", "2015-sigungu-test")
          .executeTakeFirstOrThrow()
      ).content,
    ).toBe(content);
    // The 2014 edition it was copied from is as it was.
    const original = await db
      .selectFrom("rubric_editions")
      .select(["content", "superseded_by"])
      .where("id", "=", base.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(original.content)).toEqual(base);
    expect(original.superseded_by).toBeNull();
  });
});

describe("the Excel edition file", () => {
  async function exportDraft(draftId: number): Promise<Buffer> {
    const response = await workbookLoader(
      routeArgs(await requestAs(admin, `/editions/drafts/${draftId}/workbook.xlsx`), { draftId: String(draftId) }),
    );
    expect(response.headers.get("Content-Type")).toContain("spreadsheetml");
    return Buffer.from(await response.arrayBuffer());
  }
  async function importInto(draftId: number, version: number, bytes: Buffer, name = "edition.xlsx") {
    const form = new FormData();
    form.set("intent", "import");
    form.set("version", String(version));
    form.set("file", new File([new Uint8Array(bytes)], name));
    const request = new Request(`http://localhost/editions/drafts/${draftId}`, {
      method: "POST",
      headers: { Cookie: await cookieFor(admin) },
      body: form,
    });
    return outcome(() => draftAction(routeArgs(request, { draftId: String(draftId) })));
  }

  it("exported from one draft and imported into another gives the same edition, under the second draft's id", async () => {
    const a = draftIdOf((await createDraft(admin, "excel-a")).location);
    const draftA = (await getDraft(db, a))!;
    const [raised] = pair(draftA.edition);
    // An edited draft (a source added and cited, a level relabelled, an evidence line added), so the file carries
    // more than the copy.
    const sources = [...draftA.edition.sources, NEW_SOURCE];
    const rows = Object.fromEntries(sources.flatMap((x, n) => Object.entries(x).map(([k, v]) => [`src.${n}.${k}`, v])));
    expect((await draftPost(admin, a, { intent: "sources", version: "1", ...rows })).status).toBe(302);
    expect(
      (
        await saveIndicator(a, 2, raised, {
          "level.0.label": "엑셀로 옮겨 갈 수준",
          evidence: [...raised.evidence, "새 증빙"].join("\n"),
          "provenance.status": "derived",
          [`source.${NEW_SOURCE.id}`]: "on",
          "provenance.note": "배점은 가정",
        })
      ).status,
    ).toBe(302);
    const edited = (await getDraft(db, a))!.edition;

    const b = draftIdOf((await createDraft(admin, "excel-b", "2016")).location);
    const result = await importInto(b, 1, await exportDraft(a));
    expect(result.status).toBe(302);
    const imported = (await getDraft(db, b))!;
    expect(imported.version).toBe(2);
    expect(imported.edition).toEqual({ ...edited, id: "excel-b" });
    // And back out again: the second export reads as the same edition too.
    const c = draftIdOf((await createDraft(admin, "excel-c")).location);
    expect((await importInto(c, 1, await exportDraft(b))).status).toBe(302);
    expect((await getDraft(db, c))!.edition).toEqual({ ...edited, id: "excel-c" });
  });

  it("refuses a file that is not an edition workbook, naming why, and changes nothing", async () => {
    const d = draftIdOf((await createDraft(admin, "excel-d")).location);
    const before = await snapshot();
    const notXlsx = await importInto(d, 1, Buffer.from("code,title\n"), "edition.csv");
    expect(notXlsx.status).toBe(400);
    expect(notXlsx.body.errors).toEqual({ file: "draft.import.badType" });
    const broken = await importInto(d, 1, Buffer.from("PK not really a workbook"));
    expect(broken.status).toBe(400);
    expect(broken.body.reason).toBe("file");
    expect(await snapshot()).toEqual(before);
  });
});
