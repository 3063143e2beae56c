import { db } from "./db.server";
import { roundDashboard } from "./round-admin.server";
import { submitPreview } from "./responses.server";
import { currentRound, departmentWorklist, reviewQueue } from "./rounds.server";

function roundSummary(round: NonNullable<Awaited<ReturnType<typeof currentRound>>>) {
  return {
    id: round.id,
    title: round.title,
    year: round.year,
    state: round.state,
    deadlineAt: round.deadline_at,
    latePolicy: round.late_policy,
  };
}

export async function coordinatorHomeData(institutionId: number) {
  const round = await currentRound(db, institutionId);
  if (!round) return { round: null, overview: null };
  return { round: roundSummary(round), overview: await roundDashboard(db, round) };
}

export async function memberHomeData(institutionId: number, departmentId: number, departmentName: string) {
  const round = await currentRound(db, institutionId);
  if (!round) return { round: null, departmentName, indicators: [], submitReady: [] as string[] };
  return {
    round: roundSummary(round),
    departmentName,
    indicators: await departmentWorklist(db, round, departmentId),
    submitReady: await submitPreview(db, round, departmentId),
  };
}

export async function auditorHomeData(institutionId: number) {
  const round = await currentRound(db, institutionId);
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
