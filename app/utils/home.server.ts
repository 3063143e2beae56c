import type { Round } from "#db/schema";
import { defaultRound } from "~/domain/round-choice";
import { db } from "./db.server";
import { editionSchemes } from "./registry-schemes.server";
import { roundDashboard } from "./round-admin.server";
import { submitPreview } from "./responses.server";
import { departmentWorklist, reviewQueue } from "./rounds.server";

function roundSummary(round: Round) {
  return {
    id: round.id,
    title: round.title,
    year: round.year,
    state: round.state,
    deadlineAt: round.deadline_at,
    latePolicy: round.late_policy,
  };
}

/**
 * The round a home page shows and, when the institution has several open rounds, the list to choose from (ADR 038):
 * each with its scheme, deadline and progress (indicators handed in or approved, of the institution's, or of the
 * department's own for department staff). `requested` comes from `?round=ID`: a round of another institution, or
 * none, is a 404.
 */
export async function homeRounds(institutionId: number, requested: number | null, departmentId: number | null = null) {
  const rounds = await db
    .selectFrom("rounds")
    .selectAll()
    .where("institution_id", "=", institutionId)
    .orderBy("year", "desc")
    .execute();
  let round = defaultRound(rounds);
  if (requested !== null) {
    round = rounds.find((r) => r.id === requested) ?? null;
    if (!round) throw new Response("Not Found", { status: 404 });
  }
  const open = rounds.filter((r) => r.state === "open");
  if (open.length < 2) return { round, choices: [] };
  const ids = open.map((r) => r.id);
  let assigned = db
    .selectFrom("assignments as a")
    .leftJoin("responses as s", (j) =>
      j.onRef("s.round_id", "=", "a.round_id").onRef("s.indicator_code", "=", "a.indicator_code"),
    )
    .select((eb) => [
      "a.round_id",
      eb.fn.count<number>("a.indicator_code").distinct().as("total"),
      eb.fn
        .count<number>(
          eb.case().when("s.status", "in", ["submitted", "approved"]).then(eb.ref("a.indicator_code")).end(),
        )
        .distinct()
        .as("done"),
    ])
    .where("a.round_id", "in", ids)
    .where("a.role", "=", "lead")
    .groupBy("a.round_id");
  if (departmentId !== null) assigned = assigned.where("a.department_id", "=", departmentId);
  const [progress, schemes] = await Promise.all([
    assigned.execute(),
    editionSchemes(
      db,
      open.map((r) => r.edition_id),
    ),
  ]);
  const choices = open
    .map((r) => {
      const p = progress.find((x) => x.round_id === r.id);
      return {
        ...roundSummary(r),
        scheme: schemes.get(r.edition_id) ?? "certification",
        done: Number(p?.done ?? 0),
        total: Number(p?.total ?? 0),
      };
    })
    .sort((a, b) => ((a.deadlineAt ?? "~") < (b.deadlineAt ?? "~") ? -1 : 1));
  return { round, choices };
}

export type RoundChoice = Awaited<ReturnType<typeof homeRounds>>["choices"][number];

export async function coordinatorHomeData(round: Round | null) {
  if (!round) return { round: null, overview: null };
  return { round: roundSummary(round), overview: await roundDashboard(db, round) };
}

export async function memberHomeData(round: Round | null, departmentId: number, departmentName: string) {
  if (!round) return { round: null, departmentName, indicators: [], submitReady: [] as string[] };
  return {
    round: roundSummary(round),
    departmentName,
    indicators: await departmentWorklist(db, round, departmentId),
    submitReady: await submitPreview(db, round, departmentId),
  };
}

export async function auditorHomeData(round: Round | null) {
  if (!round) return { round: null, queue: [] };
  return { round: roundSummary(round), queue: await reviewQueue(db, round) };
}

export async function adminHomeData() {
  const count = (table: "institutions" | "users" | "rubric_editions") =>
    db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n));
  const [institutions, users, editions] = await Promise.all([
    count("institutions"),
    count("users"),
    count("rubric_editions"),
  ]);
  return { institutions, users, editions };
}

export type RoundSummary = ReturnType<typeof roundSummary>;
