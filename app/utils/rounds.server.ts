import { handedInLate } from "~/domain/hand-in";
import type { Db } from "#db/connection";
import type { ResponseStatus, Round } from "#db/schema";
import { toTenths } from "#indicators/points";
import { toRubricShape } from "~/domain/rubric-shape";
import { defaultRound } from "~/domain/round-choice";
import { editionScheme } from "~/domain/schemes";
import { computeTotals } from "~/domain/totals";
import { getEdition } from "./editions.server";

export const RESPONSE_STATUSES: ResponseStatus[] = ["not_started", "draft", "submitted", "returned", "approved"];
type StatusCounts = Record<ResponseStatus, number>;
const emptyCounts = (): StatusCounts => ({ not_started: 0, draft: 0, submitted: 0, returned: 0, approved: 0 });

/**
 * The round an institution is working on: the open one if any, else its latest. When several are open (the 2014 인증
 * and the 2024 종합평가), the one whose deadline comes first, the most pressing (ADR 038); the home page lets the
 * person choose another (`?round=ID`).
 */
export async function currentRound(db: Db, institutionId: number): Promise<Round | null> {
  const rounds = await db
    .selectFrom("rounds")
    .selectAll()
    .where("institution_id", "=", institutionId)
    .orderBy("year", "desc")
    .execute();
  return defaultRound(rounds);
}

/** Everything the coordinator's overview shows, from a fixed number of queries whatever the round's size. */
export async function roundOverview(db: Db, round: Round, now: Date = new Date()) {
  const edition = await getEdition(db, round.edition_id);
  if (!edition) throw new Error(`round ${round.id} refers to missing edition ${round.edition_id}`);
  const [responses, leads] = await Promise.all([
    db
      .selectFrom("responses")
      .select(["indicator_code", "status", "self_tenths", "reviewed_tenths", "implemented", "carried_over"])
      .where("round_id", "=", round.id)
      .execute(),
    db
      .selectFrom("assignments as a")
      .innerJoin("departments as d", "d.id", "a.department_id")
      .select(["a.indicator_code", "d.id as department_id", "d.name as department_name", "d.sort_order"])
      .where("a.round_id", "=", round.id)
      .where("a.role", "=", "lead")
      .execute(),
  ]);
  const totals = computeTotals(
    toRubricShape(edition),
    responses.map((r) => ({
      indicatorCode: r.indicator_code,
      selfTenths: r.self_tenths,
      reviewedTenths: r.reviewed_tenths,
    })),
  );
  const statusByCode = new Map(responses.map((r) => [r.indicator_code, r.status]));
  const status = emptyCounts();
  for (const indicator of edition.indicators) status[statusByCode.get(indicator.code) ?? "not_started"] += 1;

  // Past the deadline, whatever a department has not handed in is overdue.
  const pastDeadline = round.deadline_at !== null && new Date(round.deadline_at).getTime() < now.getTime();
  const departments = new Map<
    number,
    { id: number; name: string; sort: number; counts: StatusCounts; total: number; overdue: number }
  >();
  for (const lead of leads) {
    const entry = departments.get(lead.department_id) ?? {
      id: lead.department_id,
      name: lead.department_name,
      sort: lead.sort_order,
      counts: emptyCounts(),
      total: 0,
      overdue: 0,
    };
    const status = statusByCode.get(lead.indicator_code) ?? "not_started";
    entry.counts[status] += 1;
    entry.total += 1;
    if (pastDeadline && status !== "submitted" && status !== "approved") entry.overdue += 1;
    departments.set(lead.department_id, entry);
  }
  const assignedCodes = new Set(leads.map((l) => l.indicator_code));
  return {
    edition: { id: edition.id, title: edition.title, reconstruction: edition.reconstruction, year: edition.year },
    scheme: schemeSummary(edition),
    /** The absolute lines of the edition's scheme (the 인증), or null (the 종합평가 grades against peers). */
    thresholds: editionScheme(edition).lines,
    totals,
    status,
    unassigned: edition.indicators.filter((i) => !assignedCodes.has(i.code)).length,
    /** Last year's answers still waiting for their department's confirmation. */
    carriedOver: responses.filter((r) => r.carried_over === 1).length,
    departments: [...departments.values()].sort((a, b) => a.sort - b.sort || a.name.localeCompare(b.name, "ko")),
  };
}

/** The indicators assigned to one department in a round, in rubric order, with their response state. */
export async function departmentWorklist(db: Db, round: Round, departmentId: number) {
  const edition = await getEdition(db, round.edition_id);
  if (!edition) throw new Error(`round ${round.id} refers to missing edition ${round.edition_id}`);
  const rows = await db
    .selectFrom("assignments as a")
    .leftJoin("responses as r", (join) =>
      join.onRef("r.round_id", "=", "a.round_id").onRef("r.indicator_code", "=", "a.indicator_code"),
    )
    .select([
      "a.indicator_code",
      "a.role",
      "r.status",
      "r.self_tenths",
      "r.updated_at",
      "r.carried_over",
      "r.submitted_at",
    ])
    .where("a.round_id", "=", round.id)
    .where("a.department_id", "=", departmentId)
    .execute();
  const byCode = new Map(rows.map((r) => [r.indicator_code, r]));
  const areaTitle = new Map(edition.areas.map((a) => [a.code, a.title]));
  const itemTitle = new Map(edition.items.map((i) => [i.code, i.title]));
  return edition.indicators
    .filter((i) => byCode.has(i.code))
    .map((i) => {
      const r = byCode.get(i.code)!;
      return {
        code: i.code,
        title: i.title,
        area: i.area,
        areaTitle: areaTitle.get(i.area) ?? i.area,
        item: i.item,
        itemTitle: itemTitle.get(i.item) ?? i.item,
        maxTenths: toTenths(i.maxPoints),
        scoringKind: i.scoring.kind,
        role: r.role,
        status: (r.status ?? "not_started") as ResponseStatus,
        selfTenths: r.self_tenths ?? null,
        carriedOver: r.carried_over === 1,
        // Handed in after the round's deadline (both instants in UTC; ISO strings compare in time order).
        late: handedInLate(r.submitted_at, round.deadline_at),
        // What the indicator rests on (absent in editions stored before provenance existed).
        provenance: i.provenance ?? null,
        editionId: edition.id,
      };
    });
}

/** Submitted responses of an institution's current round, waiting for review. */
export async function reviewQueue(db: Db, round: Round) {
  const edition = await getEdition(db, round.edition_id);
  if (!edition) throw new Error(`round ${round.id} refers to missing edition ${round.edition_id}`);
  const rows = await db
    .selectFrom("responses as r")
    .leftJoin("assignments as a", (join) =>
      join
        .onRef("a.round_id", "=", "r.round_id")
        .onRef("a.indicator_code", "=", "r.indicator_code")
        .on("a.role", "=", "lead"),
    )
    .leftJoin("departments as d", "d.id", "a.department_id")
    .select(["r.indicator_code", "r.status", "r.self_tenths", "r.submitted_at", "d.name as department_name"])
    .where("r.round_id", "=", round.id)
    .where("r.status", "in", ["submitted", "approved", "returned"])
    .execute();
  const order = new Map(edition.indicators.map((i, n) => [i.code, n]));
  const byCode = new Map(edition.indicators.map((i) => [i.code, i]));
  return rows
    .filter((r) => byCode.has(r.indicator_code))
    .sort((a, b) => order.get(a.indicator_code)! - order.get(b.indicator_code)!)
    .map((r) => ({
      code: r.indicator_code,
      title: byCode.get(r.indicator_code)!.title,
      maxTenths: toTenths(byCode.get(r.indicator_code)!.maxPoints),
      status: r.status,
      selfTenths: r.self_tenths,
      submittedAt: r.submitted_at,
      late: handedInLate(r.submitted_at, round.deadline_at),
      department: r.department_name,
    }));
}

/** The scheme a round belongs to, for pages that show scheme-specific parts (grades, publication, 체험평가). */
export function schemeSummary(edition: Parameters<typeof editionScheme>[0]) {
  const { scheme, rules } = editionScheme(edition);
  return {
    id: scheme.id,
    name: rules.name ?? null,
    scalePoints: rules.scale?.points ?? null,
    graded: rules.grading !== null,
    publication: scheme.publication !== null,
  };
}
