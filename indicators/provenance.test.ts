// Provenance: every area, item and indicator says what it rests on; the editions carry every indicator the sources
// name (listed in tests/fixtures/named-indicators.ts from the sources, not from the editions), and nothing rests
// only on sources from after the edition's year.
import { describe, expect, it } from "vitest";
import { LATER_WORDS, NAMED_INDICATORS } from "../tests/fixtures/named-indicators";
import { loadShippedEditions } from "./load";
import { type Edition, provenanceCounts, validateEdition } from "./schema";

const editions = () => loadShippedEditions();
const clone = (e: Edition) => JSON.parse(JSON.stringify(e)) as Record<string, any>;

describe("validation of provenance", () => {
  it("refuses an indicator without provenance, naming it", async () => {
    const raw = clone((await editions())[1]);
    delete raw.indicators[4].provenance;
    const result = validateEdition(raw);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((e) => e.message)).toContainEqual(
      expect.stringMatching(new RegExp(`^indicator ${raw.indicators[4].code}: provenance`)),
    );
  });

  it("refuses an edition without a sources list, and an area or item without provenance", async () => {
    const raw = clone((await editions())[1]);
    delete raw.sources;
    delete raw.areas[0].provenance;
    delete raw.items[2].provenance;
    const result = validateEdition(raw);
    const messages = !result.ok ? result.errors.map((e) => e.message) : [];
    expect(messages).toContainEqual(expect.stringMatching(/^sources: /));
    expect(messages).toContainEqual(expect.stringMatching(/^area 1: provenance/));
    expect(messages).toContainEqual(expect.stringMatching(/^item 2\.1: provenance/));
  });

  it("refuses a cited source id that is not in the sources list, and a sourced entry that cites nothing", async () => {
    const raw = clone((await editions())[1]);
    raw.indicators[0].provenance = { status: "sourced", sources: ["seed-999"] };
    raw.items[0].provenance = { status: "derived", sources: [] };
    const result = validateEdition(raw);
    const messages = !result.ok ? result.errors.map((e) => e.message) : [];
    expect(messages).toContain(
      `indicator ${raw.indicators[0].code}: provenance.sources: unknown source "seed-999" (not in the edition's sources list)`,
    );
    expect(messages).toContain("item 1.1: provenance.sources: a derived entry must cite at least one source");
  });

  it("refuses an unknown status", async () => {
    const raw = clone((await editions())[0]);
    raw.indicators[0].provenance.status = "official";
    expect(validateEdition(raw).ok).toBe(false);
  });
});

describe("shipped editions against the sources", () => {
  it("every indicator has provenance citing known sources; the counts add up to the indicators", async () => {
    for (const e of await editions()) {
      const ids = new Set(e.sources.map((s) => s.id));
      for (const entry of [...e.areas, ...e.items, ...e.indicators]) {
        for (const id of entry.provenance.sources) expect(ids.has(id), `${e.id} ${entry.code} cites ${id}`).toBe(true);
      }
      const counts = provenanceCounts(e);
      expect(counts.sourced + counts.derived + counts.placeholder).toBe(e.indicators.length);
      expect(counts.sourced, e.id).toBeGreaterThan(0);
    }
  });

  it("carry every indicator the sources name, marked sourced", async () => {
    // The named indicators are the 인증's (2012–2015); the other schemes' editions are checked in schemes-editions.test.ts.
    for (const e of (await editions()).filter((e) => (e.scheme ?? "certification") === "certification")) {
      const due = NAMED_INDICATORS.filter(
        (n) => n.since <= e.year && (!n.institutionType || n.institutionType === e.institutionType),
      );
      const missing = due.filter((n) => !e.indicators.some((i) => n.title.test(i.title)));
      expect(
        missing.map((n) => `${n.name} — ${n.source}`),
        `${e.id}: named in the sources but missing`,
      ).toEqual([]);
      const notSourced = due.flatMap((n) =>
        e.indicators
          .filter((i) => n.title.test(i.title) && i.provenance.status !== "sourced")
          .map((i) => `${i.code} ${i.title} (${n.source})`),
      );
      expect(notSourced, `${e.id}: named in the sources but not marked sourced`).toEqual([]);
    }
  });

  it("rest no indicator only on sources dated after the edition's year", async () => {
    for (const e of await editions()) {
      const year = new Map(e.sources.map((s) => [s.id, Number(s.date.slice(0, 4))]));
      const late = e.indicators.filter(
        (i) => i.provenance.sources.length > 0 && i.provenance.sources.every((id) => year.get(id)! > e.year),
      );
      expect(
        late.map((i) => `${i.code} ${i.title}: ${i.provenance.sources.join(", ")}`),
        e.id,
      ).toEqual([]);
    }
  });

  it("name nothing that came after the edition's year", async () => {
    for (const e of await editions()) {
      for (const later of LATER_WORDS.filter((w) => w.notBefore > e.year)) {
        const hits = e.indicators.filter((i) => later.word.test(`${i.title} ${i.description} ${i.evidence.join(" ")}`));
        expect(
          hits.map((i) => `${i.code} ${i.title}`),
          `${e.id}: ${later.word} (${later.source})`,
        ).toEqual([]);
      }
    }
  });

  it("tag BSC on exactly the four indicators seed 002 relates to it, in the 2014 edition only", async () => {
    const [e2013, e2014] = await editions();
    const bsc = e2014.indicators.filter((i) => i.tags.includes("bsc"));
    expect(bsc.map((i) => i.title)).toEqual(NAMED_INDICATORS.slice(0, 4).map((n) => expect.stringMatching(n.title)));
    expect(e2013.indicators.filter((i) => i.tags.includes("bsc"))).toEqual([]);
  });

  it("number each item's indicators from 01 without gaps", async () => {
    for (const e of await editions()) {
      for (const item of e.items) {
        const codes = e.indicators.filter((i) => i.item === item.code).map((i) => i.code);
        expect(codes, `${e.id} ${item.code}`).toEqual(
          codes.map((_, n) => `${item.code}.${String(n + 1).padStart(2, "0")}`),
        );
      }
    }
  });

  it("say 시장·군수·구청장 and 읍·면·동 in the 시·군·구 edition, and use no template sentences or broken particles", async () => {
    for (const e of await editions()) {
      for (const i of e.indicators) {
        const text = `${i.title} ${i.description}`;
        expect(text, i.code).not.toMatch(/을\(를\)|이\(가\)|은\(는\)|와\(과\)/);
        expect(text, i.code).not.toMatch(
          /여부를 평가합니다\. 관련 규정|계획·시행·점검·환류 수준을|계획 수립과 시행 빈도를/,
        );
        if (e.institutionType === "sigungu") {
          expect(text, i.code).not.toMatch(/(?<!시장·군수·)구청장/);
          expect(text, i.code).not.toMatch(/(?<!읍·면·)동 주민센터/);
        }
      }
      const descriptions = e.indicators.map((i) => i.description);
      expect(new Set(descriptions).size, e.id).toBe(descriptions.length);
    }
  });

  it("suggest for the 시·도 edition no department only a 시·군·구 has", async () => {
    const [e2013] = await editions();
    const owners = new Set(e2013.indicators.map((i) => i.ownerDepartment));
    for (const sigunguOnly of ["민원여권과", "자치행정과", "건축과", "세무1과", "전산정보과"])
      expect(owners.has(sigunguOnly), sigunguOnly).toBe(false);
    expect(owners.has("시민봉사담당관")).toBe(true);
    expect(e2013.indicators.filter((i) => i.tags.includes("region-support")).length).toBeGreaterThanOrEqual(5);
  });
});
