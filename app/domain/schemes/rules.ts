// Reading a scheme's rules for a year, and the absolute lines of a round. Pure.
import { SCHEMES } from "./catalog";
import type { LineRule, LineTotal, Scheme, SchemeId, SchemeYearRules } from "./types";
import { SCHEME_IDS } from "./types";

export const isSchemeId = (value: unknown): value is SchemeId =>
  typeof value === "string" && (SCHEME_IDS as readonly string[]).includes(value);

/** An edition written before schemes existed belongs to the 2012–2015 인증. */
export const schemeIdOf = (edition: { scheme?: string | null }): SchemeId =>
  isSchemeId(edition.scheme) ? edition.scheme : "certification";

export const getScheme = (id: SchemeId): Scheme => SCHEMES[id];

/** The rules in force in `year`: the latest entry starting on or before it (the earliest before the first). */
export function rulesFor(scheme: Scheme, year: number): SchemeYearRules {
  return scheme.years.filter((y) => y.fromYear <= year).at(-1) ?? scheme.years[0];
}

/** The absolute lines a round is held to, in tenths, with the total each applies to; null when the scheme has none. */
export interface RoundLines {
  /** The line to apply (2012–2014) or to be certified (2015). */
  applicationTenths: number;
  applicationKind: "application" | "certification";
  applicationTotal: LineTotal;
  /** 600 이하: consulting is offered; null when the year has no such line. */
  consultingTenths: number | null;
  consultingTotal: LineTotal;
}

/**
 * A round's lines: the year's rules say which lines there are and which total each applies to; the edition's own
 * `thresholds` (the points that year's manual states) give the points when it states them, else the scheme's.
 */
export function roundLines(
  rules: SchemeYearRules,
  editionThresholds: { application: number; consulting: number } | null | undefined,
): RoundLines | null {
  const apply = rules.lines.find((l) => l.kind === "application" || l.kind === "certification");
  if (!apply) return null;
  const consult: LineRule | undefined = rules.lines.find((l) => l.kind === "consulting");
  const tenths = (points: number) => Math.round(points * 10);
  return {
    applicationTenths: tenths(editionThresholds?.application ?? apply.points),
    applicationKind: apply.kind === "certification" ? "certification" : "application",
    applicationTotal: apply.appliesTo,
    consultingTenths: consult ? tenths(editionThresholds?.consulting ?? consult.points) : null,
    consultingTotal: consult?.appliesTo ?? "self",
  };
}

export type LineStanding = "eligible" | "between" | "consulting";

/** The total a line reads: the self score, or the score as it stands after review. */
export const lineTotal = (totals: { selfTenths: number; reviewedTenths: number }, which: LineTotal) =>
  which === "reviewed" ? totals.reviewedTenths : totals.selfTenths;

/**
 * Where a round stands against its lines (both inclusive, compared in tenths): at or above the application line it
 * is eligible; at or below the consulting line, consulting is offered; in between otherwise.
 */
export function lineStanding(totals: { selfTenths: number; reviewedTenths: number }, lines: RoundLines): LineStanding {
  if (lineTotal(totals, lines.applicationTotal) >= lines.applicationTenths) return "eligible";
  if (lines.consultingTenths !== null && lineTotal(totals, lines.consultingTotal) <= lines.consultingTenths)
    return "consulting";
  return "between";
}

/** What a round reads from its edition's scheme: the scheme, the year's rules and the absolute lines (or null). */
export function editionScheme(edition: {
  scheme?: string | null;
  year: number;
  thresholds?: { application: number; consulting: number } | null;
}) {
  const scheme = getScheme(schemeIdOf(edition));
  const rules = rulesFor(scheme, edition.year);
  return { scheme, rules, lines: roundLines(rules, edition.thresholds) };
}
