// Importing a registry from CSV or Excel: only the system admin may, a file with any error writes nothing and says
// which row and column are wrong (in Korean), and a clean file is written whole with its audit events.
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { translate } from "~/i18n";
import { action as importAction, loader as importLoader } from "~/routes/registry.import";
import { loader as templateLoader } from "~/routes/registry.template[.]csv";
import { decodeText, importRegistry, normalizeDate, parseCsv, readRegistryFile } from "~/utils/registry-import.server";
import { cookieFor, createInstitution, createUser, db, outcome, requestAs, routeArgs, statusOf } from "../utils";

const count = async (table: "certifications" | "audit_events" | "institutions") =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function upload(userId: number, name: string, content: string | Uint8Array) {
  const form = new FormData();
  form.set("file", new File([content as BlobPart], name));
  const request = new Request("http://localhost/registry/import", {
    method: "POST",
    headers: { Cookie: await cookieFor(userId) },
    body: form,
  });
  const res = await outcome(async () => importAction(routeArgs(request)));
  return { status: res.status, body: (res.body instanceof Response ? null : res.body) as any };
}

let admin: { id: number };
let existing: { id: number };

beforeAll(async () => {
  admin = await createUser({ admin: true });
  existing = await createInstitution("서울특별시 가상구"); // region 서울특별시, type sigungu
});

const HEADER = "기관명,시도,구분,수여일,인증구분,점수,비고";

describe("who may import", () => {
  it("only the system admin: coordinators, members and auditors are refused and nothing changes", async () => {
    const inst = await createInstitution("권한구");
    const users = [
      await createUser({ role: "coordinator", institutionId: inst.id }),
      await createUser({ role: "department_member", institutionId: inst.id }),
      await createUser({ role: "auditor", institutionId: inst.id }),
    ];
    const before = await count("certifications");
    for (const user of users) {
      expect(await statusOf(async () => importLoader(routeArgs(await requestAs(user.id, "/registry/import"))))).toBe(
        403,
      );
      expect((await upload(user.id, "r.csv", `${HEADER}\n서울특별시 가상구,,,2014-12-08,신규,,\n`)).status).toBe(403);
      expect(
        await statusOf(async () => templateLoader(routeArgs(await requestAs(user.id, "/registry/template.csv")))),
      ).toBe(403);
    }
    expect(await count("certifications")).toBe(before);
  });
});

describe("all or nothing", () => {
  it("writes nothing when one row is wrong, and names every error by row and column", async () => {
    const csv = [
      HEADER,
      "서울특별시 가상구,,,2012-11-30,신규,,", // fine
      "부산광역시 새구,부산광역시,기초,2014-12-08,신규,901.5,", // fine, a new institution
      "서울특별시 가상구,,,2014-12-08,재인증,,", // fine: renews row 2 within the grace period
      "경기도 새시,경기도,,2014-13-01,재발급,1200,", // level missing, bad date, bad kind, bad score
      "부산광역시 새구,부산광역시,기초,2014-12-08,신규,,", // same institution and date as row 3
      ",서울특별시,기초,2014-12-08,신규,,", // no name
      "대전광역시 새구,대전광역시,기초,2014-12-08,재인증,,", // renewal with nothing before it
      "서울특별시 가상구,부산광역시,,2013-06-01,신규,,", // wrong region; initial while row 2's is valid
    ].join("\r\n");
    const before = [await count("certifications"), await count("institutions"), await count("audit_events")];
    const res = await upload(admin.id, "registry.csv", csv);
    // Refused like any other form: an error status, with the table of errors for the page.
    expect(res.status).toBe(422);
    expect(res.body.ok).toBe(false);
    const errors = res.body.errors as {
      row: number;
      letter: string;
      column: string;
      key: string;
      params?: Record<string, string | number>;
    }[];
    const at = errors.map(
      (e) => `${e.row}${e.letter}:${e.key.replace("registry.import.", "").replace("registry.error.", "")}`,
    );
    expect(at).toEqual([
      "5C:levelRequired",
      "5D:date",
      "5E:kind",
      "5F:score",
      "6D:duplicateInFile",
      "7A:nameRequired",
      "8E:renewalWithoutPrevious",
      "9B:regionMismatch",
    ]);
    const dup = errors.find((e) => e.key === "registry.import.duplicateInFile")!;
    expect(translate("ko", dup.key as never, dup.params)).toBe("3행과 같은 기관·같은 수여일입니다.");
    expect(errors.find((e) => e.row === 5 && e.letter === "D")!.column).toBe("수여일");
    expect([await count("certifications"), await count("institutions"), await count("audit_events")]).toEqual(before);
  });

  it("flags an initial certificate while the previous one is in force once the other errors are gone", async () => {
    const res = await upload(
      admin.id,
      "r.csv",
      `${HEADER}\n서울특별시 가상구,,,2012-11-30,신규,,\n서울특별시 가상구,,,2013-06-01,신규,,\n`,
    );
    expect(
      res.body.errors.map((e: { row: number; letter: string; key: string }) => `${e.row}${e.letter}:${e.key}`),
    ).toEqual(["3E:registry.error.initialWhileValid"]);
    expect(await count("certifications")).toBe(0);
  });

  it("writes a clean file whole: institutions, certificates and their audit events", async () => {
    const csv = [
      HEADER,
      "서울특별시 가상구,,,2012.11.30.,신규,,수여일 가정값",
      '"부산광역시 새구",부산광역시,기초,2014-12-08,신규,901.5,"메모, 쉼표 포함"',
      "서울특별시 가상구,서울특별시,기초,2014-12-08,재인증,,",
      "대구광역시,대구광역시,광역,20141208,신규,,",
      "",
    ].join("\n");
    const events = await count("audit_events");
    const res = await upload(admin.id, "registry.csv", csv);
    expect(res.body).toEqual({
      ok: true,
      certifications: 4,
      institutionsCreated: 2,
      byYear: [
        { year: 2012, count: 1 },
        { year: 2014, count: 3 },
      ],
    });
    expect(await count("certifications")).toBe(4);
    expect(await count("audit_events")).toBe(events + 2 + 4 + 1);
    const busan = await db
      .selectFrom("institutions")
      .selectAll()
      .where("name", "=", "부산광역시 새구")
      .executeTakeFirstOrThrow();
    expect(busan).toMatchObject({ region: "부산광역시", type: "sigungu" });
    expect(busan.code).toMatch(/^inst-[0-9a-f]{10}$/);
    const daegu = await db
      .selectFrom("institutions")
      .selectAll()
      .where("name", "=", "대구광역시")
      .executeTakeFirstOrThrow();
    expect(daegu.type).toBe("sido");
    const cert = await db
      .selectFrom("certifications")
      .selectAll()
      .where("institution_id", "=", busan.id)
      .executeTakeFirstOrThrow();
    expect(cert).toMatchObject({
      award_date: "2014-12-08",
      kind: "initial",
      score_tenths: 9015,
      note: "메모, 쉼표 포함",
    });
    const renewal = await db
      .selectFrom("certifications")
      .selectAll()
      .where("institution_id", "=", existing.id)
      .where("kind", "=", "renewal")
      .executeTakeFirstOrThrow();
    expect(renewal.award_date).toBe("2014-12-08");
    const importEvent = await db
      .selectFrom("audit_events")
      .selectAll()
      .where("entity", "=", "registry_import")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(importEvent.after_json!)).toMatchObject({
      file: "registry.csv",
      certifications: 4,
      institutionsCreated: 2,
    });

    // The same file again: every row is already there, and nothing is added.
    const again = await upload(admin.id, "registry.csv", csv);
    expect(again.body.ok).toBe(false);
    expect(again.body.errors.every((e: { key: string }) => e.key === "registry.import.duplicateInDb")).toBe(true);
    expect(await count("certifications")).toBe(4);
  });
});

describe("file formats", () => {
  it("reads an Excel sheet with date cells, text and formulas", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("인증현황");
    sheet.addRow(["기관명", "시도", "구분", "수여일", "인증구분", "점수"]);
    sheet.addRow(["경기도 엑셀시", "경기도", "기초", new Date(Date.UTC(2013, 11, 6)), "신규", 887.5]);
    sheet.addRow(["경기도 엑셀군", "경기도", "기초", "2013. 12. 6.", "신규", { formula: "800+5", result: 805 }]);
    sheet.addRow([]);
    const buffer = new Uint8Array(await workbook.xlsx.writeBuffer());
    const parsed = await readRegistryFile("r.xlsx", buffer);
    expect(parsed.rows.slice(0, 2).map((r) => r.cells.slice(0, 6))).toEqual([
      ["경기도 엑셀시", "경기도", "기초", "2013-12-06", "신규", "887.5"],
      ["경기도 엑셀군", "경기도", "기초", "2013. 12. 6.", "신규", "805"],
    ]);
    const res = await upload(admin.id, "인증현황.xlsx", buffer);
    expect(res.body).toMatchObject({ ok: true, certifications: 2, institutionsCreated: 2 });
  });

  it("reports Excel errors with the sheet's row numbers and column letters", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("s");
    sheet.addRow(["비고", "기관명", "수여일", "인증구분"]);
    sheet.addRow(["", "경기도 엑셀시", "어제", "신규"]);
    const sheetData = await readRegistryFile("r.xlsx", new Uint8Array(await workbook.xlsx.writeBuffer()));
    const res = await importRegistry(db, admin.id, sheetData, "r.xlsx");
    expect(res).toEqual({
      ok: false,
      errors: [{ row: 2, column: "수여일", letter: "C", key: "registry.import.date", params: undefined }],
    });
  });

  it("reads CSV saved by Korean Excel (CP949) as well as UTF-8 with a BOM", () => {
    const cp949 = Uint8Array.from(
      Buffer.from(
        "b1e2b0fcb8ed2cbdc3b5b52cb1b8bad02cbcf6bfa9c0cf2cc0cec1f5b1b8bad00d0ab0e6b1e2b5b520b0a1bbf3bdc32cb0e6b1e2b5b52cb1e2c3ca2c323031332e31322e362e2cbdc5b1d40d0a",
        "hex",
      ),
    );
    expect(parseCsv(decodeText(cp949))).toEqual({
      header: ["기관명", "시도", "구분", "수여일", "인증구분"],
      rows: [{ row: 2, cells: ["경기도 가상시", "경기도", "기초", "2013.12.6.", "신규"] }],
    });
    const bom = new TextEncoder().encode("\uFEFF기관명,수여일\n가,2014-12-08\n");
    expect(parseCsv(decodeText(bom)).header).toEqual(["기관명", "수여일"]);
  });

  it("refuses a missing required column and an unknown file type", async () => {
    const res = await upload(admin.id, "r.csv", "기관명,시도\n서울특별시 가상구,서울특별시\n");
    expect(
      res.body.errors.map((e: { key: string; params: { column: string } }) =>
        translate("ko", e.key as never, e.params),
      ),
    ).toEqual([
      "'수여일' 열이 없습니다. 첫 행에 열 제목을 적으세요.",
      "'인증구분' 열이 없습니다. 첫 행에 열 제목을 적으세요.",
    ]);
    expect((await upload(admin.id, "r.txt", "x")).body.fileError.key).toBe("registry.import.badType");
    // An .xlsx that is not a zip archive is refused by the workbook guard before exceljs reads it.
    const notZip = await upload(admin.id, "r.xlsx", "not a zip");
    expect(notZip.status).toBe(422);
    expect(notZip.body.fileError.key).toBe("xlsx.error.corrupt");
  });

  it("normalizes the date spellings offices use", () => {
    expect(normalizeDate("2014. 12. 8.")).toBe("2014-12-08");
    expect(normalizeDate("2014/12/08")).toBe("2014-12-08");
    expect(normalizeDate("20141208")).toBe("2014-12-08");
    expect(normalizeDate("41981")).toBe("2014-12-08");
    expect(normalizeDate("2014-02-29")).toBeNull();
    expect(normalizeDate("12/08/2014")).toBeNull();
  });

  it("offers a template the import accepts", async () => {
    const res = (await templateLoader(routeArgs(await requestAs(admin.id, "/registry/template.csv")))) as Response;
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const sheet = parseCsv(decodeText(new Uint8Array(await res.arrayBuffer())));
    expect(sheet.header).toEqual(["기관명", "시도", "구분", "수여일", "인증구분", "점수", "비고", "기관코드"]);
  });
});
