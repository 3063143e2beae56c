// The demo round written through the app's own write path: the round created and opened as a coordinator would,
// each indicator assigned, each answer saved or handed in by its department's member, each piece of evidence added,
// each approval and the return given by the demo auditor, each action item saved — the same functions the pages call,
// so the round's history shows one event per seeded change and its state replays from the log (docs/decisions/025).
import type { Db } from "#db/connection";
import type { Round } from "#db/schema";
import type { Edition } from "#indicators/schema";
import { isoToSeoulLocal } from "~/domain/datetime";
import type { Actor } from "~/domain/permissions";
import { draftFromRow, scoreDraft } from "~/domain/response-rules";
import { addEvidence } from "~/utils/evidence.server";
import { saveActionItem } from "~/utils/gaps.server";
import { indicatorContext } from "~/utils/guards.server";
import { ensureResponse, writeDraft } from "~/utils/responses.server";
import { reviewResponse } from "~/utils/review.server";
import { createRound, getRound, runAssignmentIntent, runRoundIntent } from "~/utils/round-admin.server";
import type { RoundPlan } from "./round-2014";
import { DEMO_ROUND, RETURN_REASON } from "./round-2014";

export interface SeedActors {
  coordinator: Actor;
  auditor: Actor;
  /** The person who writes a department's answers (its member, or the coordinator). */
  authorFor(department: string): Actor;
}

export interface WriteCounts {
  rounds: number;
  assignments: number;
  responses: number;
  evidence: number;
  comments: number;
  action_items: number;
}

const fail = (what: string, outcome: unknown): never => {
  throw new Error(`demo seed: ${what} was refused: ${JSON.stringify(outcome)}`);
};

/** The demo round, created (draft, then opened) when missing. */
export async function ensureDemoRound(
  trx: Db,
  actors: SeedActors,
  institutionId: number,
  counts: WriteCounts,
): Promise<Round> {
  const existing = await trx
    .selectFrom("rounds")
    .selectAll()
    .where("institution_id", "=", institutionId)
    .where("year", "=", DEMO_ROUND.year)
    .executeTakeFirst();
  if (existing) return existing;
  const created = await createRound(trx, actors.coordinator, institutionId, {
    intent: "createRound",
    year: DEMO_ROUND.year,
    editionId: DEMO_ROUND.editionId,
    title: DEMO_ROUND.title,
    deadline: isoToSeoulLocal(DEMO_ROUND.deadlineAt),
    carryOver: "none",
  });
  if (!created.ok || !created.roundId) return fail("creating the round", created);
  counts.rounds += 1;
  const draft = await getRound(trx, created.roundId);
  const opened = await runRoundIntent(trx, actors.coordinator, draft, {
    intent: "transition",
    transition: "open",
    version: draft.version,
    reason: "",
    acknowledge: false,
  });
  if (!opened.ok) fail("opening the round", opened);
  return getRound(trx, created.roundId);
}

/**
 * Everything of the plan the round does not have yet: assignments for indicators without a lead, answers for
 * indicators without a response, action items on gaps without one. What a user changed since is never touched.
 */
export async function writePlan(
  trx: Db,
  round: Round,
  edition: Edition,
  plan: RoundPlan,
  actors: SeedActors,
  departmentIds: Map<string, number>,
  counts: WriteCounts,
) {
  const leads = new Set(
    (
      await trx
        .selectFrom("assignments")
        .select("indicator_code")
        .where("round_id", "=", round.id)
        .where("role", "=", "lead")
        .execute()
    ).map((a) => a.indicator_code),
  );
  // As a coordinator would: the ticked indicators of each lead department at once, then each supporting one's.
  const missing = plan.assignments.filter((p) => !leads.has(p.code));
  const groups = new Map<string, { department: string; role: "lead" | "support"; codes: string[] }>();
  for (const a of missing) {
    for (const [department, role] of [[a.lead, "lead"], ...(a.support ? [[a.support, "support"]] : [])] as [
      string,
      "lead" | "support",
    ][]) {
      const key = `${role}:${department}`;
      if (!groups.has(key)) groups.set(key, { department, role, codes: [] });
      groups.get(key)!.codes.push(a.code);
    }
  }
  for (const g of [...groups.values()].sort((a, b) => (a.role === b.role ? 0 : a.role === "lead" ? -1 : 1))) {
    const result = await runAssignmentIntent(trx, actors.coordinator, round, {
      intent: "bulkAssign",
      target: "codes:",
      scope: "codes",
      value: "",
      codes: g.codes,
      departmentId: departmentIds.get(g.department)!,
      role: g.role,
    });
    if (!result.ok) fail(`assigning ${g.codes.join(", ")} to ${g.department}`, result);
    counts.assignments += g.codes.length;
  }

  const answered = new Set(
    (await trx.selectFrom("responses").select("indicator_code").where("round_id", "=", round.id).execute()).map(
      (r) => r.indicator_code,
    ),
  );
  const byCode = new Map(edition.indicators.map((i) => [i.code, i]));
  const leadOf = new Map(plan.assignments.map((a) => [a.code, a.lead]));
  for (const r of plan.responses.filter((p) => !answered.has(p.code))) {
    const indicator = byCode.get(r.code)!;
    const author = actors.authorFor(leadOf.get(r.code)!);
    counts.responses += 1;
    if (r.status === "not_started") {
      await ensureResponse(trx, author.userId, round, r.code);
      continue;
    }
    const draft = draftFromRow({ implemented: r.implemented, answer: r.answer, narrative: r.narrative });
    const score = scoreDraft(indicator, draft);
    const written = await writeDraft(trx, author.userId, round, r.code, null, {
      draft,
      selfTenths: score.state === "scored" ? score.tenths : null,
      intent: r.submitted ? "submit" : "save",
    });
    if (written.kind !== "written") fail(`answering ${r.code}`, written.kind);
    for (const e of r.evidence) {
      await addEvidence(
        trx,
        author.userId,
        round,
        r.code,
        e.kind === "link"
          ? { kind: "link", title: e.title, url: e.url! }
          : { kind: "note", title: e.title, note: e.note! },
      );
      counts.evidence += 1;
    }
    if (r.status === "approved" || r.status === "returned") {
      const ctx = await indicatorContext(trx, actors.auditor, String(round.id), r.code);
      const version = ctx.response!.version;
      const reviewed = await reviewResponse(
        trx,
        actors.auditor,
        ctx,
        r.status === "approved"
          ? { intent: "approve", version }
          : { intent: "return", version, comment: r.returnReason ?? RETURN_REASON },
      );
      if (!reviewed.ok) fail(`reviewing ${r.code}`, reviewed);
      if (r.status === "returned") counts.comments += 1;
    }
  }

  const planned = new Set(
    (await trx.selectFrom("action_items").select("indicator_code").where("round_id", "=", round.id).execute()).map(
      (a) => a.indicator_code,
    ),
  );
  for (const a of plan.actions.filter((p) => !planned.has(p.code))) {
    const saved = await saveActionItem(trx, actors.coordinator, round, {
      intent: "saveAction",
      code: a.code,
      departmentId: departmentIds.get(a.department)!,
      dueDate: a.dueDate,
      status: a.status,
      notes: a.notes,
      version: 0,
    });
    if (!saved.ok) fail(`planning ${a.code}`, saved);
    counts.action_items += 1;
  }
}
