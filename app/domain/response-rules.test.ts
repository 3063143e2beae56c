import { describe, expect, it } from "vitest";
import type { Indicator } from "#indicators/schema";
import { translate } from "~/i18n";
import { toTenths } from "#indicators/points";
import { loadShippedEditions } from "#indicators/load";
import {
  checkEvidenceFileName,
  type Draft,
  draftFromForm,
  editLock,
  finishedForSubmit,
  formValuesFromDraft,
  isConflict,
  LinkEvidenceSchema,
  maySubmit,
  missingAnswer,
  missingForSubmit,
  nestFormFields,
  parseNumberText,
  parseStoredAnswer,
  responseFormSchema,
  scoreDraft,
  standingServerErrors,
  statusAfterSave,
  storeAnswer,
} from "./response-rules";

const base = {
  area: "1",
  item: "1.1",
  description: "설명",
  evidence: [],
  tags: [],
  ownerDepartment: "민원여권과",
  provenance: { status: "placeholder" as const, sources: [] },
};
const yesno: Indicator = {
  ...base,
  code: "1.1.1",
  title: "여부 지표",
  maxPoints: 10,
  scoring: { kind: "yesno" },
} as Indicator;
const levels: Indicator = {
  ...base,
  code: "1.1.2",
  title: "등급 지표",
  maxPoints: 7.5,
  scoring: {
    kind: "levels",
    levels: [
      { code: "A", label: "우수", fraction: 1 },
      { code: "B", label: "보통", fraction: 0.6 },
      { code: "C", label: "미흡", fraction: 0 },
    ],
  },
} as Indicator;
// The speed index: how much faster than the legal processing days complaints were actually handled.
const speed: Indicator = {
  ...base,
  code: "2.1.1",
  title: "민원처리 신속도",
  maxPoints: 20,
  scoring: {
    kind: "quantitative",
    inputs: [
      { key: "legalDays", label: "법정처리기간 합계", unit: "일" },
      { key: "actualDays", label: "실제처리기간 합계", unit: "일" },
    ],
    formula: "(legalDays - actualDays) / legalDays * 100",
    resultUnit: "%",
    bands: [
      { min: 50, fraction: 1 },
      { min: 30, fraction: 0.7 },
      { min: 10, fraction: 0.4 },
    ],
  },
} as Indicator;
const percent: Indicator = {
  ...base,
  code: "2.1.2",
  title: "비율 지표",
  maxPoints: 5,
  scoring: {
    kind: "quantitative",
    inputs: [{ key: "rate", label: "달성률", unit: "%" }],
    formula: "rate",
    resultUnit: "%",
    bands: [{ min: 90, fraction: 1 }],
  },
} as Indicator;

const draft = (implemented: boolean | null, answer: Draft["answer"] = {}, narrative = ""): Draft => ({
  implemented,
  answer,
  narrative,
});
const tenths = (indicator: Indicator, d: Draft) => {
  const s = scoreDraft(indicator, d);
  return s.state === "scored" ? s.tenths : s.state;
};

describe("scoring every method at its edges (the server's score, never the browser's)", () => {
  it("yes/no: maximum for yes, 0 for no, 0 when not implemented, nothing until answered", () => {
    expect(tenths(yesno, draft(true, { yes: true }))).toBe(100);
    expect(tenths(yesno, draft(true, { yes: false }))).toBe(0);
    expect(tenths(yesno, draft(false))).toBe(0);
    expect(tenths(yesno, draft(true))).toBe("incomplete");
    expect(tenths(yesno, draft(null, { yes: true }))).toBe("incomplete");
  });

  it("yes/no asks once: 시행 is the yes (full points), 미시행 0, an explicit 'not met' from the grid still counts", () => {
    const form = (fields: Record<string, string>) => {
      const parsed = responseFormSchema(yesno).safeParse({ version: "1", narrative: "", ...fields });
      if (!parsed.success) throw new Error(parsed.error.message);
      return draftFromForm(yesno, parsed.data);
    };
    expect(form({ implemented: "yes" }).answer).toEqual({ yes: true });
    expect(tenths(yesno, form({ implemented: "yes" }))).toBe(100);
    expect(tenths(yesno, form({ implemented: "no", narrative: "미설치" }))).toBe(0);
    expect(form({ implemented: "" }).answer).toEqual({});
    expect(tenths(yesno, form({ implemented: "yes", yes: "no" }))).toBe(0);
  });

  it("levels: each level's share of the maximum (7.5 points: 7.5, 4.5, 0)", () => {
    expect(toTenths(levels.maxPoints)).toBe(75);
    expect(tenths(levels, draft(true, { level: "A" }))).toBe(75);
    expect(tenths(levels, draft(true, { level: "B" }))).toBe(45);
    expect(tenths(levels, draft(true, { level: "C" }))).toBe(0);
    expect(tenths(levels, draft(false, { level: "A" }))).toBe(0);
  });

  it("levels: an unknown level is refused by the form schema", () => {
    const r = responseFormSchema(levels).safeParse({ version: "1", implemented: "yes", level: "Z" });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ path: ["level"], message: "work.error.levelUnknown" });
  });

  it("quantitative: every band boundary of the formula, the maximum and 0", () => {
    // legal 100 days; result = (100 - actual) %
    const at = (actual: number) => tenths(speed, draft(true, { inputs: { legalDays: 100, actualDays: actual } }));
    expect(at(0)).toBe(200); // 100 %: the maximum
    expect(at(50)).toBe(200); // exactly 50 %: top band
    expect(at(50.1)).toBe(140); // just under 50 %: next band
    expect(at(70)).toBe(140); // exactly 30 %
    expect(at(70.1)).toBe(80); // just under 30 %
    expect(at(90)).toBe(80); // exactly 10 %
    expect(at(90.1)).toBe(0); // under the lowest band
    expect(at(100)).toBe(0); // 0 %
    const result = scoreDraft(speed, draft(true, { inputs: { legalDays: 100, actualDays: 50 } }));
    expect(result).toMatchObject({ state: "scored", result: 50 });
  });

  it("quantitative: incomplete until every input is there; not implemented scores 0", () => {
    expect(tenths(speed, draft(true, { inputs: { legalDays: 100 } }))).toBe("incomplete");
    expect(tenths(speed, draft(false, { inputs: { legalDays: 100 } }))).toBe(0);
  });

  it("quantitative: values the formula cannot score are named by field", () => {
    const r = scoreDraft(speed, draft(true, { inputs: { legalDays: 0, actualDays: 0 } }));
    expect(r.state).toBe("invalid");
    if (r.state === "invalid") expect(r.field).toMatch(/^inputs\./);
  });

  it("quantitative: out-of-range inputs are refused before scoring", () => {
    const parse = (legalDays: string, actualDays = "1") =>
      responseFormSchema(speed).safeParse({ version: "1", implemented: "yes", inputs: { legalDays, actualDays } });
    expect(parse("-1").error?.issues[0]).toMatchObject({
      path: ["inputs", "legalDays"],
      message: "work.error.negative",
    });
    expect(parse("1e3").error?.issues[0].message).toBe("work.error.number");
    expect(parse("열흘").error?.issues[0].message).toBe("work.error.number");
    expect(parse("1000000001").error?.issues[0].message).toBe("work.error.tooBig");
    expect(parse("1,000,000,000").success).toBe(true);
    expect(parse("1", "0").success).toBe(true);
    expect(parse("0").error?.issues[0]).toMatchObject({
      path: ["inputs", "legalDays"],
      message: "work.error.divisionByZero",
    });
    expect(parse("").success).toBe(true); // a draft may be incomplete
    const pct = (rate: string) =>
      responseFormSchema(percent).safeParse({ version: "1", implemented: "yes", inputs: { rate } });
    expect(pct("100").success).toBe(true);
    expect(pct("100.1").error?.issues[0].message).toBe("work.error.percent");
    const extra = responseFormSchema(speed).safeParse({
      version: "1",
      implemented: "yes",
      inputs: { legalDays: "1", bogus: "2" },
    });
    expect(extra.error?.issues[0].message).toBe("work.error.unknownField");
  });
});

// 3.1.07 as the shipped editions state it.
const onTimeRate: Indicator = {
  ...base,
  code: "3.1.07",
  title: "기한 내 민원 처리율",
  maxPoints: 7.7,
  scoring: {
    kind: "quantitative",
    inputs: [
      { key: "onTime", label: "기한 내 처리 건수", unit: "건", integer: true, atMost: "total" },
      { key: "total", label: "전체 처리 건수", unit: "건", integer: true },
    ],
    formula: "onTime / total * 100",
    resultUnit: "%",
    resultRange: { min: 0, max: 100 },
    bands: [
      { min: 99, fraction: 1 },
      { min: 97, fraction: 0.7 },
      { min: 95, fraction: 0.4 },
    ],
  },
} as Indicator;

describe("numbers as people type and paste them", () => {
  it("reads thousands separators, decimals, a sign, spaces around and full-width digits", () => {
    expect(parseNumberText("98,731")).toBe(98731);
    expect(parseNumberText("1,000")).toBe(1000);
    expect(parseNumberText("1,234,567.25")).toBe(1234567.25);
    expect(parseNumberText(" 1,234.5 ")).toBe(1234.5);
    expect(parseNumberText("98731.5")).toBe(98731.5);
    expect(parseNumberText("-3")).toBe(-3);
    expect(parseNumberText(".5")).toBe(0.5);
    expect(parseNumberText("0")).toBe(0);
    expect(parseNumberText("９８，７３１")).toBe(98731);
  });
  it("refuses words, exponents and commas that do not separate thousands", () => {
    for (const text of ["천 일", "1e3", "열흘", "1,2", "98,7310", ",123", "1,000,00", "1.2.3", "1 000", "", "98,731건"])
      expect(parseNumberText(text), text).toBeNull();
  });
});

describe("the rubric's rules in the form schema (browser, server and Excel import alike)", () => {
  const parse = (onTime: string, total: string, implemented = "yes") =>
    responseFormSchema(onTimeRate).safeParse({ version: "1", implemented, inputs: { onTime, total } });
  const issues = (r: ReturnType<typeof parse>) => r.error?.issues.map((i) => [i.path.join("."), i.message]) ?? [];

  it("accepts 0, equal counts and counts typed with commas", () => {
    expect(parse("0", "99012").success).toBe(true);
    expect(parse("99,012", "99,012").success).toBe(true);
    expect(parse("98,731", "99,012").success).toBe(true);
  });
  it("refuses one case on time more than handled, on the on-time field", () => {
    expect(issues(parse("99,013", "99,012"))).toEqual([["inputs.onTime", "work.error.atMost"]]);
    expect(issues(parse("120000", "99012"))).toEqual([["inputs.onTime", "work.error.atMost"]]);
  });
  it("refuses a fractional count and words, each on its field", () => {
    expect(issues(parse("98731.5", "99012"))).toEqual([["inputs.onTime", "work.error.integer"]]);
    expect(issues(parse("98,731", "99012.5"))).toEqual([["inputs.total", "work.error.integer"]]);
    expect(issues(parse("천 일", "99012"))).toEqual([["inputs.onTime", "work.error.number"]]);
    expect(issues(parse("98,73", "99012"))).toEqual([["inputs.onTime", "work.error.grouping"]]);
  });
  it("puts a division by zero on the divisor's field", () => {
    expect(issues(parse("0", "0"))).toEqual([["inputs.total", "work.error.divisionByZero"]]);
    expect(issues(parse("", "0"))).toEqual([]); // incomplete: nothing to divide yet
    expect(issues(parse("0", "0", "no"))).toEqual([]); // not implemented: nothing is computed
  });
  it("says it in Korean, naming the field and the other field", () => {
    const label = { "inputs.onTime": "기한 내 처리 건수", "inputs.total": "전체 처리 건수" };
    expect(translate("ko", "work.error.atMost", { field: label["inputs.onTime"], other: label["inputs.total"] })).toBe(
      "기한 내 처리 건수: 전체 처리 건수보다 클 수 없습니다.",
    );
    expect(translate("ko", "work.error.integer", { field: label["inputs.total"] })).toBe(
      "전체 처리 건수: 정수로 입력하세요.",
    );
  });
  it("scores what it accepts: the draft keeps the numbers without separators", () => {
    const parsed = responseFormSchema(onTimeRate).parse({
      version: "1",
      implemented: "yes",
      inputs: { onTime: "98,731", total: "99,012" },
    });
    const d = draftFromForm(onTimeRate, parsed);
    expect(d.answer.inputs).toEqual({ onTime: 98731, total: 99012 });
    expect(scoreDraft(onTimeRate, d)).toMatchObject({ state: "scored", tenths: 77 });
  });
});

describe("server errors beside the browser's check", () => {
  const values = (onTime: string, total: string) => ({
    version: "1",
    implemented: "yes" as const,
    yes: "" as const,
    level: "",
    inputs: { onTime, total },
    narrative: "",
  });
  const sent = values("5", "0");
  const errors = { "inputs.total": { key: "work.error.divisionByZero" }, result: { key: "work.error.resultRange" } };
  it("stand while the form is as it was sent", () => {
    expect(standingServerErrors(errors, sent, values("5", "0"), new Set())).toEqual(errors);
  });
  it("go for a field once it is edited, and for the whole answer once anything is", () => {
    expect(standingServerErrors(errors, sent, values("5", "-1"), new Set())).toEqual({});
    expect(standingServerErrors(errors, sent, values("6", "0"), new Set())).toEqual({
      "inputs.total": errors["inputs.total"],
    });
  });
  it("give way to the browser's own message for the same field", () => {
    expect(
      standingServerErrors(
        { "inputs.total": errors["inputs.total"] },
        sent,
        values("5", "0"),
        new Set(["inputs.total"]),
      ),
    ).toEqual({});
  });
  it("are not kept without the values they were found in", () => {
    expect(
      standingServerErrors({ narrative: { key: "work.error.reasonRequired" } }, null, values("5", "0"), new Set()),
    ).toEqual({});
  });
});

describe("the form", () => {
  it("reads a plain POST's flat names and an unchecked radio as blank", () => {
    const fields = nestFormFields({
      version: "3",
      implemented: "yes",
      "inputs.legalDays": "1,200",
      "inputs.actualDays": "300",
      narrative: "  실적  ",
    });
    const parsed = responseFormSchema(speed).parse(fields);
    expect(parsed).toMatchObject({
      version: "3",
      implemented: "yes",
      yes: "",
      level: "",
      inputs: { legalDays: "1,200", actualDays: "300" },
    });
    expect(draftFromForm(speed, parsed)).toEqual({
      implemented: true,
      answer: { inputs: { legalDays: 1200, actualDays: 300 } },
      narrative: "실적",
    });
    expect(responseFormSchema(yesno).parse({ version: "0" })).toMatchObject({ implemented: "", yes: "" });
    expect(
      responseFormSchema(yesno).safeParse({ version: "0", implemented: null, yes: "maybe" }).error?.issues[0],
    ).toMatchObject({ path: ["yes"], message: "work.error.choice" });
    expect(responseFormSchema(yesno).safeParse({ version: "x" }).error?.issues[0].message).toBe("work.error.version");
    expect(
      responseFormSchema(yesno).safeParse({ version: "1", narrative: "가".repeat(4001) }).error?.issues[0].message,
    ).toBe("work.error.narrativeTooLong");
  });

  it("round-trips stored answers", () => {
    const d = draft(true, { inputs: { legalDays: 1200.5, actualDays: 300 } }, "설명");
    const stored = storeAnswer(d.answer);
    expect(stored).toBe('{"inputs":{"actualDays":300,"legalDays":1200.5}}');
    expect(parseStoredAnswer(stored)).toEqual(d.answer);
    expect(formValuesFromDraft(speed, d, 4)).toEqual({
      version: "4",
      implemented: "yes",
      yes: "",
      level: "",
      inputs: { legalDays: "1200.5", actualDays: "300" },
      narrative: "설명",
    });
    expect(storeAnswer({})).toBeNull();
    expect(parseStoredAnswer("not json")).toEqual({});
    expect(parseNumberText(" 1,234.5 ")).toBe(1234.5);
  });

  it("lists what a submission still lacks", () => {
    expect(missingForSubmit(levels, draft(null))).toEqual([{ field: "implemented", message: "work.error.required" }]);
    expect(missingForSubmit(levels, draft(true))).toEqual([
      { field: "level", message: "work.error.required" },
      { field: "narrative", message: "work.error.narrativeRequired" },
    ]);
    // An implemented answer is handed in with its account of what was done; the score needs only the answer.
    expect(missingForSubmit(levels, draft(true, { level: "A" }, "  "))).toEqual([
      { field: "narrative", message: "work.error.narrativeRequired" },
    ]);
    expect(missingForSubmit(levels, draft(true, { level: "A" }, "분기별 점검"))).toEqual([]);
    expect(missingAnswer(levels, draft(true, { level: "A" }))).toEqual([]);
    expect(missingForSubmit(levels, draft(false))).toEqual([
      { field: "narrative", message: "work.error.reasonRequired" },
    ]);
    expect(missingForSubmit(levels, draft(false, {}, "미도입"))).toEqual([]);
    expect(missingForSubmit(speed, draft(true, { inputs: { legalDays: 1 } }, "실적")).map((m) => m.field)).toEqual([
      "inputs.actualDays",
    ]);
  });
});

describe("who may edit when", () => {
  it("locks a round that is not open, submitted and approved responses, and other departments", () => {
    expect(editLock({ roundState: "open", status: "draft", mayUpdate: true })).toBeNull();
    expect(editLock({ roundState: "open", status: "returned", mayUpdate: true })).toBeNull();
    expect(editLock({ roundState: "open", status: "submitted", mayUpdate: true })).toBe("submitted");
    expect(editLock({ roundState: "open", status: "approved", mayUpdate: true })).toBe("approved");
    expect(editLock({ roundState: "open", status: "draft", mayUpdate: false })).toBe("not-assigned");
    for (const state of ["draft", "submitted", "under_review", "concluded"] as const) {
      expect(editLock({ roundState: state, status: "draft", mayUpdate: true })).toBe("round-not-open");
    }
  });

  it("moves statuses: a save starts a draft and keeps a returned one returned; only the lead submits", () => {
    expect(statusAfterSave("not_started")).toBe("draft");
    expect(statusAfterSave("returned")).toBe("returned");
    expect(maySubmit({ lock: null, role: "lead", status: "draft" })).toBe(true);
    expect(maySubmit({ lock: null, role: "support", status: "draft" })).toBe(false);
    expect(maySubmit({ lock: null, role: "lead", status: "not_started" })).toBe(false);
    expect(maySubmit({ lock: "submitted", role: "lead", status: "submitted" })).toBe(false);
  });

  it("detects a stale version, except over a response nobody has answered yet", () => {
    const row = (version: number, answered: boolean) => ({
      version,
      implemented: answered ? 1 : null,
      answer: null,
      narrative: null,
    });
    expect(isConflict(2, row(2, true))).toBe(false);
    expect(isConflict(1, row(2, true))).toBe(true);
    expect(isConflict(3, row(2, true))).toBe(true);
    expect(isConflict(0, row(1, false))).toBe(false);
    expect(isConflict(0, row(1, true))).toBe(true);
    expect(isConflict(0, null)).toBe(false);
    expect(isConflict(1, null)).toBe(true);
  });

  it("hands in together only finished indicators the department leads", () => {
    const rows = [
      {
        indicator: yesno,
        status: "draft" as const,
        role: "lead" as const,
        draft: draft(true, { yes: true }, "도입 완료"),
      },
      { indicator: levels, status: "draft" as const, role: "lead" as const, draft: draft(true) },
      { indicator: levels, status: "draft" as const, role: "lead" as const, draft: draft(true, { level: "A" }) },
      { indicator: speed, status: "returned" as const, role: "lead" as const, draft: draft(false, {}, "미도입") },
      {
        indicator: percent,
        status: "draft" as const,
        role: "support" as const,
        draft: draft(true, { inputs: { rate: 95 } }),
      },
      { indicator: yesno, status: "submitted" as const, role: "lead" as const, draft: draft(true, { yes: true }) },
    ];
    expect(finishedForSubmit(rows, "open").map((r) => r.indicator.code)).toEqual(["1.1.1", "2.1.1"]);
    expect(finishedForSubmit(rows, "submitted")).toEqual([]);
  });
});

describe("evidence names and links", () => {
  it("keeps Korean names (composed) and refuses path tricks, control and direction characters, device names", () => {
    const nfd = "보고서.pdf".normalize("NFD");
    expect(checkEvidenceFileName(nfd)).toMatchObject({ ok: true, name: "보고서.pdf" });
    expect(checkEvidenceFileName("계획서.HWPX")).toMatchObject({ ok: true, type: { mime: "application/hwp+zip" } });
    for (const [name, reason] of [
      ["../../etc/passwd.pdf", "path"],
      ["a/b.pdf", "path"],
      ["..\\x.pdf", "path"],
      [".hidden.pdf", "path"],
      ["..", "path"],
      ["a\u0000.pdf", "characters"],
      ["report\u202Efdp.exe.pdf", "characters"],
      ["what?.pdf", "characters"],
      ["trailing.pdf.", "characters"],
      ["CON.pdf", "reserved"],
      ["lpt1.pdf", "reserved"],
      [`${"가".repeat(201)}.pdf`, "tooLong"],
      ["setup.exe", "type"],
      ["noextension", "type"],
      ["page.html", "type"],
    ] as const) {
      expect(checkEvidenceFileName(name), name).toMatchObject({ ok: false, reason });
    }
  });

  it("accepts only web links", () => {
    expect(LinkEvidenceSchema.safeParse({ title: "누리집", url: "https://www.sdm.go.kr/" }).success).toBe(true);
    for (const url of ["javascript:alert(1)", "file:///etc/passwd", "ftp://x", "www.sdm.go.kr", ""]) {
      expect(LinkEvidenceSchema.safeParse({ title: "t", url }).error?.issues[0].message, url).toBe("work.error.url");
    }
  });
});

describe("the speed index as shipped (2.2.01 in both editions, seed 000's formula and bands)", () => {
  it("scores the shipped indicator by its bands: 60 % faster or more is full marks, each band below a step less", async () => {
    // The speed index is an indicator of the 인증 editions (the 종합평가 edition has none).
    const certification = (await loadShippedEditions()).filter(
      (e) => (e.scheme ?? "certification") === "certification",
    );
    expect(certification.map((e) => e.id)).toEqual(["2013-sido-v2", "2014-sigungu-v2"]);
    for (const edition of certification) {
      const shipped = edition.indicators.find((i) => i.tags.includes("speed-index"))!;
      expect(shipped.code, edition.id).toBe("2.2.01");
      const max = toTenths(shipped.maxPoints);
      const at = (legalDays: number, actualDays: number) =>
        scoreDraft(shipped, draft(true, { inputs: { legalDays, actualDays } }));
      // (100 - 40) / 100 * 100 = 60 % → the top band (fraction 1); 59 % falls to the 50 % band (fraction 0.8).
      expect(at(100, 40), edition.id).toEqual({ state: "scored", tenths: max, result: 60 });
      expect(at(100, 41), edition.id).toEqual({ state: "scored", tenths: Math.round(max * 0.8), result: 59 });
      expect(at(100, 50), edition.id).toMatchObject({ state: "scored", tenths: Math.round(max * 0.8), result: 50 });
      // Handled slower than the legal days: a negative result, below every band.
      const slow = at(100, 130);
      expect(slow.state === "scored" ? slow.tenths : slow.state, edition.id).toBe(0);
      // Not implemented scores nothing, whatever the inputs.
      expect(
        scoreDraft(shipped, draft(false, { inputs: { legalDays: 100, actualDays: 40 } })),
        edition.id,
      ).toMatchObject({ state: "scored", tenths: 0 });
    }
  });
});
