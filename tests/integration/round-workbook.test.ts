// The Excel round trip on the seeded 2014 round: the export's sheets and cells, an import with errors that changes
// nothing, the corrected import that changes only what changed (audited as the importing user, scored on the server),
// conflicts with edits made after the export, and who may do it.
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../seeds/demo";
import { loader as exportLoader } from "~/routes/rounds.$roundId.export[.]xlsx";
import { action as importAction } from "~/routes/rounds.$roundId.import";
import { getEdition } from "~/utils/editions.server";
import { cookieFor, db, outcome, requestAs, routeArgs } from "../utils";

let roundId: number;
let ids: Record<"coordinator" | "member" | "auditor", number>;
const userId = async (username: string) =>
  (await db.selectFrom("users").select("id").where("username", "=", username).executeTakeFirstOrThrow()).id;
const snapshot = async () => ({
  responses: await db.selectFrom("responses").selectAll().where("round_id", "=", roundId).orderBy("id").execute(),
  events: Number(
    (
      await db
        .selectFrom("audit_events")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  ),
});

async function exportWorkbook(user: number) {
  const res = await outcome(async () =>
    exportLoader(routeArgs(await requestAs(user, `/rounds/${roundId}/export.xlsx`), { roundId: String(roundId) })),
  );
  return res;
}
async function load(bytes: ArrayBuffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as never);
  return wb;
}
async function upload(user: number, wb: ExcelJS.Workbook | Uint8Array<ArrayBuffer>, name = "회차.xlsx") {
  const bytes = wb instanceof Uint8Array ? wb : new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  const form = new FormData();
  form.set("file", new File([bytes], name));
  const request = new Request(`http://localhost/rounds/${roundId}/import`, {
    method: "POST",
    headers: { Cookie: await cookieFor(user) },
    body: form,
  });
  return outcome(async () => importAction(routeArgs(request, { roundId: String(roundId) })));
}
/** Row number of an indicator on a sheet, and the column number of a header. */
const rowOf = (ws: ExcelJS.Worksheet, code: string) => {
  for (let n = 2; n <= ws.rowCount; n++) if (ws.getRow(n).getCell(1).value === code) return n;
  throw new Error(`${code} not on ${ws.name}`);
};
const col = (ws: ExcelJS.Worksheet, header: string) => {
  const values = ws.getRow(1).values as unknown[];
  const index = values.indexOf(header);
  if (index < 1) throw new Error(`no column ${header}`);
  return index;
};

/** Types a value into an indicator's row of its department's sheet, as a department would offline. */
function setCell(
  wb: ExcelJS.Workbook,
  target: { sheet: string; indicator: { code: string } },
  header: string,
  value: string | number,
) {
  const ws = wb.getWorksheet(target.sheet)!;
  ws.getRow(rowOf(ws, target.indicator.code)).getCell(col(ws, header)).value = value;
}

beforeAll(async () => {
  const report = await seedDemo(db);
  roundId = report.round!.id;
  ids = { coordinator: await userId("coordinator"), member: await userId("member"), auditor: await userId("auditor") };
});

describe("exporting the round", () => {
  it("has a summary sheet and one sheet per lead department with its indicators, answers and hidden versions", async () => {
    const res = await exportWorkbook(ids.coordinator);
    expect(res.status).toBe(200);
    expect(res.body.headers.get("Content-Disposition")).toContain("filename*=UTF-8''2014_");
    const wb = await load(await res.body.arrayBuffer());
    const leads = await db
      .selectFrom("assignments as a")
      .innerJoin("departments as d", "d.id", "a.department_id")
      .select(["d.name", "a.indicator_code"])
      .where("a.round_id", "=", roundId)
      .where("a.role", "=", "lead")
      .execute();
    const departments = [...new Set(leads.map((l) => l.name))];
    expect(wb.worksheets[0].name).toBe("요약");
    expect(wb.getWorksheet("_meta")!.state).toBe("veryHidden");
    for (const name of departments) {
      const ws = wb.getWorksheet(name)!;
      expect(ws, name).toBeDefined();
      expect(ws.rowCount - 1, name).toBe(leads.filter((l) => l.name === name).length);
      expect(ws.getColumn(col(ws, "버전")).hidden).toBe(true);
    }
    const responses = await db.selectFrom("responses").selectAll().where("round_id", "=", roundId).execute();
    const answered = responses.find((r) => r.implemented === 0)!;
    const sheet = leads.find((l) => l.indicator_code === answered.indicator_code)!.name;
    const ws = wb.getWorksheet(sheet)!;
    const row = ws.getRow(rowOf(ws, answered.indicator_code));
    expect(row.getCell(col(ws, "시행 여부")).value).toBe("미시행");
    expect(row.getCell(col(ws, "버전")).value).toBe(answered.version);
  });

  it("is the coordinator's: members and auditors are refused", async () => {
    expect((await exportWorkbook(ids.member)).status).toBe(403);
    expect((await exportWorkbook(ids.auditor)).status).toBe(403);
  });
});

describe("importing a filled-in workbook", () => {
  async function targets() {
    const edition = (await getEdition(db, "2014-sigungu-v2"))!;
    const responses = await db.selectFrom("responses").selectAll().where("round_id", "=", roundId).execute();
    const leads = new Map(
      (
        await db
          .selectFrom("assignments as a")
          .innerJoin("departments as d", "d.id", "a.department_id")
          .select(["d.name", "a.indicator_code"])
          .where("a.round_id", "=", roundId)
          .where("a.role", "=", "lead")
          .execute()
      ).map((l) => [l.indicator_code, l.name]),
    );
    const pick = (kind: string, status: string) => {
      const indicator = edition.indicators.find(
        (i) => i.scoring.kind === kind && responses.find((r) => r.indicator_code === i.code)?.status === status,
      )!;
      return {
        indicator,
        sheet: leads.get(indicator.code)!,
        response: responses.find((r) => r.indicator_code === indicator.code)!,
      };
    };
    return {
      yesno: pick("yesno", "not_started"),
      levels: pick("levels", "draft"),
      quantitative: pick("quantitative", "not_started"),
      submitted: pick("yesno", "submitted"),
    };
  }

  it("with any error changes nothing and lists every error by sheet, row and column", async () => {
    const t = await targets();
    const wb = await load(await (await exportWorkbook(ids.coordinator)).body.arrayBuffer());
    const set = (target: typeof t.yesno, header: string, value: string | number) => setCell(wb, target, header, value);
    set(t.yesno, "시행 여부", "시행");
    set(t.yesno, "답", "예"); // valid on its own
    set(t.levels, "답", "Z"); // no such level
    set(t.quantitative, "시행 여부", "시행");
    set(t.quantitative, "입력값 1", "많음"); // not a number
    set(t.submitted, "추진 실적(서술)", "제출한 뒤 고친 내용"); // submitted: locked
    const before = await snapshot();
    const res = await upload(ids.coordinator, wb);
    expect(res.body.ok).toBe(false);
    const errors = res.body.errors.map((e: { sheet: string; row: number; letter: string; key: string }) => [
      e.sheet,
      e.row,
      e.letter,
      e.key,
    ]);
    const at = (target: typeof t.yesno, header: string) => {
      const ws = wb.getWorksheet(target.sheet)!;
      return [target.sheet, rowOf(ws, target.indicator.code), String.fromCharCode(64 + col(ws, header))];
    };
    expect(errors).toContainEqual([...at(t.levels, "답"), "excel.error.level"]);
    expect(errors).toContainEqual([...at(t.quantitative, "입력값 1"), "work.error.number"]);
    expect(errors).toContainEqual([...at(t.submitted, "시행 여부"), "excel.error.locked"]);
    expect(errors).toHaveLength(3);
    expect(await snapshot()).toEqual(before);
  });

  it("once corrected, saves only what changed, scored on the server and audited as the importing user", async () => {
    const t = await targets();
    const wb = await load(await (await exportWorkbook(ids.coordinator)).body.arrayBuffer());
    const set = (target: typeof t.yesno, header: string, value: string | number) => setCell(wb, target, header, value);
    set(t.yesno, "시행 여부", "시행");
    set(t.yesno, "답", "예");
    set(t.yesno, "현재 점수", 0); // read-only column: ignored, the server scores
    const firstLevel =
      t.levels.indicator.scoring.kind === "levels" ? t.levels.indicator.scoring.levels.at(-1)!.code : "";
    set(t.levels, "답", firstLevel);
    const before = await snapshot();
    const res = await upload(ids.coordinator, wb);
    expect(res.body.ok, JSON.stringify(res.body.errors ?? [])).toBe(true);
    expect(res.body.changed.map((c: { code: string }) => c.code).sort()).toEqual(
      [t.yesno.indicator.code, t.levels.indicator.code].sort(),
    );
    // The typed score is not read, and the answer says so (it was silently ignored before).
    expect(res.body.ignoredScores.map((r: { code: string }) => r.code)).toEqual([t.yesno.indicator.code]);
    const after = await snapshot();
    expect(after.events).toBe(before.events + 2);
    const yes = after.responses.find((r) => r.indicator_code === t.yesno.indicator.code)!;
    expect(yes).toMatchObject({
      implemented: 1,
      answer: JSON.stringify({ yes: true }),
      self_tenths: t.yesno.indicator.maxPoints * 10,
      status: "draft",
      updated_by: ids.coordinator,
    });
    const events = await db.selectFrom("audit_events").selectAll().orderBy("seq", "desc").limit(2).execute();
    expect(
      events.every((e) => e.action === "import" && e.actor_user_id === ids.coordinator && e.entity === "response"),
    ).toBe(true);
    // Everything else is exactly as it was.
    const untouched = (rows: typeof after.responses) =>
      rows.filter((r) => r.indicator_code !== t.yesno.indicator.code && r.indicator_code !== t.levels.indicator.code);
    expect(untouched(after.responses)).toEqual(untouched(before.responses));
  });

  it("refuses a row someone changed after the export, and a workbook from another round or not a workbook", async () => {
    const t = await targets();
    const wb = await load(await (await exportWorkbook(ids.coordinator)).body.arrayBuffer());
    await db
      .updateTable("responses")
      .set({ narrative: "웹에서 고친 내용", version: t.levels.response.version + 1 })
      .where("id", "=", t.levels.response.id)
      .execute();
    const ws = wb.getWorksheet(t.levels.sheet)!;
    ws.getRow(rowOf(ws, t.levels.indicator.code)).getCell(col(ws, "추진 실적(서술)")).value = "엑셀에서 고친 내용";
    const before = await snapshot();
    const res = await upload(ids.coordinator, wb);
    expect(res.body.errors.map((e: { key: string }) => e.key)).toEqual(["excel.error.conflict"]);
    expect(await snapshot()).toEqual(before);

    wb.getWorksheet("_meta")!.getRow(1).getCell(2).value = roundId + 1000;
    expect((await upload(ids.coordinator, wb)).body.errors[0].key).toBe("excel.error.otherRound");
    expect(
      (await upload(ids.coordinator, new TextEncoder().encode("코드,점수\n1,2"), "가짜.xlsx")).body.errors[0].key,
    ).toBe("excel.error.notXlsx");
    expect((await upload(ids.member, wb)).status).toBe(403);
  });
});
