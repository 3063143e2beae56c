import { beforeAll, describe, expect, it } from "vitest";
import { loadShippedEditions } from "#indicators/load";
import type { Edition, Indicator } from "#indicators/schema";
import {
  addIndicator,
  copyEdition,
  indicatorFormFields,
  otherProblems,
  parseIndicatorForm,
  parseMetaForm,
  parseSourcesForm,
  parseStructureForm,
  pointSums,
  removeIndicator,
  replaceIndicator,
  unbalanced,
} from "./edition-edit";

let edition: Edition;
const ofKind = (kind: string) => edition.indicators.find((i) => i.scoring.kind === kind)!;
const ids = () => edition.sources.map((x) => x.id);
/** The structure form as the page renders it. */
const structureFields = (e: Edition, change: Record<string, string> = {}) => ({
  ...Object.fromEntries([
    ...e.areas.flatMap((a, n) => [
      [`area.${n}.title`, a.title],
      [`area.${n}.points`, String(a.points)],
      [`area.${n}.status`, a.provenance.status],
      [`area.${n}.sources`, a.provenance.sources.join(", ")],
    ]),
    ...e.items.flatMap((it, n) => [
      [`item.${n}.title`, it.title],
      [`item.${n}.points`, String(it.points)],
      [`item.${n}.status`, it.provenance.status],
      [`item.${n}.sources`, it.provenance.sources.join(", ")],
    ]),
  ]),
  ...change,
});

beforeAll(async () => {
  edition = (await loadShippedEditions()).find((e) => e.year === 2014)!;
});

describe("the indicator form", () => {
  it("reads back every kind of indicator unchanged from its own fields", () => {
    for (const kind of ["yesno", "levels", "quantitative"]) {
      const indicator = ofKind(kind);
      const { indicator: read, errors } = parseIndicatorForm(indicatorFormFields(indicator), indicator, ids());
      expect(errors).toEqual({});
      expect(read).toEqual(indicator);
    }
  });

  it("names the field of every bad value and keeps the ones it could not read out of the edition", () => {
    const indicator = ofKind("levels");
    const fields = {
      ...indicatorFormFields(indicator),
      title: " ",
      maxPoints: "열",
      "level.0.fraction": "1.5",
      tags: "BSC",
    };
    const { errors } = parseIndicatorForm(fields, indicator, ids());
    expect(errors).toEqual({
      title: "draft.error.required",
      maxPoints: "draft.error.number",
      "level.0.fraction": "draft.error.fraction",
      tags: "draft.error.tags",
    });
    expect(
      parseIndicatorForm({ ...indicatorFormFields(indicator), maxPoints: "7.25" }, indicator, ids()).errors,
    ).toEqual({ maxPoints: "draft.error.decimal" });
  });

  it("adds a level from the empty row and removes one whose code and label are cleared", () => {
    const indicator = ofKind("levels") as Indicator & { scoring: { kind: "levels"; levels: { code: string }[] } };
    const n = indicator.scoring.levels.length;
    const more = parseIndicatorForm(
      {
        ...indicatorFormFields(indicator),
        [`level.${n}.code`]: "X",
        [`level.${n}.label`]: "새 수준",
        [`level.${n}.fraction`]: "0.1",
      },
      indicator,
      ids(),
    );
    expect(more.indicator.scoring.kind === "levels" && more.indicator.scoring.levels.at(-1)).toEqual({
      code: "X",
      label: "새 수준",
      fraction: 0.1,
    });
    const fewer = parseIndicatorForm(
      { ...indicatorFormFields(indicator), "level.0.code": "", "level.0.label": "", "level.0.fraction": "" },
      indicator,
      ids(),
    );
    expect(fewer.indicator.scoring.kind === "levels" && fewer.indicator.scoring.levels.length).toBe(n - 1);
  });

  it("switches a method to a formula with one input and band, which validation accepts", () => {
    const indicator = ofKind("yesno");
    const { indicator: read, errors } = parseIndicatorForm(
      { ...indicatorFormFields(indicator), kind: "quantitative" },
      indicator,
      ids(),
    );
    expect(errors).toEqual({});
    expect(read.scoring.kind).toBe("quantitative");
    expect(otherProblems(replaceIndicator(edition, indicator.code, read))).toEqual([]);
  });

  it("lets validation word a broken formula, naming the indicator", () => {
    const indicator = ofKind("quantitative");
    const { indicator: read } = parseIndicatorForm(
      { ...indicatorFormFields(indicator), formula: "ontime / (" },
      indicator,
      ids(),
    );
    const problems = otherProblems(replaceIndicator(edition, indicator.code, read));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`indicator ${indicator.code}: scoring.formula`);
  });
});

describe("provenance", () => {
  it("is read from the form: a status, the checked sources and a note", () => {
    const indicator = ofKind("levels");
    const [first] = ids();
    const fields: Record<string, string> = {
      ...indicatorFormFields(indicator),
      "provenance.status": "derived",
      "provenance.note": "배점은 가정",
    };
    for (const k of Object.keys(fields)) if (k.startsWith("source.")) delete fields[k];
    fields[`source.${first}`] = "on";
    const { indicator: read, errors } = parseIndicatorForm(fields, indicator, ids());
    expect(errors).toEqual({});
    expect(read.provenance).toEqual({ status: "derived", sources: [first], note: "배점은 가정" });
  });

  it("refuses a source the edition does not list, a sourced entry citing nothing, and an unknown status", () => {
    const indicator = ofKind("yesno");
    const base = { ...indicatorFormFields(indicator) };
    for (const k of Object.keys(base)) if (k.startsWith("source.")) delete base[k];
    expect(
      parseIndicatorForm({ ...base, "provenance.status": "sourced", "source.no-such-source": "on" }, indicator, ids())
        .errors,
    ).toEqual({ "provenance.sources": "draft.error.unknownSource" });
    expect(parseIndicatorForm({ ...base, "provenance.status": "sourced" }, indicator, ids()).errors).toEqual({
      "provenance.sources": "draft.error.sourcesNeeded",
    });
    expect(parseIndicatorForm({ ...base, "provenance.status": "official" }, indicator, ids()).errors).toEqual({
      "provenance.status": "draft.error.status",
    });
    expect(parseIndicatorForm({ ...base, "provenance.status": "placeholder" }, indicator, ids()).errors).toEqual({});
  });

  it("of areas and items comes from the structure form, their sources as a list of ids", () => {
    const [first] = ids();
    const ok = parseStructureForm(
      structureFields(edition, { "area.0.status": "sourced", "area.0.sources": first }),
      edition,
    );
    expect(ok.errors).toEqual({});
    expect(ok.edition.areas[0].provenance).toMatchObject({ status: "sourced", sources: [first] });
    expect(parseStructureForm(structureFields(edition, { "item.1.sources": "nowhere" }), edition).errors).toEqual({
      "item.1.sources": "draft.error.unknownSource",
    });
  });

  it("keeps the sources list from losing a source something still cites", () => {
    const [first] = ids();
    const citing = {
      ...edition,
      areas: edition.areas.map((a, n) =>
        n === 0 ? { ...a, provenance: { status: "sourced" as const, sources: [first] } } : a,
      ),
    };
    const rows = (sources: typeof edition.sources) =>
      Object.fromEntries(sources.flatMap((x, n) => Object.entries(x).map(([k, v]) => [`src.${n}.${k}`, v])));
    expect(parseSourcesForm(rows(edition.sources), citing).errors).toEqual({});
    const without = edition.sources.filter((x) => x.id !== first);
    const extra = {
      id: "moi-press-2014",
      title: "보도자료",
      kind: "press" as const,
      date: "2014-12",
      address: "https://www.mois.go.kr/",
      says: "인증기관 발표",
    };
    expect(parseSourcesForm(rows([...without, extra]), citing).errors).toEqual({ sources: "draft.error.sourceCited" });
    const added = parseSourcesForm(rows([...edition.sources, extra]), citing);
    expect(added.errors).toEqual({});
    expect(added.edition.sources.at(-1)).toEqual(extra);
    expect(
      parseSourcesForm(rows([...edition.sources, { ...extra, id: first, date: "2014년" }]), citing).errors,
    ).toEqual({
      [`src.${edition.sources.length}.id`]: "draft.error.sourceDuplicate",
      [`src.${edition.sources.length}.date`]: "draft.error.sourceDate",
    });
  });
});

describe("sums", () => {
  it("balance in a shipped edition and name the item, its area and the total when one indicator moves", () => {
    expect(unbalanced(pointSums(edition))).toEqual([]);
    const indicator = edition.indicators[0];
    const next = replaceIndicator(edition, indicator.code, { ...indicator, maxPoints: indicator.maxPoints + 1.5 });
    const off = unbalanced(pointSums(next));
    expect(off.map((s) => [s.kind, s.code])).toEqual([["item", indicator.item]]);
    expect(off[0].sumTenths - off[0].expectedTenths).toBe(15);
    // Raising the item too moves the imbalance up to its area.
    const n = next.items.findIndex((it) => it.code === indicator.item);
    const structure = parseStructureForm(
      structureFields(next, { [`item.${n}.points`]: String(next.items[n].points + 1.5) }),
      next,
    );
    expect(structure.errors).toEqual({});
    expect(unbalanced(pointSums(structure.edition)).map((s) => [s.kind, s.code])).toEqual([["area", indicator.area]]);
  });
});

describe("the edition", () => {
  it("is copied under a new id, year and type without claiming to replace its base", () => {
    const copy = copyEdition(
      { ...edition, supersedes: "x" },
      { id: "2015-sigungu", year: 2015, institutionType: "sigungu", title: "2015 판" },
    );
    expect(copy).toMatchObject({ id: "2015-sigungu", year: 2015, title: "2015 판" });
    expect(copy.supersedes).toBeUndefined();
    expect(copy.indicators).toEqual(edition.indicators);
    expect(copy.indicators).not.toBe(edition.indicators);
  });

  it("keeps its declared counts in step when indicators are added and removed", () => {
    const item = edition.items[0];
    const added = addIndicator(edition, {
      code: "9.9.99",
      item: item.code,
      title: "새 지표",
      ownerDepartment: "민원과",
    });
    expect(added.structure.indicators).toBe(edition.indicators.length + 1);
    const at = added.indicators.findIndex((i) => i.code === "9.9.99");
    expect(added.indicators[at - 1].item).toBe(item.code);
    expect(added.indicators[at]).toMatchObject({ area: item.area, maxPoints: 0, scoring: { kind: "yesno" } });
    expect(removeIndicator(added, "9.9.99")).toEqual({ ...edition, structure: { ...edition.structure } });
  });

  it("reads its own fields, refusing a year out of range and a threshold that is not a number", () => {
    const { errors } = parseMetaForm(
      {
        editionTitle: "t",
        year: "1999",
        institutionType: "sigungu",
        totalPoints: "1000",
        application: "팔백",
        consulting: "600",
        initialYears: "3",
        renewalYears: "5",
      },
      edition,
      edition.id,
    );
    expect(errors).toEqual({ year: "draft.error.year", application: "draft.error.number" });
    const ok = parseMetaForm(
      {
        editionTitle: "t",
        year: "2015",
        institutionType: "sido",
        totalPoints: "1000",
        application: "800",
        consulting: "600",
        initialYears: "3",
        renewalYears: "5",
        supersedes: "on",
      },
      edition,
      edition.id,
    );
    expect(ok.errors).toEqual({});
    expect(ok.edition).toMatchObject({
      year: 2015,
      institutionType: "sido",
      supersedes: edition.id,
      reconstruction: false,
    });
  });
});
