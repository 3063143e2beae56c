// Which indicators a bulk assignment touches, and which department a rubric's suggested owner names. Pure.

export interface AssignableIndicator {
  code: string;
  item: string;
  tags: readonly string[];
  ownerDepartment: string;
}

export type BulkScope =
  | { by: "item"; item: string }
  | { by: "tag"; tag: string }
  | { by: "owner"; owner: string }
  | { by: "unassigned" }
  | { by: "codes"; codes: readonly string[] };

/** The indicators (in rubric order) a bulk assignment applies to. */
export function indicatorsInScope<T extends AssignableIndicator>(
  indicators: readonly T[],
  scope: BulkScope,
  assigned: ReadonlySet<string>,
): T[] {
  switch (scope.by) {
    case "item":
      return indicators.filter((i) => i.item === scope.item);
    case "tag":
      return indicators.filter((i) => i.tags.includes(scope.tag));
    case "owner":
      return indicators.filter((i) => i.ownerDepartment === scope.owner);
    case "unassigned":
      return indicators.filter((i) => !assigned.has(i.code));
    case "codes": {
      const wanted = new Set(scope.codes);
      return indicators.filter((i) => wanted.has(i.code));
    }
  }
}

const normalize = (name: string) =>
  name
    .normalize("NFC")
    .replace(/\s+/g, "")
    .replace(/[·ㆍ.]/g, "");

/**
 * The institution's department a suggested owner ("정책기획담당관") stands for: the same name ignoring spaces and
 * middle dots; failing that, the one department whose name contains it or is contained in it. Null when there is
 * none or the match is ambiguous — the coordinator then decides.
 */
export function matchOwnerDepartment<D extends { id: number; name: string }>(
  owner: string,
  departments: readonly D[],
): D | null {
  const wanted = normalize(owner);
  if (!wanted) return null;
  const exact = departments.filter((d) => normalize(d.name) === wanted);
  if (exact.length === 1) return exact[0];
  if (exact.length > 1) return null;
  const partial = departments.filter((d) => normalize(d.name).includes(wanted) || wanted.includes(normalize(d.name)));
  return partial.length === 1 ? partial[0] : null;
}
