// A department's work against a real SQLite database: who may read and change which response, evidence and file;
// saving with the version check; hand-in; read-only states; notices.
import fs from "node:fs";
import { beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  // A small upload limit so the oversize refusal is cheap to test.
  process.env.UPLOAD_MAX_MB = "1";
});

import { nowIso } from "#db/connection";
import type { Indicator } from "#indicators/schema";
import { toTenths } from "#indicators/points";
import { formValuesFromDraft, draftFromRow } from "~/domain/response-rules";
import { type MessageKey, translate } from "~/i18n";
import { loader as evidenceLoader } from "~/routes/evidence.$evidenceId";
import { action as noticesAction, loader as noticesLoader } from "~/routes/notices";
import { action as indicatorAction, loader as indicatorLoader } from "~/routes/rounds.$roundId.indicators.$code";
import { action as workAction } from "~/routes/rounds.$roundId.work";
import { env } from "~/utils/env.server";
import { getEdition } from "~/utils/editions.server";
import {
  cookieFor,
  createDepartment,
  createInstitution,
  createUser,
  db,
  requestAs,
  routeArgs,
  outcome,
} from "../utils";

const EDITION = "2014-sigungu-v2";
let round: { id: number };
let otherRound: { id: number };
let yesno: Indicator, levels: Indicator, quant: Indicator, spare: Indicator, supportOnly: Indicator;
let inst: { id: number }, deptA: { id: number }, deptB: { id: number };
let memberA: { id: number },
  memberB: { id: number },
  coordinator: { id: number },
  auditor: { id: number },
  outsider: { id: number };

async function assign(roundId: number, code: string, departmentId: number, role: "lead" | "support" = "lead") {
  await db
    .insertInto("assignments")
    .values({ round_id: roundId, indicator_code: code, department_id: departmentId, role, created_at: nowIso() })
    .execute();
}

const page = (code: string, r = round.id) => `/rounds/${r}/indicators/${encodeURIComponent(code)}`;
const params = (code: string, r = round.id) => ({ roundId: String(r), code });

async function load(userId: number, code: string, r = round.id) {
  return outcome(async () => indicatorLoader(routeArgs(await requestAs(userId, page(code, r)), params(code, r))));
}
async function post(userId: number, code: string, form: Record<string, string>, r = round.id) {
  return outcome(async () => indicatorAction(routeArgs(await requestAs(userId, page(code, r), form), params(code, r))));
}
async function upload(userId: number, code: string, file: { name: string; bytes: Uint8Array | string }, title = "") {
  const form = new FormData();
  form.append("intent", "upload");
  form.append("title", title);
  form.append("file", new File([file.bytes as BlobPart], file.name));
  const request = new Request(`http://localhost${page(code)}`, {
    method: "POST",
    headers: { Cookie: await cookieFor(userId) },
    body: form,
  });
  return outcome(async () => indicatorAction(routeArgs(request, params(code))));
}

const responseOf = (code: string, r = round.id) =>
  db
    .selectFrom("responses")
    .selectAll()
    .where("round_id", "=", r)
    .where("indicator_code", "=", code)
    .executeTakeFirst();
const eventCount = async () =>
  Number(
    (
      await db
        .selectFrom("audit_events")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
const storedFiles = () =>
  fs.existsSync(env.uploadDir)
    ? fs
        .readdirSync(env.uploadDir, { recursive: true })
        .filter((f) => String(f).length > 60 && !String(f).includes(".tmp"))
    : [];

/** The form fields a complete, implemented answer of the indicator posts. */
function completeAnswer(indicator: Indicator, version: number): Record<string, string> {
  const s = indicator.scoring;
  const fields: Record<string, string> = {
    intent: "save",
    version: String(version),
    implemented: "yes",
    narrative: "2014년 추진 실적",
  };
  if (s.kind === "yesno") fields.yes = "yes";
  if (s.kind === "levels") fields.level = s.levels[0].code;
  if (s.kind === "quantitative") for (const i of s.inputs) fields[`inputs.${i.key}`] = "100";
  return fields;
}

const PDF = "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);

beforeAll(async () => {
  const edition = (await getEdition(db, EDITION))!;
  expect(edition).toBeTruthy();
  const byKind = (kind: string) => edition.indicators.filter((i) => i.scoring.kind === kind);
  [yesno] = byKind("yesno");
  [levels, spare, supportOnly] = byKind("levels");
  [quant] = byKind("quantitative");
  expect(yesno && levels && quant && spare && supportOnly).toBeTruthy();

  inst = await createInstitution("가나구");
  deptA = await createDepartment(inst.id, "정책기획담당관");
  deptB = await createDepartment(inst.id, "자치행정과");
  const other = await createInstitution("다라구");
  const deptC = await createDepartment(other.id, "총무과");
  memberA = await createUser({ role: "department_member", institutionId: inst.id, departmentId: deptA.id });
  memberB = await createUser({ role: "department_member", institutionId: inst.id, departmentId: deptB.id });
  coordinator = await createUser({ role: "coordinator", institutionId: inst.id, departmentId: deptB.id });
  auditor = await createUser({ role: "auditor", institutionId: inst.id });
  outsider = await createUser({ role: "department_member", institutionId: other.id, departmentId: deptC.id });
  const now = nowIso();
  const roundRow = {
    edition_id: EDITION,
    year: 2014,
    title: "2014 자율진단",
    state: "open" as const,
    deadline_at: "2014-08-29T09:00:00.000Z",
    created_at: now,
    updated_at: now,
  };
  round = await db
    .insertInto("rounds")
    .values({ ...roundRow, institution_id: inst.id })
    .returning("id")
    .executeTakeFirstOrThrow();
  otherRound = await db
    .insertInto("rounds")
    .values({ ...roundRow, institution_id: other.id })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const i of [yesno, levels, quant]) await assign(round.id, i.code, deptA.id);
  await assign(round.id, spare.code, deptB.id);
  await assign(round.id, supportOnly.code, deptB.id);
  await assign(round.id, supportOnly.code, deptA.id, "support");
  await assign(otherRound.id, levels.code, deptC.id);
});

describe("who may read an indicator", () => {
  it("lets the assigned department, the coordinator and the auditor read; another department gets 403, another institution 404", async () => {
    const mine = await load(memberA.id, levels.code);
    expect(mine.status).toBe(200);
    expect(mine.body.lock).toBeNull();
    expect(mine.body.indicator.code).toBe(levels.code);
    expect((await load(memberB.id, levels.code)).status).toBe(403);
    expect((await load(outsider.id, levels.code)).status).toBe(404);
    const coord = await load(coordinator.id, levels.code);
    expect(coord.status).toBe(200);
    // The coordinator records answers for every department (as the Excel import does), without leading any.
    expect(coord.body.lock).toBeNull();
    expect(coord.body.role).toBeNull();
    expect((await load(auditor.id, levels.code)).status).toBe(200);
    expect((await load(memberA.id, "no-such-code")).status).toBe(404);
    expect((await load(memberA.id, levels.code, 999999)).status).toBe(404);
    // Another institution's round, even for an indicator code the member has in their own round.
    expect((await load(memberA.id, levels.code, otherRound.id)).status).toBe(404);
  });
});

describe("saving a response", () => {
  it("saves a draft, scores it on the server (ignoring any score sent) and writes its audit event", async () => {
    const before = await eventCount();
    const fields = { ...completeAnswer(levels, 0), self_tenths: "9999", selfTenths: "9999" };
    const saved = await post(memberA.id, levels.code, fields);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ ok: true, version: 1, status: "draft" });
    const row = (await responseOf(levels.code))!;
    const max = toTenths(levels.maxPoints);
    const top = levels.scoring.kind === "levels" ? Math.round(levels.scoring.levels[0].fraction * max) : -1;
    expect(row).toMatchObject({
      status: "draft",
      version: 1,
      implemented: 1,
      self_tenths: top,
      updated_by: memberA.id,
    });
    expect(JSON.parse(row.answer!)).toEqual({
      level: levels.scoring.kind === "levels" ? levels.scoring.levels[0].code : "",
    });
    expect(await eventCount()).toBe(before + 1);
    const event = await db
      .selectFrom("audit_events")
      .selectAll()
      .orderBy("seq", "desc")
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({
      entity: "response",
      entity_id: String(row.id),
      action: "create",
      actor_user_id: memberA.id,
      round_id: round.id,
    });
  });

  it("gives a stale save the conflict with both versions and overwrites nothing", async () => {
    const v1 = (await responseOf(levels.code))!;
    const second = await post(memberA.id, levels.code, {
      ...completeAnswer(levels, v1.version),
      narrative: "두 번째 저장",
    });
    expect(second.body).toMatchObject({ ok: true, version: v1.version + 1 });
    const events = await eventCount();
    // A second person still holds the form of version 1.
    const stale = await post(memberA.id, levels.code, {
      ...completeAnswer(levels, v1.version),
      narrative: "오래된 화면에서 저장",
    });
    expect(stale.status).toBe(409);
    expect(stale.body.reason).toBe("conflict");
    expect(stale.body.theirs).toMatchObject({
      version: v1.version + 1,
      draft: { narrative: "두 번째 저장" },
      updatedBy: "테스트 사용자",
    });
    expect(stale.body.mine.narrative).toBe("오래된 화면에서 저장");
    const after = (await responseOf(levels.code))!;
    expect(after.narrative).toBe("두 번째 저장");
    expect(after.version).toBe(v1.version + 1);
    expect(await eventCount()).toBe(events);
  });

  it("refuses another department's save with 403 and another institution's with 404, changing nothing", async () => {
    const before = (await responseOf(levels.code))!;
    const events = await eventCount();
    expect((await post(memberB.id, levels.code, completeAnswer(levels, before.version))).status).toBe(403);
    expect((await post(auditor.id, levels.code, completeAnswer(levels, before.version))).status).toBe(403);
    expect((await post(outsider.id, levels.code, completeAnswer(levels, before.version))).status).toBe(404);
    expect(await responseOf(levels.code)).toEqual(before);
    expect(await eventCount()).toBe(events);
  });

  it("rejects bad input with a Korean message naming the field and changes nothing", async () => {
    if (quant.scoring.kind !== "quantitative") throw new Error("expected a quantitative indicator");
    const [first] = quant.scoring.inputs;
    const events = await eventCount();
    const bad = await post(memberA.id, quant.code, { ...completeAnswer(quant, 0), [`inputs.${first.key}`]: "열두" });
    expect(bad.status).toBe(400);
    const error = bad.body.errors[`inputs.${first.key}`];
    expect(error.key).toBe("work.error.number");
    expect(translate("ko", error.key, { field: first.label })).toBe(`${first.label}: 숫자만 입력하세요.`);
    expect(bad.body.values[`inputs.${first.key}`]).toBe("열두");
    const negative = await post(memberA.id, quant.code, { ...completeAnswer(quant, 0), [`inputs.${first.key}`]: "-3" });
    expect(negative.body.errors[`inputs.${first.key}`].key).toBe("work.error.negative");
    const level = await post(memberA.id, levels.code, { ...completeAnswer(levels, 99), level: "Z9" });
    expect(level.body.errors.level.key).toBe("work.error.levelUnknown");
    const choice = await post(memberA.id, yesno.code, { ...completeAnswer(yesno, 0), implemented: "maybe" });
    expect(choice.body.errors.implemented.key).toBe("work.error.choice");
    expect(await responseOf(quant.code)).toBeUndefined();
    expect(await responseOf(yesno.code)).toBeUndefined();
    expect(await eventCount()).toBe(events);
  });

  it("scores a quantitative answer from the edition's formula and a not-implemented answer as 0", async () => {
    const saved = await post(memberA.id, quant.code, completeAnswer(quant, 0));
    expect(saved.body).toMatchObject({ ok: true });
    expect((await responseOf(quant.code))!.self_tenths).toEqual(saved.body.selfTenths);
    expect(typeof saved.body.selfTenths).toBe("number");
    const no = await post(memberA.id, yesno.code, {
      intent: "save",
      version: "0",
      implemented: "no",
      narrative: "미도입",
    });
    expect(no.body).toMatchObject({ ok: true, selfTenths: 0 });
  });

  it("lets a supporting department save but not submit", async () => {
    const saved = await post(memberA.id, supportOnly.code, completeAnswer(supportOnly, 0));
    expect(saved.body).toMatchObject({ ok: true });
    const submit = await post(memberA.id, supportOnly.code, { ...completeAnswer(supportOnly, 1), intent: "submit" });
    expect(submit.status).toBe(403);
    expect(submit.body).toMatchObject({ reason: "locked", lock: "not-lead" });
    expect((await responseOf(supportOnly.code))!.status).toBe("draft");
  });

  it("lets the coordinator save another department's answer, recorded as theirs, but not hand it in", async () => {
    // An indicator 정책기획담당관 (deptA) leads; the coordinator belongs to 자치행정과 (deptB).
    const extra = (await getEdition(db, EDITION))!.indicators.filter((i) => i.scoring.kind === "levels")[3];
    await assign(round.id, extra.code, deptA.id);
    // A draft without its level yet (so the department's "submit all finished" later leaves it alone).
    const saved = await post(coordinator.id, extra.code, {
      intent: "save",
      version: "0",
      implemented: "yes",
      level: "",
      narrative: "총괄 담당이 취합해 입력",
    });
    expect(saved.body).toMatchObject({ ok: true, version: 1 });
    const after = (await responseOf(extra.code))!;
    expect(after).toMatchObject({ narrative: "총괄 담당이 취합해 입력", updated_by: coordinator.id, status: "draft" });
    const submit = await post(coordinator.id, extra.code, {
      ...completeAnswer(extra, after.version),
      intent: "submit",
    });
    expect(submit.status).toBe(403);
    expect(submit.body).toMatchObject({ reason: "locked", lock: "not-lead" });
    expect((await responseOf(extra.code))!.status).toBe("draft");
  });
});

describe("evidence", () => {
  let fileEvidenceId: number;

  it("stores an uploaded PDF by content hash and serves it only to those who may see the indicator, under its Korean name", async () => {
    const name = "2014년_성과관리_계획(안).pdf";
    const added = await upload(memberA.id, levels.code, { name, bytes: PDF });
    expect(added.status).toBe(200);
    expect(added.body).toEqual({ intent: "upload", ok: true });
    const row = await db.selectFrom("evidence").selectAll().orderBy("id", "desc").limit(1).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      kind: "file",
      title: name,
      file_name: name,
      file_mime: "application/pdf",
      file_size: PDF.length,
      created_by: memberA.id,
    });
    fileEvidenceId = row.id;
    const event = await db
      .selectFrom("audit_events")
      .selectAll()
      .orderBy("seq", "desc")
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({ entity: "evidence", entity_id: String(row.id), action: "add" });

    const download = async (userId: number) =>
      outcome(async () =>
        evidenceLoader(routeArgs(await requestAs(userId, `/evidence/${row.id}`), { evidenceId: String(row.id) })),
      );
    const ok = await download(memberA.id);
    expect(ok.status).toBe(200);
    const response = ok.body as Response;
    const disposition = response.headers.get("Content-Disposition")!;
    expect(disposition).toMatch(/^attachment; filename="2014_+\(_\)\.pdf"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1])).toBe(name);
    expect(disposition.split("UTF-8''")[1]).not.toMatch(/[()]/);
    // nosniff is the server's, on every response (one value: tests/e2e/hardening.test.ts); the download forbids scripts.
    expect(response.headers.get("Content-Security-Policy")).toContain("default-src 'none'");
    expect(await response.text()).toBe(PDF);
    expect((await download(coordinator.id)).status).toBe(200);
    expect((await download(auditor.id)).status).toBe(200);
    expect((await download(memberB.id)).status).toBe(403);
    expect((await download(outsider.id)).status).toBe(404);
  });

  it("refuses another department's upload, link and delete with 403 and stores nothing", async () => {
    const files = storedFiles().length;
    const rows = await db.selectFrom("evidence").selectAll().execute();
    expect((await upload(memberB.id, levels.code, { name: "b.pdf", bytes: PDF + "other" })).status).toBe(403);
    expect((await upload(outsider.id, levels.code, { name: "c.pdf", bytes: PDF + "other2" })).status).toBe(404);
    expect(
      (await post(memberB.id, levels.code, { intent: "addLink", title: "x", url: "https://example.org" })).status,
    ).toBe(403);
    expect(
      (await post(memberB.id, levels.code, { intent: "deleteEvidence", evidenceId: String(fileEvidenceId) })).status,
    ).toBe(403);
    expect(storedFiles().length).toBe(files);
    expect(await db.selectFrom("evidence").selectAll().execute()).toEqual(rows);
  });

  it("refuses wrong types by content, empty and oversized files and path tricks with a clear message", async () => {
    const files = storedFiles().length;
    const count = async () => (await db.selectFrom("evidence").select("id").execute()).length;
    const before = await count();
    const cases: [string, { name: string; bytes: Uint8Array | string }, string][] = [
      ["exe", { name: "setup.exe", bytes: "MZ\x90\x00" }, "work.evidence.badType"],
      ["png named pdf", { name: "보고서.pdf", bytes: PNG }, "work.evidence.mismatch"],
      ["text named hwp", { name: "계획.hwp", bytes: "just text, not a hangul file" }, "work.evidence.mismatch"],
      ["empty", { name: "빈파일.pdf", bytes: "" }, "work.evidence.empty"],
      ["too large", { name: "큰파일.pdf", bytes: PDF + "x".repeat(env.uploadMaxBytes) }, "work.evidence.tooLarge"],
      ["path", { name: "../../etc/passwd.pdf", bytes: PDF }, "work.evidence.badName"],
      ["backslash", { name: "..\\..\\boot.pdf", bytes: PDF }, "work.evidence.badName"],
      ["bidi", { name: "report\u202Efdp.exe.pdf", bytes: PDF }, "work.evidence.badName"],
    ];
    for (const [label, file, key] of cases) {
      const result = await upload(memberA.id, levels.code, file);
      expect([400, 413], label).toContain(result.status);
      expect(result.body.errors.file.key, label).toBe(key);
      const text = translate("ko", key as MessageKey, { ...result.body.errors.file.params });
      expect(text.startsWith("파일:"), label).toBe(true);
    }
    const none = new FormData();
    none.append("intent", "upload");
    none.append("file", new File([], ""));
    const request = new Request(`http://localhost${page(levels.code)}`, {
      method: "POST",
      headers: { Cookie: await cookieFor(memberA.id) },
      body: none,
    });
    const missing = await outcome(() => indicatorAction(routeArgs(request, params(levels.code))) as Promise<unknown>);
    expect(missing.body.errors.file.key).toBe("work.evidence.noFile");
    expect(await count()).toBe(before);
    expect(storedFiles().length).toBe(files);
  });

  it("adds links and notes with their author, refuses a non-web address, and deletes softly", async () => {
    const bad = await post(memberA.id, levels.code, { intent: "addLink", title: "누리집", url: "javascript:alert(1)" });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.url.key).toBe("work.error.url");
    expect(
      (await post(memberA.id, levels.code, { intent: "addLink", title: "누리집", url: "https://www.sdm.go.kr/" })).body,
    ).toMatchObject({ ok: true });
    expect(
      (await post(memberA.id, levels.code, { intent: "addNote", title: "결재 문서", note: "전자문서시스템 보관" }))
        .body,
    ).toMatchObject({ ok: true });
    const view = await load(memberA.id, levels.code);
    expect(view.body.evidence.map((e: { kind: string }) => e.kind)).toEqual(["file", "link", "note"]);
    expect(view.body.evidence[0]).toMatchObject({ createdBy: "테스트 사용자", createdById: memberA.id });
    expect(
      (await post(memberA.id, levels.code, { intent: "deleteEvidence", evidenceId: String(fileEvidenceId) })).body,
    ).toMatchObject({ ok: true });
    const row = await db.selectFrom("evidence").selectAll().where("id", "=", fileEvidenceId).executeTakeFirstOrThrow();
    expect(row.deleted_by).toBe(memberA.id);
    expect((await load(memberA.id, levels.code)).body.evidence).toHaveLength(2);
    const gone = await outcome(async () =>
      evidenceLoader(
        routeArgs(await requestAs(memberA.id, `/evidence/${fileEvidenceId}`), { evidenceId: String(fileEvidenceId) }),
      ),
    );
    expect(gone.status).toBe(404);
  });
});

describe("handing in", () => {
  it("submits one indicator, which is then read-only for the department", async () => {
    const current = (await responseOf(levels.code))!;
    const incomplete = await post(memberA.id, levels.code, {
      intent: "submit",
      version: String(current.version),
      implemented: "yes",
      level: "",
      narrative: "",
    });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.errors.level.key).toBe("work.error.required");
    const submitted = await post(memberA.id, levels.code, {
      ...completeAnswer(levels, current.version),
      intent: "submit",
    });
    expect(submitted.body).toMatchObject({ ok: true, status: "submitted" });
    const row = (await responseOf(levels.code))!;
    expect(row.submitted_at).not.toBeNull();
    expect((await load(memberA.id, levels.code)).body.lock).toBe("submitted");
    const again = await post(memberA.id, levels.code, {
      ...completeAnswer(levels, row.version),
      narrative: "제출 후 수정",
    });
    expect(again.status).toBe(403);
    expect(again.body.reason).toBe("locked");
    expect((await post(memberA.id, levels.code, { intent: "addNote", title: "t", note: "n" })).status).toBe(409);
    expect(await responseOf(levels.code)).toEqual(row);
  });

  it("refuses a hand-in after the deadline when the round takes none, changing nothing; saving stays open", async () => {
    const saved = await db
      .selectFrom("rounds")
      .select(["deadline_at", "late_policy"])
      .where("id", "=", round.id)
      .executeTakeFirstOrThrow();
    // 2014-08-29 18:00 KST, long past.
    await db
      .updateTable("rounds")
      .set({ deadline_at: "2014-08-29T09:00:00.000Z", late_policy: "refuse" })
      .where("id", "=", round.id)
      .execute();
    try {
      const before = (await responseOf(quant.code))!;
      const events = await eventCount();
      const one = await post(memberA.id, quant.code, { ...completeAnswer(quant, before.version), intent: "submit" });
      expect(one.status).toBe(409);
      expect(one.body).toMatchObject({ ok: false, reason: "late", deadlineAt: "2014-08-29T09:00:00.000Z" });
      const all = await outcome(async () =>
        workAction(
          routeArgs(await requestAs(memberA.id, `/rounds/${round.id}/work`, { intent: "submitAll" }), {
            roundId: String(round.id),
          }),
        ),
      );
      expect(all.status).toBe(409);
      expect(all.body).toMatchObject({ submitted: [], lateRefused: "2014-08-29T09:00:00.000Z" });
      expect(await responseOf(quant.code)).toEqual(before);
      expect(await eventCount()).toBe(events);
      // The page says so before anyone tries, and a draft can still be saved.
      expect((await load(memberA.id, quant.code)).body.round).toMatchObject({ latePolicy: "refuse" });
      const draft = await post(memberA.id, quant.code, {
        ...completeAnswer(quant, before.version),
        narrative: "기한 후 보완",
      });
      expect(draft.body).toMatchObject({ ok: true, status: "draft" });
    } finally {
      await db.updateTable("rounds").set(saved).where("id", "=", round.id).execute();
    }
  });

  it("submits all finished indicators the department leads and leaves unfinished ones", async () => {
    // quant: complete draft; yesno: not implemented with a reason (complete); a new spare-like draft without answer.
    const result = await outcome(async () =>
      workAction(
        routeArgs(await requestAs(memberA.id, `/rounds/${round.id}/work`, { intent: "submitAll" }), {
          roundId: String(round.id),
        }),
      ),
    );
    expect(result.status).toBe(200);
    expect(result.body.submitted.sort()).toEqual([quant.code, yesno.code].sort());
    expect((await responseOf(quant.code))!.status).toBe("submitted");
    // The supporting department's draft is not the department's to hand in.
    expect((await responseOf(supportOnly.code))!.status).toBe("draft");
    const other = await outcome(async () =>
      workAction(
        routeArgs(await requestAs(outsider.id, `/rounds/${round.id}/work`, { intent: "submitAll" }), {
          roundId: String(round.id),
        }),
      ),
    );
    expect(other.status).toBe(404);
  });

  it("keeps a round that is not open read-only for everyone", async () => {
    await db.updateTable("rounds").set({ state: "submitted" }).where("id", "=", round.id).execute();
    try {
      const before = await responseOf(supportOnly.code);
      const view = await load(memberA.id, supportOnly.code);
      expect(view.body.lock).toBe("round-not-open");
      const save = await post(memberA.id, supportOnly.code, {
        ...completeAnswer(supportOnly, before!.version),
        narrative: "잠긴 회차",
      });
      expect(save.status).toBe(403);
      expect(await responseOf(supportOnly.code)).toEqual(before);
    } finally {
      await db.updateTable("rounds").set({ state: "open" }).where("id", "=", round.id).execute();
    }
  });
});

describe("notices", () => {
  it("tells a member about new assignments, returned indicators and a deadline three days away, until read", async () => {
    await db
      .updateTable("responses")
      .set({ status: "returned" })
      .where("round_id", "=", round.id)
      .where("indicator_code", "=", quant.code)
      .execute();
    const inThreeDays = new Date(Date.now() + 3 * 86_400_000).toISOString();
    await db.updateTable("rounds").set({ deadline_at: inThreeDays }).where("id", "=", round.id).execute();
    const notices = async (userId: number) =>
      (await outcome(async () => noticesLoader(routeArgs(await requestAs(userId, "/notices"))))).body.notices;
    const forB = await notices(memberB.id);
    expect(forB.map((n: { kind: string }) => n.kind)).toEqual(["deadline", "assigned"]);
    expect(forB[1].indicators.map((i: { code: string }) => i.code).sort()).toEqual([spare.code]);
    const forA = await notices(memberA.id);
    expect(forA.map((n: { kind: string }) => n.kind)).toEqual(["deadline", "returned"]);
    expect(forA[0]).toMatchObject({ days: 3 });
    expect(forA[1].indicators[0].code).toBe(quant.code);
    // Reading is personal: B's notices stay when A reads theirs, and a forged key is ignored.
    await outcome(async () =>
      noticesAction(
        routeArgs(await requestAs(memberA.id, "/notices", { key: [...forA[1].keys, "evil'); drop table x;--"] })),
      ),
    );
    expect((await notices(memberA.id)).map((n: { kind: string }) => n.kind)).toEqual(["deadline"]);
    expect(await notices(memberB.id)).toHaveLength(2);
    expect(await notices(coordinator.id)).toEqual([]);
  });
});

describe("form values", () => {
  it("round-trip through the stored answer", async () => {
    const row = (await responseOf(quant.code))!;
    const values = formValuesFromDraft(quant, draftFromRow(row), row.version);
    expect(values.implemented).toBe("yes");
    if (quant.scoring.kind === "quantitative")
      for (const i of quant.scoring.inputs) expect(values.inputs[i.key]).toBe("100");
  });
});
