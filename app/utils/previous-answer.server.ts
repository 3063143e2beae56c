// Last year's answer beside the form (issue 15): the same indicator's answer and scores in the institution's previous
// round, and whether it may fill this year's form — the rule the coordinator's carry-over uses (app/domain/carry-over.ts:
// same code, wording and scoring between the two editions).
import type { Db } from "#db/connection";
import { diffEditions } from "#indicators/diff";
import type { Edition } from "#indicators/schema";
import type { ResponseStatus, Round } from "#db/schema";
import { answersToCarry } from "~/domain/carry-over";
import { type Draft, draftFromRow } from "~/domain/response-rules";
import { getEdition } from "./editions.server";
import { previousRound } from "./library-read.server";

export interface PreviousAnswerView {
  roundId: number;
  roundTitle: string;
  status: ResponseStatus;
  draft: Draft;
  selfTenths: number | null;
  /** The auditor's score, once reviewed (approved or adjusted); null otherwise. */
  reviewedTenths: number | null;
  /** The indicator is unchanged enough for its answer to fill this year's form. */
  usable: boolean;
}

export async function previousAnswer(
  db: Db,
  round: Pick<Round, "institution_id" | "year">,
  edition: Edition,
  code: string,
): Promise<PreviousAnswerView | null> {
  const previous = await previousRound(db, round);
  if (!previous) return null;
  const row = await db
    .selectFrom("responses")
    .select(["status", "implemented", "answer", "narrative", "self_tenths", "reviewed_tenths"])
    .where("round_id", "=", previous.id)
    .where("indicator_code", "=", code)
    .executeTakeFirst();
  if (!row || (row.implemented === null && row.answer === null && !row.narrative)) return null;
  const previousEdition = previous.edition_id === edition.id ? edition : await getEdition(db, previous.edition_id);
  // The coordinator's carry-over rule decides, so the form offers exactly what a carry-over would bring.
  const usable = previousEdition
    ? answersToCarry(diffEditions(previousEdition, edition), [{ ...row, indicatorCode: code }]).length === 1
    : false;
  return {
    roundId: previous.id,
    roundTitle: previous.title,
    status: row.status,
    draft: draftFromRow(row),
    selfTenths: row.self_tenths,
    reviewedTenths: row.reviewed_tenths,
    usable,
  };
}
