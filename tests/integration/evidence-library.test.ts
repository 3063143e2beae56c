// The department's evidence library (docs/decisions/036) against a real database (SQLite, and PostgreSQL with
// TEST_PG_URL): one content stored once and linked to several indicators, unlinking one keeps the others, who may see
// and change which library, locked rounds refused with 409, every change audited and the state replay still clean,
// and the next round offered last round's links.
import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { nowIso } from "#db/connection";
import type { Indicator } from "#indicators/schema";
import { translate } from "~/i18n";
import { loader as downloadLoader } from "~/routes/evidence.library.$fileId";
import { action as indicatorAction, loader as indicatorLoader } from "~/routes/rounds.$roundId.indicators.$code";
import { action as libraryAction, loader as libraryLoader } from "~/routes/rounds.$roundId.library";
import { verifyAudit } from "~/utils/audit-replay.server";
import { getEdition } from "~/utils/editions.server";
import { env } from "~/utils/env.server";
import { createRound } from "~/utils/round-admin.server";
import {
  cookieFor,
  createDepartment,
  createInstitution,
  createUser,
  db,
  outcome,
  requestAs,
  routeArgs,
} from "../utils";

const EDITION = "2014-sigungu-v2";
let bsc: Indicator[];
let other: Indicator;
let inst: { id: number }, planning: { id: number }, civil: { id: number };
let clerk: { id: number }, civilClerk: { id: number }, coordinator: { id: number }, auditor: { id: number };
let outsider: { id: number };
let round: { id: number };

// A tiny but real PDF: the content check reads its first bytes.
const REGULATION = `%PDF-1.4\n% 가나구 성과관리(BSC) 운영 규정 ${Date.now()}\n%%EOF\n`;

const libraryUrl = (roundId: number, department?: number) =>
  `/rounds/${roundId}/library${department ? `?department=${department}` : ""}`;

async function loadLibrary(userId: number, roundId = round.id, department?: number) {
  return outcome(async () =>
    libraryLoader(routeArgs(await requestAs(userId, libraryUrl(roundId, department)), { roundId: String(roundId) })),
  );
}
async function postLibrary(userId: number, form: Record<string, string | string[]>, roundId = round.id, dept?: number) {
  return outcome(async () =>
    libraryAction(routeArgs(await requestAs(userId, libraryUrl(roundId, dept), form), { roundId: String(roundId) })),
  );
}
async function uploadToLibrary(userId: number, codes: string[], bytes = REGULATION, roundId = round.id) {
  const form = new FormData();
  form.append("title", "성과관리(BSC) 운영 규정");
  for (const c of codes) form.append("codes", c);
  form.append("file", new File([bytes], "BSC 운영규정.pdf"));
  const request = new Request(`http://localhost${libraryUrl(roundId)}`, {
    method: "POST",
    headers: { Cookie: await cookieFor(userId) },
    body: form,
  });
  return outcome(async () => libraryAction(routeArgs(request, { roundId: String(roundId) })));
}
async function indicatorPage(userId: number, code: string, roundId = round.id) {
  return outcome(async () =>
    indicatorLoader(
      routeArgs(await requestAs(userId, `/rounds/${roundId}/indicators/${code}`), { roundId: String(roundId), code }),
    ),
  );
}
async function download(userId: number, fileId: number) {
  return outcome(async () =>
    downloadLoader(routeArgs(await requestAs(userId, `/evidence/library/${fileId}`), { fileId: String(fileId) })),
  );
}

const libraryRows = () => db.selectFrom("library_files").selectAll().where("institution_id", "=", inst.id).execute();
const liveLinks = (roundId = round.id) =>
  db
    .selectFrom("evidence as e")
    .innerJoin("responses as r", "r.id", "e.response_id")
    .select(["e.id", "e.library_file_id", "r.indicator_code", "e.file_sha256"])
    .where("r.round_id", "=", roundId)
    .where("e.deleted_at", "is", null)
    .where("e.library_file_id", "is not", null)
    .execute();
const storedFiles = () =>
  fs.existsSync(env.uploadDir)
    ? fs
        .readdirSync(env.uploadDir, { recursive: true })
        .map(String)
        .filter((f) => /[0-9a-f]{64}$/.test(f) && !f.includes(".tmp"))
    : [];
const events = async (entity: string, action: string) =>
  (
    await db
      .selectFrom("audit_events")
      .select(["entity_id", "after_json", "before_json"])
      .where("institution_id", "=", inst.id)
      .where("entity", "=", entity)
      .where("action", "=", action)
      .execute()
  ).length;
const ko = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
  translate("ko", key, params);

beforeAll(async () => {
  const edition = (await getEdition(db, EDITION))!;
  bsc = edition.indicators.filter((i) => (i.tags ?? []).includes("bsc"));
  expect(bsc).toHaveLength(4);
  other = edition.indicators.find((i) => !(i.tags ?? []).includes("bsc"))!;
  inst = await createInstitution("자료구");
  planning = await createDepartment(inst.id, "기획예산과");
  civil = await createDepartment(inst.id, "민원여권과");
  const elsewhere = await createInstitution("타기관구");
  const elsewhereDept = await createDepartment(elsewhere.id, "총무과");
  clerk = await createUser({ role: "department_member", institutionId: inst.id, departmentId: planning.id });
  civilClerk = await createUser({ role: "department_member", institutionId: inst.id, departmentId: civil.id });
  coordinator = await createUser({ role: "coordinator", institutionId: inst.id, departmentId: civil.id });
  auditor = await createUser({ role: "auditor", institutionId: inst.id });
  outsider = await createUser({
    role: "department_member",
    institutionId: elsewhere.id,
    departmentId: elsewhereDept.id,
  });
  const now = nowIso();
  round = await db
    .insertInto("rounds")
    .values({
      institution_id: inst.id,
      edition_id: EDITION,
      year: 2014,
      title: "2014 자율진단",
      state: "open",
      deadline_at: "2014-08-29T09:00:00.000Z",
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const i of bsc)
    await db
      .insertInto("assignments")
      .values({ round_id: round.id, indicator_code: i.code, department_id: planning.id, role: "lead", created_at: now })
      .execute();
  await db
    .insertInto("assignments")
    .values({ round_id: round.id, indicator_code: other.code, department_id: civil.id, role: "lead", created_at: now })
    .execute();
});

describe("evidence library", () => {
  let fileId: number;

  it("stores the BSC regulation once and links it to the four BSC indicators in one step", async () => {
    const filesBefore = storedFiles().length;
    const res = await uploadToLibrary(
      clerk.id,
      bsc.map((i) => i.code),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, notice: { key: "library.upload.done", params: { count: 4 } } });
    const rows = await libraryRows();
    expect(rows).toHaveLength(1);
    fileId = rows[0].id;
    expect(rows[0].department_id).toBe(planning.id);
    const links = await liveLinks();
    expect(links.map((l) => l.indicator_code).sort()).toEqual(bsc.map((i) => i.code).sort());
    expect(new Set(links.map((l) => l.library_file_id))).toEqual(new Set([fileId]));
    expect(new Set(links.map((l) => l.file_sha256))).toEqual(new Set([rows[0].sha256]));
    expect(storedFiles().length).toBe(filesBefore + 1);

    // Each indicator page shows it, marked as the library's, and its response became a draft.
    for (const i of bsc) {
      const page = await indicatorPage(clerk.id, i.code);
      expect(page.body.evidence).toHaveLength(1);
      expect(page.body.evidence[0]).toMatchObject({ libraryFileId: fileId, title: "성과관리(BSC) 운영 규정" });
      expect(page.body.response.status).toBe("draft");
    }
  });

  it("uploading the same content again stores nothing new and keeps one library file", async () => {
    const filesBefore = storedFiles().length;
    const res = await uploadToLibrary(clerk.id, []);
    expect(res.body).toMatchObject({ ok: true, notice: { key: "library.upload.same" } });
    expect(await libraryRows()).toHaveLength(1);
    expect(storedFiles().length).toBe(filesBefore);
  });

  it("the library page lists the file with its four links, and the file downloads", async () => {
    const page = await loadLibrary(clerk.id);
    expect(page.status).toBe(200);
    expect(page.body.department).toMatchObject({ id: planning.id, name: "기획예산과" });
    expect(page.body.editable).toBe(true);
    expect(page.body.files).toHaveLength(1);
    expect(page.body.files[0].current).toEqual(bsc.map((i) => i.code));
    const got = await download(clerk.id, fileId);
    expect(got.status).toBe(200);
    expect(await (got.body as Response).text()).toBe(REGULATION);
  });

  it("unlinking one indicator removes only that link; the others and the stored content stay", async () => {
    const [first, ...rest] = bsc;
    const deletesBefore = await events("evidence", "delete");
    const res = await postLibrary(clerk.id, { intent: "unlink", fileId: String(fileId), code: first.code });
    expect(res.status).toBe(200);
    expect((await indicatorPage(clerk.id, first.code)).body.evidence).toEqual([]);
    for (const i of rest) expect((await indicatorPage(clerk.id, i.code)).body.evidence).toHaveLength(1);
    expect(await libraryRows()).toHaveLength(1);
    expect((await download(clerk.id, fileId)).status).toBe(200);
    expect(await events("evidence", "delete")).toBe(deletesBefore + 1);
    // Unlinking twice: nothing left to unlink.
    expect((await postLibrary(clerk.id, { intent: "unlink", fileId: String(fileId), code: first.code })).status).toBe(
      404,
    );
  });

  it("attaches from the library on the indicator page, and not twice", async () => {
    const code = bsc[0].code;
    const page = await indicatorPage(clerk.id, code);
    expect(page.body.library.choices).toEqual([expect.objectContaining({ id: fileId, lastRound: false })]);
    const post = async () =>
      outcome(async () =>
        indicatorAction(
          routeArgs(
            await requestAs(clerk.id, `/rounds/${round.id}/indicators/${code}`, {
              intent: "linkLibrary",
              fileId: String(fileId),
            }),
            { roundId: String(round.id), code },
          ),
        ),
      );
    expect((await post()).status).toBe(200);
    expect((await indicatorPage(clerk.id, code)).body.evidence).toHaveLength(1);
    expect((await indicatorPage(clerk.id, code)).body.library.choices).toEqual([]);
    expect((await post()).status).toBe(200);
    expect((await liveLinks()).filter((l) => l.indicator_code === code)).toHaveLength(1);
  });

  it("an upload on an indicator page lands in the department's library and can be linked elsewhere", async () => {
    const form = new FormData();
    form.append("intent", "upload");
    form.append("title", "목표 공유 회의록");
    form.append("file", new File([`%PDF-1.4\n% 회의록 ${Date.now()}\n`], "회의록.pdf"));
    const code = bsc[1].code;
    const request = new Request(`http://localhost/rounds/${round.id}/indicators/${code}`, {
      method: "POST",
      headers: { Cookie: await cookieFor(clerk.id) },
      body: form,
    });
    const res = await outcome(async () => indicatorAction(routeArgs(request, { roundId: String(round.id), code })));
    expect(res.status).toBe(200);
    const rows = await libraryRows();
    expect(rows.map((r) => r.title).sort()).toEqual(["목표 공유 회의록", "성과관리(BSC) 운영 규정"]);
    const minutes = rows.find((r) => r.title === "목표 공유 회의록")!;
    expect((await indicatorPage(clerk.id, bsc[2].code)).body.library.choices.map((c: { id: number }) => c.id)).toEqual([
      minutes.id,
    ]);
  });

  describe("who may see and change which library", () => {
    it("department staff see only their own department's library", async () => {
      expect((await loadLibrary(civilClerk.id)).body.department.id).toBe(civil.id);
      expect((await loadLibrary(civilClerk.id)).body.files).toEqual([]);
      expect((await loadLibrary(civilClerk.id, round.id, planning.id)).status).toBe(403);
      expect((await download(civilClerk.id, fileId)).status).toBe(403);
      expect((await loadLibrary(outsider.id, round.id, planning.id)).status).toBe(404);
      expect((await download(outsider.id, fileId)).status).toBe(404);
    });

    it("another department cannot link a file to its indicators, nor the file's department to someone else's", async () => {
      const before = await liveLinks();
      // The civil clerk posting to the planning library: 403 before anything is read.
      expect(
        (
          await postLibrary(
            civilClerk.id,
            { intent: "link", fileId: String(fileId), codes: [other.code] },
            round.id,
            planning.id,
          )
        ).status,
      ).toBe(403);
      // The civil clerk's own library page does not hold the planning file: 404.
      expect(
        (await postLibrary(civilClerk.id, { intent: "link", fileId: String(fileId), codes: [other.code] })).status,
      ).toBe(404);
      // The planning clerk linking to the civil department's indicator: refused, naming it.
      const res = await postLibrary(clerk.id, {
        intent: "link",
        fileId: String(fileId),
        codes: [bsc[0].code, other.code],
      });
      expect(res.status).toBe(403);
      expect(ko(res.body.error.key, res.body.error.params)).toBe(`우리 부서 지표가 아닙니다: ${other.code}`);
      // From the civil indicator's page, the planning library's file cannot be attached.
      const attach = await outcome(async () =>
        indicatorAction(
          routeArgs(
            await requestAs(civilClerk.id, `/rounds/${round.id}/indicators/${other.code}`, {
              intent: "linkLibrary",
              fileId: String(fileId),
            }),
            { roundId: String(round.id), code: other.code },
          ),
        ),
      );
      expect(attach.status).toBe(404);
      expect(await liveLinks()).toEqual(before);
    });

    it("auditors read every library but change none", async () => {
      const page = await loadLibrary(auditor.id, round.id, planning.id);
      expect(page.status).toBe(200);
      expect(page.body.files.length).toBeGreaterThan(0);
      expect(page.body.mayChange).toBe(false);
      expect(page.body.departments.map((d: { id: number }) => d.id).sort()).toEqual([planning.id, civil.id].sort());
      expect((await download(auditor.id, fileId)).status).toBe(200);
      const before = await liveLinks();
      expect(
        (
          await postLibrary(
            auditor.id,
            { intent: "unlink", fileId: String(fileId), code: bsc[2].code },
            round.id,
            planning.id,
          )
        ).status,
      ).toBe(403);
      expect(await liveLinks()).toEqual(before);
    });

    it("coordinators see and change every department's library", async () => {
      const page = await loadLibrary(coordinator.id, round.id, planning.id);
      expect(page.body.mayChange).toBe(true);
      const res = await postLibrary(
        coordinator.id,
        { intent: "unlink", fileId: String(fileId), code: bsc[3].code },
        round.id,
        planning.id,
      );
      expect(res.status).toBe(200);
      const again = await postLibrary(
        coordinator.id,
        { intent: "link", fileId: String(fileId), codes: [bsc[3].code] },
        round.id,
        planning.id,
      );
      expect(again.body).toMatchObject({ ok: true, notice: { key: "library.linked" } });
    });
  });

  it("a handed-in indicator keeps its evidence: linking to it or unlinking it answers 409, naming it", async () => {
    const target = bsc[2];
    const s = target.scoring;
    const fields: Record<string, string> = {
      intent: "submit",
      version: String((await indicatorPage(clerk.id, target.code)).body.response.version),
      implemented: "yes",
      narrative: "부서별 목표를 BSC에 반영함",
    };
    if (s.kind === "yesno") fields.yes = "yes";
    if (s.kind === "levels") fields.level = s.levels[0].code;
    if (s.kind === "quantitative") for (const i of s.inputs) fields[`inputs.${i.key}`] = "100";
    const submitted = await outcome(async () =>
      indicatorAction(
        routeArgs(await requestAs(clerk.id, `/rounds/${round.id}/indicators/${target.code}`, fields), {
          roundId: String(round.id),
          code: target.code,
        }),
      ),
    );
    expect(submitted.status).toBe(200);
    const before = await liveLinks();
    const unlink = await postLibrary(clerk.id, { intent: "unlink", fileId: String(fileId), code: target.code });
    expect(unlink.status).toBe(409);
    expect(ko(unlink.body.error.key, unlink.body.error.params)).toBe(
      `제출되었거나 승인된 지표는 증빙을 바꿀 수 없습니다: ${target.code}`,
    );
    const minutes = (await libraryRows()).find((r) => r.title === "목표 공유 회의록")!;
    const link = await postLibrary(clerk.id, {
      intent: "link",
      fileId: String(minutes.id),
      codes: [bsc[0].code, target.code],
    });
    expect(link.status).toBe(409);
    expect(await liveLinks()).toEqual(before);
  });

  it("recorded every change in the audit log, and the state replay stays clean", async () => {
    expect(await events("library_file", "add")).toBe(2);
    expect(await events("evidence", "add")).toBeGreaterThanOrEqual(7);
    const verdict = await verifyAudit(db);
    expect(verdict.problems).toEqual([]);
    expect(verdict.ok).toBe(true);
  });

  it("a round that is not open refuses linking, unlinking and uploads with 409, changing nothing", async () => {
    await db.updateTable("rounds").set({ state: "submitted" }).where("id", "=", round.id).execute();
    try {
      const links = await liveLinks();
      const files = storedFiles().length;
      const link = await postLibrary(clerk.id, { intent: "link", fileId: String(fileId), codes: [bsc[0].code] });
      expect(link.status).toBe(409);
      expect(ko(link.body.error.key)).toMatch(/회차/);
      expect(
        (await postLibrary(clerk.id, { intent: "unlink", fileId: String(fileId), code: bsc[0].code })).status,
      ).toBe(409);
      const upload = await uploadToLibrary(clerk.id, [bsc[0].code], `%PDF-1.4\n% 다른 파일 ${Date.now()}\n`);
      expect(upload.status).toBe(409);
      expect(await liveLinks()).toEqual(links);
      expect(storedFiles().length).toBe(files);
      expect((await loadLibrary(clerk.id)).body.editable).toBe(false);
    } finally {
      await db.updateTable("rounds").set({ state: "open" }).where("id", "=", round.id).execute();
    }
  });

  it("the next round offers last round's links, and takes them in one step", async () => {
    const actor = {
      userId: coordinator.id,
      isSystemAdmin: false,
      memberships: [{ institutionId: inst.id, role: "coordinator" as const, departmentId: civil.id }],
    };
    const created = await createRound(db, actor, inst.id, {
      intent: "createRound",
      year: 2015,
      editionId: EDITION,
      title: "2015 자율진단",
      deadline: "2015-08-28T18:00",
      carryOver: "assignments",
    });
    expect(created.ok).toBe(true);
    const next = created.roundId!;
    await db.updateTable("rounds").set({ state: "open" }).where("id", "=", next).execute();
    const page = await loadLibrary(clerk.id, next);
    expect(page.body.previousTitle).toBe("2014 자율진단");
    const regulation = page.body.files.find((f: { id: number }) => f.id === fileId);
    expect(regulation.current).toEqual([]);
    expect(regulation.offer).toEqual(bsc.map((i) => i.code));
    expect(regulation.others).toEqual([
      { roundTitle: "2014 자율진단", codes: expect.arrayContaining(bsc.map((i) => i.code)) },
    ]);
    // The indicator page marks it as last year's.
    expect((await indicatorPage(clerk.id, bsc[0].code, next)).body.library.choices[0]).toMatchObject({
      id: fileId,
      lastRound: true,
    });
    const res = await postLibrary(clerk.id, { intent: "link", fileId: String(fileId), codes: regulation.offer }, next);
    expect(res.status).toBe(200);
    expect((await liveLinks(next)).map((l) => l.indicator_code).sort()).toEqual(bsc.map((i) => i.code).sort());
    // Last round's links are untouched.
    expect((await liveLinks()).filter((l) => l.library_file_id === fileId)).toHaveLength(4);
    expect((await verifyAudit(db)).problems).toEqual([]);
  });
});
