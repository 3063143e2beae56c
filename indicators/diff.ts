// What changed between two editions, by stable indicator code. Pure.
import type { Edition, Indicator } from "./schema";

export const COMPARED_FIELDS = [
  "title",
  "description",
  "maxPoints",
  "scoring",
  "area",
  "item",
  "evidence",
  "ownerDepartment",
  "tags",
  "provenance",
] as const;
export type ComparedField = (typeof COMPARED_FIELDS)[number];

export interface EditionDiff {
  added: Indicator[];
  removed: Indicator[];
  changed: { code: string; before: Indicator; after: Indicator; fields: ComparedField[] }[];
  unchanged: string[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function diffEditions(from: Edition, to: Edition): EditionDiff {
  const before = new Map(from.indicators.map((i) => [i.code, i]));
  const after = new Map(to.indicators.map((i) => [i.code, i]));
  const diff: EditionDiff = { added: [], removed: [], changed: [], unchanged: [] };
  for (const ind of to.indicators) {
    const old = before.get(ind.code);
    if (!old) {
      diff.added.push(ind);
      continue;
    }
    const fields = COMPARED_FIELDS.filter((f) => !same(old[f], ind[f]));
    if (fields.length) diff.changed.push({ code: ind.code, before: old, after: ind, fields });
    else diff.unchanged.push(ind.code);
  }
  for (const ind of from.indicators) if (!after.has(ind.code)) diff.removed.push(ind);
  return diff;
}

/** Changes that leave last year's answer meaningful: the answer is re-scored against the new points. */
// Where the rubric says its text comes from changes nothing a department answered.
const CARRY_OVER_TOLERATED: readonly ComparedField[] = [
  "maxPoints",
  "evidence",
  "ownerDepartment",
  "tags",
  "area",
  "item",
  "provenance",
];

/** Whether last year's answer to an indicator can be carried over: same code, same wording and scoring method. */
export function isCarryOverSafe(diff: EditionDiff, code: string): boolean {
  return (
    diff.unchanged.includes(code) ||
    diff.changed.some((c) => c.code === code && c.fields.every((f) => CARRY_OVER_TOLERATED.includes(f)))
  );
}
